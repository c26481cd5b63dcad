package io.rawsys.trace.decode;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A tracee's memory as strace reads it. Two ways, as strace has two: {@link #fetch} is its {@code
 * umoven_or_printaddr} (nothing is read at the exit of a call that failed, since the kernel wrote
 * nothing there), {@link #peek} its plain {@code umoven} (read whatever the outcome).
 */
final class Peek {
    private Peek() {}

    /** Whether strace reads what a call points to now: not at the exit of a call that failed. */
    static boolean fetchable(Call c) {
        return !(c.hasExited() && c.failed());
    }

    /**
     * {@code size} bytes at {@code address}, or null when strace prints the address instead: a NULL
     * or unreadable address, or the exit of a failed call.
     */
    static MemorySegment fetch(Call c, long address, long size) {
        return fetchable(c) ? peek(c, address, size) : null;
    }

    /** {@code size} bytes at {@code address}, or null if they cannot all be read. */
    static MemorySegment peek(Call c, long address, long size) {
        return address == 0 ? null : Structs.bytes(c, address, size);
    }

    /** The {@code struct} at {@code address}, as {@link #fetch} reads it. */
    static MemorySegment fetch(Call c, String struct, long address) {
        return fetch(c, address, size(c, struct));
    }

    /** The size of {@code struct} on the tracee's architecture. */
    static long size(Call c, String struct) {
        return c.arch()
                .layout(struct)
                .orElseThrow(
                        () -> new IllegalArgumentException(c.arch().name() + " has no " + struct))
                .byteSize();
    }

    /** Member {@code path} of the {@code struct} in {@code bytes}. */
    static long get(Call c, MemorySegment bytes, String struct, String path) {
        return Structs.get(c, bytes, struct, path);
    }

    /** The C {@code int} at {@code address}, or null if it cannot be read (umove). */
    static Integer peekInt(Call c, long address) {
        MemorySegment s = peek(c, address, Integer.BYTES);
        return s == null ? null : intAt(c, s, 0);
    }

    /** The C {@code int} at {@code offset} of {@code bytes}, in the tracee's byte order. */
    static int intAt(Call c, MemorySegment bytes, long offset) {
        return bytes.get(ValueLayout.JAVA_INT_UNALIGNED.withOrder(c.arch().byteOrder()), offset);
    }

    /** The tracee's {@code unsigned long} at {@code offset} of {@code bytes}. */
    static long wordAt(Call c, MemorySegment bytes, long offset) {
        return c.arch().wordSize() == 4
                ? Integer.toUnsignedLong(intAt(c, bytes, offset))
                : bytes.get(
                        ValueLayout.JAVA_LONG_UNALIGNED.withOrder(c.arch().byteOrder()), offset);
    }

    /** The bytes of {@code bytes} from {@code offset}, {@code length} of them, as an array. */
    static byte[] array(MemorySegment bytes, long offset, long length) {
        return bytes.asSlice(offset, length).toArray(ValueLayout.JAVA_BYTE);
    }
}
