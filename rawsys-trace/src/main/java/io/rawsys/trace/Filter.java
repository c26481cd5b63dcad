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
 * strace's {@code -e trace=SET} and {@code -e status=SET}. A trace set is a comma-separated list of
 * system-call names, classes ({@code %file}, {@code %network} …) and regular expressions ({@code
 * /^open}), or {@code all} or {@code none}; a leading {@code !} traces everything else. A status
 * set names the outcomes to show: {@code successful}, {@code failed}, {@code unfinished}.
 */
final class Filter {
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

    private final String expression;
    private final boolean negated;
    private final List<String> items;
    private final Set<String> statuses;
    private final Classes classes;
    private final Function<Arch, Set<String>> carried;
    private final Map<Arch, Set<String>> traced = new ConcurrentHashMap<>();

    private Filter(
            String expression,
            boolean negated,
            List<String> items,
            Set<String> statuses,
            Classes classes,
            Function<Arch, Set<String>> carried) {
        this.expression = expression;
        this.negated = negated;
        this.items = items;
        this.statuses = statuses;
        this.classes = classes;
        this.carried = carried;
    }

    /** Every call, every outcome. */
    static Filter all(Classes classes, Function<Arch, Set<String>> carried) {
        return new Filter("all", false, List.of("all"), Set.of(), classes, carried);
    }

    /**
     * Parses the sets of -e trace= and -e status= (either may be null).
     *
     * @throws IllegalArgumentException naming what is wrong: an empty item, a bad regular
     *     expression, an unknown status
     */
    static Filter parse(
            String trace, String status, Classes classes, Function<Arch, Set<String>> carried) {
        String expression = trace == null ? "all" : trace;
        boolean negated = expression.startsWith("!");
        String body = negated ? expression.substring(1) : expression;
        List<String> items = body.isEmpty() ? List.of() : List.of(body.split(",", -1));
        for (String item : items) {
            if (item.isEmpty()) {
                throw new IllegalArgumentException(
                        "-e trace="
                                + expression
                                + " has an empty item; separate names with single commas");
            }
            if (item.startsWith("/")) {
                try {
                    Pattern.compile(item.substring(1));
                } catch (PatternSyntaxException e) {
                    throw new IllegalArgumentException(
                            "-e trace: '"
                                    + item.substring(1)
                                    + "' is no regular expression: "
                                    + e.getDescription());
                }
            }
        }
        Set<String> statuses = new HashSet<>();
        if (status != null) {
            for (String s : status.split(",", -1)) {
                switch (s) {
                    case "successful", "failed", "unfinished", "unavailable", "detached" ->
                            statuses.add(s);
                    case "all" ->
                            statuses.addAll(
                                    List.of(
                                            "successful",
                                            "failed",
                                            "unfinished",
                                            "unavailable",
                                            "detached"));
                    default ->
                            throw new IllegalArgumentException(
                                    "-e status: '"
                                            + s
                                            + "' is no status; use successful, failed, unfinished, unavailable,"
                                            + " detached or all");
                }
            }
        }
        return new Filter(expression, negated, items, Set.copyOf(statuses), classes, carried);
    }

    /**
     * The calls this filter traces on {@code arch}.
     *
     * @throws IllegalArgumentException for a name that is no system call there, or an unknown class
     */
    Set<String> traced(Arch arch) {
        return traced.computeIfAbsent(arch, this::resolve);
    }

    boolean traces(Arch arch, String name) {
        return traced(arch).contains(name);
    }

    /** Whether calls with this outcome are printed. */
    boolean showsStatus(boolean failed) {
        return statuses.isEmpty() || statuses.contains(failed ? "failed" : "successful");
    }

    /** Whether the status filter holds lines back until a call's outcome is known. */
    boolean filtersStatus() {
        return !statuses.isEmpty();
    }

    /** Whether a call that never returned (exit_group, a killed tracee) is printed. */
    boolean showsUnfinished() {
        return statuses.isEmpty() || statuses.contains("unfinished");
    }

    /** Whether the set lists specific calls (so --seccomp-bpf can let the others run). */
    boolean tracesEverything() {
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
            } else if (item.startsWith("%")) {
                try {
                    chosen.addAll(classes.members(arch, item));
                } catch (java.util.NoSuchElementException e) {
                    throw new IllegalArgumentException("-e trace: " + e.getMessage());
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
                        "-e trace: '"
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
