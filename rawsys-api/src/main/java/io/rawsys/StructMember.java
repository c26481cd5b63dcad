package io.rawsys;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * One member of a struct as some architecture lays it out: what a program needs to read a struct
 * out of another architecture's memory (a 32-bit process traced from a 64-bit one, a core dump).
 * The generated facades of {@code io.rawsys.linux.struct} do the same for the running architecture
 * alone, faster.
 *
 * @param struct rawsys's name of the struct ({@code stat64})
 * @param path the member's designator, such as {@code st_size} or {@code stx_atime.tv_sec}
 * @param structSize the size of the whole struct on that architecture
 * @param offset the member's offset in the struct
 * @param kind {@code s} signed, {@code u} unsigned, {@code p} pointer, {@code f} floating, {@code
 *     g} struct or union
 * @param size the size of the member (of one element, for an array)
 * @param count the number of elements: 1 for a plain member, 0 for a flexible array
 * @param order the architecture's byte order
 */
public record StructMember(
        String struct,
        String path,
        long structSize,
        long offset,
        char kind,
        int size,
        long count,
        ByteOrder order) {

    /**
     * Element {@code index} (0 for a plain member) of the member in {@code s}, which holds the
     * struct from its start, widened to {@code long}: sign-extended for a signed C type,
     * zero-extended otherwise.
     *
     * @throws IndexOutOfBoundsException if {@code s} is too short for the element, or the index is
     *     outside the array
     */
    public long get(MemorySegment s, long index) {
        if (index < 0 || (count > 0 && index >= count)) {
            throw new IndexOutOfBoundsException(
                    "index " + index + " is outside " + struct + "." + path + " (" + count + ")");
        }
        long at = offset + index * size;
        boolean signed = kind == 's';
        return switch (size) {
            case 1 ->
                    signed
                            ? s.get(ValueLayout.JAVA_BYTE, at)
                            : Byte.toUnsignedLong(s.get(ValueLayout.JAVA_BYTE, at));
            case 2 -> {
                short v = s.get(ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(order), at);
                yield signed ? v : Short.toUnsignedLong(v);
            }
            case 4 -> {
                int v = s.get(ValueLayout.JAVA_INT_UNALIGNED.withOrder(order), at);
                yield signed ? v : Integer.toUnsignedLong(v);
            }
            case 8 -> s.get(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(order), at);
            default ->
                    throw new UnsupportedOperationException(
                            struct
                                    + "."
                                    + path
                                    + " is "
                                    + size
                                    + " bytes, not an integer to widen");
        };
    }

    /** {@link #get(MemorySegment, long) get(s, 0)}. */
    public long get(MemorySegment s) {
        return get(s, 0);
    }

    /**
     * The member's bytes in {@code s} (all elements of an array; to the end for a flexible one).
     */
    public MemorySegment slice(MemorySegment s) {
        return s.asSlice(offset, count == 0 ? s.byteSize() - offset : size * count);
    }
}
