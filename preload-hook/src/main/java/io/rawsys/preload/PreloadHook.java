package io.rawsys.preload;

/**
 * Java code that sees the libc calls of a program run under {@code rawsys preload}: one method per
 * {@link Family}, each returning what the call should do. A hook class implements this interface,
 * has a public no-argument constructor, and overrides the methods of the families it wants; calls
 * of the others never reach Java (they never even start the JVM). {@link Only} narrows the wanted
 * functions further.
 *
 * <p>Methods run on the program's thread that made the call, while that call waits; several threads
 * may call at once. A method that throws is logged, and the call proceeds.
 */
public interface PreloadHook {
    /** open, openat, creat, the fortified {@code __open_2} family, fopen, freopen and the *64s. */
    default Decision open(OpenCall call) {
        return Decision.proceed();
    }

    /** stat, lstat, fstat, fstatat, statx, the legacy {@code __xstat} family and the *64s. */
    default Decision stat(StatCall call) {
        return Decision.proceed();
    }

    /** access, faccessat, readlink(at), unlink(at), rename(at, at2), mkdir(at). */
    default Decision path(PathCall call) {
        return Decision.proceed();
    }

    /** read, write, pread, pwrite, readv, writev, {@code __read_chk}, copy_file_range, sendfile. */
    default Decision io(IoCall call) {
        return Decision.proceed();
    }

    /** close, close_range, closefrom. */
    default Decision close(CloseCall call) {
        return Decision.proceed();
    }

    /** socket, connect, bind, accept, accept4, sendto, recvfrom. */
    default Decision socket(SocketCall call) {
        return Decision.proceed();
    }

    /** execve, execv, execvp, execvpe, execl, execlp, execle, fexecve, posix_spawn(p), system. */
    default Decision exec(ExecCall call) {
        return Decision.proceed();
    }

    /** fork and vfork, in the parent, before the child exists. */
    default Decision fork(ForkCall call) {
        return Decision.proceed();
    }

    /** clock_gettime, time, gettimeofday. */
    default Decision time(TimeCall call) {
        return Decision.proceed();
    }

    /** libc's syscall(). */
    default Decision syscall(SyscallCall call) {
        return Decision.proceed();
    }
}
