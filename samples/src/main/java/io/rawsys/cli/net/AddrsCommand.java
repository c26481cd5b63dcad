package io.rawsys.cli.net;

import io.rawsys.linux.Socket;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "addrs",
        mixinStandardHelpOptions = true,
        description = {
            "Lists the interfaces and their addresses as 'ip addr' does, from an RTM_GETLINK and an RTM_GETADDR"
                    + " dump. With -4 or -6, only interfaces that have an address of that family, and only those"
                    + " addresses.",
        },
        footer = {
            "",
            "Examples:",
            "  rawsys net addrs",
            "  rawsys net addrs -6",
            "  rawsys net addrs -4 --json   the fields of 'ip -j -4 addr'",
        })
final class AddrsCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin FamilyOption familyOption;

    @Mixin JsonOption json;

    @Override
    public Integer call() throws Exception {
        int family = familyOption.family(Socket.AF_UNSPEC);
        return Failures.run(
                spec,
                () -> {
                    try (Rtnetlink rtnl = new Rtnetlink()) {
                        List<Link> links = rtnl.links(family);
                        List<Address> addresses = rtnl.addresses(family);
                        Interfaces interfaces = new Interfaces(links);
                        boolean allFamilies = family == Socket.AF_UNSPEC;
                        Printer p = json.printer();
                        p.beginArray(null);
                        for (Link link : links) {
                            List<Address> own =
                                    addresses.stream()
                                            .filter(a -> a.index() == link.index())
                                            .filter(a -> allFamilies || a.family() == family)
                                            .toList();
                            if (!allFamilies && own.isEmpty()) {
                                continue; // as ip: a family filter drops links without one
                            }
                            p.beginObject(null);
                            LinkFormat.print(
                                    link,
                                    interfaces,
                                    new LinkFormat.Parts(false, true, allFamilies),
                                    p);
                            p.beginArray("addr_info");
                            for (Address a : own) {
                                p.beginObject(null);
                                AddressFormat.print(a, interfaces, false, p);
                                p.endObject();
                            }
                            p.endArray();
                            p.endObject();
                        }
                        p.endArray();
                        json.write(spec, p);
                        return 0;
                    }
                });
    }
}
