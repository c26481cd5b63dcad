package io.rawsys.cli.net;

import io.rawsys.linux.Netlink;
import io.rawsys.linux.Socket;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "routes",
        mixinStandardHelpOptions = true,
        description = {
            "Lists the main routing table as 'ip route' does, from an RTM_GETROUTE dump: IPv4 unless -6 asks"
                    + " for IPv6, as ip.",
        },
        footer = {
            "",
            "Examples:",
            "  rawsys net routes",
            "  rawsys net routes -6",
            "  rawsys net routes --json     the fields of 'ip -j route'",
        })
final class RoutesCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin FamilyOption familyOption;

    @Mixin JsonOption json;

    @Override
    public Integer call() throws Exception {
        int family = familyOption.family(Socket.AF_INET);
        return Failures.run(
                spec,
                () -> {
                    try (Rtnetlink rtnl = new Rtnetlink()) {
                        Interfaces interfaces = new Interfaces(rtnl.links(Socket.AF_UNSPEC));
                        Printer p = json.printer();
                        p.beginArray(null);
                        for (Route route : rtnl.routes(family)) {
                            if (route.family() != family
                                    || route.table() != Netlink.RT_TABLE_MAIN
                                    || (route.flags() & Netlink.RTM_F_CLONED) != 0) {
                                continue;
                            }
                            p.beginObject(null);
                            RouteFormat.print(route, interfaces, false, p);
                            p.endObject();
                        }
                        p.endArray();
                        json.write(spec, p);
                        return 0;
                    }
                });
    }
}
