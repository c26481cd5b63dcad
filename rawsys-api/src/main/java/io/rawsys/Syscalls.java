package io.rawsys;

import io.rawsys.internal.Shapes;

/**
 * Runs any system call: a downcall into a hand-written stub that executes the architecture's
 * system-call instruction ({@code syscall} on x86_64), with no libc in between.
 *
 * <p>Numbers are in {@link io.rawsys.linux.Nr}. Arguments are {@code long}s, as the kernel sees
 * them: pass a pointer as {@link java.lang.foreign.MemorySegment#address()} of a native segment
 * (not a heap one, whose "address" is an offset) that stays alive during the call: allocate it in
 * an arena you close after the call, not in {@code Arena.ofAuto()}.
 *
 * <p>A negative number never reaches the kernel: it is what {@link io.rawsys.linux.Nr} gives a call
 * the running architecture lacks ({@code Nr.open} on aarch64), and it gets {@code -ENOSYS} at once,
 * as the kernel would answer, without risking a strict seccomp filter's verdict on an unknown call.
 *
 * <pre>{@code
 * long pid = Syscalls.invoke(Nr.getpid);
 * try (Arena arena = Arena.ofConfined()) {
 *     MemorySegment path = arena.allocateFrom("/etc/hostname");
 *     long fd = Syscalls.invoke(Nr.openat, Fcntl.AT_FDCWD, path.address(), Fcntl.O_RDONLY);
 * } catch (ErrnoException e) {
 *     if (e.errno() != Errno.ENOENT) throw e;
 * }
 * }</pre>
 *
 * <p>Two families of methods:
 *
 * <ul>
 *   <li>{@code invoke} returns the call's result and throws {@link ErrnoException} when the kernel
 *       returns an error (-4095..-1). This is the only place in rawsys that turns a raw result into
 *       an exception.
 *   <li>{@code raw} returns what the kernel returned, {@code -errno} included, and never throws;
 *       nothing is allocated on either path. Errno is a return value here, not thread-local state,
 *       so concurrent calls on many threads each see their own.
 * </ul>
 *
 * <p>These are safe for calls that block ({@code read} on a pipe, {@code wait4}, {@code futex}):
 * the JVM is told the thread is in native code, so garbage collection and safepoints go on without
 * it. {@link Critical} has the same methods for calls that never block, a few nanoseconds cheaper.
 *
 * <p>The fixed-arity overloads are the hot path; the varargs ones allocate an array and suit tools
 * that build argument lists at run time.
 */
public final class Syscalls {
    /** The largest errno the kernel returns as {@code -errno}; results in -4095..-1 are errors. */
    public static final int MAX_ERRNO = 4095;

    private Syscalls() {}

    /**
     * Runs system call {@code nr} with no arguments.
     *
     * @throws ErrnoException if it fails
     */
    public static long invoke(long nr) {
        return check(raw(nr), nr);
    }

    /**
     * Runs system call {@code nr} with one argument.
     *
     * @throws ErrnoException if it fails
     */
    public static long invoke(long nr, long a1) {
        return check(raw(nr, a1), nr);
    }

    /**
     * Runs system call {@code nr} with two arguments.
     *
     * @throws ErrnoException if it fails
     */
    public static long invoke(long nr, long a1, long a2) {
        return check(raw(nr, a1, a2), nr);
    }

    /**
     * Runs system call {@code nr} with three arguments.
     *
     * @throws ErrnoException if it fails
     */
    public static long invoke(long nr, long a1, long a2, long a3) {
        return check(raw(nr, a1, a2, a3), nr);
    }

    /**
     * Runs system call {@code nr} with four arguments.
     *
     * @throws ErrnoException if it fails
     */
    public static long invoke(long nr, long a1, long a2, long a3, long a4) {
        return check(raw(nr, a1, a2, a3, a4), nr);
    }

    /**
     * Runs system call {@code nr} with five arguments.
     *
     * @throws ErrnoException if it fails
     */
    public static long invoke(long nr, long a1, long a2, long a3, long a4, long a5) {
        return check(raw(nr, a1, a2, a3, a4, a5), nr);
    }

    /**
     * Runs system call {@code nr} with six arguments.
     *
     * @throws ErrnoException if it fails
     */
    public static long invoke(long nr, long a1, long a2, long a3, long a4, long a5, long a6) {
        return check(raw(nr, a1, a2, a3, a4, a5, a6), nr);
    }

