package io.rawsys.internal;

/**
 * What every call of a stub handle shares, written once for {@link Shapes}, whose generated methods
 * are the only callers: the answer to a number no stub should see, and what to throw for a
 * throwable out of {@code invokeExact}.
 */
public final class StubCalls {
    private StubCalls() {}

    /**
     * What a negative system-call number gets, {@code -ENOSYS}, without entering the kernel: it is
     * what {@link io.rawsys.linux.Nr} gives a call the running architecture lacks, and the kernel
     * would answer the same, but a strict seccomp filter might kill the process for an unknown
     * number instead.
     */
    public static long enosys() {
        return Enosys.RESULT;
    }

    /**
     * What to throw for a throwable out of {@code invokeExact}: errors and runtime exceptions as
     * they are.
     */
    public static RuntimeException unexpected(Throwable t) {
        if (t instanceof Error e) {
            throw e;
        }
        return t instanceof RuntimeException r
                ? r
                : new IllegalStateException("a system-call stub threw " + t, t);
    }

    /** A holder, so that the errno table is read only when a negative number first comes. */
    private static final class Enosys {
        static final long RESULT = -HostAbi.errno("ENOSYS");
    }
}
