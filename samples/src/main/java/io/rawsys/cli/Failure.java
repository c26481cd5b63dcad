package io.rawsys.cli;

import io.rawsys.ErrnoException;

/**
 * A command could not do its job for a reason the user can act on. The command line prints the
 * message (no stack trace) and exits with the status: 1 when the kernel refused, 2 for bad input.
 */
public final class Failure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The exit status: {@link #KERNEL} or {@link #USAGE}. */
    private final int status;

    /** The kernel (or the system) said no. */
    public static final int KERNEL = 1;

    /** The command line asked for something that cannot be done. */
    public static final int USAGE = 2;

    public Failure(String message, int status) {
        super(message);
        this.status = status;
    }

    /** "{@code what}: ENOENT (No such file or directory)", with exit status 1. */
    public static Failure of(ErrnoException e, String what) {
        return new Failure(what + ": " + describe(e), KERNEL);
    }

    /** Bad input, with exit status 2. */
    public static Failure usage(String message) {
        return new Failure(message, USAGE);
    }

    /** As strace shows an error: {@code ENOENT (No such file or directory)}. */
    public static String describe(ErrnoException e) {
        return e.errnoName() + " (" + e.getMessage() + ")";
    }

    public int status() {
        return status;
    }
}
