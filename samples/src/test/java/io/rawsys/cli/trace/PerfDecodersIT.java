package io.rawsys.cli.trace;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.rawsys.Syscalls;
import io.rawsys.linux.Errno;
import io.rawsys.linux.Nr;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * perf_event_open against strace 6.1: {@code perf_calls.c} opens software counters of its own
 * (where perf_event_paranoid allows; refused alike under both tracers where not) and makes every
 * other call so that the kernel refuses it: each event type strace decodes, every bit-field, the
 * reserved bits, each published size, sizes below the first and above the kernel's (E2BIG, with the
 * size the kernel writes back), attrs cut by an unmapped page and bad pointers. Plain, with -y and
 * -s 8, and from an i386 program; with -v (every member, each bit-field whether set or not) once
 * rawsys trace takes -v, skipped until then.
 */
class PerfDecodersIT {
    @TempDir Path dir;

    private static final String CALLS = "perf_event_open";

    @Test
    void perfEventOpenPrintsAsStraceDoes() throws Exception {
        assumePerf();
        Path program = StraceComparison.compile(dir, "perf_calls", "gcc");
        StraceComparison.sameEveryWay(dir, program, CALLS, UnaryOperator.identity());
    }

    @Test
    void verboseAttrsPrintEveryMember() throws Exception {
        assumePerf();
        SeccompDecodersIT.assumeVerbose();
        Path program = StraceComparison.compile(dir, "perf_calls", "gcc");
        StraceComparison.sameInWorkDirectory(
                dir, program, List.of("-v", "-e", "trace=" + CALLS), UnaryOperator.identity());
    }

    @Test
    void aThirtyTwoBitProgramsAttrsPrintAsStraceDoes() throws Exception {
        assumePerf();
        Path program = StraceComparison.compileI386(dir, "perf_calls");
        StraceComparison.sameInWorkDirectory(
                dir, program, List.of("-e", "trace=" + CALLS), UnaryOperator.identity());
    }

    /** perf_event_open of a NULL attr: EFAULT where the kernel has the call. */
    private static void assumePerf() {
        assumeTrue(
                Syscalls.raw(Nr.perf_event_open, 0, 0, -1, -1, 0) != -Errno.ENOSYS,
                "this kernel has no perf_event_open (CONFIG_PERF_EVENTS is off)");
    }
}
