package io.rawsys.bindgen;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SequencedMap;

/**
 * The text glibc's {@code strerror} gives each errno name, read by compiling and running a small
 * program on the build machine. Messages belong to names, not numbers (ENOENT reads the same on
 * every architecture, whatever its number), so the host's glibc supplies them for every target;
 * only the numbers come from each target's headers.
 */
final class ErrnoMessages {
    private final Map<String, String> byName;

    private ErrnoMessages(Map<String, String> byName) {
        this.byName = byName;
    }

    static ErrnoMessages fromHost(Probe probe) throws IOException {
        SequencedMap<String, String> macros = probe.macros(ErrnoTable.HEADERS);
        StringBuilder c =
                new StringBuilder(
                        "#include <errno.h>\n#include <stdio.h>\n#include <string.h>\nint main(void) {\n");
        for (String name : macros.keySet()) {
            if (name.matches("E[A-Z0-9]+")) {
                c.append("    printf(\"%s\\t%s\\n\", \"")
                        .append(name)
                        .append("\", strerror(")
                        .append(name)
                        .append("));\n");
            }
        }
        c.append("    return 0;\n}\n");
        Map<String, String> byName = new LinkedHashMap<>();
        for (String line : probe.runOnHost("strerror.c", c.toString()).split("\n")) {
            String[] parts = line.split("\t", 2);
            byName.put(parts[0], parts[1]);
        }
        return new ErrnoMessages(byName);
    }

    /**
     * The message for {@code name}: glibc's, or where the build machine's glibc lacks the name
     * (MIPS's EINIT), the comment the target's header gives it, or glibc's text for a number
     * without a message.
     */
    String of(String name, String headerComment, long number) {
        String message = byName.get(name);
        if (message != null) {
            return message;
        }
        return headerComment != null ? headerComment : "Unknown error " + number;
    }
}