    /**
     * Runs system call {@code nr} with up to six arguments given as an array.
     *
     * @throws ErrnoException if it fails
     * @throws IllegalArgumentException if there are more than six arguments
     */
    public static long invoke(long nr, long... args) {
        return check(raw(nr, args), nr);
    }

    /**
     * Runs system call {@code nr} with no arguments and returns the kernel's result, {@code -errno}
     * included.
     */
    public static long raw(long nr) {
        return Shapes.Default.none(nr);
    }

    /**
     * Runs system call {@code nr} with one argument and returns the kernel's result, {@code -errno}
     * included.
     */
    public static long raw(long nr, long a1) {
        return Shapes.Default.l(nr, a1);
    }

    /**
     * Runs system call {@code nr} with two arguments and returns the kernel's result, {@code
     * -errno} included.
     */
    public static long raw(long nr, long a1, long a2) {
        return Shapes.Default.ll(nr, a1, a2);
    }

    /**
     * Runs system call {@code nr} with three arguments and returns the kernel's result, {@code
     * -errno} included.
     */
    public static long raw(long nr, long a1, long a2, long a3) {
        return Shapes.Default.lll(nr, a1, a2, a3);
    }

    /**
     * Runs system call {@code nr} with four arguments and returns the kernel's result, {@code
     * -errno} included.
     */
    public static long raw(long nr, long a1, long a2, long a3, long a4) {
        return Shapes.Default.llll(nr, a1, a2, a3, a4);
    }

    /**
     * Runs system call {@code nr} with five arguments and returns the kernel's result, {@code
     * -errno} included.
     */
    public static long raw(long nr, long a1, long a2, long a3, long a4, long a5) {
        return Shapes.Default.lllll(nr, a1, a2, a3, a4, a5);
    }

    /**
     * Runs system call {@code nr} with six arguments and returns the kernel's result, {@code
     * -errno} included.
     */
    public static long raw(long nr, long a1, long a2, long a3, long a4, long a5, long a6) {
        return Shapes.Default.llllll(nr, a1, a2, a3, a4, a5, a6);
    }

    /**
     * Runs system call {@code nr} with up to six arguments given as an array and returns the
     * kernel's result, {@code -errno} included.
     *
     * @throws IllegalArgumentException if there are more than six arguments
     */
    public static long raw(long nr, long... args) {
        return switch (arity(args)) {
            case 0 -> raw(nr);
            case 1 -> raw(nr, args[0]);
            case 2 -> raw(nr, args[0], args[1]);
            case 3 -> raw(nr, args[0], args[1], args[2]);
            case 4 -> raw(nr, args[0], args[1], args[2], args[3]);
            case 5 -> raw(nr, args[0], args[1], args[2], args[3], args[4]);
            default -> raw(nr, args[0], args[1], args[2], args[3], args[4], args[5]);
        };
    }

    /** Whether {@code result} is an error, {@code -errno}, by the kernel's convention. */
    public static boolean isError(long result) {
        return result < 0 && result >= -MAX_ERRNO;
    }

    /**
     * Turns a raw result into the value, or into {@link ErrnoException} when it is {@code -errno}:
     * the one place in rawsys that does, also for results that come from elsewhere than a stub (a
     * vDSO function returns the kernel's convention too).
     *
     * @param result what the kernel returned
     * @param nr the call it came from, for the exception's message; -1 if none in particular
     * @return {@code result}, when it is not an error
     * @throws ErrnoException when it is
     */
    public static long check(long result, long nr) {
        if (isError(result)) {
            throw new ErrnoException((int) -result, nr);
        }
        return result;
    }

    static int arity(long[] args) {
        if (args.length > 6) {
            throw new IllegalArgumentException(
                    "a system call takes at most 6 arguments, and " + args.length + " were given");
        }
        return args.length;
    }

    /**
     * The same calls for system calls that never block, linked with {@link
     * java.lang.foreign.Linker.Option#critical}: the thread does not leave the Java state, which
     * saves a few nanoseconds a call.
     *
     * <p>Only for calls that return promptly whatever happens ({@code getpid}, {@code gettid},
     * {@code clock_gettime}, {@code fcntl(F_GETFL)} ...). While a critical call runs, the JVM
     * cannot reach a safepoint: a call that blocks ({@code read} of a pipe, {@code nanosleep},
     * {@code wait4}, even {@code close}, which flushes on NFS and FUSE) stalls garbage collection
     * for every thread until it returns.
     */
    public static final class Critical {
        private Critical() {}

