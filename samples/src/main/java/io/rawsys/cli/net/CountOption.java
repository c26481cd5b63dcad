package io.rawsys.cli.net;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code --count N} of the listeners: stop after N events. */
final class CountOption {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(
            names = {"-c", "--count"},
            paramLabel = "N",
            description = "Exit after N events (default: until Ctrl-C).")
    Integer count;

    /** The number of events to show, 0 for no limit; a count below 1 is refused. */
    int limit() {
        if (count != null && count < 1) {
            throw new ParameterException(
                    spec.commandLine(), "--count must be at least 1, and it is " + count);
        }
        return count == null ? 0 : count;
    }
}
