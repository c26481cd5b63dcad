package io.rawsys.netlink;

import io.rawsys.linux.Netlink;
import io.rawsys.linux.struct.Nlmsghdr;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * One netlink message: a {@code struct nlmsghdr} and its payload, viewed in place. A datagram holds
 * one or more, each aligned to NLMSG_ALIGNTO (4):
 *
 * <pre>
 *  0          4        6         8          12         16                      len
 *  +----------+--------+---------+----------+----------+-----------------------+-----
 *  | len      | type   | flags   | seq      | pid      | payload               | next
 *  +----------+--------+---------+----------+----------+-----------------------+-----
 *  u32         u16      u16       u32        u32        e.g. ifinfomsg + attributes
 * </pre>
 *
 * <p>The payload segment ends where {@code nlmsg_len} says, which {@link #split} has checked
 * against the datagram, so nothing read through it can reach the next message or past the end.
 */
public final class NetlinkMessage {
    private static final long HEADER = Netlink.NLMSG_HDRLEN;

    private final MemorySegment message;

    private NetlinkMessage(MemorySegment message) {
        this.message = message;
    }

    /**
     * The messages in a datagram, in order.
     *
     * @throws NetlinkFormatException if a length is shorter than the header or runs past the end,
     *     or bytes are left over that cannot hold a header
     */
    public static List<NetlinkMessage> split(MemorySegment datagram) {
        List<NetlinkMessage> messages = new ArrayList<>();
        long size = datagram.byteSize();
        long at = 0;
        while (at < size) {
            if (size - at < HEADER) {
                throw new NetlinkFormatException(
                        (size - at)
                                + " stray bytes at offset "
                                + at
                                + ", too few for a netlink message header");
            }
            long length = Integer.toUnsignedLong(Nlmsghdr.nlmsg_len(datagram.asSlice(at)));
            if (length < HEADER || length > size - at) {
                throw new NetlinkFormatException(
                        "the message at offset "
                                + at
                                + " claims "
                                + length
                                + " bytes; a message holds at least "
                                + HEADER
                                + " and only "
                                + (size - at)
                                + " remain");
            }
            messages.add(new NetlinkMessage(datagram.asSlice(at, length)));
            at = Math.min(size, at + Align.message(length));
        }
        return messages;
    }

    /** {@code nlmsg_type}: RTM_NEWLINK, NLMSG_ERROR, NLMSG_DONE … */
    public int type() {
        return Short.toUnsignedInt(Nlmsghdr.nlmsg_type(message));
    }

    /** {@code nlmsg_flags}: NLM_F_MULTI, NLM_F_DUMP_INTR … */
    public int flags() {
        return Short.toUnsignedInt(Nlmsghdr.nlmsg_flags(message));
    }

    /** {@code nlmsg_seq}: the sequence number of the request this answers; 0 for a notification. */
    public int sequence() {
        return Nlmsghdr.nlmsg_seq(message);
    }

    /** {@code nlmsg_pid}: the port the message is addressed to or came from (0 is the kernel). */
    public int portId() {
        return Nlmsghdr.nlmsg_pid(message);
    }

    /** The whole message, header included, exactly {@code nlmsg_len} bytes. */
    public MemorySegment bytes() {
        return message;
    }

    /** The payload after the header, up to {@code nlmsg_len}. */
    public MemorySegment payload() {
        return message.asSlice(HEADER);
    }

    /**
     * The fixed-size struct at the start of the payload ({@code ifinfomsg}, {@code rtmsg} …).
     *
     * @throws NetlinkFormatException if the payload is shorter than {@code size}
     */
    public MemorySegment fixedHeader(long size) {
        MemorySegment payload = payload();
        if (payload.byteSize() < size) {
            throw new NetlinkFormatException(
                    "message type "
                            + type()
                            + " has a payload of "
                            + payload.byteSize()
                            + " bytes, too short for its "
                            + size
                            + "-byte header");
        }
        return payload.asSlice(0, size);
    }

    /**
     * The attributes after a fixed-size struct of {@code fixedSize} bytes (aligned, as NLMSG_ALIGN
     * and the kernel's {@code nlmsg_attrdata} place them).
     *
     * @throws NetlinkFormatException if the payload is shorter than the struct or the attributes
     *     are malformed
     */
    public NetlinkAttributes attributes(long fixedSize) {
        fixedHeader(fixedSize);
        MemorySegment payload = payload();
        return NetlinkAttributes.parse(
                payload.asSlice(Math.min(payload.byteSize(), Align.message(fixedSize))));
    }

    @Override
    public String toString() {
        return "NetlinkMessage[type="
                + type()
                + ", flags=0x"
                + Integer.toHexString(flags())
                + ", seq="
                + Integer.toUnsignedString(sequence())
                + ", pid="
                + Integer.toUnsignedString(portId())
                + ", "
                + payload().byteSize()
                + " bytes]";
    }
}
