package io.rawsys.cli.net;

import io.rawsys.linux.Netlink;
import io.rawsys.linux.struct.Rtnexthop;
import io.rawsys.netlink.NetlinkAttribute;
import io.rawsys.netlink.NetlinkAttributes;
import io.rawsys.netlink.NetlinkFormatException;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * RTA_MULTIPATH: a list of {@code struct rtnexthop}, each followed by its own attributes and
 * aligned to RTNH_ALIGNTO, every length checked against what remains.
 */
final class Multipath {
    private Multipath() {}

    static List<Route.Nexthop> decode(NetlinkAttribute multipath) {
        MemorySegment list = multipath.value();
        long header = Rtnexthop.sizeof();
        List<Route.Nexthop> nexthops = new ArrayList<>();
        for (long at = 0; at < list.byteSize(); ) {
            long remaining = list.byteSize() - at;
            if (remaining < header) {
                throw new NetlinkFormatException(
                        remaining + " stray bytes after the last next hop, at offset " + at);
            }
            MemorySegment nh = list.asSlice(at, header);
            int length = Short.toUnsignedInt(Rtnexthop.rtnh_len(nh));
            if (length < header || length > remaining) {
                throw new NetlinkFormatException(
                        "the next hop at offset "
                                + at
                                + " claims "
                                + length
                                + " bytes; it needs "
                                + header
                                + " and "
                                + remaining
                                + " remain");
            }
            NetlinkAttributes a =
                    NetlinkAttributes.parse(list.asSlice(at + header, length - header));
            nexthops.add(
                    new Route.Nexthop(
                            Rtnexthop.rtnh_ifindex(nh),
                            Byte.toUnsignedInt(Rtnexthop.rtnh_hops(nh)) + 1,
                            Byte.toUnsignedInt(Rtnexthop.rtnh_flags(nh)),
                            Attributes.bytes(a, Netlink.RTA_GATEWAY),
                            a.find(Netlink.RTA_VIA).map(Route.Via::decode).orElse(null)));
            int align = Netlink.RTNH_ALIGNTO;
            at = Math.min(list.byteSize(), at + ((length + align - 1) & -align));
        }
        return nexthops;
    }
}
