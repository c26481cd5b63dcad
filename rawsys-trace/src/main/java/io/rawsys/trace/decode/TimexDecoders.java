package io.rawsys.trace.decode;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * adjtimex and clock_adjtime (and i386's clock_adjtime64): the struct timex, which the kernel both
 * reads and writes, printed once the call has returned, as strace 6.1 prints it, and the clock's
 * state after a successful call's result ({@code = 0 (TIME_OK)}).
 *
 * <p>No header rawsys reads declares struct timex, so its two layouts are written here, as strace's
 * kernel_timex.h writes them: every member a {@code long long} (the 64-bit ABIs', x32's and the
 * *_time64 calls'), or every member an {@code int} (i386's adjtimex and clock_adjtime).
 */
final class TimexDecoders {
    private TimexDecoders() {}

    private static final Xlat MODES = Xlat.load("adjtimex_modes");
    private static final Xlat STATUS = Xlat.load("adjtimex_status");
    private static final Xlat STATES = Xlat.load("adjtimex_state");

    /**
     * A layout of struct timex: where each member is, and how wide the wide ones are.
     *
     * @param size the struct's size
     * @param wide the size of the members other than modes, status, shift and tai (4 or 8)
     * @param offsets the offsets of the members, in the order {@link #MEMBERS} names them
     */
    private record Layout(long size, int wide, long[] offsets) {}

    /** The members after modes, in strace's order; "sec" and "usec" are time's. */
    private static final String[] MEMBERS = {
        "offset",
        "freq",
        "maxerror",
        "esterror",
        "status",
        "constant",
        "precision",
        "tolerance",
        "sec",
        "usec",
        "tick",
        "ppsfreq",
        "jitter",
        "shift",
        "stabil",
        "jitcnt",
        "calcnt",
        "errcnt",
        "stbcnt",
        "tai"
    };

    /** kernel_timex64_t: long longs, with status, shift and tai ints padded to 8 bytes. */
    private static final Layout TIMEX64 =
            new Layout(
                    208,
                    8,
                    new long[] {
                        8, 16, 24, 32, 40, 48, 56, 64, 72, 80, 88, 96, 104, 112, 120, 128, 136, 144,
                        152, 160
                    });

    /** kernel_timex32_t: ints. */
    private static final Layout TIMEX32 =
            new Layout(
                    128,
                    4,
                    new long[] {
                        4, 8, 12, 16, 20, 24, 28, 32, 36, 40, 44, 48, 52, 56, 60, 64, 68, 72, 76, 80
                    });

    static void register(Decoders d) {
        d.add(
                "adjtimex",
                new Signature(Arg.atExit((c, at) -> timex(c, c.ulong(at), layout(c))))
                        .returning(c -> state(c, c.ulong(0), layout(c))));
        d.add(
                "clock_adjtime",
                new Signature(
                                TimeArgs.CLOCK,
                                Arg.atExit((c, at) -> timex(c, c.ulong(at), layout(c))))
                        .returning(c -> state(c, c.ulong(1), layout(c))));
        d.add(
                "clock_adjtime64",
                new Signature(TimeArgs.CLOCK, Arg.atExit((c, at) -> timex(c, c.ulong(at), TIMEX64)))
                        .returning(c -> state(c, c.ulong(1), TIMEX64)));
    }

    /**
     * The timex of adjtimex and clock_adjtime on the tracee's ABI: the 32-bit one on a 32-bit ABI
     * but x32, whose calls are x86_64's.
     */
    private static Layout layout(Call c) {
        return c.arch().wordSize() == 4 && !c.arch().name().equals("x32") ? TIMEX32 : TIMEX64;
    }

    /** The result, with the clock's state when strace names it (it was read). */
    private static String state(Call c, long address, Layout layout) {
        String text = Long.toString(c.result());
        if (Peek.fetch(c, address, layout.size()) == null) {
            return text;
        }
        String name = STATES.name(c.arch(), c.result());
        return name != null ? text + " (" + name + ")" : text;
    }

    private static String timex(Call c, long address, Layout layout) {
        MemorySegment s = Peek.fetch(c, address, layout.size());
        if (s == null) {
            return Text.pointer(address);
        }
        StringBuilder b = new StringBuilder("{modes=");
        b.append(MODES.flags(c.arch(), Integer.toUnsignedLong(Peek.intAt(c, s, 0))));
        for (int i = 0; i < MEMBERS.length; i++) {
            String member = MEMBERS[i];
            long offset = layout.offsets()[i];
            switch (member) {
                case "status" ->
                        b.append(", status=")
                                .append(
                                        STATUS.flags(
                                                c.arch(),
                                                Integer.toUnsignedLong(Peek.intAt(c, s, offset))));
                case "shift", "tai" ->
                        b.append(", ").append(member).append('=').append(Peek.intAt(c, s, offset));
                case "sec" -> b.append(", time={tv_sec=").append(wide(c, s, offset, layout));
                case "usec" -> {
                    long usec = wide(c, s, offset, layout);
                    b.append(", tv_usec=")
                            .append(
                                    layout.wide() == 4
                                            ? Long.toString(usec & 0xffff_ffffL)
                                            : Long.toUnsignedString(usec))
                            .append('}');
                }
                default ->
                        b.append(", ")
                                .append(member)
                                .append('=')
                                .append(wide(c, s, offset, layout));
            }
        }
        return b.append('}').toString();
    }

    /** A wide member, sign-extended: an int of the 32-bit layout, a long long of the 64-bit one. */
    private static long wide(Call c, MemorySegment s, long offset, Layout layout) {
        return layout.wide() == 4
                ? Peek.intAt(c, s, offset)
                : s.get(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(c.arch().byteOrder()), offset);
    }
}
