package io.rawsys.trace.decode;

import java.lang.foreign.MemorySegment;

/**
 * Clocks, sleeps and timers as strace's time.c, itimer.c and print_sigevent.c print them:
 * clock_gettime and the other clock calls (with i386's *_time64 ones), nanosleep and
 * clock_nanosleep (the time left only when a signal interrupted the sleep), gettimeofday, time,
 * alarm, the interval timers, the POSIX timers with their sigevent, and timerfd.
 */
public final class TimeDecoders {
    private TimeDecoders() {}

    static final Xlat TIMER_FLAGS = Xlat.load("clockflags");

    static final Xlat TIMERFD_FLAGS = Xlat.load("timerfdflags");

    static final Xlat ITIMERS = Xlat.load("itimer_which");

    static final Xlat SIGEV_NOTIFY = Xlat.load("sigev_value");

    /** Adds the family's decoders to {@code d}. */
    public static void register(Decoders d) {
        for (String bits : new String[] {"", "64"}) {
            String timespec = bits.isEmpty() ? "timespec" : "kernel_timespec";
            String itimerspec = bits.isEmpty() ? "itimerspec" : "kernel_itimerspec";
            String time64 = bits.isEmpty() ? "" : "_time64";
            Arg ts = timespec(timespec);
            Arg its = itimerspec(itimerspec);
            d.add("clock_gettime" + bits, new Signature(TimeArgs.CLOCK, Arg.atExit(ts)));
            d.add("clock_getres" + time64, new Signature(TimeArgs.CLOCK, Arg.atExit(ts)));
            d.add("clock_settime" + bits, new Signature(TimeArgs.CLOCK, ts));
            d.add("clock_nanosleep" + time64, clockNanosleep(timespec));
            d.add(
                    "timer_settime" + bits,
                    new Signature(Args.INT, Args.flags(TIMER_FLAGS), its, Arg.atExit(its)));
            d.add("timer_gettime" + bits, new Signature(Args.INT, Arg.atExit(its)));
            d.add(
                    "timerfd_settime" + bits,
                    new Signature(Args.FD, Args.flags(TIMERFD_FLAGS), its, Arg.atExit(its)));
            d.add("timerfd_gettime" + bits, new Signature(Args.FD, Arg.atExit(its)));
        }
        d.add(
                "nanosleep",
                Coded.split(
                        c -> c.print(timespec(c, "timespec", c.ulong(0))),
                        c -> c.print(left(c, "timespec", c.ulong(1)))));
        Arg timeval = struct("timeval", (c, s) -> ProcessStructs.timeval(c, s, "timeval", ""));
        Arg timezone = struct("timezone", TimeDecoders::timezone);
        d.add("gettimeofday", new Signature(Arg.atExit(timeval), Arg.atExit(timezone)));
        d.add("settimeofday", new Signature(timeval, timezone));
        d.add(
                "time",
                new Signature(Arg.atExit((c, at) -> timeAt(c, c.ulong(at))))
                        .returning(
                                c -> {
                                    String date = TimeArgs.comment(c.result(), 0, 0);
                                    return c.result() + (date == null ? "" : " (" + date + ")");
                                }));
        d.add("alarm", new Signature(Args.UINT));
        Arg itimerval = struct("itimerval", TimeDecoders::itimerval);
        Arg which = (c, at) -> ITIMERS.value(c.arch(), c.uint(at));
        d.add("getitimer", new Signature(which, Arg.atExit(itimerval)));
        d.add("setitimer", new Signature(which, itimerval, Arg.atExit(itimerval)));
        d.add(
                "timer_create",
                new Signature(
                        TimeArgs.CLOCK,
                        struct("sigevent", TimeDecoders::sigevent),
                        Arg.atExit((c, at) -> ProcessStructs.intAt(c, c.ulong(at)))));
        d.add("timer_delete", new Signature(Args.INT));
        d.add("timer_getoverrun", new Signature(Args.INT));
        d.add(
                "timerfd_create",
                new Signature(TimeArgs.CLOCK, FileArgs.flags(TIMERFD_FLAGS, "TFD_???"))
                        .returning(Results.FD));
    }

    /** A struct argument printed by {@code format}, or its address as strace prints one. */
    private static Arg struct(
            String struct, java.util.function.BiFunction<Call, MemorySegment, String> format) {
        return (c, at) -> ProcessStructs.struct(c, c.ulong(at), struct, s -> format.apply(c, s));
    }

    /** A {@code timespec} (or {@code kernel_timespec}) argument. */
    private static Arg timespec(String struct) {
        return (c, at) -> timespec(c, struct, c.ulong(at));
    }

    private static String timespec(Call c, String struct, long address) {
        return ProcessStructs.struct(
                c, address, struct, s -> ProcessStructs.timespec(c, s, struct, ""));
    }

    /** An {@code itimerspec} (or {@code kernel_itimerspec}) argument. */
    private static Arg itimerspec(String struct) {
        return struct(struct, (c, s) -> interval(c, s, struct, ProcessStructs::timespec));
    }

    private static String itimerval(Call c, MemorySegment s) {
        return interval(c, s, "itimerval", ProcessStructs::timeval);
    }

