package io.rawsys.preload;

/** How a hooked function reports an error (hooks.def's FAIL column). */
public enum Failure {
    /** Returns -1 and sets errno. */
    MINUS1,
    /** Returns NULL and sets errno (fopen, freopen). */
    NULLPTR,
    /** Returns the error number itself (posix_spawn). */
    ERRNO,
    /** Cannot fail (closefrom). */
    NONE;

    /** Whether {@code result}, returned by a function that fails this way, is a failure. */
    boolean failed(long result) {
        return switch (this) {
            case MINUS1 -> result == -1;
            case NULLPTR -> result == 0;
            case ERRNO, NONE -> false;
        };
    }
}
