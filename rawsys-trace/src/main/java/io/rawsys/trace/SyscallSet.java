package io.rawsys.trace;

import io.rawsys.Arch;
import io.rawsys.tool.Hints;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A set of system calls as strace's qualifiers name them ({@code -e trace=}, {@code abbrev=},
 * {@code verbose=}, {@code raw=}, {@code inject=}): a comma-separated list of system-call names,
 * classes ({@code %file}, {@code %network} …) and regular expressions ({@code /^open}), or {@code
 * all} or {@code none}; a leading {@code !} takes everything else. A name of another personality of
 * the machine is valid (stat64 in i386 programs); {@code ?name} is skipped where unknown.
 */
final class SyscallSet {
    /** The classes of the system calls of an architecture. */
    interface Classes {
        /**
         * The names of {@code arch}'s system calls in class {@code name}, as written after {@code
         * trace=}: {@code %file}, {@code %%stat}.
         *
         * @throws java.util.NoSuchElementException when there is no such class
         */
        Set<String> members(Arch arch, String name);
    }

    private final String qualifier;
    private final String expression;
    private final boolean negated;
    private final List<String> items;
    private final Classes classes;
    private final Function<Arch, Set<String>> carried;
    private final Map<Arch, Set<String>> members = new ConcurrentHashMap<>();

    private SyscallSet(
            String qualifier,
            String expression,
            boolean negated,
            List<String> items,
            Classes classes,
            Function<Arch, Set<String>> carried) {
        this.qualifier = qualifier;
        this.expression = expression;
        this.negated = negated;
        this.items = items;
        this.classes = classes;
        this.carried = carried;
    }

    /**
     * Parses {@code expression}, the set of {@code -e qualifier=}.
     *
     * @throws IllegalArgumentException naming what is wrong: an empty item, a bad regular
     *     expression
     */
    static SyscallSet parse(
            String qualifier,
            String expression,
            Classes classes,
            Function<Arch, Set<String>> carried) {
        boolean negated = expression.startsWith("!");
        String body = negated ? expression.substring(1) : expression;
        // as strace's strtok: empty items (",mmap", "a,,b") are passed over
        List<String> items =
                java.util.Arrays.stream(body.split(",", -1)).filter(i -> !i.isEmpty()).toList();
        if (items.isEmpty()) {
            throw new IllegalArgumentException(
                    "-e "
                            + qualifier
                            + "="
                            + expression
                            + " names no call; give names, classes (%file), /REGEX, all or none");
        }
        for (String item : items) {
            if (item.startsWith("/")) {
                try {
                    Pattern.compile(item.substring(1));
                } catch (PatternSyntaxException e) {
                    throw new IllegalArgumentException(
                            "-e "
                                    + qualifier
                                    + ": '"
                                    + item.substring(1)
                                    + "' is no regular expression: "
                                    + e.getDescription());
                }
            }
        }
        return new SyscallSet(qualifier, expression, negated, items, classes, carried);
    }

    /**
     * The calls of {@code arch} in this set.
     *
     * @throws IllegalArgumentException for a name that is no system call there, or an unknown class
     */
    Set<String> members(Arch arch) {
        return members.computeIfAbsent(arch, this::resolve);
    }

    boolean contains(Arch arch, String name) {
        return members(arch).contains(name);
    }

    /** The classes strace still takes without their {@code %}, before any call of that name. */
    private static final Set<String> LEGACY_CLASSES =
            Set.of("desc", "file", "memory", "process", "signal", "ipc", "network");

    /** Whether the set is {@code all}: every call, whatever the architecture. */
    boolean isAll() {
        return !negated && items.equals(List.of("all"));
    }

    private Set<String> resolve(Arch arch) {
        Set<String> all = new HashSet<>();
        arch.syscalls().entries().forEach(e -> all.add(e.name()));
        all.addAll(carried.apply(arch)); // send, recv: i386 has them inside socketcall only
        Set<String> chosen = new HashSet<>();
        for (String item : items) {
            if (item.equals("all")) {
                chosen.addAll(all);
            } else if (item.equals("none")) {
                // nothing
            } else if (item.startsWith("%")
                    || LEGACY_CLASSES.contains(item.toLowerCase(java.util.Locale.ROOT))) {
                // strace's class names, in any case; the old ones without % too ("file", "ipc")
                String name = item.toLowerCase(java.util.Locale.ROOT);
                try {
                    chosen.addAll(classes.members(arch, name.startsWith("%") ? name : "%" + name));
                } catch (java.util.NoSuchElementException e) {
                    throw new IllegalArgumentException("-e " + qualifier + ": " + e.getMessage());
                }
            } else if (item.startsWith("/")) {
                Pattern p = Pattern.compile(item.substring(1));
                all.stream().filter(n -> p.matcher(n).find()).forEach(chosen::add);
            } else if (item.startsWith("?")) {
                if (all.contains(item.substring(1))) {
                    chosen.add(item.substring(1));
                }
            } else if (all.contains(item)) {
                chosen.add(item);
            } else if (anotherPersonalityHas(arch, item)) {
                // strace's rule: a name of any of the machine's personalities is valid, and
                // traces the processes that run in one that has it (stat64 in i386 programs)
            } else {
                throw new IllegalArgumentException(
                        "-e "
                                + qualifier
                                + ": '"
                                + item
                                + "' is no system call on "
                                + arch.name()
                                + Hints.didYouMean(arch.syscalls().suggest(item)));
            }
        }
        if (negated) {
            Set<String> rest = new HashSet<>(all);
            rest.removeAll(chosen);
            return Set.copyOf(rest);
        }
        return Set.copyOf(chosen);
    }

    private boolean anotherPersonalityHas(Arch arch, String name) {
        for (Arch o : arch.companions()) {
            if (o.syscalls().find(name).isPresent() || carried.apply(o).contains(name)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return expression;
    }
}
