package io.rawsys.cli.net;

import io.rawsys.linux.Netlink;
import io.rawsys.linux.Socket;
import io.rawsys.netlink.NetlinkMessage;
import io.rawsys.netlink.NetlinkOverrunException;
import io.rawsys.netlink.NetlinkSocket;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "monitor",
        mixinStandardHelpOptions = true,
        description = {
            "Prints link, address and route changes as they happen, as 'ip monitor link address route' does:"
                    + " joins the RTNLGRP_LINK, IPV4/IPV6_IFADDR and IPV4/IPV6_ROUTE groups and prints each"
                    + " notification as its own line(s), 'Deleted ' before a removal. A line on stderr says when"
                    + " it is listening.",
        },
        footer = {
            "",
            "Examples:",
            "  rawsys net monitor",
            "  rawsys net monitor --count 3",
            "",
            "Exit status: 0 after --count events, 1 for an errno, 2 for a bad command line; Ctrl-C ends it.",
        })
final class MonitorCommand implements Callable<Integer> {
    private static final List<Integer> GROUPS =
            List.of(
                    Netlink.RTNLGRP_LINK,
                    Netlink.RTNLGRP_IPV4_IFADDR,
                    Netlink.RTNLGRP_IPV6_IFADDR,
                    Netlink.RTNLGRP_IPV4_ROUTE,
                    Netlink.RTNLGRP_IPV6_ROUTE);

    @Spec CommandSpec spec;

    @Mixin CountOption count;

    @Override
    public Integer call() throws Exception {
        int limit = count.limit();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        return Failures.run(
                spec,
                () -> {
                    try (NetlinkSocket events = NetlinkSocket.open(Netlink.NETLINK_ROUTE);
                            Rtnetlink rtnl = new Rtnetlink()) {
                        // Join first, then learn the names: no link can fall between the two.
                        GROUPS.forEach(events::joinGroup);
                        Interfaces interfaces = new Interfaces(rtnl.links(Socket.AF_UNSPEC));
                        err.println(
                                "rawsys: listening for link, address and route events (Ctrl-C stops)");
                        err.flush();
                        int shown = 0;
                        while (limit == 0 || shown < limit) {
                            List<NetlinkMessage> messages;
                            try {
                                messages = events.receive();
                            } catch (NetlinkOverrunException e) {
                                err.println("rawsys: " + e.getMessage() + "; events were lost");
                                err.flush();
                                interfaces = new Interfaces(rtnl.links(Socket.AF_UNSPEC));
                                continue;
                            }
                            for (NetlinkMessage message : messages) {
                                String text = MonitorEvent.describe(message, interfaces);
                                if (text != null && (limit == 0 || shown < limit)) {
                                    out.print(text);
                                    out.flush();
                                    shown++;
                                }
                            }
                        }
                        return 0;
                    }
                });
    }
}
