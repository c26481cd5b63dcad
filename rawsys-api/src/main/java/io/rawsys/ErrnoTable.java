package io.rawsys;

import io.rawsys.internal.Names;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One architecture's errno values: names, numbers and glibc's {@code strerror} messages, generated
 * from that architecture's {@code <errno.h>}. Get one from {@link Arch#errnos()}. Immutable and
 * thread-safe.
 */
public final class ErrnoTable {
    /**
     * The number {@link io.rawsys.linux.Errno} gives a name the running architecture lacks; no call
     * returns it.
     */
    public static final int MISSING = -1;

    /**
     * One errno value.
     *
     * @param name its canonical name, e.g. {@code EAGAIN} (not its alias {@code EWOULDBLOCK})
     * @param number its value on this table's architecture
     * @param message what glibc's {@code strerror} says of it
     */
    public record Entry(String name, int number, String message) {}

    private final String arch;
    private final List<Entry> entries;
    private final Map<Integer, Entry> byNumber = new HashMap<>();
    private final Map<String, Integer> byName = new HashMap<>();

    private ErrnoTable(String arch, List<Entry> entries, Map<String, String> aliases) {
        this.arch = arch;
        this.entries = Collections.unmodifiableList(entries);
        for (Entry e : entries) {
            byNumber.putIfAbsent(e.number(), e);
            byName.put(e.name(), e.number());
        }
        aliases.forEach((alias, canonical) -> byName.put(alias, byName.get(canonical)));
    }

    /** Parses generated tables: {@code NAME number message} lines, and {@code ALIAS NAME} lines. */
    static ErrnoTable parse(String arch, String table, String aliasTable) {
        List<Entry> entries = new ArrayList<>();
        table.lines()
                .forEach(
                        line -> {
                            String[] parts = line.split(" ", 3);
                            entries.add(new Entry(parts[0], Integer.parseInt(parts[1]), parts[2]));
                        });
        Map<String, String> aliases = new HashMap<>();
        aliasTable
                .lines()
                .forEach(
                        line -> {
                            String[] parts = line.split(" ", 2);
                            aliases.put(parts[0], parts[1]);
                        });
        return new ErrnoTable(arch, entries, aliases);
    }

    /** The architecture this table belongs to. */
    public String arch() {
        return arch;
    }

    /** Every canonical errno, in number order. */
    public List<Entry> entries() {
        return entries;
    }

    /**
     * The value of the errno called {@code name} (canonical or alias), if this architecture has it.
     */
    public OptionalInt find(String name) {
        Integer n = byName.get(name);
        return n == null ? OptionalInt.empty() : OptionalInt.of(n);
    }

    /**
     * The value of the errno called {@code name}, or {@code fallback} if this architecture lacks
     * it.
     */
    public int numberOr(String name, int fallback) {
        return byName.getOrDefault(name, fallback);
    }

    /** The canonical name of errno {@code errno}, such as {@code ENOENT}, if it has one. */
    public Optional<String> name(int errno) {
        Entry e = byNumber.get(errno);
        return e == null ? Optional.empty() : Optional.of(e.name());
    }

    /**
     * What glibc's {@code strerror} says of {@code errno}: {@code "Unknown error 4000"} for a value
     * without one.
     */
    public String message(int errno) {
        Entry e = byNumber.get(errno);
        return e == null ? "Unknown error " + errno : e.message();
    }

    /** The names nearest to a misspelt {@code name}, best first; empty when none is close. */
    public List<String> suggest(String name) {
        return Names.closest(name, byName.keySet(), 3);
    }
}
