package io.rawsys.cli.net;

import io.rawsys.linux.Netlink;
import io.rawsys.linux.struct.RtaCacheinfo;
import io.rawsys.linux.struct.Rtmsg;
import io.rawsys.netlink.NetlinkAttribute;
import io.rawsys.netlink.NetlinkAttributes;
import io.rawsys.netlink.NetlinkMessage;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A route as an RTM_NEWROUTE or RTM_DELROUTE message describes it. A field the kernel did not send
 * is null.
 *
 * @param deleted whether it is an RTM_DELROUTE
 * @param family AF_INET, AF_INET6 …
 * @param dstLength the destination prefix length
 * @param srcLength the source prefix length
 * @param tos the type-of-service byte
 * @param table RTA_TABLE, or the header's 8-bit table when there is none
 * @param protocol an RTPROT_ value
 * @param scope an RT_SCOPE_ value
 * @param type an RTN_ value
 * @param flags RTM_F_ and RTNH_F_ flags
 * @param dst RTA_DST
 * @param src RTA_SRC
 * @param gateway RTA_GATEWAY
 * @param via RTA_VIA: a gateway of another family
 * @param oif RTA_OIF, the output interface's index
 * @param iif RTA_IIF
 * @param prefsrc RTA_PREFSRC
 * @param priority RTA_PRIORITY, the metric
 * @param mark RTA_MARK
 * @param uid RTA_UID
 * @param nexthopId RTA_NH_ID
 * @param preference RTA_PREF, an ICMPV6_ROUTER_PREF_ value
 * @param expires the cache info's expiry, in clock ticks (USER_HZ)
 * @param error the cache info's error
 * @param metrics RTA_METRICS, decoded
 * @param nexthops RTA_MULTIPATH, decoded, or null without one
 */
record Route(
        boolean deleted,
        int family,
        int dstLength,
        int srcLength,
        int tos,
        long table,
        int protocol,
        int scope,
        int type,
        int flags,
        byte[] dst,
        byte[] src,
        byte[] gateway,
        Via via,
        Long oif,
        Long iif,
        byte[] prefsrc,
        Long priority,
        Long mark,
        Long uid,
        Long nexthopId,
        Integer preference,
        Long expires,
        Long error,
        List<RouteMetric> metrics,
        List<Nexthop> nexthops) {

    /**
     * A gateway of another family than the route's (RTA_VIA: IPv4 over an IPv6 next hop).
     *
     * @param family the gateway's address family
     * @param address its address
     */
    record Via(int family, byte[] address) {
        static Via decode(NetlinkAttribute via) {
            byte[] value = via.bytes();
            // struct rtvia: a 16-bit sa_family_t, then the address
            return new Via(via.u16(), Arrays.copyOfRange(value, 2, value.length));
        }
    }

    /**
     * One path of a multipath route.
     *
     * @param ifindex its output interface
     * @param weight its weight (rtnh_hops + 1)
     * @param flags its RTNH_F_ flags
     * @param gateway RTA_GATEWAY inside it
     * @param via RTA_VIA inside it
     */
    record Nexthop(int ifindex, int weight, int flags, byte[] gateway, Via via) {}

    /** Decodes an RTM_NEWROUTE or RTM_DELROUTE. */
    static Route decode(NetlinkMessage message) {
        var rtm = message.fixedHeader(Rtmsg.sizeof());
        NetlinkAttributes a = message.attributes(Rtmsg.sizeof());
        Optional<NetlinkAttribute> cache = a.find(Netlink.RTA_CACHEINFO);
        return new Route(
                message.type() == Netlink.RTM_DELROUTE,
                Byte.toUnsignedInt(Rtmsg.rtm_family(rtm)),
                Byte.toUnsignedInt(Rtmsg.rtm_dst_len(rtm)),
                Byte.toUnsignedInt(Rtmsg.rtm_src_len(rtm)),
                Byte.toUnsignedInt(Rtmsg.rtm_tos(rtm)),
                a.find(Netlink.RTA_TABLE)
                        .map(NetlinkAttribute::u32AsLong)
                        .orElse((long) Byte.toUnsignedInt(Rtmsg.rtm_table(rtm))),
                Byte.toUnsignedInt(Rtmsg.rtm_protocol(rtm)),
                Byte.toUnsignedInt(Rtmsg.rtm_scope(rtm)),
                Byte.toUnsignedInt(Rtmsg.rtm_type(rtm)),
                Rtmsg.rtm_flags(rtm),
                Attributes.bytes(a, Netlink.RTA_DST),
                Attributes.bytes(a, Netlink.RTA_SRC),
                Attributes.bytes(a, Netlink.RTA_GATEWAY),
                a.find(Netlink.RTA_VIA).map(Via::decode).orElse(null),
                Attributes.u32(a, Netlink.RTA_OIF),
                Attributes.u32(a, Netlink.RTA_IIF),
                Attributes.bytes(a, Netlink.RTA_PREFSRC),
                Attributes.u32(a, Netlink.RTA_PRIORITY),
                Attributes.u32(a, Netlink.RTA_MARK),
                Attributes.u32(a, Netlink.RTA_UID),
                Attributes.u32(a, Netlink.RTA_NH_ID),
                Attributes.u8(a, Netlink.RTA_PREF),
                cache.map(c -> (long) RtaCacheinfo.rta_expires(c.struct(RtaCacheinfo.sizeof())))
                        .orElse(null),
                cache.map(
                                c ->
                                        Integer.toUnsignedLong(
                                                RtaCacheinfo.rta_error(
                                                        c.struct(RtaCacheinfo.sizeof()))))
                        .orElse(null),
                a.find(Netlink.RTA_METRICS)
                        .map(m -> RouteMetric.decode(m.nestedAttributes()))
                        .orElse(List.of()),
                a.find(Netlink.RTA_MULTIPATH).map(Multipath::decode).orElse(null));
    }
}
