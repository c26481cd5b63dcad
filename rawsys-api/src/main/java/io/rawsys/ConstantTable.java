package io.rawsys;

import io.rawsys.internal.Names;
import io.rawsys.linux.data.ZArchData;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.OptionalLong;
import java.util.SequencedMap;

/**
 * One architecture's constants: flags, commands, ioctl numbers, by their C names, generated from
 * that architecture's headers by its own compiler. Get one from {@link Arch#constants()}; the
 * classes of {@code io.rawsys.linux} ({@code Fcntl.O_CREAT}) hold the running architecture's values
 * of the names every architecture defines. Immutable and thread-safe.
 */
public final class ConstantTable {
    /**
     * One constant.
     *
     * @param group the {@code io.rawsys.linux} class it belongs to, such as {@code Fcntl}
     * @param name its C name
     * @param value its value, as C converts it to {@code long long}: a negative {@code int} stays
     *     negative, an {@code unsigned int} with its top bit set stays positive (EPOLLET is
     *     2147483648)
     * @param size the size in bytes of its C type
     */
    public record Entry(String group, String name, long value, int size) {}

    private final String arch;
    private final List<Entry> entries;
    private final Map<String, Entry> byName = new HashMap<>();

    private ConstantTable(String arch, List<Entry> entries) {
        this.arch = arch;
        this.entries = Collections.unmodifiableList(entries);
        entries.forEach(e -> byName.putIfAbsent(e.name(), e));
    }

    /** Reads every group of {@code arch}'s generated tables. */
    static ConstantTable load(String arch, List<String> groups) {
        List<Entry> entries = new ArrayList<>();
        for (String group : groups) {
            ZArchData.constants(arch, group)
                    .lines()
                    .forEach(
                            line -> {
                                String[] p = line.split(" ");
                                entries.add(
                                        new Entry(
                                                group,
                                                p[0],
                                                Long.parseLong(p[1]),
                                                Integer.parseInt(p[2])));
                            });
        }
        return new ConstantTable(arch, entries);
    }

    /**
     * Whether {@code name} is one of the names this architecture's headers define that the
     * generator could not evaluate to an integer (a string, a function call, a macro naming an
     * undefined one: {@code SIGRTMAX} is glibc's {@code __libc_current_sigrtmax()}), listed so that
     * a missing constant can say why.
     */
    public boolean isUnevaluated(String name) {
        return ZArchData.unevaluated(arch).lines().anyMatch(l -> l.endsWith(" " + name));
    }

    /** The architecture this table belongs to. */
    public String arch() {
        return arch;
    }

    /** Every constant, group by group, in name order within a group. */
    public List<Entry> entries() {
        return entries;
    }

    /** The value of {@code name}, if this architecture defines it. */
    public OptionalLong find(String name) {
        Entry e = byName.get(name);
        return e == null ? OptionalLong.empty() : OptionalLong.of(e.value());
    }

    /**
     * The value of {@code name}.
     *
     * @throws NoSuchElementException naming the nearest names this architecture does define
     */
    public long value(String name) {
        Entry e = byName.get(name);
        if (e == null) {
            throw new NoSuchElementException(
                    "no constant named '"
                            + name
                            + "' on "
                            + arch
                            + Names.didYouMean(name, byName.keySet()));
        }
        return e.value();
    }

    /**
     * The value of {@code name} as an {@code int}: the 32 bits of a C {@code int} or {@code
     * unsigned int} (so {@code EPOLLET} is {@code 0x80000000}, negative in Java, as jextract would
     * give it).
     *
     * @throws NoSuchElementException if this architecture does not define it
     * @throws ArithmeticException if it does not fit in 32 bits
     */
    public int intValue(String name) {
        long value = value(name);
        if (value < Integer.MIN_VALUE || value > 0xffff_ffffL) {
            throw new ArithmeticException(
                    name + " is " + value + " on " + arch + ", which does not fit in 32 bits");
        }
        return (int) value;
    }

    /** The constants of one group ({@code "Fcntl"}), by name. */
    public SequencedMap<String, Long> group(String group) {
        SequencedMap<String, Long> values = new LinkedHashMap<>();
        entries.stream()
                .filter(e -> e.group().equals(group))
                .forEach(e -> values.put(e.name(), e.value()));
        return Collections.unmodifiableSequencedMap(values);
    }

    /**
     * The constants whose names start with {@code prefix} ({@code "O_"}, {@code "MAP_"}), by name.
     */
    public SequencedMap<String, Long> withPrefix(String prefix) {
        SequencedMap<String, Long> values = new LinkedHashMap<>();
        entries.stream()
                .filter(e -> e.name().startsWith(prefix))
                .forEach(e -> values.putIfAbsent(e.name(), e.value()));
        return Collections.unmodifiableSequencedMap(values);
    }

    /** The names nearest to a misspelt {@code name}, best first; empty when none is close. */
    public List<String> suggest(String name) {
        return Names.closest(name, byName.keySet(), 3);
    }
}
