package io.rawsys.preload;

/** A call of the OPEN family: open, openat, creat, {@code __open_2}…, fopen, freopen. */
public final class OpenCall extends Call {
    private static final int O_ACCMODE = 3, O_RDONLY = 0, O_CREAT = 0100, O_TRUNC = 01000;
    private static final int O_TMPFILE = 020200000;

    OpenCall(Function f, long[] a, Memory m) {
        super(f, a, m);
    }

    /** The path (null for freopen's NULL, which reopens the stream's own file). */
    public String path() {
        return stringArg(Kind.PATH, 0);
    }

    /** The directory a relative path is relative to: AT_FDCWD unless an openat. */
    public int dirfd() {
        return intArg(Kind.DIRFD, 0, AT_FDCWD);
    }

    /**
     * The O_* flags; creat's are O_CREAT|O_WRONLY|O_TRUNC, fopen's 0 (see {@link #fopenMode()}).
     */
    public int flags() {
        if (function().name().startsWith("creat")) return O_CREAT | 1 | O_TRUNC;
        return intArg(Kind.FLAGS, 0, 0);
    }

    /** The mode of a file the call may create (0 unless O_CREAT or O_TMPFILE). */
    public int mode() {
        // the mode argument is read only then (open's is variadic): otherwise whatever was there
        return (flags() & (O_CREAT | O_TMPFILE)) != 0 ? intArg(Kind.MODE, 0, 0) : 0;
    }

    /** fopen's and freopen's mode string ("r", "w+"…), or null for the other functions. */
    public String fopenMode() {
        return stringArg(Kind.FMODE, 0);
    }

    /**
     * Whether the call may write or create: a write access mode, O_CREAT, O_TRUNC, or fopen's w, a,
     * +.
     */
    public boolean writes() {
        String how = fopenMode();
        if (how != null) return how.contains("w") || how.contains("a") || how.contains("+");
        int flags = flags();
        return (flags & O_ACCMODE) != O_RDONLY || (flags & (O_CREAT | O_TRUNC)) != 0;
    }

    /**
     * {@link #path()} made absolute against the program's working directory or {@link #dirfd()}, as
     * the kernel resolves it (null when the program's directory cannot be read).
     */
    public String resolvedPath() {
        return resolved(dirfd(), path());
    }
}
