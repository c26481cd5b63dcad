package io.rawsys.cli;

import io.rawsys.Arch;
import java.util.NoSuchElementException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The {@code --arch} option of the commands that read rawsys's tables. */
public final class ArchOption {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(
            names = {"-a", "--arch"},
            paramLabel = "ARCH",
            description =
                    "The architecture whose tables to read (default: this machine's): x86_64, x32, i386, aarch64, arm,"
                            + " riscv64, ppc64le, s390x, mips64el, mipsel; JVM names such as amd64 work too.")
    String name;

    /** The chosen architecture; an unknown name is a usage error that lists the known ones. */
    public Arch arch() {
        try {
            return name == null ? Arch.current() : Arch.of(name);
        } catch (NoSuchElementException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
