package io.rawsys.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class ClockStateTest {
    @Test
    void twoReadingsInARowAgree() {
        ClockState before = ClockState.now();
        assertEquals("", ClockState.now().changesSince(before));
    }

    @Test
    void aWarpOfAnHourAndATimezoneAreBothNamed() {
        ClockState before = new ClockState(1_000_000_000_000L, 0, 0);
        ClockState warped = new ClockState(1_000_000_000_000L + 3_600_000_000_000L, 60, 0);
        String changes = warped.changesSince(before);
        assertTrue(changes.contains("CLOCK_REALTIME moved +3600.000 s"), changes);
        assertTrue(
                changes.contains(
                        "from {tz_minuteswest=0, tz_dsttime=0} to {tz_minuteswest=60, tz_dsttime=0}"),
                changes);
    }

    @Test
    void driftWithinTheToleranceIsNoChange() {
        ClockState before = new ClockState(5_000_000_000L, -60, 1);
        assertEquals(
                "",
                new ClockState(5_000_000_000L + ClockState.TOLERANCE_NANOS, -60, 1)
                        .changesSince(before));
        assertTrue(
                new ClockState(5_000_000_000L - ClockState.TOLERANCE_NANOS - 1, -60, 1)
                        .changesSince(before)
                        .contains("moved -2.000 s"));
    }

    @Test
    void theStateReadsBackFromItsLine() {
        ClockState state = new ClockState(-123456789012L, 60, 0);
        assertEquals(state, ClockState.parse(state.toString()));
        assertThrows(IllegalArgumentException.class, () -> ClockState.parse("1 2"));
    }

    /**
     * The real clocks, seen from a new time namespace whose CLOCK_BOOTTIME is an hour ahead (what
     * {@code unshare --time --boottime 3600} makes for its child, and for no one else): the
     * comparison run as the build runs it sees CLOCK_REALTIME moved back by an hour, says so, and
     * exits 1. Nothing of the machine's own time changes.
     */
    @Test
    void anHourMovedIsSeenByTheCommandTheBuildRuns() throws Exception {
        Assumptions.assumeTrue(
                run(List.of("unshare", "--time", "--boottime", "3600", "true")).status() == 0,
                "unshare --time does not work here (no time namespaces: CONFIG_TIME_NS)");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String source = Path.of("src/main/java/io/rawsys/testing/ClockState.java").toString();
        List<String> command =
                List.of(
                        "unshare",
                        "--time",
                        "--boottime",
                        "3600",
                        java,
                        "--enable-native-access=ALL-UNNAMED",
                        source,
                        ClockState.now().toString());
        Result result = run(command);
        assertEquals(1, result.status(), result.output());
        assertTrue(
                result.output().contains("CLOCK_REALTIME moved -3600.0")
                        || result.output().contains("CLOCK_REALTIME moved -3599.9"),
                result.output());
    }

    private record Result(int status, String output) {}

    private static Result run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes());
        return new Result(p.waitFor(), output);
    }
}
