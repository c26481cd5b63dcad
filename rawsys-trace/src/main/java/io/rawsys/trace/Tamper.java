package io.rawsys.trace;

/**
 * What the tracer does to a system call it stops at, decided at the call's entry: nothing, or
 * strace's {@code -e inject=} actions. An {@link #error} or a {@link #returnValue} replaces the
 * call (the kernel skips it: its number is set to -1 at entry, and the result register set at exit,
 * which strace prints with {@code (INJECTED)}); a {@link #signal} is sent to the thread as the call
 * starts; delays hold the thread before the call and before it returns ({@code (DELAYED)}).
 *
 * @param errno the error the call fails with, 1 to 4095; 0 for none
 * @param returnValue the value it returns instead, or null
 * @param signal the signal sent to the thread at the call's entry, or 0
 * @param delayEnterMicros how long the thread waits before the call runs, in microseconds
 * @param delayExitMicros how long it waits before the call returns, in microseconds
 * @param syscall with an error or a value, the system call the kernel runs instead of skipping one
 *     (strace's {@code syscall=}, a call without side effects such as getpid), or null
 * @param pokes bytes written into the memory the call's arguments point to, at its entry or before
 *     it returns (strace's {@code poke_enter=}, {@code poke_exit=}): {@code (INJECTED: args)}
 */
public record Tamper(
        int errno,
        Long returnValue,
        int signal,
        long delayEnterMicros,
        long delayExitMicros,
        String syscall,
        java.util.List<Poke> pokes) {
    private static final Tamper NONE = new Tamper(0, null, 0, 0, 0);

    /**
     * Bytes written at the address argument {@code argument} (1 to 6) holds.
     *
     * @param atEntry at the call's entry, else before it returns
     * @param argument which argument points there, 1 to 6
     * @param data the bytes, 1 to 1024 of them
     */
    public record Poke(boolean atEntry, int argument, byte[] data) {
        public Poke {
            if (argument < 1 || argument > 6) {
                throw new IllegalArgumentException("argument " + argument + " is not 1 to 6");
            }
            if (data.length < 1 || data.length > 1024) {
                throw new IllegalArgumentException("a poke writes 1 to 1024 bytes");
            }
            data = data.clone();
        }

        @Override
        public byte[] data() {
            return data.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Poke p
                    && p.atEntry == atEntry
                    && p.argument == argument
                    && java.util.Arrays.equals(p.data, data);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(atEntry, argument, java.util.Arrays.hashCode(data));
        }

        @Override
        public String toString() {
            return (atEntry ? "poke_enter=@arg" : "poke_exit=@arg")
                    + argument
                    + "="
                    + java.util.HexFormat.of().formatHex(data);
        }
    }

    /** An error, a value, a signal and delays, as strace's first actions. */
    public Tamper(
            int errno, Long returnValue, int signal, long delayEnterMicros, long delayExitMicros) {
        this(
                errno,
                returnValue,
                signal,
                delayEnterMicros,
                delayExitMicros,
                null,
                java.util.List.of());
    }

    /**
     * @throws IllegalArgumentException for an errno outside 1..4095, both an errno and a value, a
     *     signal outside 1..64, or a negative delay
     */
    public Tamper {
        if (errno < 0 || errno > 4095) {
            throw new IllegalArgumentException(
                    "errno " + errno + " is not an error number; use 1 to 4095, e.g. 2 (ENOENT)");
        }
        if (errno != 0 && returnValue != null) {
            throw new IllegalArgumentException("a call fails or returns a value, not both");
        }
        if (signal < 0 || signal > 64) {
            throw new IllegalArgumentException("signal " + signal + " is not 1 to 64");
        }
        if (delayEnterMicros < 0 || delayExitMicros < 0) {
            throw new IllegalArgumentException("a delay is 0 or more microseconds");
        }
        pokes = java.util.List.copyOf(pokes);
    }

    /** The call runs as made. */
    public static Tamper none() {
        return NONE;
    }

    /** The call fails with {@code errno} without running. */
    public static Tamper error(int errno) {
        if (errno == 0) {
            throw new IllegalArgumentException("errno 0 is no error; use 1 to 4095");
        }
        return new Tamper(errno, null, 0, 0, 0);
    }

    /** The call returns {@code value} without running. */
    public static Tamper returnValue(long value) {
        return new Tamper(0, value, 0, 0, 0);
    }

    /** The call runs, and signal {@code signo} is sent to its thread as it starts. */
    public static Tamper signal(int signo) {
        return NONE.withSignal(signo);
    }

    /** This, with signal {@code signo} sent too. */
    public Tamper withSignal(int signo) {
        if (signo == 0) {
            throw new IllegalArgumentException("signal 0 is no signal; use 1 to 64");
        }
        return new Tamper(
                errno, returnValue, signo, delayEnterMicros, delayExitMicros, syscall, pokes);
    }

    /** This, with the thread held {@code micros} before the call runs. */
    public Tamper withDelayEnter(long micros) {
        return new Tamper(errno, returnValue, signal, micros, delayExitMicros, syscall, pokes);
    }

    /** This, with the thread held {@code micros} before the call returns. */
    public Tamper withDelayExit(long micros) {
        return new Tamper(errno, returnValue, signal, delayEnterMicros, micros, syscall, pokes);
    }

    /**
     * This, with system call {@code name} run instead of the replaced one (strace's {@code
     * syscall=}; only with an error or a value, which the call still returns).
     */
    public Tamper withSyscall(String name) {
        return new Tamper(
                errno, returnValue, signal, delayEnterMicros, delayExitMicros, name, pokes);
    }

    /** This, with {@code data} written where argument {@code argument} points. */
    public Tamper withPoke(boolean atEntry, int argument, byte[] data) {
        java.util.List<Poke> more = new java.util.ArrayList<>(pokes);
        more.add(new Poke(atEntry, argument, data));
        return new Tamper(
                errno, returnValue, signal, delayEnterMicros, delayExitMicros, syscall, more);
    }

    /** Whether the call is replaced (an error or a value): strace's {@code (INJECTED)}. */
    public boolean replaces() {
        return errno != 0 || returnValue != null;
    }

    /** Whether anything is done at all. */
    public boolean isNone() {
        return !replaces()
                && signal == 0
                && delayEnterMicros == 0
                && delayExitMicros == 0
                && pokes.isEmpty();
    }
}
