package io.rawsys.cli.trace;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The time decoders against strace 6.1: each C program of {@code src/test/c/trace/time_*.c} runs
 * under both tracers, traced for its own calls only, and the lines must be equal byte for byte,
 * plain, with -y and with -s 8; a 32-bit static build makes i386's calls (the old 32-bit ones, the
 * *_time64 ones, and those glibc 2.36 picks).
 */
class TimeDecodersIT {
    @TempDir Path dir;

    private static final String CLOCKS =
            "clock_gettime,clock_getres,clock_settime,clock_nanosleep,nanosleep,gettimeofday,"
                    + "settimeofday,time,alarm,getitimer,setitimer,timer_create,timer_settime,"
                    + "timer_gettime,timer_delete,timer_getoverrun,timerfd_create,timerfd_settime,"
                    + "timerfd_gettime";

    private static final String CLOCKS_64 =
            "clock_gettime64,clock_getres_time64,clock_settime64,clock_nanosleep_time64,"
                    + "timer_settime64,timer_gettime64,timerfd_settime64,timerfd_gettime64";

    @Test
    void readsClocksSleepsAndSetsTimers() throws Exception {
        Path program = StraceComparison.compile(dir, "time_clocks", "gcc");
        sameEveryWay(program, CLOCKS);
    }

    @Test
    void aThirtyTwoBitProgramCallsTheTime64Calls() throws Exception {
        sameEveryWay(StraceComparison.compileI386(dir, "time_clocks"), CLOCKS + "," + CLOCKS_64);
    }

    private void sameEveryWay(Path program, String calls) throws Exception {
        StraceComparison.sameEveryWay(dir, program, calls, TimeDecodersIT::comparable);
    }

    /** Both tracers on {@code program}, each in the same new directory. */
    private void same(Path program, List<String> options) throws Exception {
        StraceComparison.sameInWorkDirectory(dir, program, options, TimeDecodersIT::comparable);
    }

    /**
     * The normalized lines, with what the kernel reports differently each run however exact the
     * decoding: the time now (the seconds and fraction of a successful clock_gettime, gettimeofday
     * or time, with time's dates). Each is replaced only where it occurs, so that a line still
     * fails to compare if anything else in it differs.
     */
    private static String comparable(String line) {
        String n = line;
        if (n.matches("(clock_gettime(64)?|gettimeofday)\\(.*\\) += 0")) {
            n = n.replaceFirst("tv_sec=\\d+, tv_(n|u)sec=\\d+", "tv_sec=NOW, tv_$1sec=NOW");
        }
        if (n.matches("time\\(.*\\) += \\d+ \\(.*\\)")) {
            n =
                    n.replaceAll("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d[+-]\\d{4}", "DATE")
                            .replaceAll("\\b\\d{9,}\\b", "NOW");
        }
        return n;
    }
}
