package io.rawsys.cli.net;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code rawsys net}: the netlink exercise. Interfaces, addresses and routes as ip prints them,
 * read from rtnetlink dumps; its notifications as they happen; the kernel's uevents.
 */
@Command(
        name = "net",
        mixinStandardHelpOptions = true,
        description = {
            "Networking through netlink, with no libc: the kernel's interfaces, addresses and routes as 'ip'"
                    + " prints them, their changes as they happen, and the kernel's device events.",
        },
        commandListHeading = "%nCommands:%n",
        footer = {
            "",
            "Run 'rawsys net COMMAND --help' for a command's options and examples.",
            "Exit status: 0 on success, 1 when the kernel refused with an errno, 2 for a bad command line.",
        },
        subcommands = {
            LinksCommand.class,
            AddrsCommand.class,
            RoutesCommand.class,
            MonitorCommand.class,
            UeventsCommand.class
        })
public final class NetCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    /** Without a command: the usage, on stderr, as a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return spec.exitCodeOnInvalidInput();
    }
}
