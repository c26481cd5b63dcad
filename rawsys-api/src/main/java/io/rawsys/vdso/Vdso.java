package io.rawsys.vdso;

import io.rawsys.Syscalls;
import io.rawsys.linux.Nr;
import io.rawsys.linux.struct.Timespec;
import io.rawsys.linux.struct.Timeval;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.Optional;

/**
 * Calls into the vDSO, the small shared library the kernel maps into every process for the calls
 * that need no trip into the kernel: {@code clock_gettime}, {@code clock_getres}, {@code
 * gettimeofday}, {@code time}, {@code getcpu} and, on Linux 6.11 and later, {@code getrandom}.
 *
 * <p>rawsys finds the vDSO through the auxiliary vector ({@code AT_SYSINFO_EHDR}), reads its
 * dynamic symbols with {@link ElfImage} over a segment bounded by the mapping, and binds a downcall
 * straight to each function's code. A function the vDSO does not export (or a process with no vDSO
 * at all) gets the system call instead, behind the same method: the caller never checks. {@link
 * #bindings()} says which is which.
 *
 * <p>The methods that return a number allocate nothing: they use a small per-thread buffer. The
 * {@link Critical} variants skip the JVM's thread-state transition, as {@link Syscalls.Critical}
 * does; every function here returns promptly, except {@code getrandom} with neither {@code
 * GRND_NONBLOCK} nor an initialised entropy pool, which has no critical variant.
 */
public final class Vdso {
    private Vdso() {}

    /**
     * How rawsys calls one function.
     *
     * @param function the C function, such as {@code clock_gettime}
     * @param symbol the vDSO symbol it calls, or empty when it makes the system call instead
     */
    public record Binding(String function, Optional<ElfImage.Symbol> symbol) {
        /** {@code __vdso_clock_gettime@LINUX_2.6}, or {@code the clock_gettime system call}. */
        @Override
        public String toString() {
            return symbol.map(s -> s.name() + (s.version().isEmpty() ? "" : "@" + s.version()))
                    .orElse("the " + function + " system call");
        }
    }

    /**
     * The current time of clock {@code clockId} in nanoseconds: {@code tv_sec * 10^9 + tv_nsec}
     * (which fits in a {@code long} until the year 2262). {@code CLOCK_MONOTONIC} is the clock of
     * {@link System#nanoTime()}, {@code CLOCK_REALTIME} that of {@link java.time.Instant#now()}.
     *
     * <p>C: {@code int clock_gettime(clockid_t clockid, struct timespec *tp)}
     *
     * @throws io.rawsys.ErrnoException EINVAL for a clock the kernel does not know
     */
    public static long clockGettime(int clockId) {
        MemorySegment ts = Scratch.get();
        clockGettime(clockId, ts);
        return Timespec.tv_sec(ts) * 1_000_000_000L + Timespec.tv_nsec(ts);
    }

    /**
     * Fills {@code timespec} (a {@code struct timespec}) with the time of clock {@code clockId}.
     *
     * @throws io.rawsys.ErrnoException EINVAL for a clock the kernel does not know
     * @throws IndexOutOfBoundsException if {@code timespec} is smaller than a {@code struct
     *     timespec}
     */
    public static void clockGettime(int clockId, MemorySegment timespec) {
        if (!timespec.isNative()) {
            throw new IllegalArgumentException(
                    "clock_gettime writes through a pointer: pass a native segment, not a heap one");
        }
        requireSize(timespec, Timespec.sizeof(), "struct timespec");
        try {
            Syscalls.check(
                    (int) Bound.CLOCK_GETTIME.handle.invokeExact(clockId, timespec),
                    Nr.clock_gettime);
        } catch (Throwable t) {
            throw Bound.rethrow(t);
        }
    }

    /**
     * The resolution of clock {@code clockId} in nanoseconds.
     *
     * <p>C: {@code int clock_getres(clockid_t clockid, struct timespec *res)}
     *
     * @throws io.rawsys.ErrnoException EINVAL for a clock the kernel does not know
     */
    public static long clockGetres(int clockId) {
        MemorySegment ts = Scratch.get();
        try {
            Syscalls.check(
                    (int) Bound.CLOCK_GETRES.handle.invokeExact(clockId, ts), Nr.clock_getres);
        } catch (Throwable t) {
            throw Bound.rethrow(t);
        }
        return Timespec.tv_sec(ts) * 1_000_000_000L + Timespec.tv_nsec(ts);
    }

