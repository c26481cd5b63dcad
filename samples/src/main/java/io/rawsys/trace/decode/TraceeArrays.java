package io.rawsys.trace.decode;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * An array in a tracee's memory as strace's print_array prints it: {@code [a, b, c]}, at most -s
 * elements then {@code ...}, the address alone if the first element cannot be read, and {@code ...
 * /* 0x… *}{@code /} where a later one cannot.
 */
final class TraceeArrays {
    private TraceeArrays() {}

    /** How one element prints. */
    @FunctionalInterface
    interface Element {
        String print(MemorySegment element, long index);
    }

    /**
     * {@code count} elements of {@code size} bytes at {@code address}. At the exit of a failed call
     * the elements are not read, unless {@code evenAfterFailure} (strace's
     * tfetch_mem_ignore_syserror).
     */
    static String print(
            Call c,
            long address,
            long count,
            long size,
            boolean evenAfterFailure,
            Element element) {
        return print(c, address, count, size, evenAfterFailure, -1, element);
    }

    /**
     * As {@link #print(Call, long, long, long, boolean, Element)}, but only the first {@code
     * printable} elements print (all when negative): then {@code ...} ends the array.
     */
    static String print(
            Call c,
            long address,
            long count,
            long size,
            boolean evenAfterFailure,
            long printable,
            Element element) {
        if (address == 0) {
            return "NULL";
        }
        if (count == 0) {
            return "[]";
        }
        if (Long.compareUnsigned(count, Long.divideUnsigned(-1L, size)) > 0
                || Long.compareUnsigned(address + count * size, address) <= 0) {
            return Text.pointer(address);
        }
        long limit = c.settings().verbose() ? Long.MAX_VALUE : c.settings().stringLimit();
        long shown = Long.compareUnsigned(count, limit) > 0 ? limit : count;
        long readable = 0;
        MemorySegment bytes = MemorySegment.NULL;
        if (evenAfterFailure || Peek.fetchable(c)) {
            bytes = Arena.ofAuto().allocate(Math.max(1, shown * size), 8);
            readable = c.memory().read(address, bytes.asSlice(0, shown * size)) / size;
        }
        StringBuilder s = new StringBuilder();
        for (long i = 0; i < shown; i++) {
            if (i > 0) {
                s.append(", ");
            }
            if (i >= readable) {
                if (i == 0) {
                    return Text.pointer(address);
                }
                return s.append("... /* ")
                        .append(Text.pointer(address + i * size))
                        .append(" */]")
                        .toString();
            }
            if (i == 0) {
                s.append('[');
            }
            if (i == printable) {
                return s.append("...]").toString();
            }
            s.append(element.print(bytes.asSlice(i * size, size), i));
        }
        if (shown != count) {
            s.append(", ...");
        }
        return s.append(']').toString();
    }
}
