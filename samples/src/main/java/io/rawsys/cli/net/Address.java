package io.rawsys.cli.net;

import io.rawsys.linux.Netlink;
import io.rawsys.linux.struct.IfaCacheinfo;
import io.rawsys.linux.struct.Ifaddrmsg;
import io.rawsys.netlink.NetlinkAttribute;
import io.rawsys.netlink.NetlinkAttributes;
import io.rawsys.netlink.NetlinkMessage;
import java.util.Optional;

/**
 * An address as an RTM_NEWADDR or RTM_DELADDR message describes it. A field the kernel did not send
 * is null.
 *
 * @param deleted whether it is an RTM_DELADDR
 * @param family AF_INET or AF_INET6
 * @param prefixLength the prefix length
 * @param flags the IFA_F_ flags: IFA_FLAGS when present (32 bits), else the header's 8
 * @param scope an RT_SCOPE_ value
 * @param index the interface's index
 * @param local IFA_LOCAL, or IFA_ADDRESS when there is none (IPv6 sends only that)
 * @param address IFA_ADDRESS, or IFA_LOCAL when there is none: differs from local on a
 *     point-to-point link, where it is the peer
 * @param broadcast IFA_BROADCAST
 * @param anycast IFA_ANYCAST
 * @param label IFA_LABEL
 * @param validLifetime the cache info's valid lifetime in seconds; 0xFFFFFFFF is forever
 * @param preferredLifetime the cache info's preferred lifetime in seconds
 * @param metric IFA_RT_PRIORITY
 */
record Address(
        boolean deleted,
        int family,
        int prefixLength,
        int flags,
        int scope,
        int index,
        byte[] local,
        byte[] address,
        byte[] broadcast,
        byte[] anycast,
        String label,
        Long validLifetime,
        Long preferredLifetime,
        Long metric) {

    /** Decodes an RTM_NEWADDR or RTM_DELADDR. */
    static Address decode(NetlinkMessage message) {
        var ifa = message.fixedHeader(Ifaddrmsg.sizeof());
        NetlinkAttributes a = message.attributes(Ifaddrmsg.sizeof());
        byte[] local = Attributes.bytes(a, Netlink.IFA_LOCAL);
        byte[] address = Attributes.bytes(a, Netlink.IFA_ADDRESS);
        Optional<NetlinkAttribute> cache = a.find(Netlink.IFA_CACHEINFO);
        return new Address(
                message.type() == Netlink.RTM_DELADDR,
                Byte.toUnsignedInt(Ifaddrmsg.ifa_family(ifa)),
                Byte.toUnsignedInt(Ifaddrmsg.ifa_prefixlen(ifa)),
                a.find(Netlink.IFA_FLAGS)
                        .map(NetlinkAttribute::u32)
                        .orElse(Byte.toUnsignedInt(Ifaddrmsg.ifa_flags(ifa))),
                Byte.toUnsignedInt(Ifaddrmsg.ifa_scope(ifa)),
                Ifaddrmsg.ifa_index(ifa),
                local != null ? local : address,
                address != null ? address : local,
                Attributes.bytes(a, Netlink.IFA_BROADCAST),
                Attributes.bytes(a, Netlink.IFA_ANYCAST),
                Attributes.string(a, Netlink.IFA_LABEL),
                cache.map(
                                c ->
                                        Integer.toUnsignedLong(
                                                IfaCacheinfo.ifa_valid(
                                                        c.struct(IfaCacheinfo.sizeof()))))
                        .orElse(null),
                cache.map(
                                c ->
                                        Integer.toUnsignedLong(
                                                IfaCacheinfo.ifa_prefered(
                                                        c.struct(IfaCacheinfo.sizeof()))))
                        .orElse(null),
                Attributes.u32(a, Netlink.IFA_RT_PRIORITY));
    }
}
