package io.rawsys.preload;

import java.lang.foreign.MemorySegment;

/** A call of the TIME family: clock_gettime, time, gettimeofday. */
public final class TimeCall extends Call {
    /** CLOCK_REALTIME, the clock time and gettimeofday read. */
    public static final int CLOCK_REALTIME = 0;

    TimeCall(Function f, long[] a, Memory m) {
        super(f, a, m);
    }

    /** The clock asked for: clock_gettime's, CLOCK_REALTIME for time and gettimeofday. */
    public int clock() {
        return intArg(Kind.CLOCK, 0, CLOCK_REALTIME);
    }

    /**
     * Where the time is written: clock_gettime's struct timespec or gettimeofday's struct timeval
     * (16 bytes, seconds first), time's time_t (8 bytes, NULL when the program passed none).
     */
    public MemorySegment out() {
        return switch (function()) {
            case clock_gettime -> memory(args[1], 16);
            case gettimeofday -> memory(args[0], 16);
            default -> memory(args[0], 8);
        };
    }
}
