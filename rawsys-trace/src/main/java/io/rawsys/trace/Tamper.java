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
 */
public record Tamper(
        int errno, Long returnValue, int signal, long delayEnterMicros, long delayExitMicros) {
    private static final Tamper NONE = new Tamper(0, null, 0, 0, 0);

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
        return new Tamper(errno, returnValue, signo, delayEnterMicros, delayExitMicros);
    }

    /** This, with the thread held {@code micros} before the call runs. */
    public Tamper withDelayEnter(long micros) {
        return new Tamper(errno, returnValue, signal, micros, delayExitMicros);
    }

    /** This, with the thread held {@code micros} before the call returns. */
    public Tamper withDelayExit(long micros) {
        return new Tamper(errno, returnValue, signal, delayEnterMicros, micros);
    }

    /** Whether the call is replaced (an error or a value): strace's {@code (INJECTED)}. */
    public boolean replaces() {
        return errno != 0 || returnValue != null;
    }

    /** Whether anything is done at all. */
    public boolean isNone() {
        return !replaces() && signal == 0 && delayEnterMicros == 0 && delayExitMicros == 0;
    }
}
