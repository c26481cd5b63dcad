package io.rawsys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rawsys.linux.Fcntl;
import io.rawsys.linux.Ioctl;
import io.rawsys.linux.Nr;
import io.rawsys.linux.struct.Stat;
import io.rawsys.linux.struct.Statx;
import io.rawsys.linux.struct.UserRegsStruct;
import io.rawsys.linux.struct.Utsname;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.NoSuchElementException;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated struct and constant classes, used on real system calls and compared with what the
 * JDK reports.
 */
class StructFacadesTest {
    @TempDir Path dir;

    @Test
    void fstatFillsStatAsTheJdkSeesTheFile() throws Exception {
        Path file = dir.resolve("data");
        Files.write(file, new byte[12345]);
        Files.setPosixFilePermissions(
                file, Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        try (Arena arena = Arena.ofConfined()) {
            long fd =
                    Syscalls.invoke(
                            Nr.openat,
                            Fcntl.AT_FDCWD,
                            arena.allocateFrom(file.toString()).address(),
                            Fcntl.O_RDONLY | Fcntl.O_CLOEXEC);
            MemorySegment st = Stat.allocate(arena);
            Syscalls.invoke(Nr.fstat, fd, st.address());
            Syscalls.invoke(Nr.close, fd);
            assertEquals(12345, Stat.st_size(st));
            assertEquals(Fcntl.S_IFREG | 0600, Stat.st_mode(st));
            assertEquals(
                    ((Number) Files.getAttribute(file, "unix:ino")).longValue(), Stat.st_ino(st));
            assertEquals(
                    ((Number) Files.getAttribute(file, "unix:nlink")).longValue(),
                    Stat.st_nlink(st));
            assertEquals(
                    Files.getLastModifiedTime(file).toInstant().getEpochSecond(),
                    Stat.st_mtime(st));
        }
    }

    @Test
    void statxNestedTimestampsAreReachable() throws Exception {
        Path file = dir.resolve("timed");
        Files.writeString(file, "x");
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment stx = Statx.allocate(arena);
            Syscalls.invoke(
                    Nr.statx,
                    Fcntl.AT_FDCWD,
                    arena.allocateFrom(file.toString()).address(),
                    0,
                    Fcntl.STATX_BASIC_STATS,
                    stx.address());
            assertEquals(1, Statx.stx_size(stx));
            long mtime = Files.getLastModifiedTime(file).toInstant().getEpochSecond();
            assertEquals(mtime, Statx.stx_mtime_tv_sec(stx));
            assertEquals(
                    16,
                    Statx.stx_mtime(stx).byteSize(),
                    "the nested struct statx_timestamp as a slice");
        }
    }

