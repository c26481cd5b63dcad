package io.rawsys.trace.decode;

import io.rawsys.Arch;
import io.rawsys.StructMember;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Signal sets as strace prints them: {@code [INT TERM]}, the names without {@code SIG}; a set with
 * two thirds or more of its bits set as the complement, {@code ~[RTMIN RT_1]}.
 */
final class SigSets {
    private SigSets() {}

    /** The kernel's sigset size on {@code arch}: its {@code _NSIG} bits (8 bytes, 16 on MIPS). */
    static int kernelBytes(Arch arch) {
        StructMember mask = arch.member("kernel_sigaction", "sa_mask").orElseThrow();
        return mask.size() * (int) mask.count();
    }

    /**
     * The set of {@code length} bytes at {@code address}: its address when the length is below
     * {@code minLength} or above the kernel's size, or when it cannot be read.
     */
    static String at(Call c, long address, long length, long minLength) {
        if (address == 0) {
            return "NULL";
        }
        if (length < minLength || length > kernelBytes(c.arch())) {
            return Text.pointer(address);
        }
        MemorySegment bytes = Structs.bytes(c, address, length);
        return bytes == null ? Text.pointer(address) : format(c.arch(), bytes);
    }

    /** A set passed with its size, as rt_sigprocmask's: no smaller than a word. */
    static String at(Call c, long address, long length) {
        return at(c, address, length, c.arch().wordSize());
    }

    /** The set in {@code bytes}, laid out as the tracee's words are. */
    static String format(Arch arch, MemorySegment given) {
        int length = (int) Math.min(given.byteSize(), kernelBytes(arch));
        int bits = (length * 8 + 31) / 32 * 32;
        MemorySegment bytes = MemorySegment.ofArray(new byte[bits / 8]);
        bytes.copyFrom(given.asSlice(0, length));
        boolean[] set = new boolean[bits];
        int count = 0;
        int word = arch.wordSize();
        ValueLayout.OfInt int32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(arch.byteOrder());
        for (int i = 0; i < bits; i++) {
            set[i] = bit(bytes, i, word, arch.byteOrder(), int32);
            count += set[i] ? 1 : 0;
        }
        StringBuilder s = new StringBuilder();
        boolean invert = count >= bits * 2 / 3;
        if (invert) {
            s.append('~');
        }
        s.append('[');
        boolean first = true;
        for (int i = 0; i < bits; i++) {
            if (set[i] != invert) {
                if (!first) {
                    s.append(' ');
                }
                first = false;
                s.append(styled(arch, i + 1));
            }
        }
        return s.append(']').toString();
    }

    /** A mask held in a value (the old one-word sigsets): bit n-1 for signal n. */
    static String format(Arch arch, long mask, int bytes) {
        MemorySegment m = MemorySegment.ofArray(new long[1]);
        m.set(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(arch.byteOrder()), 0, mask);
        if (arch.byteOrder() == ByteOrder.BIG_ENDIAN) {
            m = m.asSlice(8 - bytes);
        }
        return format(arch, m.asSlice(0, bytes));
    }

    /**
     * Bit {@code i} of a set of {@code long}s: the kernel numbers bits within each word, so a
     * big-endian 64-bit word holds signal 1 in its last byte.
     */
    private static boolean bit(
            MemorySegment bytes, int i, int word, ByteOrder order, ValueLayout.OfInt int32) {
        if (order == ByteOrder.LITTLE_ENDIAN || word == 4 || bytes.byteSize() < (i / 64 + 1) * 8L) {
            int v = bytes.get(int32, (long) (i / 32) * 4);
            return (v >>> (i % 32) & 1) != 0;
        }
        long v = bytes.get(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(order), (long) (i / 64) * 8);
        return (v >>> (i % 64) & 1) != 0;
    }

    /**
     * A member of a set as -X prints it (strace's sprintsigmask_n): {@code USR2}, {@code 12}, or
     * {@code 12 /* USR2 *}{@code /}.
     */
    private static String styled(Arch arch, int signo) {
        String number = Integer.toString(signo);
        return switch (Xlat.style()) {
            case ABBREV -> shortName(arch, signo);
            case RAW -> number;
            case VERBOSE -> number + " /* " + shortName(arch, signo) + " */";
        };
    }

    /** {@code INT}, {@code RTMIN}, {@code RT_3}, or the number. */
    static String shortName(Arch arch, int signo) {
        String name = Signals.name(arch, signo);
        return name.startsWith("SIG") ? name.substring(3) : name;
    }
}
