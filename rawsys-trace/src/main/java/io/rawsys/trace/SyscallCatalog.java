package io.rawsys.trace;

import io.rawsys.Arch;
import io.rawsys.SyscallTable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What strace 6.1 knows of each system call beyond its number: how many arguments it prints, and
 * which {@code -e trace=%class} classes select it. The facts are data, in {@code syscalls.txt}
 * beside this class (its header says the format and where the facts come from); this class only
 * reads them, once, and answers per architecture, since an ABI can print a call differently (i386
 * passes a 64-bit offset in two words, so its {@code pread64} has five arguments to x86_64's four).
 */
final class SyscallCatalog {
    /** What strace prints for a call its tables lack: every argument register there is. */
    static final int UNKNOWN_ARGUMENTS = 6;

    /** The classes strace 6.1 takes after {@code -e trace=}, in the order its manual lists them. */
    static final List<String> CLASSES =
            List.of(
                    "%file",
                    "%process",
                    "%network",
                    "%signal",
                    "%ipc",
                    "%desc",
                    "%memory",
                    "%creds",
                    "%stat",
                    "%lstat",
                    "%fstat",
                    "%%stat",
                    "%statfs",
                    "%fstatfs",
                    "%%statfs",
                    "%clock",
                    "%pure");

    /** Other spellings strace takes for a class. */
    private static final Map<String, String> ALIASES = Map.of("%net", "%network");

    private static final String RESOURCE = "syscalls.txt";

    /**
     * One line of the file: a call's argument count and classes, on every ABI or on one, and the
     * first strace release that knew the call where that is newer than 6.1 (else null).
     */
    private record Entry(int arguments, Set<String> classes, String since) {}

    /** The strace release the catalog was checked against on this machine's kind. */
    static final String CHECKED_AGAINST = "6.1";

    private final Map<String, Entry> entries;
    private final Map<String, Map<String, Entry>> entriesByAbi;

    private SyscallCatalog(Map<String, Entry> entries, Map<String, Map<String, Entry>> byAbi) {
        this.entries = entries;
        this.entriesByAbi = byAbi;
    }

    private static final class Loaded {
        static final SyscallCatalog CATALOG = read();
    }

    /** The catalog, read from the jar on first use. */
    static SyscallCatalog load() {
        return Loaded.CATALOG;
    }

    /** Every name the catalog has a line for. */
    Set<String> names() {
        return entries.keySet();
    }

    /**
     * How many arguments strace's table gives {@code name} on {@code arch}: what strace prints with
     * {@code -e raw=}, and for a call it has no decoder for ({@value #UNKNOWN_ARGUMENTS} for a name
     * the catalog lacks, as strace prints an unknown call). A decoder may print fewer: one value
     * for the two words of an i386 offset, no mode for an openat without O_CREAT.
     */
    int arguments(Arch arch, String name) {
        Entry entry = entry(arch, name);
        return entry == null ? UNKNOWN_ARGUMENTS : entry.arguments();
    }

    /**
     * Whether strace {@value #CHECKED_AGAINST} knows {@code name} on {@code arch}: false for the
     * calls a later strace added (their lines say which release), and for names without a line.
     * strace {@value #CHECKED_AGAINST} prints those as {@code syscall_0xNNN(...)}, so it can be no
     * oracle for them.
     */
    boolean knownToStrace61(Arch arch, String name) {
        Entry entry = entry(arch, name);
        return entry != null && entry.since() == null;
    }

    /** The classes of {@code name} on every ABI without a line of its own; empty if unknown. */
    Set<String> classes(String name) {
        Entry entry = entries.get(name);
        return entry == null ? Set.of() : entry.classes();
    }

    /** The classes of {@code name} on {@code arch}; empty if unknown. */
    Set<String> classes(Arch arch, String name) {
        Entry entry = entry(arch, name);
        return entry == null ? Set.of() : entry.classes();
    }

    /**
     * The names of {@code arch}'s system calls that {@code -e trace=CLASS} selects, sorted. The
     * class may be spelt as strace takes it ({@code %file}, {@code %%stat}, {@code %net}) or
     * without the leading {@code %} ({@code file}, {@code %stat} for {@code %%stat}); note that
     * strace itself reads a bare {@code stat} as the system call, not the class.
     *
     * @throws NoSuchElementException naming the classes there are
     */
    Set<String> members(Arch arch, String className) {
        String wanted = canonicalClass(className);
        SortedSet<String> members = new TreeSet<>();
        for (SyscallTable.Entry call : arch.syscalls().entries()) {
            if (classes(arch, call.name()).contains(wanted)) {
                members.add(call.name());
            }
        }
        return Collections.unmodifiableSortedSet(members);
    }

    /**
     * The class {@code className} means, as strace spells it: {@code file} and {@code %file} are
     * {@code %file}, {@code %net} is {@code %network}.
     *
     * @throws NoSuchElementException naming the classes there are
     */
    static String canonicalClass(String className) {
        String spelt = className.startsWith("%") ? className : "%" + className;
        spelt = ALIASES.getOrDefault(spelt, spelt);
        if (!CLASSES.contains(spelt)) {
            throw new NoSuchElementException(
                    "no system call class '"
                            + className
                            + "'; strace's classes are "
                            + String.join(", ", CLASSES));
        }
        return spelt;
    }

    private Entry entry(Arch arch, String name) {
        Map<String, Entry> own = entriesByAbi.get(arch.name());
        Entry entry = own == null ? null : own.get(name);
        return entry != null ? entry : entries.get(name);
    }

    private static SyscallCatalog read() {
        String text;
        try (InputStream in = SyscallCatalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the jar");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        Map<String, Entry> entries = new HashMap<>();
        Map<String, Map<String, Entry>> byAbi = new HashMap<>();
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int comment = line.indexOf('#');
            String data = (comment < 0 ? line : line.substring(0, comment)).strip();
            if (data.isEmpty()) {
                continue;
            }
            String where = RESOURCE + ":" + (i + 1) + ": ";
            String[] columns = data.split("\\s+");
            if (columns.length != 3 && columns.length != 4) {
                throw new IllegalStateException(
                        where + "want NAME ARGUMENTS CLASSES [STRACE]: " + line);
            }
            String since = columns.length == 4 ? since(where, columns[3]) : null;
            Entry entry =
                    new Entry(arguments(where, columns[1]), classes(where, columns[2]), since);
            String[] nameAndAbi = columns[0].split("@", -1);
            String name = nameAndAbi[0];
            if (nameAndAbi.length == 1) {
                if (entries.put(name, entry) != null) {
                    throw new IllegalStateException(where + "a second line for " + name);
                }
                continue;
            }
            String abi = nameAndAbi[1];
            if (nameAndAbi.length != 2 || Arch.of(abi).syscalls().find(name).isEmpty()) {
                throw new IllegalStateException(where + "no call " + name + " on " + abi);
            }
            if (byAbi.computeIfAbsent(abi, a -> new HashMap<>()).put(name, entry) != null) {
                throw new IllegalStateException(where + "a second line for " + columns[0]);
            }
        }
        Map<String, Map<String, Entry>> frozen = new HashMap<>();
        for (var abi : byAbi.entrySet()) {
            for (String name : abi.getValue().keySet()) {
                if (!entries.containsKey(name)) {
                    throw new IllegalStateException(
                            RESOURCE + ": " + name + "@" + abi.getKey() + " without a " + name);
                }
            }
            frozen.put(abi.getKey(), Map.copyOf(abi.getValue()));
        }
        return new SyscallCatalog(Map.copyOf(entries), Map.copyOf(frozen));
    }

    /**
     * {@code strace=6.5}: the first release that knew the call, newer than 6.1; {@code strace=none}
     * where no release has it yet.
     */
    private static String since(String where, String column) {
        if (!column.matches("strace=(6\\.([2-9]|1[0-9])|none)")) {
            throw new IllegalStateException(
                    where
                            + "the fourth column is strace=RELEASE, a release after 6.1, or"
                            + " strace=none: "
                            + column);
        }
        return column.substring("strace=".length());
    }

    private static int arguments(String where, String column) {
        if (!column.matches("[0-6]")) {
            throw new IllegalStateException(where + "an argument count is 0 to 6: " + column);
        }
        return Integer.parseInt(column);
    }

    private static Set<String> classes(String where, String column) {
        if (column.equals("-")) {
            return Set.of();
        }
        Set<String> classes = new LinkedHashSet<>(Arrays.asList(column.split(",")));
        for (String c : classes) {
            if (!CLASSES.contains(c)) {
                throw new IllegalStateException(where + "not a class of strace's: " + c);
            }
        }
        return Set.copyOf(classes);
    }
}
