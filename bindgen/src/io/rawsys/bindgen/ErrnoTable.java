package io.rawsys.bindgen;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An architecture's errno values, from glibc's {@code <errno.h>} (which pulls in the kernel's
 * {@code asm/errno.h}).
 *
 * <p>A name whose macro is another errno name ({@code EWOULDBLOCK} is {@code EAGAIN}) is an alias:
 * it resolves a name, but a number is always shown by its canonical name, as strace and glibc do.
 *
 * @param canonical canonical name to number, in number order
 * @param aliases alias to the canonical name it stands for
 * @param messages canonical name to its message
 */
record ErrnoTable(
        SequencedMap<String, Long> canonical,
        SequencedMap<String, String> aliases,
        Map<String, String> messages) {
    static final List<String> HEADERS = List.of("errno.h");
    private static final Pattern NAME = Pattern.compile("E[A-Z0-9]+");

    static ErrnoTable probe(Probe probe, ErrnoMessages messages) throws IOException {
        SequencedMap<String, String> macros = probe.macros(HEADERS);
        SequencedMap<String, String> expressions = new LinkedHashMap<>();
        SequencedMap<String, String> aliases = new LinkedHashMap<>();
        for (var macro : macros.entrySet()) {
            String name = macro.getKey();
            if (!isErrnoName(name)) {
                continue;
            }
            if (isErrnoName(macro.getValue())) {
                aliases.put(name, macro.getValue());
            } else {
                expressions.put(name, name);
            }
        }
        SequencedMap<String, Long> canonical =
                SyscallTable.byValue(probe.values(HEADERS, "", expressions));
        Map<String, String> comments = headerComments(probe);
        Map<String, String> text = new LinkedHashMap<>();
        for (var e : canonical.entrySet()) {
            text.put(e.getKey(), messages.of(e.getKey(), comments.get(e.getKey()), e.getValue()));
        }
        return new ErrnoTable(canonical, aliases, text);
    }

    /**
     * The comment beside each errno's definition in the target's headers (EINIT's is "Reserved" on
     * MIPS), the only text there is for a name the build machine's glibc does not know.
     */
    private static Map<String, String> headerComments(Probe probe) throws IOException {
        Pattern define =
                Pattern.compile(
                        "(?m)^#\\s*define\\s+(E[A-Z0-9]+)\\s+\\d+\\s*/\\*\\s*(.*?)\\s*\\*/");
        Map<String, String> comments = new LinkedHashMap<>();
        for (Path file : probe.headerFiles(HEADERS)) {
            Matcher m = define.matcher(Files.readString(file));
            while (m.find()) {
                comments.putIfAbsent(m.group(1), m.group(2));
            }
        }
        return comments;
    }

    /** Whether {@code text} is shaped like an errno name: E and capitals. */
    static boolean isErrnoName(String text) {
        return NAME.matcher(text).matches();
    }

    /** Every name, canonical or alias, with its number. */
    Map<String, Long> all() {
        Map<String, Long> all = new LinkedHashMap<>(canonical);
        aliases.forEach((alias, target) -> all.put(alias, canonical.get(target)));
        return all;
    }
}
