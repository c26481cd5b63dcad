package io.rawsys.trace.decode;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.function.Function;

/**
 * Reading the kernel's fixed-size uapi structs that no generated layout describes (an iocb, an
 * io_uring_params, the numa calls' node masks): their members are at offsets the uapi header fixes
 * for every ABI, read here in the tracee's byte order. Also what the AIO, select and io_uring
 * families share: strace's print_array with its overflow check, and its print_kernel_sigset.
 */
final class UapiStructs {
    private UapiStructs() {}

    /** The unsigned 8-bit value at {@code offset} of {@code s}. */
    static int u8(MemorySegment s, long offset) {
        return s.get(ValueLayout.JAVA_BYTE, offset) & 0xff;
    }

    /** The unsigned 16-bit value at {@code offset} of {@code s}, in the tracee's byte order. */
    static int u16(Call c, MemorySegment s, long offset) {
        return s.get(ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(c.arch().byteOrder()), offset)
                & 0xffff;
    }

    /** The signed 16-bit value at {@code offset} of {@code s}. */
    static short s16(Call c, MemorySegment s, long offset) {
        return s.get(ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(c.arch().byteOrder()), offset);
    }

    /** The unsigned 32-bit value at {@code offset} of {@code s}. */
    static long u32(Call c, MemorySegment s, long offset) {
        return Integer.toUnsignedLong(s32(c, s, offset));
    }

    /** The signed 32-bit value at {@code offset} of {@code s}. */
    static int s32(Call c, MemorySegment s, long offset) {
        return s.get(ValueLayout.JAVA_INT_UNALIGNED.withOrder(c.arch().byteOrder()), offset);
    }

    /** The 64-bit value at {@code offset} of {@code s}. */
    static long u64(Call c, MemorySegment s, long offset) {
        return s.get(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(c.arch().byteOrder()), offset);
    }

    /** The tracee's {@code unsigned long} at {@code offset} of {@code s}. */
    static long word(Call c, MemorySegment s, long offset) {
        return c.arch().wordSize() == 4 ? u32(c, s, offset) : u64(c, s, offset);
    }

    /**
     * {@code size} bytes at {@code address} printed by {@code format}, as strace's
     * umove_or_printaddr: {@code NULL}, the address when they cannot be read or at the exit of a
     * call that failed.
     */
    static String at(Call c, long address, long size, Function<MemorySegment, String> format) {
        if (address == 0) {
            return "NULL";
        }
        MemorySegment s = Peek.fetch(c, address, size);
        return s == null ? Text.pointer(address) : format.apply(s);
    }

    /**
     * The same, read whatever the call's outcome: what strace prints of arguments the kernel read
     * at entry though it prints them at exit (its temporarily_clear_syserror).
     */
    static String read(Call c, long address, long size, Function<MemorySegment, String> format) {
        if (address == 0) {
            return "NULL";
        }
        MemorySegment s = Peek.peek(c, address, size);
        return s == null ? Text.pointer(address) : format.apply(s);
    }

    /**
     * strace's print_array: {@link FileArgs#array}, and the address when the array's size in bytes
     * overflows; at a failed call's exit, the address.
     */
    static String array(
            Call c,
            long address,
            long count,
            int size,
            java.util.function.BiFunction<MemorySegment, Long, String> element) {
        if (address == 0) {
            return "NULL";
        }
        if (count != 0 && (!Peek.fetchable(c) || overflows(c, address, count, size))) {
            return Text.pointer(address);
        }
        return FileArgs.array(c, address, count, size, element);
    }

    /** Whether {@code count} elements of {@code size} bytes from {@code address} wrap around. */
    static boolean overflows(Call c, long address, long count, long size) {
        if (Long.compareUnsigned(count, Long.divideUnsigned(-1L, size)) > 0) {
            return true;
        }
        // strace computes in its own 64 bits, whatever the tracee's word size
        return Long.compareUnsigned(address + count * size, address) <= 0;
    }

    /**
     * strace's print_kernel_sigset: the {@code {sigset_t *, size_t}} pair the p*wait calls take,
     * {@code {sigmask=[INT], sigsetsize=8}}, read whatever the call's outcome.
     */
    static String kernelSigset(Call c, long address) {
        int word = c.arch().wordSize();
        return read(
                c,
                address,
                2L * word,
                s -> {
                    long mask = word(c, s, 0);
                    long size = word(c, s, word);
                    return "{sigmask="
                            + SigSets.at(c, mask, size)
                            + ", sigsetsize="
                            + Long.toUnsignedString(size)
                            + "}";
                });
    }

    /**
     * A {@code struct} holding a time ({@code timespec}, {@code kernel_timespec}, {@code timeval})
     * at {@code address}, read whatever the call's outcome: {@code {tv_sec=1, tv_nsec=2}}.
     */
    static String time(Call c, String struct, long address) {
        long size = Peek.size(c, struct);
        return read(c, address, size, s -> time(c, struct, s));
    }