        /** {@link Syscalls#invoke(long)} for a call that never blocks. */
        public static long invoke(long nr) {
            return check(raw(nr), nr);
        }

        /** {@link Syscalls#invoke(long, long)} for a call that never blocks. */
        public static long invoke(long nr, long a1) {
            return check(raw(nr, a1), nr);
        }

        /** {@link Syscalls#invoke(long, long, long)} for a call that never blocks. */
        public static long invoke(long nr, long a1, long a2) {
            return check(raw(nr, a1, a2), nr);
        }

        /** {@link Syscalls#invoke(long, long, long, long)} for a call that never blocks. */
        public static long invoke(long nr, long a1, long a2, long a3) {
            return check(raw(nr, a1, a2, a3), nr);
        }

        /** {@link Syscalls#invoke(long, long, long, long, long)} for a call that never blocks. */
        public static long invoke(long nr, long a1, long a2, long a3, long a4) {
            return check(raw(nr, a1, a2, a3, a4), nr);
        }

        /**
         * {@link Syscalls#invoke(long, long, long, long, long, long)} for a call that never blocks.
         */
        public static long invoke(long nr, long a1, long a2, long a3, long a4, long a5) {
            return check(raw(nr, a1, a2, a3, a4, a5), nr);
        }

        /**
         * {@link Syscalls#invoke(long, long, long, long, long, long, long)} for a call that never
         * blocks.
         */
        public static long invoke(long nr, long a1, long a2, long a3, long a4, long a5, long a6) {
            return check(raw(nr, a1, a2, a3, a4, a5, a6), nr);
        }

        /** {@link Syscalls#invoke(long, long...)} for a call that never blocks. */
        public static long invoke(long nr, long... args) {
            return check(raw(nr, args), nr);
        }

        /** {@link Syscalls#raw(long)} for a call that never blocks. */
        public static long raw(long nr) {
            return Shapes.Critical.none(nr);
        }

        /** {@link Syscalls#raw(long, long)} for a call that never blocks. */
        public static long raw(long nr, long a1) {
            return Shapes.Critical.l(nr, a1);
        }

        /** {@link Syscalls#raw(long, long, long)} for a call that never blocks. */
        public static long raw(long nr, long a1, long a2) {
            return Shapes.Critical.ll(nr, a1, a2);
        }

        /** {@link Syscalls#raw(long, long, long, long)} for a call that never blocks. */
        public static long raw(long nr, long a1, long a2, long a3) {
            return Shapes.Critical.lll(nr, a1, a2, a3);
        }

        /** {@link Syscalls#raw(long, long, long, long, long)} for a call that never blocks. */
        public static long raw(long nr, long a1, long a2, long a3, long a4) {
            return Shapes.Critical.llll(nr, a1, a2, a3, a4);
        }

        /**
         * {@link Syscalls#raw(long, long, long, long, long, long)} for a call that never blocks.
         */
        public static long raw(long nr, long a1, long a2, long a3, long a4, long a5) {
            return Shapes.Critical.lllll(nr, a1, a2, a3, a4, a5);
        }

        /**
         * {@link Syscalls#raw(long, long, long, long, long, long, long)} for a call that never
         * blocks.
         */
        public static long raw(long nr, long a1, long a2, long a3, long a4, long a5, long a6) {
            return Shapes.Critical.llllll(nr, a1, a2, a3, a4, a5, a6);
        }

        /** {@link Syscalls#raw(long, long...)} for a call that never blocks. */
        public static long raw(long nr, long... args) {
            return switch (arity(args)) {
                case 0 -> raw(nr);
                case 1 -> raw(nr, args[0]);
                case 2 -> raw(nr, args[0], args[1]);
                case 3 -> raw(nr, args[0], args[1], args[2]);
                case 4 -> raw(nr, args[0], args[1], args[2], args[3]);
                case 5 -> raw(nr, args[0], args[1], args[2], args[3], args[4]);
                default -> raw(nr, args[0], args[1], args[2], args[3], args[4], args[5]);
            };
        }
    }
}
