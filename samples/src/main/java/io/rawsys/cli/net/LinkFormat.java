package io.rawsys.cli.net;

import static java.util.Map.entry;

import io.rawsys.linux.Netlink;
import io.rawsys.tool.AddressText;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** A link as ip's print_linkinfo prints it. */
final class LinkFormat {
    private LinkFormat() {}

    /**
     * Which of ip's optional parts to show.
     *
     * @param mode the link mode ({@code ip link} shows it, {@code ip addr} and the monitor do not)
     * @param queue the transmit queue length ({@code ip link} and {@code ip addr}, not the monitor)
     * @param linkLayer the {@code link/ether …} line (not when {@code ip addr} lists one family)
     */
    record Parts(boolean mode, boolean queue, boolean linkLayer) {}

    /** The IFF_ flags in the order ip lists them; RUNNING is shown as NO-CARRIER's absence. */
    private static final List<Map.Entry<Integer, String>> FLAGS =
            List.of(
                    entry(Netlink.IFF_LOOPBACK, "LOOPBACK"),
                    entry(Netlink.IFF_BROADCAST, "BROADCAST"),
                    entry(Netlink.IFF_POINTOPOINT, "POINTOPOINT"),
                    entry(Netlink.IFF_MULTICAST, "MULTICAST"),
                    entry(Netlink.IFF_NOARP, "NOARP"),
                    entry(Netlink.IFF_ALLMULTI, "ALLMULTI"),
                    entry(Netlink.IFF_PROMISC, "PROMISC"),
                    entry(Netlink.IFF_MASTER, "MASTER"),
                    entry(Netlink.IFF_SLAVE, "SLAVE"),
                    entry(Netlink.IFF_DEBUG, "DEBUG"),
                    entry(Netlink.IFF_DYNAMIC, "DYNAMIC"),
                    entry(Netlink.IFF_AUTOMEDIA, "AUTOMEDIA"),
                    entry(Netlink.IFF_PORTSEL, "PORTSEL"),
                    entry(Netlink.IFF_NOTRAILERS, "NOTRAILERS"),
                    entry(Netlink.IFF_UP, "UP"),
                    entry(Netlink.IFF_LOWER_UP, "LOWER_UP"),
                    entry(Netlink.IFF_DORMANT, "DORMANT"),
                    entry(Netlink.IFF_ECHO, "ECHO"));

    static void print(Link link, Interfaces interfaces, Parts parts, Printer p) {
        if (link.deleted()) {
            p.flag("deleted", "Deleted ");
        }
        p.value("ifindex", "%d: ", link.index());
        String suffix = ""; // in text the name is name@peer; in JSON the peer has its own key
        boolean peerDown = false;
        if (link.peer() != null) {
            long peer = link.peer();
            if (peer == 0) {
                p.value("link", null, null);
                suffix = "@NONE";
            } else if (link.peerNetnsid() != null) {
                p.value("link_index", null, peer);
                suffix = "@if" + peer; // an index in another namespace: no name to give
            } else {
                p.value("link", null, interfaces.name(peer));
                suffix = "@" + interfaces.name(peer);
                peerDown = (interfaces.flags(peer) & Netlink.IFF_UP) == 0;
            }
        }
        p.value("ifname", null, link.name());
        p.text(link.name() + suffix + ": ");
        p.strings(
                "flags", flagNames(link.flags(), peerDown), f -> "<" + String.join(",", f) + "> ");
        if (link.mtu() != null) {
            p.value("mtu", "mtu %d ", link.mtu());
        }
        if (link.qdisc() != null) {
            p.value("qdisc", "qdisc %s ", link.qdisc());
        }
        if (link.master() != null) {
            p.value("master", "master %s ", interfaces.name(link.master()));
        }
        if (link.operstate() != null) {
            String state = Names.operstate(link.operstate());
            if (state == null) {
                p.value("operstate_index", null, link.operstate());
                p.text("state 0x" + Integer.toHexString(link.operstate()));
            } else {
                p.value("operstate", "state %s ", state);
            }
        }
        if (parts.mode() && link.linkMode() != null) {
            String mode = Names.linkMode(link.linkMode());
            if (mode == null) {
                p.value("linkmode_index", "mode %d ", link.linkMode());
            } else {
                p.value("linkmode", "mode %s ", mode);
            }
        }
        if (link.group() != null) {
            p.value("group", "group %s ", Names.group(link.group()));
        }
        if (parts.queue()
                && link.transmitQueueLength() != null
                && link.transmitQueueLength() != 0) {
            p.value("txqlen", "qlen %d", link.transmitQueueLength());
        }
        if (parts.linkLayer()) {
            printLinkLayer(link, p);
        }
        if (link.peerNetnsid() != null) {
            long id = link.peerNetnsid();
            p.value("link_netnsid", null, id);
            p.text(" link-netnsid " + (id >= 0 ? Long.toString(id) : "unknown"));
        }
        if (link.protoDown()) {
            p.flag("proto_down", " protodown on ");
        }
        if (link.altnames() != null) {
            p.strings(
                    "altnames",
                    link.altnames(),
                    names ->
                            String.join(
                                    "", names.stream().map(n -> "\n    altname " + n).toList()));
        }
        p.newline();
    }

    private static void printLinkLayer(Link link, Printer p) {
        p.newline();
        p.value("link_type", "    link/%s ", Names.linkType(link.type()));
        if (link.address() != null) {
            p.value("address", "%s", AddressText.hardware(link.type(), link.address()));
        }
        if (link.broadcast() != null) {
            if ((link.flags() & Netlink.IFF_POINTOPOINT) != 0) {
                p.text(" peer ");
                p.value("link_pointtopoint", null, true);
            } else {
                p.text(" brd ");
            }
            p.value("broadcast", "%s", AddressText.hardware(link.type(), link.broadcast()));
        }
        if (link.permanentAddress() != null
                && !Arrays.equals(link.permanentAddress(), link.address())) {
            p.text(" permaddr ");
            p.value("permaddr", "%s", AddressText.hardware(link.type(), link.permanentAddress()));
        }
    }

    /** The flags as ip lists them: NO-CARRIER, the named ones, the rest in hex, M-DOWN. */
    static List<String> flagNames(int flags, boolean peerDown) {
        List<String> names = new ArrayList<>();
        if ((flags & Netlink.IFF_UP) != 0 && (flags & Netlink.IFF_RUNNING) == 0) {
            names.add("NO-CARRIER");
        }
        int rest = flags & ~Netlink.IFF_RUNNING;
        for (Map.Entry<Integer, String> flag : FLAGS) {
            if ((rest & flag.getKey()) != 0) {
                rest &= ~flag.getKey();
                names.add(flag.getValue());
            }
        }
        if (rest != 0) {
            names.add(Integer.toHexString(rest));
        }
        if (peerDown) {
            names.add("M-DOWN");
        }
        return names;
    }
}
