package io.rawsys.testing;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import org.opentest4j.TestAbortedException;

/**
 * A loop device over a file the test made, that cannot outlive the test: it is attached with
 * LO_FLAGS_AUTOCLEAR while this object holds it open, so the kernel detaches it when the last
 * descriptor on it closes — at {@link #close()}, or when the test JVM dies, however it dies.
 * ({@code losetup --find --show} then {@code losetup -d} in a finally block leaves the device
 * attached if the JVM is killed in between, and a machine's loop devices are shared by everything
 * on it.)
 *
 * <p>Other processes (blockdev, the rawsys CLI) may open {@link #path()} while this is open; the
 * device is detached when they and this have all closed it.
 */
public final class LoopDevice implements AutoCloseable {
    private static final int LOOP_CTL_GET_FREE = 0x4C82;
    private static final int LOOP_CONFIGURE = 0x4C0A;
    private static final int LOOP_SET_FD = 0x4C00;
    private static final int LOOP_SET_STATUS64 = 0x4C04;
    private static final int LO_FLAGS_AUTOCLEAR = 4;
    private static final int EBUSY = 16;
    private static final int EINVAL = 22;
    private static final int ENOTTY = 25;
    private static final int O_RDWR = 2;
    private static final int O_CLOEXEC = 0x80000;

    /** struct loop_info64 (linux/loop.h): 232 bytes; only lo_flags is set. */
    private static final long LOOP_INFO64_SIZE = 232;

    private static final long LO_FLAGS_OFFSET = 52;

    /** struct loop_config: fd, block_size, loop_info64, 64 reserved bytes. */
    private static final long LOOP_CONFIG_SIZE = 4 + 4 + LOOP_INFO64_SIZE + 64;

    private final Path path;
    private final int fd;
    private boolean closed;

    private LoopDevice(Path path, int fd) {
        this.path = path;
        this.fd = fd;
    }

    /**
     * Attaches a free loop device to {@code backing}, read-write.
     *
     * @throws TestAbortedException when this machine has no loop devices or this process may not
     *     attach one (the test is skipped, saying which)
     * @throws IllegalStateException when attaching fails otherwise
     */
    public static LoopDevice attach(Path backing) {
        if (!Files.exists(Path.of("/dev/loop-control"))) {
            throw new TestAbortedException(
                    "this machine has no loop devices (/dev/loop-control is missing)");
        }
        try (Arena arena = Arena.ofConfined()) {
            int control = Libc.open(arena, "/dev/loop-control", O_RDWR | O_CLOEXEC);
            if (control < 0) {
                throw new TestAbortedException(
                        "cannot open /dev/loop-control: " + Libc.errnoText(-control));
            }
            int file = Libc.open(arena, backing.toString(), O_RDWR | O_CLOEXEC);
            try {
                if (file < 0) {
                    throw new IllegalStateException(
                            "cannot open " + backing + ": " + Libc.errnoText(-file));
                }
                // another process may take the free device between GET_FREE and CONFIGURE: retry
                for (int attempt = 0; attempt < 20; attempt++) {
                    int n = Libc.ioctl(control, LOOP_CTL_GET_FREE, MemorySegment.NULL);
                    if (n < 0) {
                        throw new TestAbortedException(
                                "no free loop device: " + Libc.errnoText(-n));
                    }
                    Path device = Path.of("/dev/loop" + n);
                    int loop = Libc.open(arena, device.toString(), O_RDWR | O_CLOEXEC);
                    if (loop < 0) {
                        throw new TestAbortedException(
                                "cannot open " + device + ": " + Libc.errnoText(-loop));
                    }
                    int error = configure(arena, loop, file);
                    if (error == 0) {
                        return new LoopDevice(device, loop);
                    }
                    Libc.close(loop);
                    if (error != EBUSY) {
                        throw new IllegalStateException(
                                "cannot attach "
                                        + device
                                        + " to "
                                        + backing
                                        + ": "
                                        + Libc.errnoText(error));
                    }
                }
                throw new IllegalStateException(
                        "every free loop device was taken before it could be attached");
            } finally {
                if (file >= 0) {
                    Libc.close(file);
                }
                Libc.close(control);
            }
        }
    }

