package io.rawsys.trace.decode;

import io.rawsys.Arch;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A table of named values, in the order strace prints them. Values are printed as a single name or
 * as flags joined by {@code |}; what no name covers is printed in hex, as strace does.
 *
 * <p>Each table is a file of its own, {@code io/rawsys/trace/xlat/NAME.txt}, read once by {@link
 * #load}: strace's {@code src/xlat/NAME.in} where strace has the table, restated. A {@code #}
 * starts a comment (each file's say what the table is and {@code # source:} where its names come
 * from); the first other line is the header, {@code xlat NAME unknown=COMMENT
 * values=kernel|written}:
 *
 * <ul>
 *   <li>{@code NAME} is the file's name;
 *   <li>{@code unknown=} is what an unnamed value's comment says ({@code 0x2a /* O_??? *}{@code /}
 *       for {@code unknown=O_???}), {@code -} for no comment;
 *   <li>{@code values=kernel}: each line after it is a name whose value is the traced
 *       architecture's generated constant of that name (so one table serves x86_64 and i386 tracees
 *       alike, and a name an architecture lacks is absent there), or {@code NAME -} for a name
 *       strace lists that no header rawsys reads defines (absent everywhere, until one does), or
 *       {@code @OTHER} for every name of table {@code OTHER} at that place;
 *   <li>{@code values=written}: each line is {@code NAME VALUE}, for the few tables whose names no
 *       header defines; the values are the same on every architecture.
 * </ul>
 *
 * Only the order and the selection of strace's names are written down; a malformed file fails
 * {@link #load}, naming the file and the line.
 */
public final class Xlat {
    private static final String DIRECTORY = "/io/rawsys/trace/xlat/";
    private static final Map<String, Xlat> LOADED = new HashMap<>();
    private static final Set<String> LOADING = new HashSet<>();

    private final String name;
    private final String unknownComment;
    private final List<String> names;
    private final List<String> absent;
    private final List<Entry> written;
    private final Map<Arch, List<Entry>> byArch = new ConcurrentHashMap<>();

    /** One name and its value on an architecture. */
    public record Entry(String name, long value) {}

    private Xlat(
            String name,
            String unknownComment,
            List<String> names,
            List<String> absent,
            List<Entry> written) {
        this.name = name;
        this.unknownComment = unknownComment;
        this.names = List.copyOf(names);
        this.absent = List.copyOf(absent);
        this.written = written == null ? null : List.copyOf(written);
    }

    /**
     * The table in {@code xlat/NAME.txt}, read on first use.
     *
     * @throws IllegalStateException naming the file (and line) if it is missing or malformed
     */
    public static synchronized Xlat load(String name) {
        Xlat table = LOADED.get(name);
        if (table != null) {
            return table;
        }
        String file = "xlat/" + name + ".txt";
        if (!name.matches("[a-z0-9_]+")) {
            throw new IllegalStateException(file + ": a table's name is lower case: " + name);
        }
        if (!LOADING.add(name)) {
            throw new IllegalStateException(file + ": includes itself");
        }
        try (InputStream in = Xlat.class.getResourceAsStream(DIRECTORY + name + ".txt")) {
            if (in == null) {
                throw new IllegalStateException(file + " is missing from the jar");
            }
            table = parse(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } finally {
            LOADING.remove(name);
        }
        LOADED.put(name, table);
        return table;
    }

    /** The table {@code name} whose file holds {@code text}, as {@link #load} reads it. */
    static Xlat parse(String name, String text) {
        String file = "xlat/" + name + ".txt";
        String unknown = null;
        boolean kernel = true;
        List<String> names = new ArrayList<>();
        List<String> absent = new ArrayList<>();
        List<Entry> written = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Line data : dataLines(text)) {
            String line = data.text();
            String where = file + ":" + data.number() + ": ";
            String[] columns = data.columns();
            if (unknown == null) {
                if (columns.length != 4
                        || !columns[0].equals("xlat")
                        || !columns[2].startsWith("unknown=")
                        || !columns[3].matches("values=(kernel|written)")) {
                    throw new IllegalStateException(
                            where
                                    + "want the header xlat NAME unknown=COMMENT"
                                    + " values=kernel|written: "
                                    + line);
                }
                if (!columns[1].equals(name)) {
                    throw new IllegalStateException(
                            where + "the header names " + columns[1] + ", not " + name);
                }
                unknown = columns[2].substring("unknown=".length());
                if (unknown.isEmpty()) {
                    throw new IllegalStateException(where + "unknown= wants a comment, or -");
                }
                unknown = unknown.equals("-") ? "" : unknown;
                kernel = columns[3].equals("values=kernel");
                continue;
            }
            if (kernel && columns.length == 1 && columns[0].startsWith("@")) {
                Xlat other;
                try {
                    other = load(columns[0].substring(1));
                } catch (IllegalStateException e) {
                    throw new IllegalStateException(where + e.getMessage(), e);
                }
                if (other.written != null) {
                    throw new IllegalStateException(
                            where + "includes a table of written values: " + line);
                }
                for (String n : other.names) {
                    add(where, seen, n);
                    names.add(n);
                }
                for (String n : other.absent) {
                    add(where, seen, n);
                    absent.add(n);
                }
                continue;
            }
            if (!columns[0].matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new IllegalStateException(where + "not a constant's name: " + line);
            }
            if (kernel && columns.length == 1) {
                add(where, seen, columns[0]);
                names.add(columns[0]);
            } else if (kernel && columns.length == 2 && columns[1].equals("-")) {
                add(where, seen, columns[0]);
                absent.add(columns[0]);
            } else if (!kernel && columns.length == 2) {
                add(where, seen, columns[0]);
                written.add(new Entry(columns[0], value(where, columns[1])));
            } else {
                throw new IllegalStateException(
                        where
                                + (kernel
                                        ? "want NAME, NAME - or @TABLE: "
                                        : "want NAME VALUE (values=written): ")
                                + line);
            }
        }
        if (unknown == null) {
            throw new IllegalStateException(file + ": no header line");
        }
        return new Xlat(name, unknown, names, absent, kernel ? null : written);
    }

    /**
     * A line of a table's file that holds more than a comment: its number, its text, its columns.
     */
    private record Line(int number, String text, String[] columns) {}

    private static List<Line> dataLines(String text) {
        List<Line> data = new ArrayList<>();
        int number = 0;
        for (String line : text.lines().toList()) {
            number++;
            String uncommented = line.replaceFirst("#.*", "").strip();
            if (!uncommented.isEmpty()) {
                data.add(new Line(number, line, uncommented.split("\\s+")));
            }
        }
        return data;
    }

    private static void add(String where, Set<String> seen, String name) {
        if (!seen.add(name)) {
            throw new IllegalStateException(where + "a second line for " + name);
        }
    }

    private static long value(String where, String column) {
        try {
            return column.startsWith("0x")
                    ? Long.parseUnsignedLong(column.substring(2), 16)
                    : Long.parseLong(column);
        } catch (NumberFormatException e) {
            throw new IllegalStateException(where + "not a number: " + column, e);
        }
    }

    /** The table's name, its file's. */
    public String name() {
        return name;
    }

    /**
     * The names whose values are the kernel's constants, in order; empty for a table of written
     * values.
     */
    List<String> kernelNames() {
        return names;
    }

    /** The names strace lists that no header rawsys reads defines. */
    List<String> absentNames() {
        return absent;
    }

    /** Whether the table writes its values rather than taking the kernel's. */
    boolean writesValues() {
        return written != null;
    }

    /** This table's entries on {@code arch}: the names it defines, with its values. */
    public List<Entry> entries(Arch arch) {
        return byArch.computeIfAbsent(
                arch,
                a -> {
                    if (written != null) {
                        return written;
                    }
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

    /**
     * strace's -X: how named values print. The trace binds {@link #STYLE} for its thread; elsewhere
     * (a decoder called from a test, ltrace-style logs) values print abbreviated.
     */
    public enum Style {
        /** {@code O_RDONLY|O_CLOEXEC}: the names (strace's default). */
        ABBREV,
        /** {@code 0x80000}: the numbers only. */
        RAW,
        /**
         * {@code 0x80000 /* O_RDONLY|O_CLOEXEC *}{@code /}: the numbers, the names in a comment.
         */
        VERBOSE
    }

    /** The style of the trace whose thread decodes (strace's -X). */
    public static final ScopedValue<Style> STYLE = ScopedValue.newInstance();

    /** The style bound for this thread, {@link Style#ABBREV} if none. */
    public static Style style() {
        return STYLE.orElse(Style.ABBREV);
    }

    /**
     * A value whose names a decoder worked out itself (open's access mode and flags, AT_FDCWD), as
     * the style prints it: {@code number}, {@code names}, or {@code number /* names *}{@code /}
     * (strace's print_xlat_ex).
     */
    public static String styled(String number, String names) {
        return switch (style()) {
            case RAW -> number;
            case ABBREV -> names;
            case VERBOSE -> names.equals(number) ? number : number + " /* " + names + " */";
        };
    }

    /**
     * A value whose names a decoder puts together from several tables (mmap's sharing type, flags
     * and page size; open's access mode and flags): {@code names} made in the abbreviated style,
     * then printed as the trace's style says ({@link #styled}).
     */
    public static String composite(String number, java.util.function.Supplier<String> names) {
        if (style() == Style.RAW) {
            return number;
        }
        return styled(number, ScopedValue.where(STYLE, Style.ABBREV).call(names::get));
    }

    /** {@code NAME}, or {@code 0x2a /* PREFIX_??? *}{@code /} for a value without a name. */
    public String value(Arch arch, long value) {
        return value(arch, value, unknownComment);
    }

    /**
     * One value as strace's printxval prints it, with {@code unknown} as the comment of a value
     * without a name (none when empty).
     */
    public String value(Arch arch, long value, String unknown) {
        return one(Text.hex(value), name(arch, value), unknown);
    }

    /** As {@link #value}, but the number in decimal: {@code 42 /* PREFIX_??? *}{@code /}. */
    public String decimal(Arch arch, long value) {
        return one(Long.toString(value), name(arch, value), unknownComment);
    }

    private static String one(String number, String name, String unknown) {
        if (style() == Style.RAW) {
            return number;
        }
        if (name == null) {
            return unknown.isEmpty() ? number : number + " /* " + unknown + " */";
        }
        return style() == Style.VERBOSE ? number + " /* " + name + " */" : name;
    }

    /**
     * {@code A|B|0x40}: each flag whose bits are all set, in the table's order, then the bits no
     * flag covers in hex; {@code 0} when nothing is set (or the table's zero name, if it has one);
     * bits no flag covers alone as {@code 0x40 /* PREFIX_??? *}{@code /} (no comment for a table
     * made with an empty prefix). With -X, strace's printflags: {@code 0x41} raw, {@code 0x41 /*
     * A|0x40 *}{@code /} verbose.
     */
    public String flags(Arch arch, long value) {
        return flags(arch, value, unknownComment);
    }

    /** As {@link #flags(Arch, long)}, with {@code unknown} as the comment of unnamed bits. */
    public String flags(Arch arch, long value, String unknown) {
        if (style() == Style.RAW) {
            return Text.hex(value);
        }
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
        if (value == 0) {
            return zero == null ? "0" : style() == Style.VERBOSE ? "0 /* " + zero + " */" : zero;
        }
        if (s.isEmpty()) {
            // no flag matched: strace prints the value with its table's comment
            return unknown.isEmpty() ? Text.hex(value) : Text.hex(value) + " /* " + unknown + " */";
        }
        if (rest != 0) {
            s.append('|').append(Text.hex(rest));
        }
        return style() == Style.VERBOSE ? Text.hex(value) + " /* " + s + " */" : s.toString();
    }
}