    @Test
    void unameFillsUtsname() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment uts = Utsname.allocate(arena);
            Syscalls.invoke(Nr.uname, uts.address());
            assertEquals("Linux", Utsname.sysname(uts).getString(0));
            assertEquals(System.getProperty("os.version"), Utsname.release(uts).getString(0));
            assertEquals('L', Utsname.sysname(uts, 0));
        }
    }

    @Test
    void misuseFailsInJavaBeforeMemoryIsTouched() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment small = arena.allocate(16);
            IndexOutOfBoundsException tooSmall =
                    assertThrows(IndexOutOfBoundsException.class, () -> Stat.st_size(small));
            assertEquals(
                    "a segment of 16 bytes is too small for struct stat (144 bytes on x86_64)",
                    tooSmall.getMessage());
            MemorySegment uts = Utsname.allocate(arena);
            assertThrows(IndexOutOfBoundsException.class, () -> Utsname.sysname(uts, 65));
            assertThrows(IndexOutOfBoundsException.class, () -> Utsname.sysname(uts, -1));
            UnsupportedOperationException absent =
                    assertThrows(
                            UnsupportedOperationException.class,
                            () -> UserRegsStruct.pc(UserRegsStruct.allocate(arena)));
            assertEquals("struct user_regs_struct has no member pc on x86_64", absent.getMessage());
        }
        MemorySegment closed;
        try (Arena arena = Arena.ofConfined()) {
            closed = Stat.allocate(arena);
        }
        assertThrows(
                IllegalStateException.class,
                () -> Stat.st_size(closed),
                "a closed arena's memory is never read");
    }

    @Test
    void constantsComeFromTheRunningArchitecture() {
        ConstantTable constants = Arch.current().constants();
        assertEquals(constants.value("O_CREAT"), Fcntl.O_CREAT);
        assertEquals(0x5413, Ioctl.TIOCGWINSZ);
        assertTrue(constants.find("PTRACE_GETREGS").isPresent(), "x86-only names are in the table");
        assertTrue(Arch.of("aarch64").constants().find("PTRACE_GETREGS").isEmpty());
        NoSuchElementException e =
                assertThrows(NoSuchElementException.class, () -> constants.value("O_CRAET"));
        assertEquals(
                "no constant named 'O_CRAET' on x86_64; did you mean O_CREAT?", e.getMessage());
        assertTrue(constants.withPrefix("MAP_").containsKey("MAP_ANONYMOUS"));
        assertEquals(-100, constants.group("Fcntl").get("AT_FDCWD"));
    }

    @Test
    void sixtyFourBitArgumentsFollowEachAbi() {
        long offset = 0x1_0000_2000L;
        assertArrayEquals(
                new long[] {3, 100, 1, offset},
                Arch.of("x86_64").arguments().word(3).word(100).word(1).wide(offset).toArray());
        assertArrayEquals(
                new long[] {3, 100, 1, 0x2000, 1},
                Arch.of("i386").arguments().word(3).word(100).word(1).wide(offset).toArray(),
                "i386: the next two registers, low word first");
        assertArrayEquals(
                new long[] {3, 100, 1, 0, 0x2000, 1},
                Arch.of("arm").arguments().word(3).word(100).word(1).wide(offset).toArray(),
                "ARM EABI: an even register pair, r3 skipped");
        assertArrayEquals(
                new long[] {3, 0, 0x2000, 1},
                Arch.of("mipsel").arguments().word(3).wide(offset).toArray(),
                "o32 aligns too");
        assertArrayEquals(
                new long[] {3, 1, 0x2000, 1, 0x10, 0},
                Arch.of("arm").arguments().word(3).word(1).wide(offset).wide(0x10).toArray(),
                "no padding when the pair already starts even");
        assertEquals(SyscallAbi.Errors.A3_FLAG, Arch.of("mips64el").abi().errors());
        assertEquals("svc #0", Arch.of("aarch64").abi().instruction());
    }

    /**
     * getdents64 packs records of varying length; each is read through the kernel's linux_dirent64.
     */
    @Test
    void getdents64RecordsAreReadToTheEndOfTheBuffer() throws Exception {
        java.util.Set<String> created = new java.util.TreeSet<>();
        for (int i = 0; i < 300; i++) {
            String name = "entry-with-a-longish-name-" + i;
            Files.createFile(dir.resolve(name));
            created.add(name);
        }
        java.util.Set<String> listed = new java.util.TreeSet<>();
        try (Arena arena = Arena.ofConfined()) {
            long fd =
                    Syscalls.invoke(
                            Nr.openat,
                            Fcntl.AT_FDCWD,
                            arena.allocateFrom(dir.toString()).address(),
                            Fcntl.O_RDONLY | Fcntl.O_DIRECTORY | Fcntl.O_CLOEXEC);
            MemorySegment buffer = arena.allocate(4096, 8);
            long n;
            while ((n = Syscalls.invoke(Nr.getdents64, fd, buffer.address(), buffer.byteSize()))
                    > 0) {
                for (long at = 0; at < n; ) {
                    MemorySegment record = buffer.asSlice(at, n - at);
                    int length =
                            Short.toUnsignedInt(
                                    io.rawsys.linux.struct.LinuxDirent64.d_reclen(record));
                    String name =
                            io.rawsys.linux.struct.LinuxDirent64.d_name(record.asSlice(0, length))
                                    .getString(0);
                    if (!name.equals(".") && !name.equals("..")) {
                        listed.add(name);
                    }
                    at += length;
                }
            }
            Syscalls.invoke(Nr.close, fd);
        }
        assertEquals(created, listed);
    }

    /** Arch.member reads another architecture's structs: its offsets, sizes, signs and order. */
    @Test
    void membersOfEveryArchitecture() throws Exception {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment st = Stat.allocate(arena);
            Stat.st_size(st, 0x1234_5678_9abcL);
            Stat.st_mode(st, 0100644);
            assertEquals(
                    0x1234_5678_9abcL,
                    Arch.current().member("stat", "st_size").orElseThrow().get(st));
            assertEquals(0100644, Arch.current().member("stat", "st_mode").orElseThrow().get(st));

            StructMember size = Arch.of("i386").member("stat64", "st_size").orElseThrow();
            assertEquals(8, size.size());
            assertEquals(96, size.structSize(), "i386's stat64 is 96 bytes, packed to 4");
            assertEquals(44, size.offset(), "after the padding i386's stat64 keeps at 40");

            StructMember bigEndian = Arch.of("s390x").member("timespec", "tv_nsec").orElseThrow();
            MemorySegment bytes = arena.allocate(16);
            bytes.set(
                    java.lang.foreign.ValueLayout.JAVA_LONG.withOrder(
                            java.nio.ByteOrder.BIG_ENDIAN),
                    8,
                    -5);
            assertEquals(-5, bigEndian.get(bytes), "signed, big-endian");

            StructMember unsigned = Arch.of("arm").member("stat64", "st_ino").orElseThrow();
            assertEquals('u', unsigned.kind());
            assertTrue(Arch.of("x86_64").member("stat64", "st_size").isEmpty());
            assertTrue(Arch.current().member("stat", "no_such_member").isEmpty());
        }
    }
}
