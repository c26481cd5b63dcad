package io.rawsys.cli.net;

import static java.util.Map.entry;

import io.rawsys.linux.Netlink;
import io.rawsys.linux.Socket;
import io.rawsys.tool.AddressText;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A route as ip's print_route prints it. */
final class RouteFormat {
    private RouteFormat() {}

    /**
     * The kernel gives a route's expiry in USER_HZ ticks, which is 100 on every architecture Linux
     * runs on but alpha (glibc's sysconf(_SC_CLK_TCK) says the same).
     */
    private static final int USER_HZ = 100;

    /** Route flags in ip's order (print_rt_flags). */
    private static final List<Map.Entry<Integer, String>> FLAGS =
            List.of(
                    entry(Netlink.RTNH_F_DEAD, "dead"),
                    entry(Netlink.RTNH_F_ONLINK, "onlink"),
                    entry(Netlink.RTNH_F_PERVASIVE, "pervasive"),
                    entry(Netlink.RTNH_F_OFFLOAD, "offload"),
                    entry(Netlink.RTNH_F_TRAP, "trap"),
                    entry(Netlink.RTM_F_NOTIFY, "notify"),
                    entry(Netlink.RTNH_F_LINKDOWN, "linkdown"),
                    entry(Netlink.RTNH_F_UNRESOLVED, "unresolved"),
                    entry(Netlink.RTM_F_OFFLOAD, "rt_offload"),
                    entry(Netlink.RTM_F_TRAP, "rt_trap"),
                    entry(Netlink.RTM_F_OFFLOAD_FAILED, "rt_offload_failed"));

    private static final Map<Integer, String> PREFERENCES =
            Map.of(
                    Netlink.ICMPV6_ROUTER_PREF_LOW, "low",
                    Netlink.ICMPV6_ROUTER_PREF_MEDIUM, "medium",
                    Netlink.ICMPV6_ROUTER_PREF_HIGH, "high");

    /**
     * Prints one route; {@code showTable} names its table when it is not main (the monitor does, a
     * listing of the main table need not).
     */
    static void print(Route r, Interfaces interfaces, boolean showTable, Printer p) {
        if (r.deleted()) {
            p.flag("deleted", "Deleted ");
        }
        if (r.type() != Netlink.RTN_UNICAST) {
            p.value("type", "%s ", Names.routeType(r.type()));
        }
        int hostLength = hostLength(r.family());
        String dst;
        if (r.dst() != null) {
            dst = prefix(r.family(), r.dst(), r.dstLength(), hostLength);
        } else if (r.dstLength() != 0) {
            dst = "0/" + r.dstLength() + " "; // ip's own doubled space
        } else {
            dst = "default";
        }
        p.value("dst", "%s ", dst);
        if (r.src() != null) {
            p.value("from", "from %s ", prefix(r.family(), r.src(), r.srcLength(), hostLength));
        } else if (r.srcLength() != 0) {
            p.value("src", "from %s ", "0/" + r.srcLength());
        }
        if (r.nexthopId() != null) {
            p.value("nhid", "nhid %d ", r.nexthopId());
        }
        if (r.tos() != 0) {
            p.value("tos", "tos %s ", String.format("0x%02x", r.tos()));
        }
        if (r.gateway() != null) {
            p.value("gateway", "via %s ", AddressText.inet(r.family(), r.gateway()));
        }
        if (r.via() != null) {
            printVia(r.via(), p);
        }
        if (r.oif() != null) {
            p.value("dev", "dev %s ", interfaces.name(r.oif()));
        }
        if (showTable && r.table() != 0 && r.table() != Netlink.RT_TABLE_MAIN) {
            p.value("table", "table %s ", Names.table(r.table()));
        }
        if ((r.flags() & Netlink.RTM_F_CLONED) == 0) {
            if (r.protocol() != Netlink.RTPROT_BOOT) {
                p.value("protocol", "proto %s ", Names.protocol(r.protocol()));
            }
            if (r.scope() != Netlink.RT_SCOPE_UNIVERSE) {
                p.value("scope", "scope %s ", Names.scope(r.scope()));
            }
        }
        if (r.prefsrc() != null) {
            p.value("prefsrc", "src %s ", AddressText.inet(r.family(), r.prefsrc()));
        }
        if (r.priority() != null) {
            p.value("metric", "metric %d ", r.priority());
        }
        p.strings("flags", flagNames(r.flags()), RouteFormat::eachFollowedBySpace);
        if (r.mark() != null && r.mark() != 0) {
            p.value("mark", null, r.mark());
            p.text(
                    r.mark() >= 16
                            ? "mark 0x" + Long.toHexString(r.mark()) + " "
                            : "mark " + r.mark() + " ");
        }
        if (r.uid() != null) {
            p.value("uid", "uid %d ", r.uid());
        }
        if (r.family() == Socket.AF_INET || r.family() == Socket.AF_INET6) {
            if (r.expires() != null && r.expires() != 0) {
                p.value("expires", "expires %dsec ", r.expires() / USER_HZ);
            }
            if (r.error() != null && r.error() != 0) {
                p.value("error", "error %d ", r.error());
            }
        }
        if (!r.metrics().isEmpty()) {
            printMetrics(r.metrics(), p);
        }
        if (r.iif() != null) {
            p.value("iif", "iif %s ", interfaces.name(r.iif()));
        }
        if (r.preference() != null) {
            String preference = PREFERENCES.get(r.preference());
            if (preference != null) {
                p.value("pref", "pref %s", preference);
            } else {
                p.value("pref", "%d", r.preference());
            }
        }
        if (r.nexthops() != null) {
            printNexthops(r, interfaces, p);
        }
        p.newline();
    }

