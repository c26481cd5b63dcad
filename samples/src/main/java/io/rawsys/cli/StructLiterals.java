package io.rawsys.cli;

import io.rawsys.Arch;
import io.rawsys.ConstantTable;
import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code struct:NAME{member=value,...}} on rawsys call's command line: a struct of this
 * architecture's generated layout, its named top-level members set, and its members shown after the
 * call ({@code {size=24, mnt_id=-1, param=0}}).
 */
final class StructLiterals {
    private StructLiterals() {}

    private static final Pattern LITERAL = Pattern.compile("(\\w+)(?:\\+(\\w+))?(?:\\{(.*)\\})?");

    /** A struct's layout and the values to set in it, checked against the layout. */
    record Literal(
            GroupLayout layout, long extra, Map<ValueLayout, Map.Entry<Long, Long>> members) {
        /** Writes each member's value (its low bytes, in the layout's byte order). */
        void fill(MemorySegment struct) {
            members.forEach((member, at) -> put(struct, member, at.getKey(), at.getValue()));
        }
    }

    static Literal parse(String text, ConstantTable constants) {
        Matcher m = LITERAL.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "write struct:NAME, struct:NAME{member=value,...}, or struct:NAME+N{...} for N"
                            + " bytes more after it (a flexible array's room)");
        }
        Arch arch = Arch.current();
        GroupLayout layout =
                arch.layout(m.group(1))
                        .orElseThrow(
                                () ->
                                        new IllegalArgumentException(
                                                "rawsys has no layout of a struct "
                                                        + m.group(1)
                                                        + " on "
                                                        + arch.name()
                                                        + "; it has "
                                                        + String.join(", ", arch.structs())));
        Map<ValueLayout, Map.Entry<Long, Long>> members = new LinkedHashMap<>();
        long extra = m.group(2) == null ? 0 : CallArguments.integer(m.group(2));
        if (extra > CallArguments.MAX_BUFFER) {
            throw new IllegalArgumentException(
                    "at most " + CallArguments.MAX_BUFFER + " bytes after the struct");
        }
        if (m.group(3) != null && !m.group(3).isBlank()) {
            for (String assignment : m.group(3).split(",")) {
                int eq = assignment.indexOf('=');
                if (eq < 0) {
                    throw new IllegalArgumentException(
                            "'" + assignment.strip() + "' is no member=value");
                }
                String name = assignment.substring(0, eq).strip();
                String word = assignment.substring(eq + 1).strip();
                ValueLayout member = scalar(layout, name);
                long offset = layout.byteOffset(MemoryLayout.PathElement.groupElement(name));
                long value =
                        CallArguments.looksNumeric(word)
                                ? CallArguments.integer(word)
                                : CallArguments.constants(word, constants);
                long bits = member.byteSize() * 8;
                if (bits < 64 && (value < -(1L << (bits - 1)) || value >= (1L << bits))) {
                    throw new IllegalArgumentException(
                            name
                                    + "="
                                    + word
                                    + " does not fit in the "
                                    + bits
                                    + "-bit member "
                                    + name);
                }
                if (members.put(member, Map.entry(offset, value)) != null) {
                    throw new IllegalArgumentException(name + " is set twice");
                }
            }
        }
        return new Literal(layout, extra, members);
    }

    /**
     * The member {@code name}: a top-level integer of the struct, or an error naming the others.
     */
    private static ValueLayout scalar(GroupLayout layout, String name) {
        for (MemoryLayout member : layout.memberLayouts()) {
            if (member.name().orElse("").equals(name)) {
                if (member instanceof ValueLayout v && v.carrier() != MemorySegment.class) {
                    return v;
                }
                throw new IllegalArgumentException(
                        name + " is no integer member; only those can be set here");
            }
        }
        throw new IllegalArgumentException(
                "struct "
                        + layout.name().orElse("?")
                        + " has no member "
                        + name
                        + "; it has "
                        + String.join(", ", names(layout)));
    }

    private static List<String> names(GroupLayout layout) {
        List<String> names = new ArrayList<>();
        for (MemoryLayout member : layout.memberLayouts()) {
            member.name().ifPresent(names::add);
        }
        return names;
    }

    private static void put(MemorySegment s, ValueLayout member, long offset, long value) {
        switch (member) {
            case ValueLayout.OfByte b -> s.set(b, offset, (byte) value);
            case ValueLayout.OfShort h -> s.set(h, offset, (short) value);
            case ValueLayout.OfInt i -> s.set(i, offset, (int) value);
            case ValueLayout.OfLong l -> s.set(l, offset, value);
            default -> throw new IllegalArgumentException("cannot set a " + member);
        }
    }

    /** {@code {a=1, b=2, c=[...]}}: the integer members as the call left them. */
    static String show(MemorySegment s, GroupLayout layout) {
        List<String> parts = new ArrayList<>();
        for (MemoryLayout member : layout.memberLayouts()) {
            if (member.name().isEmpty()) {
                continue; // padding
            }
            String name = member.name().get();
            long offset = layout.byteOffset(MemoryLayout.PathElement.groupElement(name));
            String value =
                    switch (member) {
                        case ValueLayout.OfByte b -> Byte.toString(s.get(b, offset));
                        case ValueLayout.OfShort h -> Short.toString(s.get(h, offset));
                        case ValueLayout.OfInt i -> Integer.toString(s.get(i, offset));
                        case ValueLayout.OfLong l -> Long.toString(s.get(l, offset));
                        default -> "...";
                    };
            parts.add(name + "=" + value);
        }
        String shown = "{" + String.join(", ", parts) + "}";
        if (s.byteSize() > layout.byteSize()) {
            byte[] tail = s.asSlice(layout.byteSize()).toArray(ValueLayout.JAVA_BYTE);
            int length = tail.length;
            while (length > 0 && tail[length - 1] == 0) {
                length--;
            }
            shown += " + " + CStrings.quote(tail, length);
        }
        return shown;
    }

    /** {@code [1, 2, 3]}: the words up to the last that is not 0 (all zero: {@code []}). */
    static String words(MemorySegment s, int wordSize) {
        long n = s.byteSize() / wordSize;
        long last = -1;
        long[] values = new long[(int) n];
        for (int i = 0; i < n; i++) {
            values[i] =
                    wordSize == 4
                            ? Integer.toUnsignedLong(s.get(ValueLayout.JAVA_INT_UNALIGNED, 4L * i))
                            : s.get(ValueLayout.JAVA_LONG_UNALIGNED, 8L * i);
            if (values[i] != 0) {
                last = i;
            }
        }
        List<String> parts = new ArrayList<>();
        for (int i = 0; i <= last; i++) {
            parts.add(Long.toUnsignedString(values[i]));
        }
        return "[" + String.join(", ", parts) + "]";
    }
}
