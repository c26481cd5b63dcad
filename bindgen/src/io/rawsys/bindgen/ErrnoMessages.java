package io.rawsys.bindgen;

import java.io.IOException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SequencedMap;
import java.util.Set;

/**
 * The text glibc's {@code strerror} gives each errno name, read by compiling and running a small
 * program on the build machine. Messages belong to names, not numbers (ENOENT reads the same on
 * every architecture, whatever its number), so the host's glibc supplies them for every target;
 * only the numbers come from each target's headers.
 */
final class ErrnoMessages {
    private final Map<String, String> byName;

    /** Names that are only another name for an errno on the host (EDEADLOCK for EDEADLK on x86). */
    private final Set<String> hostAliases;

    private ErrnoMessages(Map<String, String> byName, Set<String> hostAliases) {
        this.byName = byName;
        this.hostAliases = hostAliases;
    }

    static ErrnoMessages fromHost(Probe probe) throws IOException {
        SequencedMap<String, String> macros = probe.macros(ErrnoTable.HEADERS);
        StringBuilder c =
                new StringBuilder(
                        "#include <errno.h>\n#include <stdio.h>\n#include <string.h>\nint main(void) {\n");
        Set<String> aliases = new HashSet<>();
        for (var macro : macros.entrySet()) {
            String name = macro.getKey();
            if (ErrnoTable.isErrnoName(name)) {
                c.append("    printf(\"%s\\t%s\\n\", \"")
                        .append(name)
                        .append("\", strerror(")
                        .append(name)
                        .append("));\n");
                if (ErrnoTable.isErrnoName(macro.getValue())) {
                    aliases.add(name);
                }
            }
        }
        c.append("    return 0;\n}\n");
        Map<String, String> byName = new LinkedHashMap<>();
        for (String line : probe.runOnHost("strerror.c", c.toString()).split("\n")) {
            String[] parts = line.split("\t", 2);
            byName.put(parts[0], parts[1]);
        }
        return new ErrnoMessages(byName, aliases);
    }

    /**
     * The message for the target's canonical errno {@code name}: glibc's, unless the build machine
     * does not know the name as an errno of its own (MIPS's EINIT; PowerPC's EDEADLOCK, which is
     * only EDEADLK's other name on the host). Then it is the comment the target's header gives it,
     * or glibc's text for a number without a message.
     */
    String of(String name, String headerComment, long number) {
        String message = hostAliases.contains(name) ? null : byName.get(name);
        if (message != null) {
            return message;
        }
        return headerComment != null ? headerComment : "Unknown error " + number;
    }
}
