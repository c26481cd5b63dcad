package io.rawsys.calls;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;

/**
 * The checks every typed call makes in Java before the kernel sees an argument: the mistakes here
 * would otherwise be EFAULT at best and memory corruption at worst.
 */
final class Check {
    private Check() {}

    /** A buffer the kernel will read or write: native, alive, and at least {@code length} bytes. */
    static MemorySegment buffer(MemorySegment buffer, long length, String name) {
        segment(buffer, name);
        count(length, name + "'s length");
        if (length > buffer.byteSize()) {
            throw new IndexOutOfBoundsException(
                    name
                            + " is "
                            + buffer.byteSize()
                            + " bytes, fewer than the "
                            + length
                            + " asked for");
        }
        return buffer;
    }

    /**
     * A segment the kernel will use: not null, native (a heap segment has no address), its arena
     * open.
     */
    static MemorySegment segment(MemorySegment segment, String name) {
        if (segment == null) {
            throw new NullPointerException(name + " is null");
        }
        if (!segment.isNative()) {
            throw new IllegalArgumentException(
                    name
                            + " is a heap segment; the kernel needs native memory (allocate it from an Arena)");
        }
        if (!segment.scope().isAlive()) {
            throw new IllegalStateException(name + "'s arena is already closed");
        }
        return segment;
    }

    /** A struct the kernel will fill: a segment of at least {@code size} bytes. */
    static MemorySegment struct(MemorySegment segment, long size, String struct) {
        segment(segment, "the " + struct);
        if (segment.byteSize() < size) {
            throw new IndexOutOfBoundsException(
                    "a segment of "
                            + segment.byteSize()
                            + " bytes is too small for a "
                            + struct
                            + " ("
                            + size
                            + " bytes)");
        }
        return segment;
    }

    /** A count or length: not negative. */
    static long count(long value, String name) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " is " + value + "; it cannot be negative");
        }
        return value;
    }

    /** A path, as the NUL-terminated UTF-8 the kernel reads, in {@code arena}. */
    static MemorySegment path(String path, Arena arena) {
        return cString(path, "the path", arena);
    }

    /** A NUL-terminated UTF-8 copy of {@code value}, which must not hold a NUL itself. */
    static MemorySegment cString(String value, String what, Arena arena) {
        if (value == null) {
            throw new NullPointerException(what + " is null");
        }
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(
                    what
                            + " '"
                            + value.replace("\0", "\\0")
                            + "' contains a NUL byte, which would end it early");
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        MemorySegment copy = arena.allocate(bytes.length + 1L);
        MemorySegment.copy(
                bytes, 0, copy, java.lang.foreign.ValueLayout.JAVA_BYTE, 0, bytes.length);
        return copy;
    }
}
