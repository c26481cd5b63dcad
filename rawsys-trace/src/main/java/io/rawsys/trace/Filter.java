package io.rawsys.trace;

import io.rawsys.Arch;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * strace's {@code -e trace=SET} and {@code -e status=SET}: which calls a trace shows ({@link
 * SyscallSet}), and with which outcomes: {@code successful}, {@code failed}, {@code unfinished}.
 */
final class Filter {
    private final SyscallSet trace;

    /** The outcomes shown, or null for all of them (no -e status=). */
    private final Set<String> statuses;

    private Filter(SyscallSet trace, Set<String> statuses) {
        this.trace = trace;
        this.statuses = statuses;
    }

    /** Every call, every outcome. */
    static Filter all(SyscallSet.Classes classes, Function<Arch, Set<String>> carried) {
        return new Filter(SyscallSet.parse("trace", "all", classes, carried), null);
    }

    /**
     * Parses the sets of -e trace= and -e status= (either may be null).
     *
     * @throws IllegalArgumentException naming what is wrong: an empty item, a bad regular
     *     expression, an unknown status
     */
    static Filter parse(
            String trace,
            String status,
            SyscallSet.Classes classes,
            Function<Arch, Set<String>> carried) {
        SyscallSet set = SyscallSet.parse("trace", trace == null ? "all" : trace, classes, carried);
        if (status == null) {
            return new Filter(set, null);
        }
        // strace's qualify_tokens: names, all, none, and ! for the others
        List<String> every =
                List.of("successful", "failed", "unfinished", "unavailable", "detached");
        boolean negated = status.startsWith("!");
        Set<String> statuses = new HashSet<>();
        for (String s : (negated ? status.substring(1) : status).split(",", -1)) {
            switch (s) {
                case "successful", "failed", "unfinished", "unavailable", "detached" ->
                        statuses.add(s);
                case "all" -> statuses.addAll(every);
                case "none" -> {}
                default ->
                        throw new IllegalArgumentException(
                                "-e status: '"
                                        + s
                                        + "' is no status; use successful, failed, unfinished, unavailable,"
                                        + " detached, all or none (!SET for the others)");
            }
        }
        if (negated) {
            Set<String> rest = new HashSet<>(every);
            rest.removeAll(statuses);
            statuses = rest;
        }
        return new Filter(set, Set.copyOf(statuses));
    }

    /**
     * The calls this filter traces on {@code arch}.
     *
     * @throws IllegalArgumentException for a name that is no system call there, or an unknown class
     */
    Set<String> traced(Arch arch) {
        return trace.members(arch);
    }

    boolean traces(Arch arch, String name) {
        return trace.contains(arch, name);
    }

    /** Whether calls with this outcome are printed. */
    boolean showsStatus(boolean failed) {
        return statuses == null || statuses.contains(failed ? "failed" : "successful");
    }

    /** Whether the status filter holds lines back until a call's outcome is known. */
    boolean filtersStatus() {
        return statuses != null;
    }

    /** Whether a call that never returned (exit_group, a killed tracee) is printed. */
    boolean showsUnfinished() {
        return statuses == null || statuses.contains("unfinished");
    }

    /** Whether the set lists specific calls (so --seccomp-bpf can let the others run). */
    boolean tracesEverything() {
        return trace.isAll();
    }

    @Override
    public String toString() {
        return trace.toString();
    }
}
