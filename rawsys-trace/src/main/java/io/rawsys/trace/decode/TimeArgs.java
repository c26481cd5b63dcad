package io.rawsys.trace.decode;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** The argument kinds and texts the time decoders share: clocks, and the dates strace comments. */
final class TimeArgs {
    private TimeArgs() {}

    private static final DateTimeFormatter SECONDS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
    private static final DateTimeFormatter ZONE = DateTimeFormatter.ofPattern("xx");

    static final Xlat CLOCKS = Xlat.load("clocknames");

    /** A clock id: {@code CLOCK_MONOTONIC}, or {@code 0xfffffffa /* CLOCK_??? *}{@code /}. */
    static final Arg CLOCK = (c, at) -> CLOCKS.value(c.arch(), c.uint(at));

    /**
     * strace's time comment: {@code 2023-11-14T22:13:20.123456789+0000} in the local zone, the
     * fraction (of {@code digits} digits) only when there is one; null for a time no calendar here
     * can show (beyond the billion years java.time holds), which strace too prints without one.
     */
    static String comment(long seconds, long fraction, int digits) {
        // as strace's sprinttime_ex: no date for the epoch itself, nor for a fraction out of range
        if ((seconds == 0 && fraction == 0)
                || fraction < 0
                || (digits > 0 && fraction >= (long) Math.pow(10, digits))) {
            return null;
        }
        try {
            var t = Instant.ofEpochSecond(seconds).atZone(ZoneId.systemDefault());
            String part = fraction == 0 ? "" : "." + String.format("%0" + digits + "d", fraction);
            return t.format(SECONDS) + part + t.format(ZONE);
        } catch (java.time.DateTimeException beyondTheCalendar) {
            return null;
        }
    }

    /** {@code " /* 2023-11-14T22:13:20+0000 *}{@code /"}, or nothing where there is no date. */
    static String commented(long seconds, long fraction, int digits) {
        String date = comment(seconds, fraction, digits);
        return date == null ? "" : " /* " + date + " */";
    }
}
