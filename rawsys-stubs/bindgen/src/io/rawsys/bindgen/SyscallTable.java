package io.rawsys.bindgen;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.Set;

/**
 * An architecture's system calls: every {@code __NR_<name>} that {@code <asm/unistd.h>} defines for
 * it, with the number the target compiler computes (so base offsets such as MIPS's {@code
 * __NR_Linux} or ARM's {@code __NR_SYSCALL_BASE} are folded in by the compiler, not here).
 *
 * @param numbers name to number, in number order
 */
record SyscallTable(SequencedMap<String, Long> numbers) {
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
                    "arch_specific_syscall");

    static SyscallTable probe(Probe probe) throws IOException {
        List<String> headers = List.of("asm/unistd.h");
        SequencedMap<String, String> expressions = new LinkedHashMap<>();
        for (String macro : probe.macros(headers).sequencedKeySet()) {
            if (macro.startsWith(PREFIX)
                    && !NOT_SYSCALLS.contains(macro.substring(PREFIX.length()))) {
                expressions.put(macro.substring(PREFIX.length()), macro);
            } else if (macro.startsWith(ARM_PREFIX) && !macro.equals(ARM_PREFIX + "BASE")) {
                // ARM's private calls (cacheflush, set_tls) are numbered from __ARM_NR_BASE.
                expressions.put(macro.substring(ARM_PREFIX.length()), macro);
            }
        }
        SequencedMap<String, Long> sorted = new LinkedHashMap<>();
        probe.values(headers, "", expressions).entrySet().stream()
                .sorted(
                        Map.Entry.<String, Long>comparingByValue()
                                .thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return new SyscallTable(sorted);
    }
}
