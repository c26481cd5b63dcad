package io.rawsys;

import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The register words of one system call, built for an architecture's ABI (get one from {@link
 * Arch#arguments()}). A 32-bit ABI passes a 64-bit argument (a file offset, a length) in two
 * registers: consecutive on i386, starting at an even-numbered register on ARM EABI and MIPS o32,
 * where a register may be skipped to get there. This class is the one place rawsys encodes those
 * rules.
 *
 * <p>{@link Syscalls} itself runs on 64-bit JVMs only, where every ABI passes a 64-bit argument in
 * one register; the pairs describe the 32-bit ABIs (for tools that look at such processes, and for
 * C callers of their stubs). On o32 a call may need seven words (fadvise64): the o32 stub library
 * has {@code rawsys_syscall7} for them.
 */
public final class SyscallArguments {
    private final SyscallAbi.Pairs pairs;
    private final ByteOrder order;
    private long[] words = new long[8];
    private int count;

    SyscallArguments(SyscallAbi.Pairs pairs, ByteOrder order) {
        this.pairs = pairs;
        this.order = order;
    }

    /** Adds an argument that fits one register: an int, a pointer, a size. */
    public SyscallArguments word(long value) {
        if (count == words.length) {
            words = Arrays.copyOf(words, count * 2);
        }
        words[count++] = value;
        return this;
    }

    /**
     * Adds a 64-bit argument: one register on a 64-bit ABI, a pair of 32-bit halves on a 32-bit
     * one.
     */
    public SyscallArguments wide(long value) {
        if (pairs == SyscallAbi.Pairs.NONE) {
            return word(value);
        }
        if (pairs == SyscallAbi.Pairs.EVEN_REGISTER && count % 2 == 1) {
            word(0); // the skipped register
        }
        long low = value & 0xffff_ffffL;
        long high = value >>> 32;
        return order == ByteOrder.LITTLE_ENDIAN ? word(low).word(high) : word(high).word(low);
    }

    /** The words, in register order. */
    public long[] toArray() {
        return Arrays.copyOf(words, count);
    }
}
