package io.rawsys.calls;

import io.rawsys.linux.Nr;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** File descriptors: pipes, duplicates, eventfds, and fcntl's commands. */
public final class FdCalls {
    private FdCalls() {}

    /**
     * A pipe.
     *
     * <p>C: {@code int pipe2(int pipefd[2], int flags)}
     *
     * @param flags {@code O_CLOEXEC}, {@code O_NONBLOCK}, {@code O_DIRECT}
     */
    public static Pipe pipe2(int flags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment fds = arena.allocate(ValueLayout.JAVA_INT, 2);
            Checked.pl(Nr.pipe2, fds, flags);
            return new Pipe(
                    fds.getAtIndex(ValueLayout.JAVA_INT, 0),
                    fds.getAtIndex(ValueLayout.JAVA_INT, 1));
        }
    }

    /**
     * Makes {@code newFd} a copy of {@code oldFd}, closing what {@code newFd} was first.
     *
     * <p>C: {@code int dup3(int oldfd, int newfd, int flags)}
     *
     * @param flags 0 or {@code O_CLOEXEC}
     * @return {@code newFd}
     */
    public static int dup3(int oldFd, int newFd, int flags) {
        return (int) Checked.lll(Nr.dup3, oldFd, newFd, flags);
    }

    /**
     * An eventfd: a 64-bit counter as a file descriptor, for waking a thread or an event loop.
     *
     * <p>C: {@code int eventfd(unsigned int initval, int flags)}
     *
     * @param flags {@code EFD_CLOEXEC}, {@code EFD_NONBLOCK}, {@code EFD_SEMAPHORE}
     */
    public static int eventfd2(int initialValue, int flags) {
        return (int) Checked.ll(Nr.eventfd2, Integer.toUnsignedLong(initialValue), flags);
    }

    /**
     * A fcntl command that takes no argument ({@code F_GETFL}, {@code F_GETFD}, {@code
     * F_GETPIPE_SZ} …).
     *
     * <p>C: {@code int fcntl(int fd, int cmd, ...)}
     */
    public static long fcntl(int fd, int command) {
        return Checked.lll(Nr.fcntl, fd, command, 0);
    }

    /**
     * A fcntl command that takes an integer ({@code F_SETFL}, {@code F_SETFD}, {@code
     * F_DUPFD_CLOEXEC} …).
     *
     * <p>C: {@code int fcntl(int fd, int cmd, long arg)}
     */
    public static long fcntl(int fd, int command, long argument) {
        return Checked.lll(Nr.fcntl, fd, command, argument);
    }
}
