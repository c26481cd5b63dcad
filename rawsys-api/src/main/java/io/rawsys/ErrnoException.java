package io.rawsys;

/**
 * A system call failed: the kernel returned {@code -errno}. Unchecked, like the JDK's {@code
 * UncheckedIOException}, because most callers of a raw system call can do nothing but report it.
 *
 * <p>{@link #getMessage()} is what glibc's {@code strerror} says ("No such file or directory");
 * {@link #errnoName()} is the symbolic name ("ENOENT"). Compare {@link #errno()} with the constants
 * of {@link io.rawsys.linux.Errno}, which hold the right value for the running architecture.
 *
 * <h2>Cost</h2>
 *
 * A failing call is often the expected outcome (EAGAIN from a non-blocking read, ENOENT from a
 * probe, EINTR), so this exception is made to cost about what the call costs: it records <b>no
 * stack trace</b> and computes its message only when asked. What it holds is the errno, the call's
 * number and the detail: one object of a few dozen bytes, and no other allocation. {@link
 * #getStackTrace()} is therefore empty, and a trace printed for it shows only its {@link
 * #toString()}, which names the call and the error ({@code openat: ENOENT (No such file or
 * directory)}).
 *
 * <p>To see where errors come from while debugging, run with {@code -Drawsys.errno.stacktrace=true}
 * (read once, when this class is first used): every ErrnoException then records its stack trace, at
 * the cost of microseconds and hundreds of bytes each.
 *
 * <p>Instances are not shared: each failure makes its own. Preallocated exceptions for the common
 * errnos were considered and rejected, since a shared instance cannot name the call that failed and
 * anything a catcher adds to it ({@link #addSuppressed}) would leak into every other catch;
 * allocating the object costs a few nanoseconds (a TLAB bump) against the hundreds a system call
 * costs.
 */
public final class ErrnoException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** {@code -Drawsys.errno.stacktrace=true}: record a stack trace in every instance. */
    private static final boolean STACK_TRACES = Boolean.getBoolean("rawsys.errno.stacktrace");

    private final int errno;
    private final long syscall;
    private final String detail;

    /**
     * An error {@code errno} that came from no particular system call.
     *
     * @param errno the positive errno value
     */
    public ErrnoException(int errno) {
        this(errno, -1);
    }

    /**
     * An error {@code errno} returned by system call {@code syscall}.
     *
     * @param errno the positive errno value
     * @param syscall the number of the call that failed, or -1 if none in particular
     */
    public ErrnoException(int errno, long syscall) {
        this(errno, syscall, "");
    }

    /**
     * An error {@code errno} with the kernel's own explanation of it, such as the text of a netlink
     * extended acknowledgement ("Unknown device type"); the message is strerror's text, a colon and
     * {@code detail}.
     *
     * @param errno the positive errno value
     * @param syscall the number of the call that failed, or -1 if none in particular
     * @param detail what the kernel said about the error, or empty
     */
    public ErrnoException(int errno, long syscall, String detail) {
        super(null, null, true, STACK_TRACES);
        this.errno = errno;
        this.syscall = syscall;
        this.detail = java.util.Objects.requireNonNull(detail, "detail");
    }

    /**
     * What glibc's {@code strerror} says of the errno ("No such file or directory"), followed by a
     * colon and the {@link #detail()} when there is one. Computed on each call, not when thrown.
     */
    @Override
    public String getMessage() {
        String message = Arch.current().errnos().message(errno);
        return detail.isEmpty() ? message : message + ": " + detail;
    }

    /** The errno value, positive, as C's {@code errno} would hold it. */
    public int errno() {
        return errno;
    }

    /**
     * The symbolic name, such as {@code "ENOENT"}; {@code "errno 4000"} for a value without one.
     */
    public String errnoName() {
        return Arch.current().errnos().name(errno).orElse("errno " + errno);
    }

    /**
     * What the kernel said about the error beyond its number (a netlink extended ack), or empty.
     */
    public String detail() {
        return detail;
    }

    /**
     * The number of the system call that failed, or -1 if the error came from no particular call.
     */
    public long syscall() {
        return syscall;
    }

    /**
     * Shows the call and the name as well as the message: {@code openat: ENOENT (No such file or
     * directory)}.
     */
    @Override
    public String toString() {
        String call =
                syscall < 0
                        ? ""
                        : Arch.current().syscalls().name(syscall).orElse("syscall " + syscall)
                                + ": ";
        return getClass().getName() + ": " + call + errnoName() + " (" + getMessage() + ")";
    }
}
