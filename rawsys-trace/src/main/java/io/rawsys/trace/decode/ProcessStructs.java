package io.rawsys.trace.decode;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.function.Function;

/**
 * The structs and indirect values the process family prints: each read as the tracee's architecture
 * lays it out, and printed as its address when strace would (NULL, unreadable, or written by a call
 * that failed).
 */
final class ProcessStructs {
    private ProcessStructs() {}

    /** The capabilities, prctl's and capget's. */
    static final Xlat CAPABILITIES = Xlat.load("cap");

    /**
     * {@code struct} at {@code address} printed by {@code format}; its address when it is NULL,
     * cannot be read, or is an output of a call that failed.
     */
    static String struct(
            Call c, long address, String struct, Function<MemorySegment, String> format) {
        if (address == 0) {
            return "NULL";
        }
        if (c.hasExited() && c.failed()) {
            return Text.pointer(address);
        }
        MemorySegment s = Structs.read(c, struct, address);
        return s == null ? Text.pointer(address) : format.apply(s);
    }

    /** {@code size} bytes at {@code address}, as {@link #struct} reads them. */
    static String bytes(Call c, long address, long size, Function<MemorySegment, String> format) {
        if (address == 0) {
            return "NULL";
        }
        if (c.hasExited() && c.failed()) {
            return Text.pointer(address);
        }
        MemorySegment s = Structs.bytes(c, address, size);
        return s == null ? Text.pointer(address) : format.apply(s);
    }

    /** A member of {@code struct} in {@code s}. */
    static long get(Call c, MemorySegment s, String struct, String member) {
        return Structs.get(c, s, struct, member);
    }

    /** {@code {tv_sec=1, tv_nsec=500}} at {@code address}. */
    static String timespec(Call c, long address) {
        return struct(c, address, "timespec", s -> timespec(c, s, "timespec", ""));
    }

    /**
     * The call's own timespec at {@code address}: a {@code struct __kernel_timespec} (64-bit
     * seconds and nanoseconds) for the 32-bit personalities' *_time64 calls, the personality's
     * {@code struct timespec} for the others, as strace prints the pair with print_timespec64 and
     * print_timespec32.
     */
    static String callTimespec(Call c, long address) {
        String struct = c.name().endsWith("_time64") ? "kernel_timespec" : "timespec";
        return struct(c, address, struct, s -> timespec(c, s, struct, ""));
    }

    /** The timespec at member {@code prefix} (ending in a dot) of {@code struct}. */
    static String timespec(Call c, MemorySegment s, String struct, String prefix) {
        return "{tv_sec="
                + get(c, s, struct, prefix + "tv_sec")
                + ", tv_nsec="
                + unsigned(c, s, struct, prefix + "tv_nsec")
                + "}";
    }

    /** {@code {tv_sec=1, tv_usec=500}} from member {@code prefix} of {@code struct}. */
    static String timeval(Call c, MemorySegment s, String struct, String prefix) {
        return "{tv_sec="
                + get(c, s, struct, prefix + "tv_sec")
                + ", tv_usec="
                + unsigned(c, s, struct, prefix + "tv_usec")
                + "}";
    }

    /**
     * A member as an unsigned number of its own width, as strace prints a time's fraction: a 32-bit
     * tv_nsec of -1 is {@code 4294967295}.
     */
    static String unsigned(Call c, MemorySegment s, String struct, String member) {
        var m = Structs.member(c, struct, member);
        long v = m.get(s);
        return m.size() >= 8
                ? Long.toUnsignedString(v)
                : Long.toString(v & (-1L >>> (64 - 8 * m.size())));
    }

    /**
     * A {@code struct rusage}: the two times and {@code ...}, as strace abbreviates it; every
     * counter with -v.
     */
    static String rusage(Call c, long address) {
        return struct(
                c,
                address,
                "rusage",
                s -> {
                    StringBuilder b =
                            new StringBuilder("{ru_utime=")
                                    .append(timeval(c, s, "rusage", "ru_utime."))
                                    .append(", ru_stime=")
                                    .append(timeval(c, s, "rusage", "ru_stime."));
                    if (!c.settings().verbose()) {
                        return b.append(", ...}").toString();
                    }
                    for (String f :
                            new String[] {
                                "ru_maxrss", "ru_ixrss", "ru_idrss", "ru_isrss", "ru_minflt",
                                "ru_majflt", "ru_nswap", "ru_inblock", "ru_oublock", "ru_msgsnd",
                                "ru_msgrcv", "ru_nsignals", "ru_nvcsw", "ru_nivcsw"
                            }) {
                        b.append(", ")
                                .append(f)
                                .append('=')
                                .append(Long.toUnsignedString(get(c, s, "rusage", f)));
                    }
                    return b.append('}').toString();
                });
    }

