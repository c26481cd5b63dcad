package io.rawsys.calls;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rawsys.ErrnoException;
import io.rawsys.linux.Dirent;
import io.rawsys.linux.Errno;
import io.rawsys.linux.Fcntl;
import io.rawsys.linux.Mman;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** FileCalls on real files, checked against what the JDK sees of the same files. */
class FileCallsTest {
    @TempDir Path dir;

    private int create(String name) {
        return FileCalls.openat(
                Fcntl.AT_FDCWD,
                dir.resolve(name).toString(),
                Fcntl.O_CREAT | Fcntl.O_RDWR | Fcntl.O_TRUNC | Fcntl.O_CLOEXEC,
                0640);
    }

    @Test
    void writeThenReadAFile() throws Exception {
        byte[] text = "hello, raw world\n".getBytes(StandardCharsets.UTF_8);
        try (Arena arena = Arena.ofConfined()) {
            int fd = create("f");
            assertEquals(text.length, FileCalls.write(fd, arena.allocateFrom(JAVA_BYTE, text)));
            FileCalls.fsync(fd);
            FileCalls.close(fd);
            assertArrayEquals(text, Files.readAllBytes(dir.resolve("f")));
            fd = FileCalls.openat(Fcntl.AT_FDCWD, dir.resolve("f").toString(), Fcntl.O_RDONLY);
            MemorySegment buffer = arena.allocate(64);
            assertEquals(text.length, FileCalls.read(fd, buffer));
            assertArrayEquals(text, buffer.asSlice(0, text.length).toArray(JAVA_BYTE));
            assertEquals(0, FileCalls.read(fd, buffer), "end of file");
            assertEquals(text.length, FileCalls.lseek(fd, 0, Fcntl.SEEK_END));
            FileCalls.close(fd);
        }
    }

    @Test
    void preadPwriteReadvWritevFtruncate() throws Exception {
        try (Arena arena = Arena.ofConfined()) {
            int fd = create("g");
            assertEquals(
                    10,
                    FileCalls.writev(
                            fd,
                            arena.allocateFrom("abcd").asSlice(0, 4),
                            arena.allocateFrom("efghij").asSlice(0, 6)));
            assertEquals(2, FileCalls.pwrite(fd, arena.allocateFrom("XY").asSlice(0, 2), 4));
            MemorySegment two = arena.allocate(2);
            assertEquals(2, FileCalls.pread(fd, two, 3));
            assertEquals("dX", new String(two.toArray(JAVA_BYTE), StandardCharsets.UTF_8));
            assertEquals(
                    10,
                    FileCalls.lseek(fd, 0, Fcntl.SEEK_CUR),
                    "pread and pwrite do not move the position");
            FileCalls.lseek(fd, 0, Fcntl.SEEK_SET);
            MemorySegment a = arena.allocate(3);
            MemorySegment b = arena.allocate(7);
            assertEquals(10, FileCalls.readv(fd, a, b));
            assertEquals(
                    "abcdXYghij",
                    new String(a.toArray(JAVA_BYTE), StandardCharsets.UTF_8)
                            + new String(b.toArray(JAVA_BYTE), StandardCharsets.UTF_8));
            FileCalls.ftruncate(fd, 4);
            assertEquals(4, FileCalls.fstat(fd).size());
            FileCalls.close(fd);
            assertEquals("abcd", Files.readString(dir.resolve("g")));
        }
    }

    @Test
    void fstatAndStatxAgreeWithTheJdk() throws Exception {
        int fd = create("s");
        FileCalls.close(fd);
        Files.write(dir.resolve("s"), new byte[5000]);
        fd = FileCalls.openat(Fcntl.AT_FDCWD, dir.resolve("s").toString(), Fcntl.O_RDONLY);
        FileStat st = FileCalls.fstat(fd);
        FileStat stx =
                FileCalls.statx(
                        Fcntl.AT_FDCWD,
                        dir.resolve("s").toString(),
                        0,
                        Fcntl.STATX_BASIC_STATS | Fcntl.STATX_BTIME);
        FileStat empty = FileCalls.statx(fd, "", Fcntl.AT_EMPTY_PATH, Fcntl.STATX_BASIC_STATS);
        FileCalls.close(fd);
        long inode = ((Number) Files.getAttribute(dir.resolve("s"), "unix:ino")).longValue();
        for (FileStat s : new FileStat[] {st, stx, empty}) {
            assertEquals(5000, s.size());
            assertEquals(inode, s.inode());
            assertEquals(0640, s.permissions());
            assertTrue(s.isRegularFile());
            assertEquals(Files.getLastModifiedTime(dir.resolve("s")).toInstant(), s.modified());
            assertEquals(1, s.links());
        }
        assertEquals(st.devMajor(), stx.devMajor());
        assertEquals(st.devMinor(), stx.devMinor());
        assertTrue(
                FileCalls.statx(Fcntl.AT_FDCWD, dir.toString(), 0, Fcntl.STATX_BASIC_STATS)
                        .isDirectory());
    }

