package io.rawsys.cli.net;

import static java.util.Map.entry;

import io.rawsys.linux.Netlink;
import io.rawsys.linux.Socket;
import java.util.HashMap;
import java.util.Map;

/**
 * The names ip gives numbers: iproute2's built-in tables (lib/rt_names.c, lib/ll_types.c and the
 * files it installs in /etc/iproute2), keyed by the kernel's constants. What a table lacks is
 * printed as a number, as ip does.
 */
final class Names {
    private Names() {}

    private static final Map<Integer, String> FAMILIES =
            Map.of(
                    Socket.AF_INET, "inet",
                    Socket.AF_INET6, "inet6",
                    Socket.AF_PACKET, "link",
                    Socket.AF_IPX, "ipx",
                    Socket.AF_MPLS, "mpls",
                    Socket.AF_BRIDGE, "bridge");

    private static final Map<Integer, String> SCOPES =
            Map.of(
                    Netlink.RT_SCOPE_UNIVERSE, "global",
                    Netlink.RT_SCOPE_SITE, "site",
                    Netlink.RT_SCOPE_LINK, "link",
                    Netlink.RT_SCOPE_HOST, "host",
                    Netlink.RT_SCOPE_NOWHERE, "nowhere");

    private static final Map<Integer, String> PROTOCOLS =
            Map.ofEntries(
                    entry(Netlink.RTPROT_UNSPEC, "unspec"),
                    entry(Netlink.RTPROT_REDIRECT, "redirect"),
                    entry(Netlink.RTPROT_KERNEL, "kernel"),
                    entry(Netlink.RTPROT_BOOT, "boot"),
                    entry(Netlink.RTPROT_STATIC, "static"),
                    entry(Netlink.RTPROT_GATED, "gated"),
                    entry(Netlink.RTPROT_RA, "ra"),
                    entry(Netlink.RTPROT_MRT, "mrt"),
                    entry(Netlink.RTPROT_ZEBRA, "zebra"),
                    entry(Netlink.RTPROT_BIRD, "bird"),
                    entry(Netlink.RTPROT_DNROUTED, "dnrouted"),
                    entry(Netlink.RTPROT_XORP, "xorp"),
                    entry(Netlink.RTPROT_NTK, "ntk"),
                    entry(Netlink.RTPROT_DHCP, "dhcp"),
                    entry(Netlink.RTPROT_KEEPALIVED, "keepalived"),
                    entry(Netlink.RTPROT_BABEL, "babel"),
                    entry(Netlink.RTPROT_OPENR, "openr"),
                    entry(Netlink.RTPROT_BGP, "bgp"),
                    entry(Netlink.RTPROT_ISIS, "isis"),
                    entry(Netlink.RTPROT_OSPF, "ospf"),
                    entry(Netlink.RTPROT_RIP, "rip"),
                    entry(Netlink.RTPROT_EIGRP, "eigrp"));

    private static final Map<Long, String> TABLES =
            Map.of(
                    (long) Netlink.RT_TABLE_UNSPEC, "unspec",
                    (long) Netlink.RT_TABLE_DEFAULT, "default",
                    (long) Netlink.RT_TABLE_MAIN, "main",
                    (long) Netlink.RT_TABLE_LOCAL, "local");

    private static final Map<Integer, String> ROUTE_TYPES =
            Map.ofEntries(
                    entry(Netlink.RTN_UNSPEC, "none"),
                    entry(Netlink.RTN_UNICAST, "unicast"),
                    entry(Netlink.RTN_LOCAL, "local"),
                    entry(Netlink.RTN_BROADCAST, "broadcast"),
                    entry(Netlink.RTN_ANYCAST, "anycast"),
                    entry(Netlink.RTN_MULTICAST, "multicast"),
                    entry(Netlink.RTN_BLACKHOLE, "blackhole"),
                    entry(Netlink.RTN_UNREACHABLE, "unreachable"),
                    entry(Netlink.RTN_PROHIBIT, "prohibit"),
                    entry(Netlink.RTN_THROW, "throw"),
                    entry(Netlink.RTN_NAT, "nat"),
                    entry(Netlink.RTN_XRESOLVE, "xresolve"));