    /** A {@code siginfo_t} in the tracee, as strace prints it. */
    static String siginfo(Call c, long address) {
        return struct(
                c,
                address,
                "siginfo",
                s -> SigInfo.format(c.arch(), s, c.settings().pidComm(), fd -> Args.fdText(c, fd)));
    }

    /** strace's {@code [42]}: an int the kernel wrote. */
    static String intAt(Call c, long address) {
        return intAt(c, address, Integer::toString);
    }

    /** An int the kernel wrote, in brackets, as {@code format} prints it: {@code [SIGTERM]}. */
    static String intAt(Call c, long address, java.util.function.IntFunction<String> format) {
        return bytes(c, address, 4, s -> "[" + format.apply(int32(c, s)) + "]");
    }

    /** The tracee's int at the start of {@code s}. */
    static int int32(Call c, MemorySegment s) {
        return s.get(ValueLayout.JAVA_INT_UNALIGNED.withOrder(c.arch().byteOrder()), 0);
    }

    /** An unsigned long the kernel wrote, in brackets: {@code [24]}, or in hex: {@code [0x7f…]}. */
    static String wordAt(Call c, long address, boolean hex) {
        return bytes(
                c,
                address,
                c.arch().wordSize(),
                s -> {
                    long v = word(c, s);
                    return "[" + (hex ? Text.hex(v) : Long.toUnsignedString(v)) + "]";
                });
    }

    /** {@code [0x7f…]} or {@code [NULL]}: the pointer the kernel wrote at {@code address}. */
    static String pointerAt(Call c, long address) {
        return bytes(c, address, c.arch().wordSize(), s -> "[" + Text.pointer(word(c, s)) + "]");
    }

    /** The tracee's word at the start of {@code s}. */
    static long word(Call c, MemorySegment s) {
        return c.arch().wordSize() == 4
                ? Integer.toUnsignedLong(int32(c, s))
                : s.get(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(c.arch().byteOrder()), 0);
    }

    /**
     * A clock_t count of ticks: the number, and for a nonzero one its seconds at strace's 100 ticks
     * a second: {@code 250 /* 2.50 s *}{@code /}.
     */
    static String clock(long ticks) {
        String n = Long.toUnsignedString(ticks);
        if (ticks == 0) {
            return n;
        }
        return n
                + " /* "
                + Long.divideUnsigned(ticks, 100)
                + "."
                + String.format("%02d", Long.remainderUnsigned(ticks, 100))
                + " s */";
    }

    /**
     * strace's print_array: {@code [e1, e2, ...]} of {@code count} elements of {@code size} bytes,
     * at most -s of them; the address if the first cannot be read.
     */
    static String array(
            Call c,
            long address,
            long count,
            int size,
            java.util.function.LongFunction<String> element) {
        if (address == 0) {
            return "NULL";
        }
        if (count == 0) {
            return "[]";
        }
        long shown = Math.min(count, c.settings().stringLimit());
        if (Structs.bytes(c, address, size) == null) {
            return Text.pointer(address); // strace reads the first element before the bracket
        }
        StringBuilder s = new StringBuilder("[");
        for (long i = 0; i < shown; i++) {
            MemorySegment e = Structs.bytes(c, address + i * size, size);
            if (e == null) {
                return s.append(", ...]").toString();
            }
            if (i > 0) {
                s.append(", ");
            }
            long v =
                    switch (size) {
                        case 1 -> e.get(ValueLayout.JAVA_BYTE, 0);
                        case 4 -> int32(c, e);
                        default -> word(c, e);
                    };
            s.append(element.apply(v));
        }
        if (shown < count) {
            s.append(shown > 0 ? ", ..." : "...");
        }
        return s.append(']').toString();
    }

    /** A 32-bit word of {@code s} at {@code offset}, in the tracee's byte order. */
    static int uint32(Call c, MemorySegment s, long offset) {
        return s.get(ValueLayout.JAVA_INT_UNALIGNED.withOrder(c.arch().byteOrder()), offset);
    }

    /**
     * A struct user_desc (asm/ldt.h): entry_number, base_addr and limit, then flag bits. Read by
     * hand: the flags are bitfields, which no struct layout describes.
     */
    static String userDesc(Call c, long address) {
        return bytes(
                c,
                address,
                16,
                s -> "{entry_number=" + id(uint32(c, s, 0)) + userDescRest(c, s) + "}");
    }

    /** strace's PRINT_VAL_ID of an unsigned int: -1, or the value unsigned. */
    static String id(int value) {
        return value == -1 ? "-1" : Integer.toUnsignedString(value);
    }

