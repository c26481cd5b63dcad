package io.rawsys.testing;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * The part of the machine's time that a test could change and must not: where CLOCK_REALTIME stands
 * against CLOCK_BOOTTIME (which only the passing of time moves), and the kernel's timezone (what
 * {@code gettimeofday} returns in its second argument).
 *
 * <p>Setting the clock moves the first: {@code settimeofday}, {@code clock_settime}, {@code
 * adjtimex}, and also the first {@code settimeofday} with a timezone since boot, which warps
 * CLOCK_REALTIME by the timezone's minutes. The second stays wherever the last {@code settimeofday}
 * put it.
 *
 * <p>Self-contained (the JDK alone), so that it also runs as a source file: {@code java
 * --enable-native-access=ALL-UNNAMED ClockState.java} prints the state; with that output as its
 * argument it compares, says what changed, and exits 1. {@code ./build} runs it around the suite.
 *
 * @param realtimeMinusBoottimeNanos CLOCK_REALTIME minus CLOCK_BOOTTIME, in nanoseconds
 * @param minutesWest the kernel timezone's {@code tz_minuteswest}
 * @param dstTime the kernel timezone's {@code tz_dsttime}
 */
public record ClockState(long realtimeMinusBoottimeNanos, int minutesWest, int dstTime) {
    /** How far the clocks' offset may move between two readings without counting as a change. */
    public static final long TOLERANCE_NANOS = 2_000_000_000L;

    private static final int CLOCK_REALTIME = 0;
    private static final int CLOCK_BOOTTIME = 7;

    @SuppressWarnings("restricted") // the build grants this module native access
    private static final class Libc {
        static final Linker LINKER = Linker.nativeLinker();
        static final MethodHandle CLOCK_GETTIME =
                LINKER.downcallHandle(
                        LINKER.defaultLookup().findOrThrow("clock_gettime"),
                        FunctionDescriptor.of(
                                ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
        static final MethodHandle GETTIMEOFDAY =
                LINKER.downcallHandle(
                        LINKER.defaultLookup().findOrThrow("gettimeofday"),
                        FunctionDescriptor.of(
                                ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS));
    }

    /** Reads the state now. */
    public static ClockState now() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ts = arena.allocate(16, 8);
            MemorySegment tz = arena.allocate(8, 4);
            long before = clock(CLOCK_BOOTTIME, ts);
            long realtime = clock(CLOCK_REALTIME, ts);
            long after = clock(CLOCK_BOOTTIME, ts);
            int r = (int) Libc.GETTIMEOFDAY.invokeExact(MemorySegment.NULL, tz);
            if (r != 0) {
                throw new IllegalStateException("gettimeofday failed");
            }
            return new ClockState(
                    realtime - (before + (after - before) / 2),
                    tz.get(ValueLayout.JAVA_INT, 0),
                    tz.get(ValueLayout.JAVA_INT, 4));
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static long clock(int id, MemorySegment ts) throws Throwable {
        int r = (int) Libc.CLOCK_GETTIME.invokeExact(id, ts);
        if (r != 0) {
            throw new IllegalStateException("clock_gettime(" + id + ") failed");
        }
        return ts.get(ValueLayout.JAVA_LONG, 0) * 1_000_000_000L + ts.get(ValueLayout.JAVA_LONG, 8);
    }

    /**
     * What changed from {@code before} to this state, in a sentence; empty when the timezone is the
     * same and the offset moved by no more than {@link #TOLERANCE_NANOS}.
     */
    public String changesSince(ClockState before) {
        StringBuilder s = new StringBuilder();
        long moved = realtimeMinusBoottimeNanos - before.realtimeMinusBoottimeNanos;
        if (Math.abs(moved) > TOLERANCE_NANOS) {
            s.append(
                    String.format(
                            "CLOCK_REALTIME moved %+.3f s against CLOCK_BOOTTIME (more than the %d s"
                                    + " allowed): something set the clock",
                            moved / 1e9, TOLERANCE_NANOS / 1_000_000_000L));
        }
        if (minutesWest != before.minutesWest || dstTime != before.dstTime) {
            if (!s.isEmpty()) {
                s.append("; ");
            }
            s.append(
                    String.format(
                            "the kernel's timezone changed from {tz_minuteswest=%d, tz_dsttime=%d}"
                                    + " to {tz_minuteswest=%d, tz_dsttime=%d} (settimeofday with a"
                                    + " timezone)",
                            before.minutesWest, before.dstTime, minutesWest, dstTime));
        }
        return s.toString();
    }

    /** The state as one line of three numbers, which {@link #parse} reads back. */
    @Override
    public String toString() {
        return realtimeMinusBoottimeNanos + " " + minutesWest + " " + dstTime;
    }

    /** Reads {@link #toString()}'s line. */
    public static ClockState parse(String line) {
        String[] words = line.strip().split("\\s+");
        if (words.length != 3) {
            throw new IllegalArgumentException("not a clock state (want three numbers): " + line);
        }
        return new ClockState(
                Long.parseLong(words[0]), Integer.parseInt(words[1]), Integer.parseInt(words[2]));
    }

    /**
     * Without arguments, prints the state now; with one (a state printed before), prints what
     * changed since and exits 1 if anything did.
     */
    public static void main(String[] args) {
        ClockState now = now();
        if (args.length == 0) {
            System.out.println(now);
            return;
        }
        String changes = now.changesSince(parse(String.join(" ", args)));
        if (!changes.isEmpty()) {
            System.err.println("The test suite changed this machine's time: " + changes + ".");
            System.exit(1);
        }
    }
}
