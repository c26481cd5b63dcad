package io.rawsys.cli.net;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What ip's ll_map keeps: each interface's name and flags by index, so that a route can say {@code
 * dev eth0}, a veth {@code @peer}, and a monitor keeps up as links come and go.
 */
final class Interfaces {
    private final Map<Integer, Link> byIndex = new HashMap<>();

    Interfaces(List<Link> links) {
        links.forEach(this::update);
    }

    /** Learns of a new or changed link, or forgets a deleted one. */
    void update(Link link) {
        if (link.deleted()) {
            byIndex.remove(link.index());
        } else {
            byIndex.put(link.index(), link);
        }
    }

    /** The name of interface {@code index}, or {@code if<index>} when it is unknown, as ip says. */
    String name(long index) {
        Link link = byIndex.get((int) index);
        return link != null ? link.name() : "if" + index;
    }

    /** The IFF_ flags of interface {@code index}, 0 when it is unknown. */
    int flags(long index) {
        Link link = byIndex.get((int) index);
        return link != null ? link.flags() : 0;
    }
}
