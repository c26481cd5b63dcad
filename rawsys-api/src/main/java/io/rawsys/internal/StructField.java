package io.rawsys.internal;

import io.rawsys.linux.data.ZArchData;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.HashMap;
import java.util.Map;

/**
 * One member of a struct on the running architecture, as the generated classes of {@code
 * io.rawsys.linux.struct} read and write it: its offset, its size and how to widen it. A record, so
 * that a {@code static final} instance is a constant the JIT folds: an accessor compiles to a
 * bounds check and one load.
 *
 * @param struct rawsys's name of the struct
 * @param path the member's designator, such as {@code stx_atime.tv_sec}
 * @param structSize the struct's size, which a segment must have at least
 * @param offset the member's offset, -1 if the running architecture has no such member
 * @param kind {@code s} signed, {@code u} unsigned, {@code p} pointer, {@code f} floating, {@code
 *     g} struct or union
 * @param size the size of the member (of one element, for an array)
 * @param count the number of elements: 1 for a plain member, 0 for a flexible array
 */
public record StructField(
        String struct, String path, long structSize, long offset, char kind, int size, long count) {
    private static final ValueLayout.OfByte BYTE = ValueLayout.JAVA_BYTE;
    private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED;
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED;
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED;
    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final ValueLayout.OfDouble DOUBLE = ValueLayout.JAVA_DOUBLE_UNALIGNED;

    /** The member {@code path} of {@code struct} on the running architecture, present or not. */
    public static StructField of(String struct, String path) {
        return Host.FIELDS.getOrDefault(
                struct + " " + path, new StructField(struct, path, 0, -1, '?', 0, 0));
    }

    /** The member's bytes (all elements of an array). */
    public MemorySegment slice(MemorySegment s) {
        check(s, 0);
        return s.asSlice(offset, count == 0 ? s.byteSize() - offset : size * count);
    }

    /**
     * Element {@code index} (0 for a plain member), widened to {@code long}: sign- or zero-extended
     * by its C type.
     */
    public long getLong(MemorySegment s, long index) {
        long at = check(s, index);
        boolean unsigned = kind != 's';
        return switch (size) {
            case 1 -> unsigned ? Byte.toUnsignedLong(s.get(BYTE, at)) : s.get(BYTE, at);
            case 2 -> unsigned ? Short.toUnsignedLong(s.get(SHORT, at)) : s.get(SHORT, at);
            case 4 -> unsigned ? Integer.toUnsignedLong(s.get(INT, at)) : s.get(INT, at);
            default -> s.get(LONG, at);
        };
    }

    /** Stores {@code value} in element {@code index}, truncated to the member's size. */
    public void setLong(MemorySegment s, long index, long value) {
        long at = check(s, index);
        switch (size) {
            case 1 -> s.set(BYTE, at, (byte) value);
            case 2 -> s.set(SHORT, at, (short) value);
            case 4 -> s.set(INT, at, (int) value);
            default -> s.set(LONG, at, value);
        }
    }

    public int getInt(MemorySegment s, long index) {
        return s.get(INT, check(s, index));
    }

    public void setInt(MemorySegment s, long index, int value) {
        s.set(INT, check(s, index), value);
    }

    public short getShort(MemorySegment s, long index) {
        return s.get(SHORT, check(s, index));
    }

    public void setShort(MemorySegment s, long index, short value) {
        s.set(SHORT, check(s, index), value);
    }

    public byte getByte(MemorySegment s, long index) {
        return s.get(BYTE, check(s, index));
    }

    public void setByte(MemorySegment s, long index, byte value) {
        s.set(BYTE, check(s, index), value);
    }

    public float getFloat(MemorySegment s, long index) {
        return s.get(FLOAT, check(s, index));
    }

    public void setFloat(MemorySegment s, long index, float value) {
        s.set(FLOAT, check(s, index), value);
    }

    public double getDouble(MemorySegment s, long index) {
        return s.get(DOUBLE, check(s, index));
    }

    public void setDouble(MemorySegment s, long index, double value) {
        s.set(DOUBLE, check(s, index), value);
    }

    /**
     * The offset of element {@code index}, after checking the member exists, the segment and the
     * index.
     */
    private long check(MemorySegment s, long index) {
        if (offset < 0) {
            throw new UnsupportedOperationException(
                    "struct " + struct + " has no member " + path + " on " + HostAbi.name());
        }
        if (s.byteSize() < structSize) {
            throw new IndexOutOfBoundsException(
                    "a segment of "
                            + s.byteSize()
                            + " bytes is too small for struct "
                            + struct
                            + " ("
                            + structSize
                            + " bytes on "
                            + HostAbi.name()
                            + ")");
        }
        if (index < 0 || (count > 0 && index >= count)) {
            throw new IndexOutOfBoundsException(
                    "index "
                            + index
                            + " is outside "
                            + struct
                            + "."
                            + path
                            + ", which has "
                            + count
                            + (count == 1 ? " element" : " elements"));
        }
        return offset + index * size;
    }

    /** The running architecture's members, read once. */
    private static final class Host {
        static final Map<String, StructField> FIELDS = load();

        private static Map<String, StructField> load() {
            String arch = HostAbi.name();
            Map<String, StructField> fields = new HashMap<>();
            ZArchData.structFields(arch)
                    .lines()
                    .forEach(
                            line -> {
                                String[] p = line.split(" ");
                                long structSize = ZArchData.layout(arch, p[0]).byteSize();
                                fields.put(
                                        p[0] + " " + p[1],
                                        new StructField(
                                                p[0],
                                                p[1],
                                                structSize,
                                                Long.parseLong(p[2]),
                                                p[3].charAt(0),
                                                Integer.parseInt(p[4]),
                                                Long.parseLong(p[5])));
                            });
            return fields;
        }
    }
}