    private static final Map<Integer, String> OPERSTATES =
            Map.of(
                    Netlink.IF_OPER_UNKNOWN, "UNKNOWN",
                    Netlink.IF_OPER_NOTPRESENT, "NOTPRESENT",
                    Netlink.IF_OPER_DOWN, "DOWN",
                    Netlink.IF_OPER_LOWERLAYERDOWN, "LOWERLAYERDOWN",
                    Netlink.IF_OPER_TESTING, "TESTING",
                    Netlink.IF_OPER_DORMANT, "DORMANT",
                    Netlink.IF_OPER_UP, "UP");

    private static final Map<Integer, String> LINK_MODES =
            Map.of(
                    Netlink.IF_LINK_MODE_DEFAULT, "DEFAULT",
                    Netlink.IF_LINK_MODE_DORMANT, "DORMANT",
                    Netlink.IF_LINK_MODE_TESTING, "TESTING");

    private static final Map<Integer, String> LINK_TYPES = linkTypes();

    /** An address family as ip names it (inet, inet6), or null for one it has no name for. */
    static String family(int family) {
        return FAMILIES.get(family);
    }

    /** A route or address scope: global, link, host … */
    static String scope(int scope) {
        return SCOPES.getOrDefault(scope, Integer.toString(scope));
    }

    /** A route's protocol: kernel, boot, static, dhcp … */
    static String protocol(int protocol) {
        return PROTOCOLS.getOrDefault(protocol, Integer.toString(protocol));
    }

    /** A routing table: main, local, default, or its number. */
    static String table(long table) {
        return TABLES.getOrDefault(table, Long.toString(table));
    }

    /** A route type: unicast, local, broadcast, unreachable … */
    static String routeType(int type) {
        return ROUTE_TYPES.getOrDefault(type, Integer.toString(type));
    }

    /** An operational state (UP, DOWN, UNKNOWN …), or null past the ones ip knows. */
    static String operstate(int state) {
        return OPERSTATES.get(state);
    }

    /** A link mode (DEFAULT, DORMANT), or null for one ip has no name for. */
    static String linkMode(int mode) {
        return LINK_MODES.get(mode);
    }

    /** An interface group: 0 is "default", as iproute2's /etc/iproute2/group says. */
    static String group(long group) {
        return group == 0 ? "default" : Long.toString(group);
    }

    /** A link type (ARPHRD_*) as {@code link/TYPE} shows it: ether, loopback, none … */
    static String linkType(int type) {
        String name = LINK_TYPES.get(type);
        return name != null ? name : "[" + type + "]";
    }

