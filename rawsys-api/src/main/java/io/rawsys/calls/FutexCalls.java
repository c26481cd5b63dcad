package io.rawsys.calls;

import io.rawsys.ErrnoException;
import io.rawsys.linux.Errno;
import io.rawsys.linux.Futex;
import io.rawsys.linux.Nr;
import io.rawsys.linux.Time;
import io.rawsys.linux.struct.KernelTimespec;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.Duration;

/**
 * Waiting on and waking a 32-bit word in memory, through futex2's own calls (Linux 6.7+): {@code
 * futex_wait} sleeps while the word holds an expected value, {@code futex_wake} wakes sleepers. The
 * word is private to the process ({@code FUTEX2_PRIVATE}), as a lock inside one program's memory
 * is. These are the kernel's building block, not a lock: Java code wants {@code
 * java.util.concurrent}; this is for sharing a word with native code that waits on it.
 */
public final class FutexCalls {
    private FutexCalls() {}

    /** How {@link #futexWait} ended. */
    public enum Wake {
        /** futex_wake woke it (or a spurious wake-up: check the word). */
        WOKEN,
        /** The word did not hold the expected value when the kernel looked ({@code EAGAIN}). */
        VALUE_CHANGED,
        /** The timeout passed ({@code ETIMEDOUT}). */
        TIMED_OUT,
        /** A signal interrupted the wait ({@code EINTR}). */
        INTERRUPTED
    }

    private static final long FLAGS = Futex.FUTEX2_SIZE_U32 | Futex.FUTEX2_PRIVATE;

    /** The mask that matches every waiter: futex2's calls take one, as FUTEX_WAIT_BITSET does. */
    private static final long ANY = 0xffff_ffffL;

    /**
     * Sleeps while the 32-bit word at the start of {@code word} holds {@code expected}, for at most
     * {@code timeout} (null: no limit). The thread is in the kernel meanwhile: {@link
     * Thread#interrupt()} does not end the wait (only a futex_wake, the timeout or a signal do),
     * and the segment's arena cannot close until it ends.
     *
     * <p>C: {@code long futex_wait(void *uaddr, unsigned long val, unsigned long mask, unsigned int
     * flags, struct __kernel_timespec *timeout, clockid_t clockid)}, with an absolute
     * CLOCK_MONOTONIC deadline.
     */
    public static Wake futexWait(MemorySegment word, int expected, Duration timeout) {
        Check.struct(word, 4, "futex word");
        aligned(word);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment deadline = MemorySegment.NULL;
            if (timeout != null) {
                if (timeout.isNegative()) {
                    throw new IllegalArgumentException("the timeout is negative: " + timeout);
                }
                deadline = KernelTimespec.allocate(arena);
                long now = TimeCalls.clockGettime(Time.CLOCK_MONOTONIC);
                long end = saturatingAdd(now, timeout);
                KernelTimespec.tv_sec(deadline, end / 1_000_000_000L);
                KernelTimespec.tv_nsec(deadline, end % 1_000_000_000L);
            }
            Checked.plllpl(
                    Nr.futex_wait,
                    word,
                    expected & 0xffff_ffffL,
                    ANY,
                    FLAGS,
                    deadline,
                    Time.CLOCK_MONOTONIC);
            return Wake.WOKEN;
        } catch (ErrnoException e) {
            if (e.errno() == Errno.EAGAIN) {
                return Wake.VALUE_CHANGED;
            } else if (e.errno() == Errno.ETIMEDOUT) {
                return Wake.TIMED_OUT;
            } else if (e.errno() == Errno.EINTR) {
                return Wake.INTERRUPTED;
            }
            throw e;
        }
    }

    /**
     * Wakes at most {@code count} of the threads waiting on the word at the start of {@code word}.
     *
     * <p>C: {@code long futex_wake(void *uaddr, unsigned long mask, int nr, unsigned int flags)}
     *
     * @return how many it woke
     */
    public static int futexWake(MemorySegment word, int count) {
        Check.struct(word, 4, "futex word");
        aligned(word);
        Check.count(count, "the count");
        return (int) Checked.plll(Nr.futex_wake, word, ANY, count, FLAGS);
    }

    /** {@code now + timeout} in nanoseconds, at most Long.MAX_VALUE (292 years of uptime). */
    private static long saturatingAdd(long now, Duration timeout) {
        try {
            return Math.addExact(now, timeout.toNanos());
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    private static void aligned(MemorySegment word) {
        if (word.address() % 4 != 0) {
            throw new IllegalArgumentException(
                    "a futex word must be 4-byte aligned, and 0x"
                            + Long.toHexString(word.address())
                            + " is not");
        }
    }

    /** A native, aligned futex word, set to {@code value}. */
    public static MemorySegment word(Arena arena, int value) {
        MemorySegment w = arena.allocate(ValueLayout.JAVA_INT);
        w.set(ValueLayout.JAVA_INT, 0, value);
        return w;
    }
}