    /**
     * The wall-clock time in microseconds since the epoch.
     *
     * <p>C: {@code int gettimeofday(struct timeval *tv, struct timezone *tz)}
     */
    public static long gettimeofday() {
        MemorySegment tv = Scratch.get();
        try {
            Syscalls.check(
                    (int) Bound.GETTIMEOFDAY.handle.invokeExact(tv, MemorySegment.NULL),
                    Nr.gettimeofday);
        } catch (Throwable t) {
            throw Bound.rethrow(t);
        }
        return Timeval.tv_sec(tv) * 1_000_000L + Timeval.tv_usec(tv);
    }

    /**
     * The wall-clock time in seconds since the epoch.
     *
     * <p>C: {@code time_t time(time_t *tloc)}
     */
    public static long time() {
        try {
            return Syscalls.check(
                    (long) Bound.TIME.handle.invokeExact(MemorySegment.NULL), Nr.time);
        } catch (Throwable t) {
            throw Bound.rethrow(t);
        }
    }

    /**
     * The CPU the calling thread runs on (it may have moved by the time this returns).
     *
     * <p>C: {@code int getcpu(unsigned *cpu, unsigned *node)}
     */
    public static int getcpu() {
        MemorySegment cpu = Scratch.get();
        try {
            Syscalls.check(
                    (int)
                            Bound.GETCPU.handle.invokeExact(
                                    cpu, MemorySegment.NULL, MemorySegment.NULL),
                    Nr.getcpu);
        } catch (Throwable t) {
            throw Bound.rethrow(t);
        }
        return cpu.get(ValueLayout.JAVA_INT, 0);
    }

    /**
     * Fills {@code buffer} with random bytes from the kernel's generator, through the vDSO where it
     * has {@code getrandom} (no system call, once the thread has its state), else through the
     * system call.
     *
     * <p>C: {@code ssize_t getrandom(void *buf, size_t buflen, unsigned int flags)}
     *
     * @param flags {@code GRND_NONBLOCK}, {@code GRND_INSECURE}, or 0 (from {@link
     *     io.rawsys.linux.Random})
     * @return how many bytes were written, which may be fewer than asked for a large buffer
     * @throws io.rawsys.ErrnoException EAGAIN with GRND_NONBLOCK before the pool is ready; EINVAL
     *     for a bad flag
     */
    public static long getrandom(MemorySegment buffer, int flags) {
        return VdsoRandom.getrandom(buffer, flags);
    }

    /** How rawsys calls each function: through which vDSO symbol, or by the system call. */
    public static List<Binding> bindings() {
        return List.of(
                Bound.CLOCK_GETTIME.binding(),
                Bound.CLOCK_GETRES.binding(),
                Bound.GETTIMEOFDAY.binding(),
                Bound.TIME.binding(),
                Bound.GETCPU.binding(),
                VdsoRandom.binding());
    }

    /** The running process's vDSO, if it has one and rawsys could read it. */
    public static Optional<VdsoMapping> mapping() {
        return VdsoMapping.current();
    }

    /**
     * The same calls linked with {@link java.lang.foreign.Linker.Option#critical}, for the hottest
     * loops.
     */
    public static final class Critical {
        private Critical() {}

        /** {@link Vdso#clockGettime(int)}, without the thread-state transition. */
        public static long clockGettime(int clockId) {
            MemorySegment ts = Scratch.get();
            try {
                Syscalls.check(
                        (int) Bound.CLOCK_GETTIME.critical.invokeExact(clockId, ts),
                        Nr.clock_gettime);
            } catch (Throwable t) {
                throw Bound.rethrow(t);
            }
            return Timespec.tv_sec(ts) * 1_000_000_000L + Timespec.tv_nsec(ts);
        }

        /** {@link Vdso#getcpu()}, without the thread-state transition. */
        public static int getcpu() {
            MemorySegment cpu = Scratch.get();
            try {
                Syscalls.check(
                        (int)
                                Bound.GETCPU.critical.invokeExact(
                                        cpu, MemorySegment.NULL, MemorySegment.NULL),
                        Nr.getcpu);
            } catch (Throwable t) {
                throw Bound.rethrow(t);
            }
            return cpu.get(ValueLayout.JAVA_INT, 0);
        }
    }

    private static void requireSize(MemorySegment segment, long size, String what) {
        if (segment.byteSize() < size) {
            throw new IndexOutOfBoundsException(
                    "a segment of "
                            + segment.byteSize()
                            + " bytes is too small for a "
                            + what
                            + " ("
                            + size
                            + " bytes)");
        }
    }

    /** A per-thread 16-byte native buffer: a timespec, a timeval, or getcpu's two unsigneds. */
    private static final class Scratch {
        private static final ThreadLocal<MemorySegment> BUFFER =
                ThreadLocal.withInitial(
                        () ->
                                java.lang.foreign.Arena.ofAuto()
                                        .allocate(Math.max(16, Timespec.sizeof()), 8));

        static MemorySegment get() {
            return BUFFER.get();
        }
    }
}
