package io.rawsys.trace.decode;

import static io.rawsys.trace.decode.Args.DIRFD;
import static io.rawsys.trace.decode.Args.PATH;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Setting a file's times: utimensat (and i386's utimensat_time64), utimes, futimesat and utime,
 * each time followed by strace's ISO 8601 comment.
 */
final class FileTimesDecoders {
    private FileTimesDecoders() {}

    static void register(Decoders d) {
        Arg timespecs = (c, at) -> pair(c, c.ulong(at), c.arch().wordSize() * 2L, Unit.NANOS);
        Arg timespecs64 = (c, at) -> pair(c, c.ulong(at), 16, Unit.NANOS);
        Arg timevals = (c, at) -> pair(c, c.ulong(at), c.arch().wordSize() * 2L, Unit.MICROS);
        d.add("utimensat", new Signature(DIRFD, PATH, timespecs, FileArgs.AT_FLAGS));
        d.add("utimensat_time64", new Signature(DIRFD, PATH, timespecs64, FileArgs.AT_FLAGS));
        d.add("utimes", new Signature(PATH, timevals));
        d.add("futimesat", new Signature(DIRFD, PATH, timevals));
        d.add("utime", new Signature(PATH, UTIMBUF));
    }

    /** A timespec's nanoseconds or a timeval's microseconds. */
    private enum Unit {
        NANOS("tv_nsec", 9, 1_000_000_000L),
        MICROS("tv_usec", 6, 1_000_000L);

        final String field;
        final int digits;
        final long perSecond;

        Unit(String field, int digits, long perSecond) {
            this.field = field;
            this.digits = digits;
            this.perSecond = perSecond;
        }
    }

    /**
     * Two times of {@code size} bytes each (two signed words: seconds, then the fraction): {@code
     * [UTIME_NOW, {tv_sec=1, tv_nsec=2} /* … *}{@code /]}, {@code NULL}, or the address.
     */
    private static String pair(Call c, long address, long size, Unit unit) {
        if (address == 0) {
            return "NULL";
        }
        MemorySegment both = Structs.bytes(c, address, 2 * size);
        if (both == null) {
            return Text.pointer(address);
        }
        return "["
                + time(c, both.asSlice(0, size), unit)
                + ", "
                + time(c, both.asSlice(size, size), unit)
                + "]";
    }

    private static String time(Call c, MemorySegment t, Unit unit) {
        long half = t.byteSize() / 2;
        long seconds = signed(c, t, 0, half);
        long fraction = signed(c, t, half, half);
        if (unit == Unit.NANOS) {
            if (fraction == c.arch().constants().value("UTIME_NOW")) {
                return "UTIME_NOW";
            }
            if (fraction == c.arch().constants().value("UTIME_OMIT")) {
                return "UTIME_OMIT";
            }
        }
        // strace prints the fraction zero-extended (-1 as 18446744073709551615), and no date for
        // an invalid fraction or for the epoch itself (its sprinttime_ex)
        String shown =
                half == 8
                        ? Long.toUnsignedString(fraction)
                        : Long.toString(fraction & 0xffff_ffffL);
        String text = "{tv_sec=" + seconds + ", " + unit.field + "=" + shown + "}";
        if (fraction < 0 || fraction >= unit.perSecond || (seconds == 0 && fraction == 0)) {
            return text;
        }
        return text + TimeArgs.commented(seconds, fraction, unit.digits);
    }

    private static long signed(Call c, MemorySegment t, long offset, long size) {
        var order = c.arch().byteOrder();
        return size == 8
                ? t.get(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(order), offset)
                : t.get(ValueLayout.JAVA_INT_UNALIGNED.withOrder(order), offset);
    }

    /** utime's {@code {actime=5 /* … *}{@code /, modtime=6 /* … *}{@code /}}. */
    private static final Arg UTIMBUF =
            (c, at) -> {
                long address = c.ulong(at);
                if (address == 0) {
                    return "NULL";
                }
                long word = c.arch().wordSize();
                MemorySegment b = Structs.bytes(c, address, 2 * word);
                if (b == null) {
                    return Text.pointer(address);
                }
                long access = signed(c, b, 0, word);
                long modification = signed(c, b, word, word);
                return "{actime="
                        + access
                        + (access == 0 ? "" : TimeArgs.commented(access, 0, 0))
                        + ", modtime="
                        + modification
                        + (modification == 0 ? "" : TimeArgs.commented(modification, 0, 0))
                        + "}";
            };
}
