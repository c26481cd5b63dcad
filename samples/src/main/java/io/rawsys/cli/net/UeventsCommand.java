package io.rawsys.cli.net;

import io.rawsys.linux.Netlink;
import io.rawsys.netlink.NetlinkFormatException;
import io.rawsys.netlink.NetlinkOverrunException;
import io.rawsys.netlink.NetlinkSocket;
import io.rawsys.netlink.Uevent;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "uevents",
        mixinStandardHelpOptions = true,
        description = {
            "Prints the kernel's device events (uevents) as they happen: listens on NETLINK_KOBJECT_UEVENT,"
                    + " group 1, and prints each as ACTION@DEVPATH, its KEY=VALUE lines and a blank line. A line"
                    + " on stderr says when it is listening.",
            "",
            "A network device's events go to the network namespace that owns it: run it in that namespace"
                    + " (ip netns exec NS ...) to see them.",
        },
        footer = {
            "",
            "Examples:",
            "  rawsys net uevents",
            "  rawsys net uevents --count 1",
            "",
            "Exit status: 0 after --count events, 1 for an errno, 2 for a bad command line; Ctrl-C ends it.",
        })
final class UeventsCommand implements Callable<Integer> {
    /**
     * The kernel multicasts uevents to group 1 (udev re-broadcasts them, processed, to group 2); no
     * header names the number.
     */
    private static final int KERNEL_GROUP = 1;

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
                    try (NetlinkSocket uevents =
                            NetlinkSocket.open(Netlink.NETLINK_KOBJECT_UEVENT)) {
                        uevents.joinGroup(KERNEL_GROUP);
                        err.println("rawsys: listening for kernel uevents (Ctrl-C stops)");
                        err.flush();
                        for (int shown = 0; limit == 0 || shown < limit; ) {
                            NetlinkSocket.Datagram datagram;
                            try {
                                datagram = uevents.receiveDatagram();
                            } catch (NetlinkOverrunException e) {
                                err.println("rawsys: " + e.getMessage() + "; events were lost");
                                err.flush();
                                continue;
                            }
                            if (datagram.senderPort() != 0) {
                                continue; // only the kernel's own
                            }
                            Uevent event;
                            try {
                                event = Uevent.parse(datagram.bytes());
                            } catch (NetlinkFormatException e) {
                                err.println(
                                        "rawsys: skipped a malformed uevent: " + e.getMessage());
                                err.flush();
                                continue;
                            }
                            out.print(format(event));
                            out.flush();
                            shown++;
                        }
                        return 0;
                    }
                });
    }

    static String format(Uevent event) {
        StringBuilder text =
                new StringBuilder(event.action()).append('@').append(event.devpath()).append('\n');
        for (Map.Entry<String, String> property : event.properties().entrySet()) {
            text.append(property.getKey()).append('=').append(property.getValue()).append('\n');
        }
        return text.append('\n').toString();
    }
}