    private static String prefix(int family, byte[] address, int length, int hostLength) {
        String text = AddressText.inet(family, address);
        return length != hostLength ? text + "/" + length : text;
    }

    /** af_bit_len: the length of a host route's prefix. */
    private static int hostLength(int family) {
        if (family == Socket.AF_INET6) {
            return 128;
        }
        if (family == Socket.AF_INET) {
            return 32;
        }
        if (family == Socket.AF_MPLS) {
            return 20;
        }
        return 0;
    }

    private static void printVia(Route.Via via, Printer p) {
        p.beginObject("via");
        String family = Names.family(via.family());
        p.value("family", "via %s ", family != null ? family : "???");
        p.value("host", "%s ", AddressText.inet(via.family(), via.address()));
        p.endObject();
    }

    private static void printMetrics(List<RouteMetric> metrics, Printer p) {
        p.beginArray("metrics");
        p.beginObject(null);
        for (RouteMetric m : metrics) {
            String name = m.name();
            p.text(name != null ? name + " " : "metric " + m.type() + " ");
            if (m.locked()) {
                p.text("lock ");
            }
            int type = m.type();
            if (type == Netlink.RTAX_FEATURES) {
                if ((m.value() & Netlink.RTAX_FEATURE_ECN) != 0) {
                    p.value("ecn", "ecn ", null);
                }
                if ((m.value() & ~(long) Netlink.RTAX_FEATURE_ECN) != 0) {
                    p.value("features", "%s ", "0x" + Long.toHexString(m.value()));
                }
            } else if (type == Netlink.RTAX_CC_ALGO) {
                p.value("congestion", "%s ", m.congestion());
            } else if (type == Netlink.RTAX_RTT
                    || type == Netlink.RTAX_RTTVAR
                    || type == Netlink.RTAX_RTO_MIN) {
                long ms =
                        type == Netlink.RTAX_RTT
                                ? m.value() / 8
                                : type == Netlink.RTAX_RTTVAR ? m.value() / 4 : m.value();
                p.value(name, null, ms);
                p.text(ms >= 1000 ? seconds(ms) + "s " : ms + "ms ");
            } else {
                p.value(name, "%d ", m.value());
            }
        }
        p.endObject();
        p.endArray();
    }

    /** Milliseconds as seconds the way C's %g writes them: six significant digits, no zeros. */
    private static String seconds(long milliseconds) {
        return BigDecimal.valueOf(milliseconds, 3)
                .round(new MathContext(6))
                .stripTrailingZeros()
                .toPlainString();
    }

    private static void printNexthops(Route r, Interfaces interfaces, Printer p) {
        p.beginArray("nexthops");
        for (Route.Nexthop nh : r.nexthops()) {
            p.beginObject(null);
            p.text("\n\tnexthop ");
            if (nh.gateway() != null) {
                p.value("gateway", "via %s ", AddressText.inet(r.family(), nh.gateway()));
            }
            if (nh.via() != null) {
                printVia(nh.via(), p);
            }
            p.value("dev", "dev %s ", interfaces.name(nh.ifindex()));
            if (r.family() != Socket.AF_MPLS) {
                p.value("weight", "weight %d ", nh.weight());
            }
            p.strings("flags", flagNames(nh.flags()), RouteFormat::eachFollowedBySpace);
            p.endObject();
        }
        p.endArray();
    }

    private static String eachFollowedBySpace(List<String> words) {
        return String.join("", words.stream().map(w -> w + " ").toList());
    }

    static List<String> flagNames(int flags) {
        List<String> names = new ArrayList<>();
        for (Map.Entry<Integer, String> flag : FLAGS) {
            if ((flags & flag.getKey()) != 0) {
                names.add(flag.getValue());
            }
        }
        return names;
    }
}