    private static Map<Integer, String> linkTypes() {
        Map<Integer, String> names = new HashMap<>();
        names.put(Netlink.ARPHRD_NETROM, "generic"); // type 0: ip calls it generic
        names.put(Netlink.ARPHRD_ETHER, "ether");
        names.put(Netlink.ARPHRD_EETHER, "eether");
        names.put(Netlink.ARPHRD_AX25, "ax25");
        names.put(Netlink.ARPHRD_PRONET, "pronet");
        names.put(Netlink.ARPHRD_CHAOS, "chaos");
        names.put(Netlink.ARPHRD_IEEE802, "ieee802");
        names.put(Netlink.ARPHRD_ARCNET, "arcnet");
        names.put(Netlink.ARPHRD_APPLETLK, "atalk");
        names.put(Netlink.ARPHRD_DLCI, "dlci");
        names.put(Netlink.ARPHRD_ATM, "atm");
        names.put(Netlink.ARPHRD_METRICOM, "metricom");
        names.put(Netlink.ARPHRD_IEEE1394, "ieee1394");
        names.put(Netlink.ARPHRD_INFINIBAND, "infiniband");
        names.put(Netlink.ARPHRD_SLIP, "slip");
        names.put(Netlink.ARPHRD_CSLIP, "cslip");
        names.put(Netlink.ARPHRD_SLIP6, "slip6");
        names.put(Netlink.ARPHRD_CSLIP6, "cslip6");
        names.put(Netlink.ARPHRD_RSRVD, "rsrvd");
        names.put(Netlink.ARPHRD_ADAPT, "adapt");
        names.put(Netlink.ARPHRD_ROSE, "rose");
        names.put(Netlink.ARPHRD_X25, "x25");
        names.put(Netlink.ARPHRD_HWX25, "hwx25");
        names.put(Netlink.ARPHRD_CAN, "can");
        names.put(Netlink.ARPHRD_PPP, "ppp");
        names.put(Netlink.ARPHRD_HDLC, "hdlc");
        names.put(Netlink.ARPHRD_LAPB, "lapb");
        names.put(Netlink.ARPHRD_DDCMP, "ddcmp");
        names.put(Netlink.ARPHRD_RAWHDLC, "rawhdlc");
        names.put(Netlink.ARPHRD_TUNNEL, "ipip");
        names.put(Netlink.ARPHRD_TUNNEL6, "tunnel6");
        names.put(Netlink.ARPHRD_FRAD, "frad");
        names.put(Netlink.ARPHRD_SKIP, "skip");
        names.put(Netlink.ARPHRD_LOOPBACK, "loopback");
        names.put(Netlink.ARPHRD_LOCALTLK, "ltalk");
        names.put(Netlink.ARPHRD_FDDI, "fddi");
        names.put(Netlink.ARPHRD_BIF, "bif");
        names.put(Netlink.ARPHRD_SIT, "sit");
        names.put(Netlink.ARPHRD_IPDDP, "ip/ddp");
        names.put(Netlink.ARPHRD_IPGRE, "gre");
        names.put(Netlink.ARPHRD_PIMREG, "pimreg");
        names.put(Netlink.ARPHRD_HIPPI, "hippi");
        names.put(Netlink.ARPHRD_ASH, "ash");
        names.put(Netlink.ARPHRD_ECONET, "econet");
        names.put(Netlink.ARPHRD_IRDA, "irda");
        names.put(Netlink.ARPHRD_FCPP, "fcpp");
        names.put(Netlink.ARPHRD_FCAL, "fcal");
        names.put(Netlink.ARPHRD_FCPL, "fcpl");
        for (int i = 0; i <= 12; i++) { // the fabric channels follow FCFABRIC
            names.put(Netlink.ARPHRD_FCFABRIC + i, "fcfb" + i);
        }
        names.put(Netlink.ARPHRD_IEEE802_TR, "tr");
        names.put(Netlink.ARPHRD_IEEE80211, "ieee802.11");
        names.put(Netlink.ARPHRD_IEEE80211_PRISM, "ieee802.11/prism");
        names.put(Netlink.ARPHRD_IEEE80211_RADIOTAP, "ieee802.11/radiotap");
        names.put(Netlink.ARPHRD_IEEE802154, "ieee802.15.4");
        names.put(Netlink.ARPHRD_IEEE802154_MONITOR, "ieee802.15.4/monitor");
        names.put(Netlink.ARPHRD_PHONET, "phonet");
        names.put(Netlink.ARPHRD_PHONET_PIPE, "phonet_pipe");
        names.put(Netlink.ARPHRD_CAIF, "caif");
        names.put(Netlink.ARPHRD_IP6GRE, "gre6");
        names.put(Netlink.ARPHRD_NETLINK, "netlink");
        names.put(Netlink.ARPHRD_6LOWPAN, "6lowpan");
        names.put(Netlink.ARPHRD_NONE, "none");
        names.put(Netlink.ARPHRD_VOID, "void");
        return Map.copyOf(names);
    }
}
