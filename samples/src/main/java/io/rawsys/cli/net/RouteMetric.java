package io.rawsys.cli.net;

import static java.util.Map.entry;

import io.rawsys.linux.Netlink;
import io.rawsys.netlink.NetlinkAttribute;
import io.rawsys.netlink.NetlinkAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One of a route's metrics (RTA_METRICS: mtu, window, rtt …), as ip lists them.
 *
 * @param type its RTAX_ number
 * @param value its value (0 for a metric that is only locked)
 * @param congestion the congestion control algorithm, for RTAX_CC_ALGO
 * @param locked whether RTAX_LOCK locks it
 */
record RouteMetric(int type, long value, String congestion, boolean locked) {
    private static final Map<Integer, String> NAMES =
            Map.ofEntries(
                    entry(Netlink.RTAX_MTU, "mtu"),
                    entry(Netlink.RTAX_WINDOW, "window"),
                    entry(Netlink.RTAX_RTT, "rtt"),
                    entry(Netlink.RTAX_RTTVAR, "rttvar"),
                    entry(Netlink.RTAX_SSTHRESH, "ssthresh"),
                    entry(Netlink.RTAX_CWND, "cwnd"),
                    entry(Netlink.RTAX_ADVMSS, "advmss"),
                    entry(Netlink.RTAX_REORDERING, "reordering"),
                    entry(Netlink.RTAX_HOPLIMIT, "hoplimit"),
                    entry(Netlink.RTAX_INITCWND, "initcwnd"),
                    entry(Netlink.RTAX_FEATURES, "features"),
                    entry(Netlink.RTAX_RTO_MIN, "rto_min"),
                    entry(Netlink.RTAX_INITRWND, "initrwnd"),
                    entry(Netlink.RTAX_QUICKACK, "quickack"),
                    entry(Netlink.RTAX_CC_ALGO, "congctl"),
                    entry(Netlink.RTAX_FASTOPEN_NO_COOKIE, "fastopen_no_cookie"));

    /** ip's name for the metric, or null for one it has none for. */
    String name() {
        return NAMES.get(type);
    }

    /** The metrics ip shows, in its order: by number, from RTAX_MTU up. */
    static List<RouteMetric> decode(NetlinkAttributes metrics) {
        long lock = metrics.find(Netlink.RTAX_LOCK).map(NetlinkAttribute::u32AsLong).orElse(0L);
        List<RouteMetric> shown = new ArrayList<>();
        for (int type = Netlink.RTAX_LOCK + 1; type <= Netlink.RTAX_MAX; type++) {
            Optional<NetlinkAttribute> metric = metrics.find(type);
            boolean locked = (lock & (1L << type)) != 0;
            if (metric.isEmpty() && !locked) {
                continue;
            }
            if (type == Netlink.RTAX_CC_ALGO) {
                shown.add(
                        new RouteMetric(
                                type, 0, metric.map(NetlinkAttribute::string).orElse(""), locked));
                continue;
            }
            long value = metric.map(NetlinkAttribute::u32AsLong).orElse(0L);
            if (type == Netlink.RTAX_HOPLIMIT && value == 0xffffffffL) {
                continue; // -1: the default hop limit, which ip does not show
            }
            shown.add(new RouteMetric(type, value, null, locked));
        }
        return shown;
    }
}
