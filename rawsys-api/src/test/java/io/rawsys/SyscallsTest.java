package io.rawsys;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rawsys.linux.Errno;
import io.rawsys.linux.Fcntl;
import io.rawsys.linux.Mman;
import io.rawsys.linux.Nr;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

@SuppressWarnings("restricted") // reinterpret and downcalls on memory the test owns
class SyscallsTest {
    static final long PROT_READ_WRITE = Mman.PROT_READ | Mman.PROT_WRITE;
    static final long MAP_PRIVATE_ANONYMOUS = Mman.MAP_PRIVATE | Mman.MAP_ANONYMOUS;

    @Test
    void getpidIsThisProcess() {
        long pid = ProcessHandle.current().pid();
        assertEquals(pid, Syscalls.invoke(Nr.getpid));
        assertEquals(pid, Syscalls.raw(Nr.getpid));
        assertEquals(pid, Syscalls.Critical.invoke(Nr.getpid));
        assertEquals(pid, Syscalls.Critical.raw(Nr.getpid));
        assertEquals(pid, Syscalls.invoke(Nr.getpid, new long[0]));
    }

    @Test
    void writeToAPipeAndReadItBack() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment fds = arena.allocate(JAVA_INT, 2);
            assertEquals(0, Syscalls.invoke(Nr.pipe2, fds.address(), 0));
            int readEnd = fds.getAtIndex(JAVA_INT, 0);
            int writeEnd = fds.getAtIndex(JAVA_INT, 1);
            byte[] message = "through the stub\n".getBytes(StandardCharsets.UTF_8);
            MemorySegment out = arena.allocateFrom(JAVA_BYTE, message);
            assertEquals(
                    message.length,
                    Syscalls.invoke(Nr.write, writeEnd, out.address(), message.length));
            MemorySegment in = arena.allocate(64);
            assertEquals(
                    message.length, Syscalls.invoke(Nr.read, readEnd, in.address(), in.byteSize()));
            assertArrayEquals(message, in.asSlice(0, message.length).toArray(JAVA_BYTE));
            assertEquals(0, Syscalls.invoke(Nr.close, writeEnd));
            assertEquals(
                    0,
                    Syscalls.invoke(Nr.read, readEnd, in.address(), in.byteSize()),
                    "EOF once the write end is closed");
            assertEquals(0, Syscalls.invoke(Nr.close, readEnd));
        }
    }

    @Test
    void openatOfAMissingFileThrowsEnoent() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment path = arena.allocateFrom("/nonexistent/rawsys");
            ErrnoException e =
                    assertThrows(
                            ErrnoException.class,
                            () ->
                                    Syscalls.invoke(
                                            Nr.openat,
                                            Fcntl.AT_FDCWD,
                                            path.address(),
                                            Fcntl.O_RDONLY));
            assertEquals(Errno.ENOENT, e.errno());
            assertEquals(2, e.errno());
            assertEquals("ENOENT", e.errnoName());
            assertEquals("No such file or directory", e.getMessage());
            assertEquals(Nr.openat, e.syscall());
            assertEquals(
                    "io.rawsys.ErrnoException: openat: ENOENT (No such file or directory)",
                    e.toString());
            assertEquals(
                    -Errno.ENOENT,
                    Syscalls.raw(Nr.openat, Fcntl.AT_FDCWD, path.address(), Fcntl.O_RDONLY));
        }
    }

    @Test
    void closeOfABadDescriptorThrowsEbadf() {
        ErrnoException e = assertThrows(ErrnoException.class, () -> Syscalls.invoke(Nr.close, -1));
        assertEquals("EBADF", e.errnoName());
        assertEquals("Bad file descriptor", e.getMessage());
        assertEquals(-Errno.EBADF, Syscalls.raw(Nr.close, -1));
        assertEquals(-Errno.EBADF, Syscalls.Critical.raw(Nr.close, -1));
        assertThrows(ErrnoException.class, () -> Syscalls.Critical.invoke(Nr.close, -1));
    }

    @Test
    void anUnknownNumberIsEnosys() {
        ErrnoException e = assertThrows(ErrnoException.class, () -> Syscalls.invoke(100_000));
        assertEquals("ENOSYS", e.errnoName());
        assertEquals("Function not implemented", e.getMessage());
        assertEquals(
                "io.rawsys.ErrnoException: syscall 100000: ENOSYS (Function not implemented)",
                e.toString());
        assertEquals(-Errno.ENOSYS, Syscalls.raw(SyscallTable.MISSING));
    }

    @Test
    void anonymousMmapWithSixArgumentsIsReadableMemory() {
        long length = 1 << 16;
        long address =
                Syscalls.invoke(Nr.mmap, 0, length, PROT_READ_WRITE, MAP_PRIVATE_ANONYMOUS, -1, 0);
        MemorySegment mapped = MemorySegment.ofAddress(address).reinterpret(length);
        mapped.set(JAVA_INT, 0, 0x5ca1ab1e);
        mapped.set(JAVA_INT, length - 4, 0x0ddba11);
        assertEquals(0x5ca1ab1e, mapped.get(JAVA_INT, 0));
        assertEquals(0x0ddba11, mapped.get(JAVA_INT, length - 4));
        assertEquals(0, Syscalls.invoke(Nr.munmap, address, length));
    }

    @Test
    void theSixthArgumentReachesTheKernel() {
        long page = 4096;
        try (Arena arena = Arena.ofConfined()) {
            int fd =
                    (int)
                            Syscalls.invoke(
                                    Nr.memfd_create,
                                    arena.allocateFrom("rawsys-test").address(),
                                    Mman.MFD_CLOEXEC);
            MemorySegment pages = arena.allocate(2 * page);
            pages.asSlice(0, page).fill((byte) 'A');
            pages.asSlice(page, page).fill((byte) 'B');
            assertEquals(2 * page, Syscalls.invoke(Nr.write, fd, pages.address(), 2 * page));
            long address =
                    Syscalls.invoke(Nr.mmap, 0, page, PROT_READ_WRITE, Mman.MAP_SHARED, fd, page);
            MemorySegment second = MemorySegment.ofAddress(address).reinterpret(page);
            assertEquals(
                    'B', second.get(JAVA_BYTE, 0), "mapped from the offset in the 6th argument");
            second.set(JAVA_BYTE, 0, (byte) 'C');
            MemorySegment back = arena.allocate(1);
            assertEquals(1, Syscalls.invoke(Nr.pread64, fd, back.address(), 1, page));
            assertEquals(
                    'C', back.get(JAVA_BYTE, 0), "a store through the mapping reaches the file");
            assertEquals(0, Syscalls.invoke(Nr.munmap, address, page));
            Syscalls.invoke(Nr.close, fd);
        }
    }

    @Test
    void varargsMatchTheFixedArities() {
        assertEquals(Syscalls.raw(Nr.close, -1), Syscalls.raw(Nr.close, new long[] {-1}));
        assertEquals(Syscalls.raw(Nr.getppid), Syscalls.invoke(Nr.getppid, new long[] {}));
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> Syscalls.invoke(Nr.getpid, 1, 2, 3, 4, 5, 6, 7));
        assertEquals("a system call takes at most 6 arguments, and 7 were given", e.getMessage());
    }

    @Test
    void errorRangeIsTheKernelsConvention() {
        assertTrue(Syscalls.isError(-1));
        assertTrue(Syscalls.isError(-4095));
        assertTrue(
                !Syscalls.isError(-4096),
                "an address in the top page range is a value, not an error");
        assertTrue(!Syscalls.isError(0));
        assertTrue(!Syscalls.isError(Long.MIN_VALUE));
    }

    @Test
    void aCallTheArchitectureLacksIsEnosysWithoutTheKernel() {
        assertEquals(-Errno.ENOSYS, Syscalls.raw(SyscallTable.MISSING, 1, 2, 3));
        assertEquals(-Errno.ENOSYS, Syscalls.Critical.raw(-5));
        ErrnoException e =
                assertThrows(ErrnoException.class, () -> Syscalls.invoke(SyscallTable.MISSING, 0));
        assertEquals("ENOSYS", e.errnoName());
    }

    @Test
    void unsignedThirtyTwoBitConstantsAreInts() {
        int events =
                io.rawsys.linux.Poll.EPOLLIN
                        | io.rawsys.linux.Poll.EPOLLET; // compiles: EPOLLET is an int
        assertEquals(0x80000001, events);
        assertEquals(0x80000000, Arch.current().constants().intValue("EPOLLET"));
    }
}
