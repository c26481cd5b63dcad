package io.rawsys.trace.decode;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The old signal calls of the 32-bit personalities (i386's, which x86_64 does not have): signal,
 * sigaction with its {@code struct old_sigaction}, sigsuspend, sigpending, sigprocmask, sgetmask
 * and ssetmask, whose signal masks are one word ({@code old_sigset_t}), as strace's signal.c prints
 * them: a mask in a register as {@code [HUP INT]}, a mask in memory read as one word, the masks
 * sgetmask and ssetmask return in hex with the set after it ({@code = 0x10 (mask [QUIT])}).
 */
final class OldSignalDecoders {
    private OldSignalDecoders() {}

    static final Xlat SA_FLAGS = Xlat.load("sigact_flags");
    static final Xlat HANDLERS = Xlat.load("sa_handler_values");
    static final Xlat HOWS = Xlat.load("sigprocmaskcmds");

    static void register(Decoders d) {
        d.add(
                "signal",
                Coded.atEntry(
                        c -> {
                            c.print(Signals.styled(c.arch(), c.sint(0)));
                            c.print(handler(c, c.ulong(1)));
                        },
                        OldSignalDecoders::handlerResult));
        d.add(
                "sigaction",
                Coded.split(
                        c -> {
                            c.print(Signals.styled(c.arch(), c.sint(0)));
                            c.print(oldSigaction(c, c.ulong(1)));
                        },
                        c -> c.print(oldSigaction(c, c.ulong(2)))));
        // strace prints the mask, the last of its three words (the first two are unused)
        d.add("sigsuspend", Coded.atEntry(c -> c.print(mask(c, c.ulong(2)))));
        d.add("sigpending", Coded.split(c -> {}, c -> c.print(maskAt(c, c.ulong(0)))));
        d.add(
                "sigprocmask",
                Coded.split(
                        c -> {
                            c.print(HOWS.value(c.arch(), c.uint(0)));
                            c.print(maskAt(c, c.ulong(1)));
                        },
                        c -> c.print(maskAt(c, c.ulong(2)))));
        d.add("sgetmask", Coded.atEntry(c -> {}, c -> maskResult(c, "mask ")));
        d.add(
                "ssetmask",
                Coded.atEntry(c -> c.print(mask(c, c.uint(0))), c -> maskResult(c, "old mask ")));
    }

    /** A word of the tracee: its own size, zero-extended. */
    private static long word(Call c, long value) {
        return c.arch().wordSize() >= 8 ? value : value & 0xffff_ffffL;
    }

    /** A handler: SIG_DFL, SIG_IGN, SIG_ERR by name, any other as its address. */
    private static String handler(Call c, long handler) {
        String name = HANDLERS.name(c.arch(), handler);
        return name == null ? Text.pointer(handler) : Xlat.styled(Text.hex(handler), name);
    }

    /** signal's result, the old handler: in hex, and its name after it if it has one. */
    private static String handlerResult(Call c) {
        long handler = word(c, c.result());
        String name = HANDLERS.name(c.arch(), handler);
        return Text.hex(handler) + (name == null ? "" : " (" + name + ")");
    }

    /** sgetmask's and ssetmask's result: the mask in hex, then the set. */
    private static String maskResult(Call c, String prefix) {
        long mask = word(c, c.result());
        return Text.hex(mask) + " (" + prefix + mask(c, mask) + ")";
    }

    /** A one-word mask held in a value. */
    private static String mask(Call c, long mask) {
        return SigSets.format(c.arch(), word(c, mask), c.arch().wordSize());
    }

    /** A one-word mask in memory; its address if unreadable, or at exit when the call failed. */
    private static String maskAt(Call c, long address) {
        if (address == 0) {
            return "NULL";
        }
        if (c.hasExited() && c.failed()) {
            return Text.pointer(address);
        }
        MemorySegment bytes = Structs.bytes(c, address, c.arch().wordSize());
        return bytes == null ? Text.pointer(address) : SigSets.format(c.arch(), bytes);
    }

    /**
     * A {@code struct old_sigaction}: four words, handler, mask, flags and restorer (the restorer
     * printed only with SA_RESTORER). Its address when unreadable, or at exit when the call failed.
     */
    private static String oldSigaction(Call c, long address) {
        int word = c.arch().wordSize();
        if (address == 0) {
            return "NULL";
        }
        if (c.hasExited() && c.failed()) {
            return Text.pointer(address);
        }
        MemorySegment s = Structs.bytes(c, address, 4L * word);
        if (s == null) {
            return Text.pointer(address);
        }
        long[] w = new long[4];
        for (int i = 0; i < 4; i++) {
            w[i] =
                    word == 8
                            ? s.get(
                                    ValueLayout.JAVA_LONG_UNALIGNED.withOrder(c.arch().byteOrder()),
                                    8L * i)
                            : s.get(
                                            ValueLayout.JAVA_INT_UNALIGNED.withOrder(
                                                    c.arch().byteOrder()),
                                            4L * i)
                                    & 0xffff_ffffL;
        }
        StringBuilder b =
                new StringBuilder("{sa_handler=")
                        .append(handler(c, w[0]))
                        .append(", sa_mask=")
                        .append(mask(c, w[1]))
                        .append(", sa_flags=")
                        .append(SA_FLAGS.flags(c.arch(), w[2]));
        long restorer = c.arch().constants().find("SA_RESTORER").orElse(0);
        if (restorer != 0 && (w[2] & restorer) != 0) {
            b.append(", sa_restorer=").append(Text.pointer(w[3]));
        }
        return b.append('}').toString();
    }
}
