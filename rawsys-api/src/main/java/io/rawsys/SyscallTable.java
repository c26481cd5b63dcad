package io.rawsys;

import io.rawsys.internal.Names;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One architecture's system calls: names (the kernel's, without {@code __NR_}) and numbers,
 * generated from that architecture's {@code <asm/unistd.h>}. Get one from {@link Arch#syscalls()}.
 * Immutable and thread-safe.
 */
public final class SyscallTable {
    /**
     * The number {@link io.rawsys.linux.Nr} gives a call the running architecture lacks; the kernel
     * answers ENOSYS.
     */
    public static final long MISSING = -1;

    /**
     * One system call.
     *
     * @param name the kernel's name, e.g. {@code openat}
     * @param number its number on this table's architecture
     */
    public record Entry(String name, long number) {}

    private final String arch;
    private final List<Entry> entries;
    private final Map<String, Long> byName;
    private final Map<Long, String> byNumber;

    private SyscallTable(String arch, List<Entry> entries) {
        this.arch = arch;
        this.entries = Collections.unmodifiableList(entries);
        this.byName = new HashMap<>();
        this.byNumber = new HashMap<>();
        for (Entry e : entries) {
            byName.put(e.name(), e.number());
            byNumber.putIfAbsent(e.number(), e.name());
        }
    }

    /** Parses a generated table: one {@code name number} line per call. */
    static SyscallTable parse(String arch, String table) {
        List<Entry> entries = new ArrayList<>();
        table.lines()
                .forEach(
                        line -> {
                            int space = line.indexOf(' ');
                            entries.add(
                                    new Entry(
                                            line.substring(0, space),
                                            Long.parseLong(line.substring(space + 1))));
                        });
        return new SyscallTable(arch, entries);
    }

    /** The architecture this table belongs to. */
    public String arch() {
        return arch;
    }

    /** Every call, in number order. */
    public List<Entry> entries() {
        return entries;
    }

    /** How many calls the table has. */
    public int size() {
        return entries.size();
    }

    /** The number of the call {@code name}, if this architecture has it. */
    public OptionalLong find(String name) {
        Long nr = byName.get(name);
        return nr == null ? OptionalLong.empty() : OptionalLong.of(nr);
    }

    /** The number of the call {@code name}, or {@code fallback} if this architecture lacks it. */
    public long numberOr(String name, long fallback) {
        return byName.getOrDefault(name, fallback);
    }

    /**
     * The number of the call {@code name}.
     *
     * @throws NoSuchElementException naming the closest calls this architecture does have
     */
    public long number(String name) {
        Long nr = byName.get(name);
        if (nr == null) {
            throw new NoSuchElementException(
                    "no system call named '"
                            + name
                            + "' on "
                            + arch
                            + Names.didYouMean(name, byName.keySet()));
        }
        return nr;
    }

    /** The name of call number {@code nr}, if this architecture has one. */
    public Optional<String> name(long nr) {
        return Optional.ofNullable(byNumber.get(nr));
    }

    /** The names nearest to a misspelt {@code name}, best first; empty when none is close. */
    public List<String> suggest(String name) {
        return Names.closest(name, byName.keySet(), 3);
    }
}
