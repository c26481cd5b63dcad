package io.rawsys.preload;

import java.lang.foreign.MemorySegment;

/** A call of the PATH family: access, readlink, unlink, rename, mkdir and their *at forms. */
public final class PathCall extends Call {
    PathCall(Function f, long[] a, Memory m) {
        super(f, a, m);
    }

    /** The (first) path. */
    public String path() {
        return stringArg(Kind.PATH, 0);
    }

    /** rename's target path, or null for the functions with one path. */
    public String newPath() {
        return stringArg(Kind.PATH, 1);
    }

    /** The directory {@link #path()} is relative to: AT_FDCWD unless an *at call. */
    public int dirfd() {
        return intArg(Kind.DIRFD, 0, AT_FDCWD);
    }

    /** The directory {@link #newPath()} is relative to. */
    public int newDirfd() {
        return intArg(Kind.DIRFD, 1, AT_FDCWD);
    }

    /** The flags (AT_*, RENAME_*), 0 when the function takes none. */
    public int flags() {
        return intArg(Kind.FLAGS, 0, 0);
    }

    /** mkdir's mode, 0 for the others. */
    public int mode() {
        return intArg(Kind.MODE, 0, 0);
    }

    /** readlink's destination, bounded to its size; NULL for the others. */
    public MemorySegment buffer() {
        return bufferArg();
    }

    /**
     * {@link #path()} made absolute against the program's working directory or {@link #dirfd()}.
     */
    public String resolvedPath() {
        return resolved(dirfd(), path());
    }

    /** {@link #newPath()} made absolute against the working directory or {@link #newDirfd()}. */
    public String resolvedNewPath() {
        return resolved(newDirfd(), newPath());
    }
}
