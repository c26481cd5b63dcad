package io.rawsys.trace.decode;

import io.rawsys.StructMember;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Structs in a tracee's memory, laid out as the tracee's architecture lays them out (an i386
 * program's {@code stat64} on an x86_64 machine): read once into a segment, then read member by
 * member.
 */
public final class Structs {
    private Structs() {}

    /**
     * The bytes of {@code struct} at {@code address} in the tracee, or null when the address is 0,
     * the tracee's architecture has no such struct, or its memory cannot be read in full.
     */
    public static MemorySegment read(Call c, String struct, long address) {
        if (address == 0) {
            return null;
        }
        long size = c.arch().layout(struct).map(l -> l.byteSize()).orElse(-1L);
        if (size < 0) {
            return null;
        }
        return bytes(c, address, size);
    }

    /**
     * The most one read of tracee memory takes: the sizes come from the tracee's registers and the
     * kernel's results, and a decoder must not allocate whatever they say (a getdents64 result of
     * 2^60 took the tracer down with OutOfMemoryError).
     */
    static final long MAX_READ = 16 << 20;

    /**
     * {@code size} bytes at {@code address} in the tracee, or null if they cannot all be read (or
     * are more than {@link #MAX_READ}).
     */
    public static MemorySegment bytes(Call c, long address, long size) {
        if (address == 0 || size < 0 || size > MAX_READ) {
            return null; // a length no decoder reads whole: shown as the address, as unreadable
        }
        if (!c.settings().structs()) {
            return null; // -e verbose= leaves this call's structures out: their addresses print
        }
        MemorySegment bytes = Arena.ofAuto().allocate(Math.max(size, 1), 8).asSlice(0, size);
        return c.memory().read(address, bytes) == size ? bytes : null;
    }

    /**
     * Member {@code path} of the {@code struct} in {@code bytes}, widened to a long as its C type
     * says.
     *
     * @throws IllegalArgumentException if the tracee's architecture has no such member (a decoder
     *     bug, not a tracee's)
     */
    public static long get(Call c, MemorySegment bytes, String struct, String path) {
        return member(c, struct, path).get(bytes);
    }

    /** Whether the tracee's architecture has member {@code path} in {@code struct}. */
    public static boolean has(Call c, String struct, String path) {
        return c.arch().member(struct, path).isPresent();
    }

    /** The member, as the tracee's architecture lays it out. */
    public static StructMember member(Call c, String struct, String path) {
        return c.arch()
                .member(struct, path)
                .orElseThrow(
                        () ->
                                new IllegalArgumentException(
                                        c.arch().name() + " has no " + struct + "." + path));
    }
}
