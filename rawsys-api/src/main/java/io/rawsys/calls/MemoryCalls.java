package io.rawsys.calls;

import io.rawsys.linux.Mman;
import io.rawsys.linux.Nr;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Memory mappings as segments of the right size. A mapping belongs to an {@link Arena}: closing the
 * arena unmaps it (munmap), after which FFM refuses every access to the segment, so a use after
 * munmap is an {@link IllegalStateException} instead of a crash.
 */
public final class MemoryCalls {
    private MemoryCalls() {}

    /**
     * Maps {@code length} bytes, unmapped when {@code arena} closes.
     *
     * <p>C: {@code void *mmap(void *addr, size_t length, int prot, int flags, int fd, off_t
     * offset)}
     *
     * @param prot {@code PROT_READ | PROT_WRITE} …
     * @param flags {@code MAP_PRIVATE | MAP_ANONYMOUS}, {@code MAP_SHARED} …
     * @param fd the file to map, or -1 for anonymous memory
     * @param offset where in the file, a multiple of the page size
     * @return the mapping, exactly {@code length} bytes long
     */
    @SuppressWarnings("restricted") // a mapping this method made, of the length it asked for
    public static MemorySegment mmap(
            Arena arena, long length, int prot, int flags, int fd, long offset) {
        if (arena == null) {
            throw new NullPointerException("the arena is null");
        }
        if (length <= 0) {
            throw new IllegalArgumentException(
                    "the length is " + length + "; a mapping is at least one byte");
        }
        Check.count(offset, "the offset");
        long address = Shapes.llllll(Nr.mmap, 0, length, prot, flags, fd, offset);
        return MemorySegment.ofAddress(address)
                .reinterpret(length, arena, mapping -> munmap(mapping.address(), length));
    }

    /**
     * Anonymous private memory, zeroed: {@code mmap(NULL, length, prot, MAP_PRIVATE|MAP_ANONYMOUS,
     * -1, 0)}.
     */
    public static MemorySegment mmapAnonymous(Arena arena, long length, int prot) {
        return mmap(arena, length, prot, Mman.MAP_PRIVATE | Mman.MAP_ANONYMOUS, -1, 0);
    }

    private static void munmap(long address, long length) {
        Shapes.ll(Nr.munmap, address, length);
    }

    /**
     * Changes the protection of a mapping, or of a page-aligned slice of one. Careful: touching a
     * page made {@code PROT_NONE} (or writing one made read-only) from Java faults the JVM, as it
     * would a C program.
     *
     * <p>C: {@code int mprotect(void *addr, size_t len, int prot)}
     */
    public static void mprotect(MemorySegment mapping, int prot) {
        Shapes.lll(Nr.mprotect, pageAligned(mapping), mapping.byteSize(), prot);
    }

    /**
     * Tells the kernel how a mapping, or a page-aligned slice of one, will be used.
     *
     * <p>C: {@code int madvise(void *addr, size_t length, int advice)}
     *
     * @param advice {@code MADV_DONTNEED}, {@code MADV_WILLNEED}, {@code MADV_SEQUENTIAL} …
     */
    public static void madvise(MemorySegment mapping, int advice) {
        Shapes.lll(Nr.madvise, pageAligned(mapping), mapping.byteSize(), advice);
    }

    private static long pageAligned(MemorySegment mapping) {
        Check.segment(mapping, "the mapping");
        long page = ProcessCalls.pageSize();
        if (mapping.address() % page != 0) {
            throw new IllegalArgumentException(
                    "the mapping starts at 0x"
                            + Long.toHexString(mapping.address())
                            + ", which is not on a page boundary ("
                            + page
                            + " bytes)");
        }
        return mapping.address();
    }
}