    @Test
    void directoriesLinksAndRenames() throws Exception {
        FileCalls.mkdirat(Fcntl.AT_FDCWD, dir.resolve("d").toString(), 0755);
        for (int i = 0; i < 200; i++) {
            FileCalls.close(create("d/file-" + i));
        }
        Files.createSymbolicLink(dir.resolve("d/link"), Path.of("x".repeat(300)));
        int dfd =
                FileCalls.openat(
                        Fcntl.AT_FDCWD,
                        dir.resolve("d").toString(),
                        Fcntl.O_RDONLY | Fcntl.O_DIRECTORY);
        Set<String> listed = new TreeSet<>();
        for (DirEntry e : FileCalls.getdents64(dfd)) {
            listed.add(e.name());
            if (e.name().equals("link")) {
                assertEquals(Dirent.DT_LNK, e.type());
            }
        }
        try (Stream<Path> jdk = Files.list(dir.resolve("d"))) {
            Set<String> expected =
                    jdk.map(p -> p.getFileName().toString())
                            .collect(Collectors.toCollection(TreeSet::new));
            expected.add(".");
            expected.add("..");
            assertEquals(expected, listed);
        }
        assertEquals(
                "x".repeat(300),
                FileCalls.readlinkat(dfd, "link"),
                "a target longer than the first buffer");
        FileCalls.renameat2(dfd, "file-1", dfd, "renamed", 0);
        ErrnoException exists =
                assertThrows(
                        ErrnoException.class,
                        () ->
                                FileCalls.renameat2(
                                        dfd, "file-2", dfd, "renamed", Fcntl.RENAME_NOREPLACE));
        assertEquals(Errno.EEXIST, exists.errno());
        FileCalls.unlinkat(dfd, "renamed", 0);
        assertTrue(
                !Files.exists(dir.resolve("d/renamed")) && Files.exists(dir.resolve("d/file-2")));
        FileCalls.mkdirat(dfd, "sub", 0700);
        FileCalls.unlinkat(dfd, "sub", Fcntl.AT_REMOVEDIR);
        FileCalls.close(dfd);
        ErrnoException missing =
                assertThrows(
                        ErrnoException.class,
                        () ->
                                FileCalls.openat(
                                        Fcntl.AT_FDCWD,
                                        dir.resolve("nope").toString(),
                                        Fcntl.O_RDONLY));
        assertEquals("ENOENT", missing.errnoName());
    }

    @Test
    void memfdIsAnAnonymousFileThatProcShowsByName() throws Exception {
        int fd = FileCalls.memfdCreate("rawsys-test", Mman.MFD_CLOEXEC);
        try (Arena arena = Arena.ofConfined()) {
            assertEquals(3, FileCalls.write(fd, arena.allocateFrom("abc").asSlice(0, 3)));
            assertEquals(3, FileCalls.fstat(fd).size());
            assertEquals(
                    "/memfd:rawsys-test (deleted)",
                    FileCalls.readlinkat(Fcntl.AT_FDCWD, "/proc/self/fd/" + fd));
            assertEquals("abc", Files.readString(Path.of("/proc/self/fd/" + fd)));
            assertEquals(Fcntl.FD_CLOEXEC, FdCalls.fcntl(fd, Fcntl.F_GETFD, 0));
        } finally {
            FileCalls.close(fd);
        }
        IllegalArgumentException tooLong =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> FileCalls.memfdCreate("x".repeat(250), 0));
        assertEquals("a memfd name is at most 249 bytes; this one has 250", tooLong.getMessage());
        IllegalArgumentException nul =
                assertThrows(
                        IllegalArgumentException.class, () -> FileCalls.memfdCreate("a\0b", 0));
        assertEquals(
                "the memfd name 'a\\0b' contains a NUL byte, which would end it early",
                nul.getMessage());
    }

    /**
     * Each mistake is caught in Java: fd -1 would make the kernel say EBADF, so a Java exception
     * proves it never got there.
     */
    @Test
    void misuseFailsBeforeTheKernel() {
        MemorySegment heap = MemorySegment.ofArray(new byte[16]);
        IllegalArgumentException onHeap =
                assertThrows(IllegalArgumentException.class, () -> FileCalls.read(-1, heap));
        assertEquals(
                "the buffer is a heap segment; the kernel needs native memory (allocate it from an Arena)",
                onHeap.getMessage());
        MemorySegment closed;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment small = arena.allocate(8);
            IndexOutOfBoundsException tooShort =
                    assertThrows(
                            IndexOutOfBoundsException.class, () -> FileCalls.read(-1, small, 9));
            assertEquals(
                    "the buffer is 8 bytes, fewer than the 9 asked for", tooShort.getMessage());
            IllegalArgumentException negative =
                    assertThrows(
                            IllegalArgumentException.class, () -> FileCalls.write(-1, small, -1));
            assertEquals("the buffer's length is -1; it cannot be negative", negative.getMessage());
            assertThrows(IllegalArgumentException.class, () -> FileCalls.ftruncate(-1, -5));
            assertThrows(IllegalArgumentException.class, () -> FileCalls.pread(-1, small, -1));
            closed = small;
        }
        IllegalStateException gone =
                assertThrows(IllegalStateException.class, () -> FileCalls.write(-1, closed));
        assertEquals("the buffer's arena is already closed", gone.getMessage());
        IllegalArgumentException nul =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> FileCalls.openat(Fcntl.AT_FDCWD, "a\0b", 0));
        assertNotNull(nul.getMessage());
        assertThrows(NullPointerException.class, () -> FileCalls.mkdirat(Fcntl.AT_FDCWD, null, 0));
        assertThrows(IllegalArgumentException.class, () -> FileCalls.readv(-1, heap));
    }
}
