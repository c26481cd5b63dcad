package io.rawsys.preload;

/**
 * A group of hooked libc functions that one {@link PreloadHook} method sees, with the call view it
 * receives. hooks.def names each function's family.
 */
public enum Family {
    /** open, openat, creat, the fortified {@code __open_2} family, fopen, freopen and their *64. */
    OPEN("open", OpenCall.class),
    /** stat, lstat, fstat, fstatat, statx, the legacy {@code __xstat} family and their *64. */
    STAT("stat", StatCall.class),
    /** access, faccessat, readlink(at), unlink(at), rename(at/at2), mkdir(at). */
    PATH("path", PathCall.class),
    /** read, write, pread, pwrite, readv, writev, {@code __read_chk}, copy_file_range, sendfile. */
    IO("io", IoCall.class),
    /** close, close_range, closefrom. */
    CLOSE("close", CloseCall.class),
    /** socket, connect, bind, accept, accept4, sendto, recvfrom. */
    SOCKET("socket", SocketCall.class),
    /** execve and every exec and spawn variant, and system. */
    EXEC("exec", ExecCall.class),
    /** fork and vfork, seen in the parent before the child exists. */
    FORK("fork", ForkCall.class),
    /** clock_gettime, time, gettimeofday. */
    TIME("time", TimeCall.class),
    /** libc's syscall(). */
    SYSCALL("syscall", SyscallCall.class);

    private final String method;
    private final Class<? extends Call> view;

    Family(String method, Class<? extends Call> view) {
        this.method = method;
        this.view = view;
    }

    /** The name of the {@link PreloadHook} method that sees this family's calls. */
    public String method() {
        return method;
    }

    /** The call view that method receives. */
    public Class<? extends Call> view() {
        return view;
    }
}
