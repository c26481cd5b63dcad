package io.rawsys.cli.net;

import io.rawsys.linux.Netlink;
import io.rawsys.linux.struct.Ifinfomsg;
import io.rawsys.netlink.NetlinkAttribute;
import io.rawsys.netlink.NetlinkAttributes;
import io.rawsys.netlink.NetlinkMessage;
import java.util.List;

/**
 * An interface as an RTM_NEWLINK or RTM_DELLINK message describes it: the {@code ifinfomsg} and the
 * IFLA_ attributes ip prints. A field the kernel did not send is null.
 *
 * @param deleted whether it is an RTM_DELLINK
 * @param index the interface index
 * @param type the link type, an ARPHRD_ value
 * @param flags the IFF_ flags
 * @param name IFLA_IFNAME
 * @param peer IFLA_LINK: the index of the link this one is stacked on or paired with (0: none)
 * @param peerNetnsid IFLA_LINK_NETNSID: the namespace id the peer's index belongs to
 * @param mtu IFLA_MTU
 * @param qdisc IFLA_QDISC
 * @param master IFLA_MASTER: the index of the bridge or bond it is a port of
 * @param operstate IFLA_OPERSTATE, an IF_OPER_ value
 * @param linkMode IFLA_LINKMODE, an IF_LINK_MODE_ value
 * @param group IFLA_GROUP
 * @param transmitQueueLength IFLA_TXQLEN
 * @param address IFLA_ADDRESS
 * @param broadcast IFLA_BROADCAST
 * @param permanentAddress IFLA_PERM_ADDRESS
 * @param protoDown IFLA_PROTO_DOWN set
 * @param altnames the IFLA_ALT_IFNAMEs of IFLA_PROP_LIST, or null without one
 */
record Link(
        boolean deleted,
        int index,
        int type,
        int flags,
        String name,
        Long peer,
        Long peerNetnsid,
        Long mtu,
        String qdisc,
        Long master,
        Integer operstate,
        Integer linkMode,
        Long group,
        Long transmitQueueLength,
        byte[] address,
        byte[] broadcast,
        byte[] permanentAddress,
        boolean protoDown,
        List<String> altnames) {

    /** Decodes an RTM_NEWLINK or RTM_DELLINK. */
    static Link decode(NetlinkMessage message) {
        var ifi = message.fixedHeader(Ifinfomsg.sizeof());
        NetlinkAttributes a = message.attributes(Ifinfomsg.sizeof());
        int index = Ifinfomsg.ifi_index(ifi);
        return new Link(
                message.type() == Netlink.RTM_DELLINK,
                index,
                Short.toUnsignedInt(Ifinfomsg.ifi_type(ifi)),
                Ifinfomsg.ifi_flags(ifi),
                a.find(Netlink.IFLA_IFNAME).map(NetlinkAttribute::string).orElse("if" + index),
                Attributes.u32(a, Netlink.IFLA_LINK),
                Attributes.s32(a, Netlink.IFLA_LINK_NETNSID),
                Attributes.u32(a, Netlink.IFLA_MTU),
                Attributes.string(a, Netlink.IFLA_QDISC),
                Attributes.u32(a, Netlink.IFLA_MASTER),
                Attributes.u8(a, Netlink.IFLA_OPERSTATE),
                Attributes.u8(a, Netlink.IFLA_LINKMODE),
                Attributes.u32(a, Netlink.IFLA_GROUP),
                Attributes.u32(a, Netlink.IFLA_TXQLEN),
                Attributes.bytes(a, Netlink.IFLA_ADDRESS),
                Attributes.bytes(a, Netlink.IFLA_BROADCAST),
                Attributes.bytes(a, Netlink.IFLA_PERM_ADDRESS),
                a.find(Netlink.IFLA_PROTO_DOWN).map(p -> p.u8() != 0).orElse(false),
                a.find(Netlink.IFLA_PROP_LIST)
                        .map(
                                p ->
                                        p.nestedAttributes().all(Netlink.IFLA_ALT_IFNAME).stream()
                                                .map(NetlinkAttribute::string)
                                                .toList())
                        .orElse(null));
    }

    /** This link with a transmit queue length learnt elsewhere. */
    Link withTransmitQueueLength(long length) {
        return new Link(
                deleted,
                index,
                type,
                flags,
                name,
                peer,
                peerNetnsid,
                mtu,
                qdisc,
                master,
                operstate,
                linkMode,
                group,
                length,
                address,
                broadcast,
                permanentAddress,
                protoDown,
                altnames);
    }
}