    /** LOOP_CONFIGURE (Linux 5.8), or LOOP_SET_FD and LOOP_SET_STATUS64 before it; 0 or errno. */
    private static int configure(Arena arena, int loop, int file) {
        MemorySegment config = arena.allocate(LOOP_CONFIG_SIZE, 8);
        config.set(ValueLayout.JAVA_INT, 0, file);
        config.set(ValueLayout.JAVA_INT, 8 + LO_FLAGS_OFFSET, LO_FLAGS_AUTOCLEAR);
        int r = Libc.ioctl(loop, LOOP_CONFIGURE, config);
        if (r != -EINVAL && r != -ENOTTY) {
            return -Math.min(r, 0);
        }
        r = Libc.ioctl(loop, LOOP_SET_FD, MemorySegment.ofAddress(file));
        if (r < 0) {
            return -r;
        }
        MemorySegment info = arena.allocate(LOOP_INFO64_SIZE, 8);
        info.set(ValueLayout.JAVA_INT, LO_FLAGS_OFFSET, LO_FLAGS_AUTOCLEAR);
        r = Libc.ioctl(loop, LOOP_SET_STATUS64, info);
        return -Math.min(r, 0);
    }

    /** The device node, {@code /dev/loopN}. */
    public Path path() {
        return path;
    }

    /** Closes this descriptor; the kernel detaches the device when no one else has it open. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            Libc.close(fd);
        }
    }

    @Override
    public String toString() {
        return path.toString();
    }

    /** open, ioctl and close from libc, returning -errno on failure. */
    @SuppressWarnings("restricted") // the build grants the test JVMs native access
    private static final class Libc {
        private static final Linker LINKER = Linker.nativeLinker();
        private static final StructLayout STATE = Linker.Option.captureStateLayout();
        private static final VarHandle ERRNO =
                STATE.varHandle(java.lang.foreign.MemoryLayout.PathElement.groupElement("errno"));
        private static final Linker.Option CAPTURE = Linker.Option.captureCallState("errno");
        private static final MethodHandle OPEN =
                LINKER.downcallHandle(
                        LINKER.defaultLookup().findOrThrow("open"),
                        FunctionDescriptor.of(
                                ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT),
                        CAPTURE);
        private static final MethodHandle IOCTL =
                LINKER.downcallHandle(
                        LINKER.defaultLookup().findOrThrow("ioctl"),
                        FunctionDescriptor.of(
                                ValueLayout.JAVA_INT,
                                ValueLayout.JAVA_INT,
                                ValueLayout.JAVA_LONG,
                                ValueLayout.ADDRESS),
                        CAPTURE,
                        Linker.Option.firstVariadicArg(2));
        private static final MethodHandle CLOSE =
                LINKER.downcallHandle(
                        LINKER.defaultLookup().findOrThrow("close"),
                        FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
        private static final MethodHandle STRERROR =
                LINKER.downcallHandle(
                        LINKER.defaultLookup().findOrThrow("strerror"),
                        FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_INT));

        static int open(Arena arena, String path, int flags) {
            MemorySegment state = arena.allocate(STATE);
            try {
                int r = (int) OPEN.invokeExact(state, arena.allocateFrom(path), flags);
                return r >= 0 ? r : -(int) ERRNO.get(state, 0L);
            } catch (Throwable t) {
                throw new IllegalStateException("open " + path, t);
            }
        }

        static int ioctl(int fd, long request, MemorySegment arg) {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment state = arena.allocate(STATE);
                int r = (int) IOCTL.invokeExact(state, fd, request, arg);
                return r >= 0 ? r : -(int) ERRNO.get(state, 0L);
            } catch (Throwable t) {
                throw new IllegalStateException("ioctl 0x" + Long.toHexString(request), t);
            }
        }

        static void close(int fd) {
            try {
                int ignored = (int) CLOSE.invokeExact(fd); // EBADF or EINTR: nothing to redo
            } catch (Throwable t) {
                throw new IllegalStateException("close " + fd, t);
            }
        }

        static String errnoText(int errno) {
            try {
                MemorySegment s = (MemorySegment) STRERROR.invokeExact(errno);
                return s.reinterpret(256).getString(0) + " (errno " + errno + ")";
            } catch (Throwable t) {
                return "errno " + errno;
            }
        }
    }
}
