package io.rawsys.preload.samples;

import io.rawsys.preload.Decision;
import io.rawsys.preload.Function;
import io.rawsys.preload.PreloadHook;
import io.rawsys.preload.TimeCall;
import java.lang.foreign.ValueLayout;

/**
 * Shifts the wall clock (clock_gettime's CLOCK_REALTIME, time, gettimeofday) by RAWSYS_FAKETIME
 * seconds (or -Drawsys.faketime), e.g. -86400 for yesterday. Other clocks are left alone.
 */
public final class FakeTime implements PreloadHook {
    private final long offset;

    /** Reads the offset in seconds from RAWSYS_FAKETIME or -Drawsys.faketime. */
    public FakeTime() {
        String s = System.getProperty("rawsys.faketime", System.getenv("RAWSYS_FAKETIME"));
        if (s == null)
            throw new IllegalStateException(
                    "FakeTime needs its offset: set RAWSYS_FAKETIME=SECONDS");
        offset = Long.parseLong(s.strip());
    }

    @Override
    public Decision time(TimeCall c) {
        if (c.clock() != TimeCall.CLOCK_REALTIME) return Decision.proceed();
        long r = c.proceed();
        if (r == -1) return Decision.proceed();
        var out = c.out();
        if (out.byteSize() > 0)
            out.set(ValueLayout.JAVA_LONG, 0, out.get(ValueLayout.JAVA_LONG, 0) + offset);
        return c.function() == Function.time ? Decision.result(r + offset) : Decision.proceed();
    }
}
