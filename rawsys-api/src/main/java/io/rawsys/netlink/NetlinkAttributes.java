package io.rawsys.netlink;

import io.rawsys.linux.Netlink;
import io.rawsys.linux.struct.Nlattr;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * A list of netlink attributes, type-length-value records each aligned to NLA_ALIGNTO (4): the tail
 * of an rtnetlink message after its fixed header, or a nested attribute's value.
 *
 * <pre>
 *  0        2        4                 len    NLA_ALIGN(len)
 *  +--------+--------+-----------------+------+--------+---
 *  | len    | type   | value           | pad  | len    | ...
 *  +--------+--------+-----------------+------+--------+---
 *  u16       u16: bit 15 NLA_F_NESTED, bit 14 NLA_F_NET_BYTEORDER
 * </pre>
 *
 * <p>{@link #parse} checks the whole list before returning: every length at least the 4-byte header
 * and within the bytes that remain, no stray bytes after the last attribute. A malformed list
 * throws {@link NetlinkFormatException} naming the offset; nothing outside the segment is ever
 * read, since each value is a bounded slice of it.
 */
public final class NetlinkAttributes implements Iterable<NetlinkAttribute> {
    private static final long HEADER = Nlattr.sizeof();

    private final List<NetlinkAttribute> attributes;

    private NetlinkAttributes(List<NetlinkAttribute> attributes) {
        this.attributes = attributes;
    }

    /**
     * Parses and checks the attributes that fill {@code area}.
     *
     * @throws NetlinkFormatException if a length is too small, runs past the end, or bytes are left
     *     over that cannot hold an attribute
     */
    public static NetlinkAttributes parse(MemorySegment area) {
        List<NetlinkAttribute> attributes = new ArrayList<>();
        long size = area.byteSize();
        long at = 0;
        while (at < size) {
            if (size - at < HEADER) {
                throw new NetlinkFormatException(
                        (size - at)
                                + " stray bytes at offset "
                                + at
                                + " after the last attribute, too few for an attribute header");
            }
            MemorySegment header = area.asSlice(at, HEADER);
            int length = Short.toUnsignedInt(Nlattr.nla_len(header));
            int type = Short.toUnsignedInt(Nlattr.nla_type(header));
            if (length < HEADER) {
                throw new NetlinkFormatException(
                        "the attribute at offset "
                                + at
                                + " (type "
                                + (type & Netlink.NLA_TYPE_MASK)
                                + ") claims "
                                + length
                                + " bytes, fewer than its own "
                                + HEADER
                                + "-byte header");
            }
            if (length > size - at) {
                throw new NetlinkFormatException(
                        "the attribute at offset "
                                + at
                                + " (type "
                                + (type & Netlink.NLA_TYPE_MASK)
                                + ") claims "
                                + length
                                + " bytes, but only "
                                + (size - at)
                                + " remain");
            }
            attributes.add(
                    new NetlinkAttribute(
                            type & Netlink.NLA_TYPE_MASK,
                            (type & Netlink.NLA_F_NESTED) != 0,
                            (type & Netlink.NLA_F_NET_BYTEORDER) != 0,
                            area.asSlice(at + HEADER, length - HEADER)));
            // The last attribute's padding may be missing: stop at the end either way.
            at = Math.min(size, at + Align.attribute(length));
        }
        return new NetlinkAttributes(List.copyOf(attributes));
    }

    /** The first attribute of {@code type}, as the kernel's and iproute2's parsers take it. */
    public Optional<NetlinkAttribute> find(int type) {
        for (NetlinkAttribute a : attributes) {
            if (a.type() == type) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** Whether there is an attribute of {@code type}. */
    public boolean has(int type) {
        return find(type).isPresent();
    }

    /** Every attribute of {@code type}, in order (lists such as IFLA_PROP_LIST repeat a type). */
    public List<NetlinkAttribute> all(int type) {
        return attributes.stream().filter(a -> a.type() == type).toList();
    }

    /** Every attribute, in order. */
    public List<NetlinkAttribute> list() {
        return attributes;
    }

    /** How many attributes there are. */
    public int size() {
        return attributes.size();
    }

    @Override
    public Iterator<NetlinkAttribute> iterator() {
        return attributes.iterator();
    }
}
