package io.rawsys.cli.trace;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.rawsys.Syscalls;
import io.rawsys.linux.Errno;
import io.rawsys.linux.Nr;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scheduling and priority decoders against strace 6.1: {@code src/test/c/trace/sched_prio.c}
 * makes each sched_* call, getpriority, setpriority, ioprio_get, ioprio_set, getcpu and kcmp,
 * working and refused, setting nothing but this process's own attributes to the values they have;
 * it runs under both tracers, plain, with -y and with -s 8, and the lines must be equal byte for
 * byte once the pids and the CPU getcpu found are replaced. The i386 build makes the 32-bit calls
 * and sched_rr_get_interval_time64.
 */
class SchedDecodersIT {
    @TempDir Path dir;

    private static final String CALLS =
            "sched_getscheduler,sched_setscheduler,sched_getparam,sched_setparam,"
                    + "sched_get_priority_max,sched_get_priority_min,sched_rr_get_interval,"
                    + "sched_getattr,sched_setattr,getpriority,setpriority,ioprio_get,ioprio_set,"
                    + "getcpu,kcmp,getpid";

    /**
     * kcmp is a kernel option (CONFIG_KCMP): without it the comparison would check kcmp's arguments
     * only, so the test says so and stops. kcmp(0, 0, 99, 0, 0) asks (EINVAL or ESRCH where there
     * is one).
     */
    static void assumeKcmp() {
        assumeTrue(
                Syscalls.raw(Nr.kcmp, 0, 0, 99, 0, 0) != -Errno.ENOSYS,
                "this kernel has no kcmp (CONFIG_KCMP)");
    }

    @Test
    void schedulingAndPrioritiesPrintAsStraceDoes() throws Exception {
        assumeKcmp();
        Path program = StraceComparison.compile(dir, "sched_prio", "gcc");
        StraceComparison.sameEveryWay(dir, program, CALLS, SchedDecodersIT::comparable);
    }

    @Test
    void aThirtyTwoBitProgramMakesTheThirtyTwoBitCalls() throws Exception {
        assumeKcmp();
        Path program = StraceComparison.compileI386(dir, "sched_prio");
        StraceComparison.sameEveryWay(
                dir, program, CALLS + ",sched_rr_get_interval_time64", SchedDecodersIT::comparable);
    }

    /** The line with the CPU (and NUMA node) getcpu found replaced: the kernel may move us. */
    static String comparable(String line) {
        return line.replaceFirst("^getcpu\\(\\[\\d+\\], \\[\\d+\\]", "getcpu([CPU], [NODE]");
    }
}
