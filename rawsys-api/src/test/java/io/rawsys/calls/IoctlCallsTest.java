package io.rawsys.calls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.rawsys.ErrnoException;
import io.rawsys.linux.Errno;
import io.rawsys.linux.Fcntl;
import io.rawsys.linux.Ioctl;
import io.rawsys.linux.Socket;
import io.rawsys.testing.LoopDevice;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IoctlCallsTest {
    @TempDir Path dir;

    /**
     * A real pseudo-terminal, opened as posix_openpt, unlockpt and ptsname do: /dev/ptmx,
     * TIOCSPTLCK, TIOCGPTN.
     */
    @Test
    void windowSizeOfARealPty() throws InterruptedException {
        int master =
                FileCalls.openat(
                        Fcntl.AT_FDCWD,
                        "/dev/ptmx",
                        Fcntl.O_RDWR | Fcntl.O_NOCTTY | Fcntl.O_CLOEXEC);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment zero = arena.allocateFrom(ValueLayout.JAVA_INT, 0);
            io.rawsys.Syscalls.invoke(
                    io.rawsys.linux.Nr.ioctl, master, Ioctl.TIOCSPTLCK, zero.address());
            MemorySegment number = arena.allocate(ValueLayout.JAVA_INT);
            io.rawsys.Syscalls.invoke(
                    io.rawsys.linux.Nr.ioctl, master, Ioctl.TIOCGPTN, number.address());
            int slave =
                    FileCalls.openat(
                            Fcntl.AT_FDCWD,
                            "/dev/pts/" + number.get(ValueLayout.JAVA_INT, 0),
                            Fcntl.O_RDWR | Fcntl.O_NOCTTY | Fcntl.O_CLOEXEC);
            IoctlCalls.setWindowSize(master, new WindowSize(33, 101, 0, 0));
            assertEquals(new WindowSize(33, 101, 0, 0), IoctlCalls.windowSize(slave));
            FileCalls.write(
                    master,
                    arena.allocateFrom(
                            ValueLayout.JAVA_BYTE, "typed\n".getBytes(StandardCharsets.UTF_8)));
            // The tty layer hands input to the line discipline from a work queue: wait for it.
            int waiting = 0;
            for (long deadline = System.nanoTime() + 5_000_000_000L;
                    (waiting = IoctlCalls.bytesReadable(slave)) < 6
                            && System.nanoTime() < deadline; ) {
                Thread.sleep(1);
            }
            assertEquals(6, waiting, "FIONREAD on the terminal's input queue");
            FileCalls.close(slave);
        } finally {
            FileCalls.close(master);
        }
    }

    @Test
    void aPipeIsNoTerminal() {
        Pipe pipe = FdCalls.pipe2(Fcntl.O_CLOEXEC);
        ErrnoException e =
                assertThrows(ErrnoException.class, () -> IoctlCalls.windowSize(pipe.readEnd()));
        assertEquals(Errno.ENOTTY, e.errno());
        FileCalls.close(pipe.readEnd());
        FileCalls.close(pipe.writeEnd());
    }

    /** The flags lsattr shows, read and set through FS_IOC_GETFLAGS and FS_IOC_SETFLAGS. */
    @Test
    void fileFlagsAreWhatLsattrShows() throws Exception {
        Path file = dir.resolve("attrs");
        Files.writeString(file, "x");
        int fd = FileCalls.openat(Fcntl.AT_FDCWD, file.toString(), Fcntl.O_RDONLY);
        int flags;
        try {
            flags = IoctlCalls.fileFlags(fd);
        } catch (ErrnoException e) {
            assumeTrue(
                    e.errno() != Errno.ENOTTY && e.errno() != Errno.EOPNOTSUPP,
                    "the file system of " + dir + " keeps no inode flags");
            throw e;
        }
        IoctlCalls.setFileFlags(fd, flags | Ioctl.FS_NOATIME_FL);
        assertEquals(flags | Ioctl.FS_NOATIME_FL, IoctlCalls.fileFlags(fd));
        FileCalls.close(fd);
        Process lsattr = new ProcessBuilder("lsattr", "-d", file.toString()).start();
        String out = new String(lsattr.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, lsattr.waitFor(), out);
        // lsattr prints the flags as letters, then the name: "--------A------------ /path"; A is
        // noatime.
        assertTrue(out.substring(0, out.indexOf(' ')).contains("A"), out);
    }

    /** A loop device over a 3 MiB file: BLKGETSIZE64 says 3 MiB. */
    @Test
    void blockDeviceSizeOfALoopDevice() throws Exception {
        Path backing = dir.resolve("disk.img");
        Files.write(backing, new byte[3 << 20]);
        // attached with autoclear: detached when closed, even if this JVM dies first
        try (LoopDevice loop = LoopDevice.attach(backing)) {
            String device = loop.path().toString();
            int fd = FileCalls.openat(Fcntl.AT_FDCWD, device, Fcntl.O_RDONLY | Fcntl.O_CLOEXEC);
            assertEquals(3 << 20, IoctlCalls.blockDeviceSize(fd));
            assertEquals(
                    Integer.parseInt(run("blockdev", "--getss", device)),
                    IoctlCalls.blockSectorSize(fd));
            FileCalls.close(fd);
        }
        int file = FileCalls.openat(Fcntl.AT_FDCWD, backing.toString(), Fcntl.O_RDONLY);
        assertEquals(
                Errno.ENOTTY,
                assertThrows(ErrnoException.class, () -> IoctlCalls.blockDeviceSize(file)).errno());
        FileCalls.close(file);
    }

    /** The stdout of a command that must succeed, stripped. */
    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, p.waitFor(), String.join(" ", command) + ": " + out);
        return out;
    }

    /** SIOCGIFTXQLEN answers what sysfs says for the loopback, ENODEV for a name nobody has. */
    @Test
    void transmitQueueLengthOfTheLoopback() throws Exception {
        int fd = SocketCalls.socket(Socket.AF_INET, Socket.SOCK_DGRAM | Socket.SOCK_CLOEXEC, 0);
        try {
            int sysfs =
                    Integer.parseInt(
                            Files.readString(Path.of("/sys/class/net/lo/tx_queue_len")).strip());
            assertEquals(sysfs, IoctlCalls.transmitQueueLength(fd, "lo"));
            assertEquals(
                    Errno.ENODEV,
                    assertThrows(
                                    ErrnoException.class,
                                    () -> IoctlCalls.transmitQueueLength(fd, "rawsys-none"))
                            .errno());
            assertThrows(
                    IllegalArgumentException.class,
                    () -> IoctlCalls.transmitQueueLength(fd, "a-name-longer-than-ifnamsiz"));
        } finally {
            FileCalls.close(fd);
        }
    }
}
