package io.rawsys.bindgen;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.Set;
import java.util.TreeSet;

/**
 * An architecture's system calls: every {@code __NR_<name>} that {@code <asm/unistd.h>} defines for
 * it, with the number the target compiler computes (so base offsets such as MIPS's {@code
 * __NR_Linux} or ARM's {@code __NR_SYSCALL_BASE} are folded in by the compiler, not here).
 *
 * @param numbers name to number, in number order
 * @param armPrivate the names that are ARM's private calls ({@code __ARM_NR_cacheflush})
 */
record SyscallTable(SequencedMap<String, Long> numbers, Set<String> armPrivate) {
    static final String PREFIX = "__NR_";
    static final String ARM_PREFIX = "__ARM_NR_";

    /** Macros with the prefix that are bookkeeping of the headers, not system calls. */
    private static final Set<String> NOT_SYSCALLS =
            Set.of(
                    "syscalls",
                    "Linux",
                    "Linux_syscalls",
                    "SYSCALL_BASE",
                    "OABI_SYSCALL_BASE",
                    "SYSCALL_MASK",
                    "arch_specific_syscall");

    static SyscallTable probe(Probe probe) throws IOException {
        List<String> headers = List.of("asm/unistd.h");
        SequencedMap<String, String> expressions = new LinkedHashMap<>();
        Set<String> armPrivate = new TreeSet<>();
        for (String macro : probe.macros(headers).sequencedKeySet()) {
            if (macro.startsWith(PREFIX)
                    && !NOT_SYSCALLS.contains(macro.substring(PREFIX.length()))) {
                expressions.put(macro.substring(PREFIX.length()), macro);
            } else if (macro.startsWith(ARM_PREFIX) && !macro.equals(ARM_PREFIX + "BASE")) {
                // ARM's private calls (cacheflush, set_tls) are numbered from __ARM_NR_BASE.
                expressions.put(macro.substring(ARM_PREFIX.length()), macro);
                armPrivate.add(macro.substring(ARM_PREFIX.length()));
            }
        }
        return new SyscallTable(byValue(probe.values(headers, "", expressions)), armPrivate);
    }

    /**
     * The entries in value order, names breaking ties: the order every generated table is written
     * in.
     */
    static <V extends Comparable<V>> SequencedMap<String, V> byValue(Map<String, V> values) {
        SequencedMap<String, V> sorted = new LinkedHashMap<>();
        values.entrySet().stream()
                .sorted(
                        Map.Entry.<String, V>comparingByValue()
                                .thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    /** The C macro that names {@code name}: {@code __NR_openat}, or {@code __ARM_NR_cacheflush}. */
    String macro(String name) {
        return (armPrivate.contains(name) ? ARM_PREFIX : PREFIX) + name;
    }
}
