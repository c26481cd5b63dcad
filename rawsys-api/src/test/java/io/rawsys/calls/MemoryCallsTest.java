package io.rawsys.calls;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rawsys.linux.Fcntl;
import io.rawsys.linux.Mman;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemoryCallsTest {
    @TempDir Path dir;

    static boolean mapped(long address) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
            String[] range = line.substring(0, line.indexOf(' ')).split("-");
            if (Long.parseUnsignedLong(range[0], 16) <= address
                    && address < Long.parseUnsignedLong(range[1], 16)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void anonymousMemoryIsUnmappedWhenItsArenaCloses() throws Exception {
        MemorySegment mapping;
        try (Arena arena = Arena.ofConfined()) {
            mapping = MemoryCalls.mmapAnonymous(arena, 3 * 4096, Mman.PROT_READ | Mman.PROT_WRITE);
            assertEquals(3 * 4096, mapping.byteSize());
            mapping.set(JAVA_LONG, 8192, 42);
            assertEquals(42, mapping.get(JAVA_LONG, 8192));
            assertTrue(mapped(mapping.address()));
        }
        assertFalse(mapped(mapping.address()), "munmap ran when the arena closed");
        MemorySegment gone = mapping;
        assertThrows(
                IllegalStateException.class,
                () -> gone.get(JAVA_LONG, 0),
                "a use after munmap is an exception, not a crash");
    }

    @Test
    void aSharedFileMappingSeesTheFileFromItsOffset() throws Exception {
        Path file = dir.resolve("m");
        byte[] bytes = new byte[8192];
        bytes[4096] = 'Z';
        Files.write(file, bytes);
        int fd = FileCalls.openat(Fcntl.AT_FDCWD, file.toString(), Fcntl.O_RDWR);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment page =
                    MemoryCalls.mmap(
                            arena,
                            4096,
                            Mman.PROT_READ | Mman.PROT_WRITE,
                            Mman.MAP_SHARED,
                            fd,
                            4096);
            assertEquals('Z', page.get(JAVA_BYTE, 0));
            page.set(JAVA_BYTE, 1, (byte) 'Q');
        }
        FileCalls.close(fd);
        assertEquals('Q', Files.readAllBytes(file)[4097]);
    }

    @Test
    void madviseDontneedDropsPrivateAnonymousPages() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment mapping =
                    MemoryCalls.mmapAnonymous(arena, 4096, Mman.PROT_READ | Mman.PROT_WRITE);
            mapping.set(JAVA_LONG, 0, 7);
            MemoryCalls.madvise(mapping, Mman.MADV_DONTNEED);
            assertEquals(0, mapping.get(JAVA_LONG, 0), "the kernel gave back a zero page");
            MemoryCalls.mprotect(mapping, Mman.PROT_READ);
            assertEquals(0, mapping.get(JAVA_LONG, 0), "still readable");
        }
    }

    @Test
    void misuseFailsBeforeTheKernel() {
        try (Arena arena = Arena.ofConfined()) {
            assertThrows(
                    IllegalArgumentException.class,
                    () -> MemoryCalls.mmapAnonymous(arena, 0, Mman.PROT_READ));
            assertThrows(
                    IllegalArgumentException.class,
                    () ->
                            MemoryCalls.mmap(
                                    arena, 4096, Mman.PROT_READ, Mman.MAP_PRIVATE, 0, -4096));
            MemorySegment mapping =
                    MemoryCalls.mmapAnonymous(arena, 8192, Mman.PROT_READ | Mman.PROT_WRITE);
            IllegalArgumentException unaligned =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> MemoryCalls.mprotect(mapping.asSlice(1), Mman.PROT_READ));
            assertTrue(
                    unaligned.getMessage().contains("not on a page boundary"),
                    unaligned.getMessage());
            assertThrows(
                    IllegalArgumentException.class,
                    () ->
                            MemoryCalls.madvise(
                                    MemorySegment.ofArray(new long[512]), Mman.MADV_DONTNEED));
        }
    }
}
