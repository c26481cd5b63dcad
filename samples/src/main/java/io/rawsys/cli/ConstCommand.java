package io.rawsys.cli;

import io.rawsys.ConstantTable;
import io.rawsys.cli.options.ArchOption;
import io.rawsys.tool.Failure;
import io.rawsys.tool.Hints;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "const",
        mixinStandardHelpOptions = true,
        description = {
            "Prints constants (flags, commands, ioctl numbers) as an architecture's headers define them: one NAME, or"
                    + " every name starting with PREFIX_.",
        },
        footer = {
            "",
            "Examples:",
            "  rawsys const O_DIRECTORY",
            "  rawsys const --arch ppc64le TIOCGWINSZ",
            "  rawsys const MAP_"
        })
final class ConstCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin ArchOption arch;

    @Parameters(
            index = "0",
            paramLabel = "NAME|PREFIX_",
            description = "A constant's name, or a prefix ending in _.")
    String name;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ConstantTable table = arch.arch().constants();
        Map<String, Long> matches =
                name.endsWith("_")
                        ? table.withPrefix(name)
                        : table.find(name).isPresent() ? Map.of(name, table.value(name)) : Map.of();
        if (matches.isEmpty() && table.isUnevaluated(name)) {
            throw new Failure(
                    name
                            + " is defined by "
                            + table.arch()
                            + "'s headers, but is no integer constant there (a string, a function"
                            + " call, or a macro naming one the headers lack), so rawsys has no value"
                            + " for it",
                    Failure.KERNEL);
        }
        if (matches.isEmpty()) {
            List<String> near = table.suggest(name);
            throw new ParameterException(
                    spec.commandLine(),
                    "no constant "
                            + (name.endsWith("_") ? "starts with '" : "named '")
                            + name
                            + "' on "
                            + table.arch()
                            + Hints.didYouMean(near));
        }
        matches.forEach((n, v) -> out.printf("%-28s %d (0x%x)%n", n, v, v));
        out.flush();
        return 0;
    }
}
