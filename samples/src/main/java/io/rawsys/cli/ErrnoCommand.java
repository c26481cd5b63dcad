package io.rawsys.cli;

import io.rawsys.ErrnoTable;
import io.rawsys.cli.options.ArchOption;
import io.rawsys.tool.Hints;
import java.io.PrintWriter;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "errno",
        mixinStandardHelpOptions = true,
        description = {
            "Explains an errno: its name, its number on an architecture (they differ: MIPS's EDQUOT is 1133) and what"
                    + " strerror says. Without an argument, lists them all.",
        },
        footer = {
            "",
            "Examples:",
            "  rawsys errno ENOENT",
            "  rawsys errno 11",
            "  rawsys errno --arch mips64el EDQUOT"
        })
final class ErrnoCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin ArchOption arch;

    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "NAME|NR",
            description = "An errno's name or number.")
    String errno;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ErrnoTable table = arch.arch().errnos();
        if (errno == null) {
            table.entries()
                    .forEach(e -> out.printf("%-15s %4d %s%n", e.name(), e.number(), e.message()));
        } else if (errno.isEmpty()) {
            throw new ParameterException(
                    spec.commandLine(), "NAME|NR is empty; give an errno's name or number");
        } else if (Character.isDigit(errno.charAt(0))) {
            // the kernel returns -1 .. -4095 as errors (MAX_ERRNO); nothing else is an errno
            int n = (int) CallArguments.number(spec.commandLine(), errno, "errno", 0, 4095);
            out.printf("%s %d %s%n", table.name(n).orElse("-"), n, table.message(n));
        } else {
            String name = errno.toUpperCase(java.util.Locale.ROOT);
            OptionalInt n = table.find(name);
            if (n.isEmpty()) {
                List<String> near = table.suggest(name);
                throw new ParameterException(
                        spec.commandLine(),
                        "no errno named '"
                                + errno
                                + "' on "
                                + table.arch()
                                + Hints.didYouMean(near));
            }
            String canonical = table.name(n.getAsInt()).orElseThrow();
            out.printf(
                    "%s %d %s%s%n",
                    canonical,
                    n.getAsInt(),
                    table.message(n.getAsInt()),
                    canonical.equals(name) ? "" : "   (" + name + " is another name for it)");
        }
        out.flush();
        return 0;
    }
}
