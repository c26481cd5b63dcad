package io.rawsys.preload;

import java.lang.foreign.MemorySegment;

/** A call of the STAT family: stat, lstat, fstat, fstatat, statx, {@code __xstat}… */
public final class StatCall extends Call {
    StatCall(Function f, long[] a, Memory m) {
        super(f, a, m);
    }

    /** The path, or null for fstat and {@code __fxstat}. */
    public String path() {
        return stringArg(Kind.PATH, 0);
    }

    /** The descriptor fstat asks about, or -1. */
    public int fd() {
        return intArg(Kind.FD, 0, -1);
    }

    /** The directory a relative path is relative to: AT_FDCWD unless an *at call. */
    public int dirfd() {
        return intArg(Kind.DIRFD, 0, AT_FDCWD);
    }

    /** The AT_* flags (0 when the function takes none). */
    public int flags() {
        return intArg(Kind.FLAGS, 0, 0);
    }

    /**
     * Where the result goes (struct stat, stat64 or statx), unbounded: its layout is the caller's.
     */
    public MemorySegment buffer() {
        return memory(longArg(Kind.PTR, 0, 0), 0);
    }

    /**
     * {@link #path()} made absolute against the program's working directory or {@link #dirfd()}
     * (null for fstat, or when it cannot be).
     */
    public String resolvedPath() {
        return resolved(dirfd(), path());
    }
}
