package io.rawsys.trace.decode;

import io.rawsys.Arch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A table of named values, in the order strace prints them, with each value taken from the traced
 * architecture's generated constants (so one table serves x86_64 and i386 tracees alike, and a name
 * an architecture lacks is simply absent there). Values are printed as a single name or as flags
 * joined by {@code |}; what no name covers is printed in hex, as strace does.
 */
public final class Xlat {
    private final String unknownComment;
    private final List<String> names;
    private final Map<Arch, List<Entry>> byArch = new ConcurrentHashMap<>();

    /** One name and its value on an architecture. */
    public record Entry(String name, long value) {}

    private Xlat(String unknownComment, List<String> names) {
        this.unknownComment = unknownComment;
        this.names = names;
    }

    /**
     * A table of {@code names}, in print order; an unknown single value prints as {@code 0x2a /*
     * PREFIX_??? *}{@code /} with the given prefix.
     */
    public static Xlat of(String prefix, String... names) {
        return new Xlat(prefix.isEmpty() ? "" : prefix + "???", List.of(names));
    }

    /**
     * A table whose unknown values carry {@code comment} as it is, for the few tables strace
     * comments differently: access(2)'s modes print {@code 0x10 /* ?_OK *}{@code /}.
     */
    public static Xlat withUnknownComment(String comment, String... names) {
        return new Xlat(comment, List.of(names));
    }

    /** This table's entries on {@code arch}: the names it defines, with its values. */
    public List<Entry> entries(Arch arch) {
        return byArch.computeIfAbsent(
                arch,
                a -> {
                    List<Entry> entries = new ArrayList<>();
                    for (String name : names) {
                        OptionalLong value = a.constants().find(name);
                        if (value.isPresent()) {
                            entries.add(new Entry(name, value.getAsLong()));
                        }
                    }
                    return List.copyOf(entries);
                });
    }

    /** The name of {@code value} on {@code arch}, or null. */
    public String name(Arch arch, long value) {
        for (Entry e : entries(arch)) {
            if (e.value() == value) {
                return e.name();
            }
        }
        return null;
    }

    /** {@code NAME}, or {@code 0x2a /* PREFIX_??? *}{@code /} for a value without a name. */
    public String value(Arch arch, long value) {
        String name = name(arch, value);
        return name != null ? name : Text.hex(value) + " /* " + unknownComment + " */";
    }

    /** As {@link #value}, but an unnamed value in decimal: {@code 42 /* PREFIX_??? *}{@code /}. */
    public String decimal(Arch arch, long value) {
        String name = name(arch, value);
        return name != null ? name : value + " /* " + unknownComment + " */";
    }

    /**
     * {@code A|B|0x40}: each flag whose bits are all set, in the table's order, then the bits no
     * flag covers in hex; {@code 0} when nothing is set (or the table's zero name, if it has one);
     * bits no flag covers alone as {@code 0x40 /* PREFIX_??? *}{@code /} (no comment for a table
     * made with an empty prefix).
     */
    public String flags(Arch arch, long value) {
        StringBuilder s = new StringBuilder();
        long rest = value;
        String zero = null;
        for (Entry e : entries(arch)) {
            if (e.value() == 0) {
                zero = e.name();
                continue;
            }
            if ((rest & e.value()) == e.value() && (value & e.value()) == e.value()) {
                if (!s.isEmpty()) {
                    s.append('|');
                }
                s.append(e.name());
                rest &= ~e.value();
            }
        }
        if (rest != 0) {
            if (s.isEmpty()) {
                // no flag matched: strace prints the value with its table's comment
                return unknownComment.isEmpty()
                        ? Text.hex(rest)
                        : Text.hex(rest) + " /* " + unknownComment + " */";
            }
            s.append('|').append(Text.hex(rest));
        }
        if (s.isEmpty()) {
            return zero != null ? zero : "0";
        }
        return s.toString();
    }
}
