package io.rawsys.cli.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rawsys.cli.trace.StraceComparison.Trace;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * adjtimex and clock_adjtime (and i386's clock_adjtime64) against strace 6.1: {@code timex_calls.c}
 * reads the clock's state (modes 0), passes bad pointers and clocks, and makes settings the kernel
 * refuses once CAP_SYS_TIME is gone (the program checks that it is, and exits with status 2 if not,
 * which fails the test); it never changes the clock. What the clock reports changes from run to run
 * however exact the decoding (the time, the offset and frequency, the error estimates), so those
 * fields are replaced; the rest of each line, modes, status and the state after the result
 * included, must be equal.
 */
class TimexDecodersIT {
    @TempDir Path dir;

    private static final String CALLS = "adjtimex,clock_adjtime";

    @Test
    void timexPrintsAsStraceDoes() throws Exception {
        Path program = StraceComparison.compile(dir, "timex_calls", "gcc");
        same(program, CALLS);
    }

    @Test
    void aThirtyTwoBitProgramsTimexPrintsAsStraceDoes() throws Exception {
        Path program = StraceComparison.compileI386(dir, "timex_calls");
        same(program, CALLS + ",clock_adjtime64");
    }

    private void same(Path program, String calls) throws Exception {
        StraceComparison.sameEveryWay(dir, program, calls, TimexDecodersIT::comparable);
        Trace run =
                StraceComparison.rawsys(
                        dir, List.of("-e", "trace=" + calls), List.of(program.toString()));
        assertEquals(0, run.status(), "the program could not drop CAP_SYS_TIME: " + run.output());
    }

    /** A line with the members the clock changes replaced. */
    private static String comparable(String line) {
        return line.replaceAll(
                        "\\b(offset|freq|maxerror|esterror|ppsfreq|jitter|stabil|jitcnt|calcnt"
                                + "|errcnt|stbcnt)=-?\\d+",
                        "$1=N")
                .replaceAll("time=\\{tv_sec=-?\\d+, tv_usec=\\d+}", "time={NOW}");
    }
}
