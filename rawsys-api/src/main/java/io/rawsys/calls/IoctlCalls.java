package io.rawsys.calls;

import io.rawsys.linux.Ioctl;
import io.rawsys.linux.Nr;
import io.rawsys.linux.struct.Ifreq;
import io.rawsys.linux.struct.Winsize;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

/**
 * ioctl, one typed method per request: each knows the argument its request reads or writes, so no
 * caller passes a pointer of the wrong size. The request numbers come from {@link Ioctl}, computed
 * with the architecture's own {@code _IOC} layout.
 */
public final class IoctlCalls {
    private IoctlCalls() {}

    /**
     * The size of the terminal {@code fd} refers to.
     *
     * <p>C: {@code ioctl(fd, TIOCGWINSZ, struct winsize *)}
     *
     * @throws io.rawsys.ErrnoException ENOTTY when {@code fd} is no terminal
     */
    public static WindowSize windowSize(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ws = Winsize.allocate(arena);
            Checked.llp(Nr.ioctl, fd, Ioctl.TIOCGWINSZ, ws);
            return new WindowSize(
                    Short.toUnsignedInt(Winsize.ws_row(ws)),
                    Short.toUnsignedInt(Winsize.ws_col(ws)),
                    Short.toUnsignedInt(Winsize.ws_xpixel(ws)),
                    Short.toUnsignedInt(Winsize.ws_ypixel(ws)));
        }
    }

    /**
     * Sets the size of the terminal {@code fd} refers to (its foreground job gets SIGWINCH).
     *
     * <p>C: {@code ioctl(fd, TIOCSWINSZ, const struct winsize *)}
     */
    public static void setWindowSize(int fd, WindowSize size) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ws = Winsize.allocate(arena);
            Winsize.ws_row(ws, (short) size.rows());
            Winsize.ws_col(ws, (short) size.columns());
            Winsize.ws_xpixel(ws, (short) size.xPixels());
            Winsize.ws_ypixel(ws, (short) size.yPixels());
            Checked.llp(Nr.ioctl, fd, Ioctl.TIOCSWINSZ, ws);
        }
    }

    /**
     * How many bytes can be read from {@code fd} without blocking: a pipe, a socket, a terminal.
     *
     * <p>C: {@code ioctl(fd, FIONREAD, int *)}
     */
    public static int bytesReadable(int fd) {
        return intRequest(fd, Ioctl.FIONREAD);
    }

    /**
     * The inode flags of the file {@code fd} refers to, as lsattr shows them: {@code
     * FS_IMMUTABLE_FL}, {@code FS_APPEND_FL}, {@code FS_NOATIME_FL} … (the request is declared with
     * a long, but the kernel reads and writes an int).
     *
     * <p>C: {@code ioctl(fd, FS_IOC_GETFLAGS, int *)}
     *
     * @throws io.rawsys.ErrnoException ENOTTY where the file system has no such flags
     */
    public static int fileFlags(int fd) {
        return intRequest(fd, Ioctl.FS_IOC_GETFLAGS);
    }

    /**
     * Sets the inode flags, as chattr does.
     *
     * <p>C: {@code ioctl(fd, FS_IOC_SETFLAGS, const int *)}
     */
    public static void setFileFlags(int fd, int flags) {
        try (Arena arena = Arena.ofConfined()) {
            Checked.llp(
                    Nr.ioctl,
                    fd,
                    Ioctl.FS_IOC_SETFLAGS,
                    arena.allocateFrom(ValueLayout.JAVA_INT, flags));
        }
    }

    /**
     * The size in bytes of the block device {@code fd} refers to.
     *
     * <p>C: {@code ioctl(fd, BLKGETSIZE64, uint64_t *)}
     *
     * @throws io.rawsys.ErrnoException ENOTTY when {@code fd} is no block device
     */
    public static long blockDeviceSize(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment size = arena.allocate(ValueLayout.JAVA_LONG);
            Checked.llp(Nr.ioctl, fd, Ioctl.BLKGETSIZE64, size);
            return size.get(ValueLayout.JAVA_LONG, 0);
        }
    }

    /**
     * The logical sector size of the block device {@code fd} refers to: the smallest unit it
     * addresses (512, or 4096 on some disks).
     *
     * <p>C: {@code ioctl(fd, BLKSSZGET, int *)}
     */
    public static int blockSectorSize(int fd) {
        return intRequest(fd, Ioctl.BLKSSZGET);
    }

    /**
     * The transmit queue length of the network interface {@code name} (what {@code ip link} shows
     * as qlen), asked through any socket {@code fd}.
     *
     * <p>C: {@code ioctl(fd, SIOCGIFTXQLEN, struct ifreq *)}
     *
     * @throws io.rawsys.ErrnoException ENODEV when there is no such interface in the socket's
     *     network namespace
     */
    public static int transmitQueueLength(int fd, String name) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ifr = Ifreq.allocate(arena);
            MemorySegment field = Ifreq.ifr_ifrn_ifrn_name(ifr);
            byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
            if (bytes.length >= field.byteSize() || name.indexOf('\0') >= 0) {
                throw new IllegalArgumentException(
                        "'"
                                + name.replace("\0", "\\0")
                                + "' is no interface name: at most "
                                + (field.byteSize() - 1)
                                + " bytes and no NUL");
            }
            MemorySegment.copy(bytes, 0, field, ValueLayout.JAVA_BYTE, 0, bytes.length);
            Checked.llp(Nr.ioctl, fd, Ioctl.SIOCGIFTXQLEN, ifr);
            return Ifreq.ifr_ifru_ifru_ivalue(ifr);
        }
    }

    private static int intRequest(int fd, long request) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment value = arena.allocate(ValueLayout.JAVA_INT);
            Checked.llp(Nr.ioctl, fd, request, value);
            return value.get(ValueLayout.JAVA_INT, 0);
        }
    }
}