    /** user_desc after entry_number: {@code , base_addr=0x001000, …}. */
    static String userDescRest(Call c, MemorySegment s) {
        int bits = uint32(c, s, 12);
        StringBuilder b =
                new StringBuilder(", base_addr=")
                        .append(hex08(uint32(c, s, 4)))
                        .append(", limit=")
                        .append(hex08(uint32(c, s, 8)))
                        .append(", seg_32bit=")
                        .append(bits & 1)
                        .append(", contents=")
                        .append((bits >>> 1) & 3)
                        .append(", read_exec_only=")
                        .append((bits >>> 3) & 1)
                        .append(", limit_in_pages=")
                        .append((bits >>> 4) & 1)
                        .append(", seg_not_present=")
                        .append((bits >>> 5) & 1)
                        .append(", useable=")
                        .append((bits >>> 6) & 1);
        if (c.arch().wordSize() == 8) {
            b.append(", lm=").append((bits >>> 7) & 1);
        }
        return b.toString();
    }

    /** C's {@code %#08x}: {@code 0x001000}, {@code 00000000} for zero. */
    private static String hex08(int value) {
        String digits = Integer.toHexString(value);
        if (value == 0) {
            return "00000000";
        }
        return "0x" + "0".repeat(Math.max(0, 6 - digits.length())) + digits;
    }

    /** sigev_notify's values, as print_sigevent names them. */
    static final Xlat SIGEV_NOTIFY = Xlat.load("sigev_value");

    /**
     * A {@code struct sigevent} at {@code address}, as strace's print_sigevent prints it
     * (mq_notify's and timer_create's): {@code {sigev_value={sival_int=42, sival_ptr=0x2a},
     * sigev_signo=SIGUSR1, sigev_notify=SIGEV_SIGNAL}}, the value only when its pointer is set, the
     * signal by name for the notifications that send one, then the thread id or the function and
     * attributes; its address when it cannot be read.
     */
    static String sigevent(Call c, long address) {
        // strace reads its own struct_sigevent, which ends with the thread's attributes pointer:
        // 32 bytes on x86_64 where the C library's struct is 64, and a sigevent cut short after
        // them still prints
        var last = Structs.member(c, "sigevent", "_sigev_un._sigev_thread._attribute");
        return bytes(
                c,
                address,
                last.offset() + last.size(),
                s -> {
                    StringBuilder b = new StringBuilder("{");
                    long pointer = get(c, s, "sigevent", "sigev_value.sival_ptr");
                    if (pointer != 0) {
                        b.append("sigev_value={sival_int=")
                                .append((int) get(c, s, "sigevent", "sigev_value.sival_int"))
                                .append(", sival_ptr=")
                                .append(Text.hex(pointer))
                                .append("}, ");
                    }
                    int notify = (int) get(c, s, "sigevent", "sigev_notify");
                    long signo = get(c, s, "sigevent", "sigev_signo");
                    var constants = c.arch().constants();
                    boolean thread = notify == constants.value("SIGEV_THREAD");
                    boolean threadId = notify == constants.value("SIGEV_THREAD_ID");
                    boolean signals =
                            thread || threadId || notify == constants.value("SIGEV_SIGNAL");
                    b.append("sigev_signo=")
                            .append(
                                    signals
                                            ? Signals.name(c.arch(), signo)
                                            : Integer.toUnsignedString((int) signo))
                            .append(", sigev_notify=")
                            .append(SIGEV_NOTIFY.value(c.arch(), Integer.toUnsignedLong(notify)));
                    if (threadId) {
                        b.append(", sigev_notify_thread_id=")
                                .append((int) get(c, s, "sigevent", "_sigev_un._tid"));
                    } else if (thread) {
                        b.append(", sigev_notify_function=")
                                .append(
                                        Text.pointer(
                                                get(
                                                        c,
                                                        s,
                                                        "sigevent",
                                                        "_sigev_un._sigev_thread._function")))
                                .append(", sigev_notify_attributes=")
                                .append(
                                        Text.pointer(
                                                get(
                                                        c,
                                                        s,
                                                        "sigevent",
                                                        "_sigev_un._sigev_thread._attribute")));
                    }
                    return b.append('}').toString();
                });
    }

    private static final Xlat IOPRIO_CLASSES = Xlat.load("ioprio_class");

    /**
     * strace's print_ioprio: {@code IOPRIO_PRIO_VALUE(IOPRIO_CLASS_BE, 4)}, the class in the bits
     * from 13 on, the data below; with -X its number.
     */
    static String ioprio(Call c, long value) {
        return Xlat.composite(
                Text.hex(value),
                () ->
                        "IOPRIO_PRIO_VALUE("
                                + IOPRIO_CLASSES.value(c.arch(), value >>> 13)
                                + ", "
                                + (value & 0x1fff)
                                + ")");
    }
}
