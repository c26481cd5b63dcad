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

    /** This process's mapped size, from /proc/self/status (VmSize, in KiB). */
    private static long vmSizeKib() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmSize:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new AssertionError("no VmSize in /proc/self/status");
    }

    /**
     * Issue 12, item 7: mmap into an arena that cannot take the mapping (closed, or confined to
     * another thread) throws and leaves nothing mapped; 1000 such calls added 1000 MiB before.
     */
    @Test
    void aMappingForAnArenaThatCannotTakeItIsNotLeft() throws Exception {
        Arena closed = Arena.ofConfined();
        closed.close();
        Arena confined = Arena.ofConfined();
        long before = vmSizeKib();
        for (int i = 0; i < 1000; i++) {
            IllegalStateException e =
                    assertThrows(
                            IllegalStateException.class,
                            () -> MemoryCalls.mmapAnonymous(closed, 1 << 20, Mman.PROT_READ));
            assertEquals("the arena is closed; a mapping needs an open one", e.getMessage());
        }
        Thread other =
                Thread.ofPlatform()
                        .start(
                                () -> {
                                    for (int i = 0; i < 1000; i++) {
                                        assertThrows(
                                                WrongThreadException.class,
                                                () ->
                                                        MemoryCalls.mmapAnonymous(
                                                                confined, 1 << 20, Mman.PROT_READ));
                                    }
                                });
        other.join();
        long grown = vmSizeKib() - before;
        confined.close();
        assertTrue(grown < 256 << 10, "the process grew by " + grown + " KiB: mappings were left");
    }

    /**
     * Issue 12, item 8: mprotect and madvise change only mappings MemoryCalls made. Memory of an
     * ordinary arena belongs to the JVM's allocator: PROT_READ there crashed the JVM at the next
     * write, PROT_NONE hung it inside malloc.
     */
    @Test
    @SuppressWarnings("restricted") // segments over addresses, only ever refused
    void onlyMappingsMadeHereCanBeProtectedOrAdvised() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment allocated = arena.allocate(4096, 4096);
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () ->
                                    MemoryCalls.mprotect(
                                            allocated, Mman.PROT_READ | Mman.PROT_WRITE));
            assertTrue(
                    e.getMessage()
                            .startsWith("mprotect works on mappings made by MemoryCalls.mmap"),
                    e.getMessage());
            assertThrows(
                    IllegalArgumentException.class,
                    () -> MemoryCalls.madvise(allocated, Mman.MADV_DONTNEED));
            allocated.set(JAVA_LONG, 0, 5);
            assertEquals(5, allocated.get(JAVA_LONG, 0), "still the JVM's, untouched");

            MemorySegment mapping =
                    MemoryCalls.mmapAnonymous(arena, 3 * 4096, Mman.PROT_READ | Mman.PROT_WRITE);
            MemoryCalls.mprotect(mapping.asSlice(4096, 4096), Mman.PROT_READ);
            MemoryCalls.madvise(mapping.asSlice(8192), Mman.MADV_DONTNEED);
            assertThrows(
                    IllegalArgumentException.class,
                    () ->
                            MemoryCalls.mprotect(
                                    MemorySegment.ofAddress(mapping.address())
                                            .reinterpret(4 * 4096),
                                    Mman.PROT_READ),
                    "a range that runs past the mapping");
        }
        MemorySegment[] gone = new MemorySegment[1];
        try (Arena arena = Arena.ofConfined()) {
            gone[0] = MemoryCalls.mmapAnonymous(arena, 4096, Mman.PROT_READ | Mman.PROT_WRITE);
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment sameAddress =
                    MemorySegment.ofAddress(gone[0].address()).reinterpret(4096, arena, null);
            assertThrows(
                    IllegalArgumentException.class,
                    () -> MemoryCalls.mprotect(sameAddress, Mman.PROT_READ),
                    "a mapping whose arena closed is no longer ours");
        }
    }
}
