package io.rawsys.calls;

/** Shared by the typed calls. */
final class Calls {
    private Calls() {}

    /**
     * What to throw for a throwable out of {@code invokeExact}: errors and runtime exceptions as
     * they are.
     */
    static RuntimeException rethrow(Throwable t) {
        if (t instanceof Error e) {
            throw e;
        }
        return t instanceof RuntimeException r ? r : new IllegalStateException(t);
    }
}