    /** How a time member of a struct prints: ProcessStructs' timespec or timeval. */
    @FunctionalInterface
    private interface TimeMember {
        String print(Call c, MemorySegment s, String struct, String prefix);
    }

    /** {@code {it_interval={…}, it_value={…}}}: an itimerspec or itimerval. */
    private static String interval(Call c, MemorySegment s, String struct, TimeMember time) {
        return "{it_interval="
                + time.print(c, s, struct, "it_interval.")
                + ", it_value="
                + time.print(c, s, struct, "it_value.")
                + "}";
    }

    private static String timezone(Call c, MemorySegment s) {
        return "{tz_minuteswest="
                + Structs.get(c, s, "timezone", "tz_minuteswest")
                + ", tz_dsttime="
                + Structs.get(c, s, "timezone", "tz_dsttime")
                + "}";
    }

    /**
     * clock_nanosleep: the clock, the flags and the time at entry; the time left at exit, printed
     * only for a relative sleep a signal interrupted.
     */
    private static Decoder clockNanosleep(String timespec) {
        return Coded.split(
                c -> {
                    c.print(TimeArgs.CLOCK.print(c, 0));
                    c.print(TIMER_FLAGS.flags(c.arch(), c.uint(1)));
                    c.print(timespec(c, timespec, c.ulong(2)));
                },
                c ->
                        c.print(
                                c.ulong(1) == 0
                                        ? left(c, timespec, c.ulong(3))
                                        : Text.pointer(c.ulong(3))));
    }

    /**
     * A sleep's time left: what the kernel wrote when a signal interrupted it (the call ends with a
     * restart code), otherwise only the address, as strace prints it.
     */
    private static String left(Call c, String timespec, long address) {
        if (!restarts(c)) {
            return Text.pointer(address);
        }
        if (address == 0) {
            return "NULL";
        }
        MemorySegment s = Structs.read(c, timespec, address);
        return s == null ? Text.pointer(address) : ProcessStructs.timespec(c, s, timespec, "");
    }

    /** Whether the call ended with one of the kernel's restart codes. */
    private static boolean restarts(Call c) {
        if (!c.failed()) {
            return false;
        }
        for (String code :
                new String[] {
                    "ERESTARTSYS", "ERESTARTNOINTR", "ERESTARTNOHAND", "ERESTART_RESTARTBLOCK"
                }) {
            if (-c.result() == c.arch().constants().value(code)) {
                return true;
            }
        }
        return false;
    }

    /** time's {@code [1700000000 /* 2023-11-14T22:13:20+0000 *}{@code /]}. */
    private static String timeAt(Call c, long address) {
        return ProcessStructs.bytes(
                c,
                address,
                c.arch().wordSize(),
                s -> {
                    long seconds =
                            c.arch().wordSize() == 4
                                    ? ProcessStructs.int32(c, s)
                                    : ProcessStructs.word(c, s);
                    return "[" + seconds + TimeArgs.commented(seconds, 0, 0) + "]";
                });
    }

    /**
     * {@code {sigev_value={sival_int=42, sival_ptr=0x2a}, sigev_signo=SIGALRM,
     * sigev_notify=SIGEV_SIGNAL}}: the value only when its pointer is set, the signal by name for
     * the notifications that send one, then what the notification adds (the thread id, the
     * function).
     */
    private static String sigevent(Call c, MemorySegment s) {
        StringBuilder b = new StringBuilder("{");
        long pointer = Structs.get(c, s, "sigevent", "sigev_value.sival_ptr");
        if (pointer != 0) {
            b.append("sigev_value={sival_int=")
                    .append((int) Structs.get(c, s, "sigevent", "sigev_value.sival_int"))
                    .append(", sival_ptr=")
                    .append(Text.hex(pointer))
                    .append("}, ");
        }
        int notify = (int) Structs.get(c, s, "sigevent", "sigev_notify");
        long signo = Structs.get(c, s, "sigevent", "sigev_signo");
        var constants = c.arch().constants();
        boolean thread = notify == constants.value("SIGEV_THREAD");
        boolean threadId = notify == constants.value("SIGEV_THREAD_ID");
        boolean signals = thread || threadId || notify == constants.value("SIGEV_SIGNAL");
        b.append("sigev_signo=")
                .append(
                        signals
                                ? Signals.styled(c.arch(), signo)
                                : Integer.toUnsignedString((int) signo))
                .append(", sigev_notify=")
                .append(SIGEV_NOTIFY.value(c.arch(), Integer.toUnsignedLong(notify)));
        if (threadId) {
            b.append(", sigev_notify_thread_id=")
                    .append((int) Structs.get(c, s, "sigevent", "_sigev_un._tid"));
        } else if (thread) {
            b.append(", sigev_notify_function=")
                    .append(
                            Text.pointer(
                                    Structs.get(
                                            c, s, "sigevent", "_sigev_un._sigev_thread._function")))
                    .append(", sigev_notify_attributes=")
                    .append(
                            Text.pointer(
                                    Structs.get(
                                            c,
                                            s,
                                            "sigevent",
                                            "_sigev_un._sigev_thread._attribute")));
        }
        return b.append('}').toString();
    }
}
