package io.rawsys.cli.net;

import io.rawsys.linux.Socket;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "links",
        mixinStandardHelpOptions = true,
        description = {
            "Lists the network interfaces as 'ip link' does, from an RTM_GETLINK dump: index, name, flags, MTU,"
                    + " qdisc, state, mode, group, queue length, link-layer type and addresses.",
        },
        footer = {
            "",
            "Examples:",
            "  rawsys net links",
            "  rawsys net links --json      the fields of 'ip -j link'",
        })
final class LinksCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin JsonOption json;

    @Override
    public Integer call() throws Exception {
        return Failures.run(
                spec,
                () -> {
                    try (Rtnetlink rtnl = new Rtnetlink()) {
                        List<Link> links = rtnl.links(Socket.AF_UNSPEC);
                        Interfaces interfaces = new Interfaces(links);
                        Printer p = json.printer();
                        p.beginArray(null);
                        for (Link link : links) {
                            p.beginObject(null);
                            LinkFormat.print(
                                    link, interfaces, new LinkFormat.Parts(true, true, true), p);
                            p.endObject();
                        }
                        p.endArray();
                        json.write(spec, p);
                        return 0;
                    }
                });
    }
}
