package io.rawsys.cli;

import io.rawsys.Arch;
import io.rawsys.SyscallTable;
import io.rawsys.cli.options.ArchOption;
import io.rawsys.tool.Hints;
import java.io.PrintWriter;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "table",
        mixinStandardHelpOptions = true,
        description = {
            "Prints an architecture's system-call table, generated from its kernel headers: every call as NR NAME, or the"
                    + " number of one NAME, or the name of one NR.",
        },
        footer = {
            "",
            "Examples:",
            "  rawsys table                      this machine's table",
            "  rawsys table --arch aarch64 openat",
            "  rawsys table --arch mipsel 4288",
            "  rawsys table --every openat       its number on every architecture",
        })
final class TableCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin ArchOption arch;

    @Option(
            names = "--every",
            description = "Show NAME's number on every architecture rawsys knows.")
    boolean every;

    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "NAME|NR",
            description = "A system call's name or number.")
    String call;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (every) {
            if (call == null || call.isEmpty() || Character.isDigit(call.charAt(0))) {
                throw new ParameterException(
                        spec.commandLine(), "--every needs a system call's name");
            }
            boolean found = false;
            for (String name : Arch.names()) {
                OptionalLong nr = Arch.of(name).syscalls().find(call);
                out.printf("%-9s %s%n", name, nr.isPresent() ? Long.toString(nr.getAsLong()) : "-");
                found |= nr.isPresent();
            }
            if (!found) {
                throw unknown(Arch.current().syscalls());
            }
            out.flush();
            return 0;
        }
        SyscallTable table = arch.arch().syscalls();
        if (call == null) {
            table.entries().forEach(e -> out.printf("%d %s%n", e.number(), e.name()));
        } else if (call.isEmpty()) {
            throw new ParameterException(
                    spec.commandLine(), "NAME|NR is empty; give a system call's name or number");
        } else if (Character.isDigit(call.charAt(0))) {
            long nr = CallArguments.number(spec.commandLine(), call, "NR", 0, Long.MAX_VALUE);
            out.println(
                    table.name(nr)
                            .orElseThrow(
                                    () ->
                                            new ParameterException(
                                                    spec.commandLine(),
                                                    "no system call has number "
                                                            + call
                                                            + " on "
                                                            + table.arch())));
        } else {
            String name = call.replaceFirst("^(SYS_|__NR_)", "");
            out.println(table.find(name).orElseThrow(() -> unknown(table)));
        }
        out.flush();
        return 0;
    }

    private ParameterException unknown(SyscallTable table) {
        List<String> near = table.suggest(call);
        return new ParameterException(
                spec.commandLine(),
                "no system call named '" + call + "' on " + table.arch() + Hints.didYouMean(near));
    }
}
