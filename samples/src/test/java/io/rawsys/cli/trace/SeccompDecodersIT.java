package io.rawsys.cli.trace;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.rawsys.Syscalls;
import io.rawsys.cli.RawsysJar;
import io.rawsys.linux.Errno;
import io.rawsys.linux.Nr;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * seccomp against strace 6.1: {@code seccomp_calls.c} asks for every action and the notification
 * sizes, makes the operations the kernel refuses (strict mode with flags, unknown operations and
 * flags, bad pointers, programs that do not end in BPF_RET, a program and a struct cut by an
 * unmapped page) and installs two filters in a forked child; both tracers follow it (-f) and the
 * lines must be equal. With -v strace prints each filter instruction by instruction; that case runs
 * once rawsys trace takes -v, and is skipped, saying so, until then.
 */
class SeccompDecodersIT {
    @TempDir Path dir;

    private static final List<String> OPTIONS = List.of("-f", "-e", "trace=seccomp");

    @Test
    void seccompPrintsAsStraceDoes() throws Exception {
        assumeSeccomp();
        Path program = StraceComparison.compile(dir, "seccomp_calls", "gcc");
        same(program, OPTIONS);
        same(program, with("-s", "4"));
    }

    @Test
    void verboseFiltersPrintInstructionByInstruction() throws Exception {
        assumeSeccomp();
        assumeVerbose();
        same(StraceComparison.compile(dir, "seccomp_calls", "gcc"), with("-v"));
    }

    @Test
    void aThirtyTwoBitProgramsFiltersPrintAsStraceDoes() throws Exception {
        assumeSeccomp();
        Path program = StraceComparison.compileI386(dir, "seccomp_calls");
        same(program, OPTIONS);
    }

    private static List<String> with(String... options) {
        List<String> all = new ArrayList<>(List.of(options));
        all.addAll(OPTIONS);
        return all;
    }

    private void same(Path program, List<String> options) throws Exception {
        StraceComparison.sameInWorkDirectory(dir, program, options, UnaryOperator.identity());
    }

    /** seccomp with an operation no kernel has: EINVAL where the call exists. */
    static void assumeSeccomp() {
        assumeTrue(
                Syscalls.raw(Nr.seccomp, 0xffff, 0, 0) != -Errno.ENOSYS,
                "this kernel has no seccomp (CONFIG_SECCOMP is off)");
    }

    /** Whether rawsys trace takes strace's -v (another change adds it): skipped until then. */
    static void assumeVerbose() throws Exception {
        RawsysJar.Run run = RawsysJar.rawsys("trace", "-v", "-o", "/dev/null", "--", "/bin/true");
        assumeTrue(
                run.status() == 0,
                "rawsys trace does not take -v yet, so the verbose decoding cannot be compared: "
                        + run.both().strip());
    }
}
