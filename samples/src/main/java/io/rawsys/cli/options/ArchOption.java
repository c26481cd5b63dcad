package io.rawsys.cli.options;

import io.rawsys.Arch;
import java.util.NoSuchElementException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code --arch} option of the commands that read rawsys's tables (in a package of its own,
 * below both the CLI's commands and the exercises that use it).
 */
public final class ArchOption {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(
            names = {"-a", "--arch"},
            paramLabel = "ARCH",
            completionCandidates = ArchOption.Names.class,
            description =
                    "The architecture whose tables to read (default: this machine's):"
                            + " ${COMPLETION-CANDIDATES}; JVM names such as amd64 work too.")
    String name;

    /** The chosen architecture; an unknown name is a usage error that lists the known ones. */
    public Arch arch() {
        try {
            return name == null ? Arch.current() : Arch.of(name);
        } catch (NoSuchElementException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** rawsys's ABIs, in its registry's order, for the option's help. */
    static final class Names implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Arch.names().iterator();
        }
    }
}
