package io.rawsys.calls;

import io.rawsys.linux.Mman;
import io.rawsys.linux.Nr;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Memory mappings as segments of the right size. A mapping belongs to an {@link Arena}: closing the
 * arena unmaps it (munmap), after which FFM refuses every access to the segment, so a use after
 * munmap is an {@link IllegalStateException} instead of a crash. {@link #mprotect} and {@link
 * #madvise} work only on these mappings: other native memory belongs to the JVM.
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
        if (!arena.scope().isAlive()) {
            throw new IllegalStateException("the arena is closed; a mapping needs an open one");
        }
        long address = Checked.llllll(Nr.mmap, 0, length, prot, flags, fd, offset);
        long end = address + pageRounded(length);
        MAPPINGS.put(address, end);
        try {
            return MemorySegment.ofAddress(address)
                    .reinterpret(length, arena, mapping -> unmap(address, length));
        } catch (RuntimeException | Error e) {
            // the arena closed meanwhile, or is confined to another thread: nothing owns the
            // mapping, so it goes now rather than stay for the life of the process
            unmap(address, length);
            throw e;
        }
    }

    /**
     * The mappings this class made and their arenas have not closed: start address to end (page
     * rounded), so that mprotect and madvise touch only memory rawsys mapped.
     */
    private static final ConcurrentSkipListMap<Long, Long> MAPPINGS =
            new ConcurrentSkipListMap<>(Long::compareUnsigned);

    private static long pageRounded(long length) {
        long page = ProcessCalls.pageSize();
        return (length + page - 1) & -page;
    }

    /**
     * Mappings sealed by {@link #mseal}: start address to end. The kernel refuses to unmap them
     * (EPERM), so their arena's close leaves them in place; they stay until the process ends.
     */
    private static final ConcurrentSkipListMap<Long, Long> SEALED =
            new ConcurrentSkipListMap<>(Long::compareUnsigned);

    private static void unmap(long address, long length) {
        MAPPINGS.remove(address); // before munmap: the kernel may hand the range out again
        if (sealedWithin(address, address + pageRounded(length))) {
            return; // munmap would fail with EPERM; the segment is dead to Java all the same
        }
        munmap(address, length);
    }

    private static boolean sealedWithin(long start, long end) {
        Map.Entry<Long, Long> s = SEALED.ceilingEntry(start);
        return s != null && Long.compareUnsigned(s.getKey(), end) < 0;
    }

    /**
     * Seals a mapping made by {@link #mmap}, or a page-aligned slice of one, for the rest of the
     * process's life (Linux 6.10+): the kernel then refuses to unmap, move, shrink, grow or
     * re-protect it with {@code EPERM}, and to let {@code madvise} discard read-only private
     * anonymous memory (writable memory may still be discarded: its contents are the writer's to
     * lose). Closing its arena still ends Java's access to the segment, but the pages stay mapped
     * until the process ends. A slice of length 0 seals nothing.
     *
     * <p>C: {@code int mseal(void *addr, size_t len, unsigned long flags)}, with flags 0 (the only
     * value the kernel takes).
     *
     * @throws IllegalArgumentException for memory {@link #mmap} did not make
     */
    public static void mseal(MemorySegment mapping) {
        long address = ownMapping(mapping, "mseal");
        long end = address + pageRounded(mapping.byteSize());
        Checked.lll(Nr.mseal, address, mapping.byteSize(), 0);
        if (mapping.byteSize() > 0) {
            SEALED.put(address, end);
        }
    }

    /**
     * Anonymous private memory, zeroed: {@code mmap(NULL, length, prot, MAP_PRIVATE|MAP_ANONYMOUS,
     * -1, 0)}.
     */
    public static MemorySegment mmapAnonymous(Arena arena, long length, int prot) {
        return mmap(arena, length, prot, Mman.MAP_PRIVATE | Mman.MAP_ANONYMOUS, -1, 0);
    }

    private static void munmap(long address, long length) {
        Checked.ll(Nr.munmap, address, length);
    }

    /**
     * Changes the protection of a mapping made by {@link #mmap}, or of a page-aligned slice of one.
     * Careful: touching a page made {@code PROT_NONE} (or writing one made read-only) from Java
     * faults the JVM, as it would a C program.
     *
     * <p>C: {@code int mprotect(void *addr, size_t len, int prot)}
     *
     * @throws IllegalArgumentException for any other memory, such as an arena's allocation: that
     *     belongs to the JVM's allocator, and protecting it crashes or hangs the JVM. ({@code
     *     Syscalls.invoke(Nr.mprotect, …)} stays available for those who mean it.)
     */
    public static void mprotect(MemorySegment mapping, int prot) {
        Checked.lll(Nr.mprotect, ownMapping(mapping, "mprotect"), mapping.byteSize(), prot);
    }

    /**
     * Tells the kernel how a mapping made by {@link #mmap}, or a page-aligned slice of one, will be
     * used.
     *
     * <p>C: {@code int madvise(void *addr, size_t length, int advice)}
     *
     * @param advice {@code MADV_DONTNEED}, {@code MADV_WILLNEED}, {@code MADV_SEQUENTIAL} …
     * @throws IllegalArgumentException for any other memory (MADV_DONTNEED would zero the JVM's)
     */
    public static void madvise(MemorySegment mapping, int advice) {
        Checked.lll(Nr.madvise, ownMapping(mapping, "madvise"), mapping.byteSize(), advice);
    }

    /** The segment's address, once it is known to lie page-aligned within one of our mappings. */
    private static long ownMapping(MemorySegment mapping, String call) {
        long address = pageAligned(mapping);
        Map.Entry<Long, Long> own = MAPPINGS.floorEntry(address);
        if (own == null
                || Long.compareUnsigned(address + mapping.byteSize(), own.getValue()) > 0
                || Long.compareUnsigned(address + mapping.byteSize(), address) < 0) {
            throw new IllegalArgumentException(
                    call
                            + " works on mappings made by MemoryCalls.mmap, and 0x"
                            + Long.toHexString(address)
                            + ".."
                            + Long.toHexString(address + mapping.byteSize())
                            + " is not within one: other memory (an arena's allocation, the heap)"
                            + " belongs to the JVM, and changing it under the JVM crashes it; map"
                            + " the memory with MemoryCalls.mmap, or call Syscalls.invoke(Nr."
                            + call
                            + ", …) if you mean it");
        }
        return address;
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
