package io.rawsys.netlink;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * One attribute of a netlink message (a {@code struct nlattr} or {@code struct rtattr}, which share
 * one layout): its type with the flag bits masked off, and its value, a segment exactly as long as
 * the attribute says (padding excluded). The typed readers check the value is long enough first.
 *
 * @param type the attribute type, {@code nla_type & NLA_TYPE_MASK}
 * @param nested whether the sender set NLA_F_NESTED (the value is an attribute list)
 * @param networkByteOrder whether the sender set NLA_F_NET_BYTEORDER (numbers are big-endian)
 * @param value the value's bytes
 */
public record NetlinkAttribute(
        int type, boolean nested, boolean networkByteOrder, MemorySegment value) {

    /** An unsigned byte. */
    public int u8() {
        return Byte.toUnsignedInt(value.get(ValueLayout.JAVA_BYTE, need(1)));
    }

    /** An unsigned 16-bit number, in host order (or network order, if the flag says so). */
    public int u16() {
        return Short.toUnsignedInt(value.get(order(ValueLayout.JAVA_SHORT_UNALIGNED), need(2)));
    }

    /**
     * A 32-bit number, in host order (or network order, if the flag says so); unsigned values above
     * {@code Integer.MAX_VALUE} come back negative: use {@link #u32AsLong()}.
     */
    public int u32() {
        return value.get(order(ValueLayout.JAVA_INT_UNALIGNED), need(4));
    }

    /** A 32-bit unsigned number, widened. */
    public long u32AsLong() {
        return Integer.toUnsignedLong(u32());
    }

    /** A 64-bit number, in host order (or network order, if the flag says so). */
    public long u64() {
        return value.get(order(ValueLayout.JAVA_LONG_UNALIGNED), need(8));
    }

    /** A string: the value up to its first NUL, or all of it when there is none, as UTF-8. */
    public String string() {
        long end = 0;
        while (end < value.byteSize() && value.get(ValueLayout.JAVA_BYTE, end) != 0) {
            end++;
        }
        return new String(
                value.asSlice(0, end).toArray(ValueLayout.JAVA_BYTE), StandardCharsets.UTF_8);
    }

    /**
     * The value as a struct of {@code size} bytes, such as an {@code ifa_cacheinfo}, to read with
     * the generated accessors.
     *
     * @throws NetlinkFormatException if the value is shorter than the struct
     */
    public MemorySegment struct(long size) {
        need(size);
        return value.asSlice(0, size);
    }

    /** A copy of the value's bytes. */
    public byte[] bytes() {
        return value.toArray(ValueLayout.JAVA_BYTE);
    }

    /**
     * The value read as a list of attributes (whether or not NLA_F_NESTED was set: rtnetlink's
     * older nested attributes lack it).
     *
     * @throws NetlinkFormatException if the value is no well-formed attribute list
     */
    public NetlinkAttributes nestedAttributes() {
        return NetlinkAttributes.parse(value);
    }

    private long need(long bytes) {
        if (value.byteSize() < bytes) {
            throw new NetlinkFormatException(
                    "attribute type "
                            + type
                            + " holds "
                            + value.byteSize()
                            + " bytes, fewer than the "
                            + bytes
                            + " its value needs");
        }
        return 0;
    }

    private <L extends ValueLayout> L order(L layout) {
        @SuppressWarnings("unchecked")
        L ordered = networkByteOrder ? (L) layout.withOrder(ByteOrder.BIG_ENDIAN) : layout;
        return ordered;
    }
}