    /** The time in {@code s}, as strace prints a timespec or a timeval. */
    static String time(Call c, String struct, MemorySegment s) {
        return Structs.has(c, struct, "tv_usec")
                ? ProcessStructs.timeval(c, s, struct, "")
                : ProcessStructs.timespec(c, s, struct, "");
    }

    private static volatile int cpusetSize;

    /**
     * strace's CPU set size: the smallest mask sched_getaffinity accepts (EINVAL below it, EFAULT
     * from it on, with no buffer).
     */
    static int cpusetSize() {
        int size = cpusetSize;
        if (size == 0) {
            long einval = -io.rawsys.linux.Errno.EINVAL;
            size = 128;
            while (size > 0
                    && io.rawsys.Syscalls.raw(io.rawsys.linux.Nr.sched_getaffinity, 0, size, 0)
                            == einval) {
                size <<= 1;
            }
            cpusetSize = size = size > 0 ? size : 128;
        }
        return size;
    }

    /**
     * strace's print_affinitylist: {@code [0 1]}, the CPUs of a mask of {@code length} bytes,
     * {@code ...} past strace's CPU set size; the address at a failed call's exit.
     */
    static String affinity(Call c, long address, long length) {
        if (address == 0 || !Peek.fetchable(c)) {
            return Text.pointer(address);
        }
        if (length == 0) {
            return "[]";
        }
        int word = c.arch().wordSize();
        long read = Math.min(length, cpusetSize());
        long size = (read + word - 1) / word * word;
        MemorySegment s = Structs.bytes(c, address, read);
        if (s == null) {
            return Text.pointer(address);
        }
        StringBuilder b = new StringBuilder("[");
        boolean printed = false;
        for (long bit = 0; bit < read * 8; bit++) {
            if ((s.get(ValueLayout.JAVA_BYTE, bit / 8) >>> (bit % 8) & 1) != 0) {
                b.append(printed ? " " : "").append(bit);
                printed = true;
            }
        }
        if (size < length) {
            b.append(printed ? " " : "").append("...");
        }
        return b.append(']').toString();
    }

    /**
     * Whether strace's print_array would print every element of an array of {@code count} elements
     * of {@code size} bytes (its result): it reads one element past the -s limit before it cuts.
     */
    static boolean wholeArray(Call c, long address, long count, int size) {
        if (address == 0 || count == 0 || overflows(c, address, count, size)) {
            return false;
        }
        long read = Math.min(count, (long) c.settings().stringLimit() + 1);
        return Structs.bytes(c, address, read * size) != null;
    }

    /**
     * strace's printstrn: {@code length} bytes at {@code address} quoted, at most -s of them and
     * {@code ...} past that; the address when the bytes cannot be read (strace reads one byte more
     * than it shows, when there is one). The length is unsigned: a length of 2^63 or more is long.
     */
    static String strn(Call c, long address, long length) {
        if (address == 0) {
            return "NULL";
        }
        int limit = c.settings().stringLimit();
        long read = Long.compareUnsigned(length, limit + 1L) > 0 ? limit + 1L : length;
        MemorySegment s = read == 0 ? MemorySegment.NULL : Structs.bytes(c, address, read);
        if (s == null) {
            return Text.pointer(address);
        }
        byte[] data = read == 0 ? new byte[0] : s.toArray(ValueLayout.JAVA_BYTE);
        int shown = (int) Math.min(read, limit);
        String quoted = Text.quote(data, shown, c.settings().hex());
        return Long.compareUnsigned(length, limit) > 0 ? quoted + "..." : quoted;
    }

    /**
     * strace's tprint_iov_upto: {@code [{iov_base="…", iov_len=5}, …]}, read whatever the call's
     * outcome; with {@code data} not -1 only that many bytes in all are shown (what the call
     * transferred), with {@code addresses} the bases as addresses; the address when the vector's
     * size in bytes overflows.
     */
    static String iovecs(Call c, long address, long count, long data, boolean addresses) {
        int word = c.arch().wordSize();
        if (address != 0 && count != 0 && overflows(c, address, count, 2L * word)) {
            return Text.pointer(address);
        }
        long[] left = {data};
        return FileArgs.array(
                c,
                address,
                count,
                2 * word,
                (e, i) -> {
                    long base = word(c, e, 0);
                    long length = word(c, e, word);
                    long n = Long.compareUnsigned(length, left[0]) > 0 ? left[0] : length;
                    if (left[0] != -1) {
                        left[0] -= n;
                    }
                    return "{iov_base="
                            + (addresses ? Text.pointer(base) : strn(c, base, n))
                            + ", iov_len="
                            + Long.toUnsignedString(length)
                            + "}";
                });
    }
}
