package io.rawsys.tool;

import io.rawsys.ErrnoException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

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

    /** "{@code what}: no such file or directory", with exit status 1. */
    public static Failure of(IOException e, String what) {
        return new Failure(what + ": " + describe(e), KERNEL);
    }

    /**
     * What went wrong in a file operation, without the path that {@code NoSuchFileException} and
     * its kin carry as their whole message: "no such file or directory", "No space left on device".
     */
    public static String describe(IOException e) {
        return switch (e) {
            case NoSuchFileException x -> "no such file or directory";
            case AccessDeniedException x -> "permission denied";
            case FileAlreadyExistsException x -> "it exists";
            case NotDirectoryException x -> "not a directory";
            case FileSystemException f when f.getReason() != null -> f.getReason();
            default -> e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        };
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
