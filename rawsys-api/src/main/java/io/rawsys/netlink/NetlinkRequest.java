package io.rawsys.netlink;

import io.rawsys.linux.Netlink;
import io.rawsys.linux.struct.Nlattr;
import io.rawsys.linux.struct.Nlmsghdr;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.function.Consumer;

/**
 * A netlink request, built in order: the header, a fixed-size struct, then attributes (nested ones
 * between {@link #beginNested} and {@link #endNested}), each aligned as the kernel expects. The
 * sequence number and port are filled in by {@link NetlinkSocket} when it sends the request.
 *
 * <pre>{@code
 * NetlinkRequest dumpLinks =
 *         NetlinkRequest.of(Netlink.RTM_GETLINK, Netlink.NLM_F_DUMP)
 *                 .struct(Ifinfomsg.sizeof(), ifi -> Ifinfomsg.ifi_family(ifi, (byte) Socket.AF_UNSPEC))
 *                 .u32(Netlink.IFLA_EXT_MASK, 0);
 * }</pre>
 */
public final class NetlinkRequest {
    private static final int HEADER = Netlink.NLMSG_HDRLEN;
    private static final int ATTRIBUTE_HEADER = (int) Nlattr.sizeof();
    private static final int MAX_ATTRIBUTE = 0xffff;

    private final int type;
    private final int flags;
    private byte[] bytes = new byte[256];
    private int length = HEADER;
    private final Deque<Integer> open = new ArrayDeque<>();

    private NetlinkRequest(int type, int flags) {
        this.type = type;
        this.flags = flags;
    }

    /**
     * A request of {@code type} (RTM_GETLINK …) with {@code flags} (NLM_F_DUMP …); NLM_F_REQUEST is
     * always added.
     */
    public static NetlinkRequest of(int type, int flags) {
        if (type < 0 || type > 0xffff || flags < 0 || flags > 0xffff) {
            throw new IllegalArgumentException(
                    "a netlink message type and its flags are 16-bit: type "
                            + type
                            + ", flags "
                            + flags);
        }
        return new NetlinkRequest(type, flags | Netlink.NLM_F_REQUEST);
    }

    /** The message type. */
    public int type() {
        return type;
    }

    /** The flags, NLM_F_REQUEST included. */
    public int flags() {
        return flags;
    }

    /**
     * Appends a zeroed struct of {@code size} bytes, which {@code fill} sets through the generated
     * accessors ({@code Ifinfomsg.ifi_family(s, …)}), then pads to NLMSG_ALIGNTO.
     */
    public NetlinkRequest struct(long size, Consumer<MemorySegment> fill) {
        int at = reserve(size, Align.message(size));
        fill.accept(MemorySegment.ofArray(bytes).asSlice(at, size));
        return this;
    }

    /** Appends an attribute whose value is {@code value}'s bytes. */
    public NetlinkRequest attribute(int type, byte[] value) {
        int at = attributeHeader(type, value.length);
        System.arraycopy(value, 0, bytes, at + ATTRIBUTE_HEADER, value.length);
        return this;
    }

    /** Appends a string attribute, NUL-terminated as NLA_NUL_STRING and IFLA_IFNAME expect. */
    public NetlinkRequest string(int type, String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        return attribute(type, Arrays.copyOf(utf8, utf8.length + 1));
    }

    /** Appends an 8-bit attribute. */
    public NetlinkRequest u8(int type, int value) {
        return attribute(type, new byte[] {(byte) value});
    }

    /** Appends a 16-bit attribute in host byte order. */
    public NetlinkRequest u16(int type, int value) {
        int at = attributeHeader(type, Short.BYTES);
        MemorySegment.ofArray(bytes)
                .set(ValueLayout.JAVA_SHORT_UNALIGNED, at + ATTRIBUTE_HEADER, (short) value);
        return this;
    }

    /** Appends a 32-bit attribute in host byte order. */
    public NetlinkRequest u32(int type, int value) {
        int at = attributeHeader(type, Integer.BYTES);
        MemorySegment.ofArray(bytes)
                .set(ValueLayout.JAVA_INT_UNALIGNED, at + ATTRIBUTE_HEADER, value);
        return this;
    }

    /** Appends a 64-bit attribute in host byte order. */
    public NetlinkRequest u64(int type, long value) {
        int at = attributeHeader(type, Long.BYTES);
        MemorySegment.ofArray(bytes)
                .set(ValueLayout.JAVA_LONG_UNALIGNED, at + ATTRIBUTE_HEADER, value);
        return this;
    }

    /**
     * Opens a nested attribute of {@code type} (flagged NLA_F_NESTED): what is appended until
     * {@link #endNested} is its value.
     */
    public NetlinkRequest beginNested(int type) {
        open.push(attributeHeader(type | Netlink.NLA_F_NESTED, 0));
        return this;
    }

    /** Closes the innermost nested attribute, setting its length to what it now holds. */
    public NetlinkRequest endNested() {
        if (open.isEmpty()) {
            throw new IllegalStateException("endNested() without a beginNested()");
        }
        int at = open.pop();
        int nestedLength = length - at;
        if (nestedLength > MAX_ATTRIBUTE) {
            throw new IllegalStateException(
                    "a nested attribute holds at most 65535 bytes, and this one has "
                            + nestedLength);
        }
        Nlattr.nla_len(MemorySegment.ofArray(bytes).asSlice(at), (short) nestedLength);
        return this;
    }

    /**
     * The message as it will be sent, in a heap segment: nlmsg_len set, sequence and port 0.
     *
     * @throws IllegalStateException if a nested attribute is still open
     */
    public MemorySegment toSegment() {
        if (!open.isEmpty()) {
            throw new IllegalStateException(
                    open.size() + " nested attribute(s) still open; call endNested()");
        }
        MemorySegment message = MemorySegment.ofArray(Arrays.copyOf(bytes, length));
        Nlmsghdr.nlmsg_len(message, length);
        Nlmsghdr.nlmsg_type(message, (short) type);
        Nlmsghdr.nlmsg_flags(message, (short) flags);
        return message;
    }

    /** The length of the message so far, header included. */
    public int length() {
        return length;
    }

    private int attributeHeader(int type, int valueLength) {
        int total = ATTRIBUTE_HEADER + valueLength;
        if (valueLength < 0 || total > MAX_ATTRIBUTE) {
            throw new IllegalArgumentException(
                    "an attribute holds at most "
                            + (MAX_ATTRIBUTE - ATTRIBUTE_HEADER)
                            + " bytes, and this one has "
                            + valueLength);
        }
        if (type < 0 || type > 0xffff) {
            throw new IllegalArgumentException("attribute type " + type + " is not 16-bit");
        }
        int at = reserve(total, Align.attribute(total));
        MemorySegment header = MemorySegment.ofArray(bytes).asSlice(at);
        Nlattr.nla_len(header, (short) total);
        Nlattr.nla_type(header, (short) type);
        return at;
    }

    /** Reserves {@code padded} zeroed bytes at the end and returns where they start. */
    private int reserve(long size, long padded) {
        if (size < 0 || length + padded > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a netlink message cannot grow by " + size);
        }
        int at = length;
        int end = (int) (length + padded);
        if (end > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(end, bytes.length * 2));
        }
        length = end;
        return at;
    }
}
