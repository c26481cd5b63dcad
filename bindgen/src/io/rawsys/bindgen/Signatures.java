package io.rawsys.bindgen;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The C prototypes of the system calls, as the kernel declares them in {@code
 * include/linux/syscalls.h}: {@code asmlinkage long sys_read(unsigned int fd, char __user *buf,
 * size_t count);}. They are the kernel's, not an ABI's (each ABI's entry points wrap these), and
 * tell what each argument is: an integer, a pointer into user memory, and whether the kernel only
 * reads through it ({@code const}).
 *
 * <p>This is not a C parser: the declarations are uniform enough to be split at commas. A name
 * declared twice with different parameters (clone's order depends on the architecture, under {@code
 * CONFIG_CLONE_BACKWARDS}) gets no signature at all rather than a wrong one; such names are listed
 * in the generated file.
 *
 * @param signatures call name to its parameters, each as {type, name}; the name is empty where the
 *     header leaves it out ({@code sys_recvfrom(int, void __user *, size_t, …)})
 * @param ambiguous names declared more than once, differently
 */
record Signatures(SortedMap<String, List<String[]>> signatures, SortedSet<String> ambiguous) {
    static final String HEADER = "include/linux/syscalls.h";

    private static final Pattern PROTOTYPE =
            Pattern.compile("asmlinkage\\s+long\\s+sys_(\\w+)\\s*\\(([^)]*)\\)\\s*;");

    private static final Pattern NAMED = Pattern.compile("^(.*?[\\s*])(\\w+)$");

    /** Words that end a type, so that {@code unsigned int} is a type without a name. */
    private static final Set<String> TYPE_WORDS =
            Set.of("int", "long", "short", "char", "unsigned", "signed", "void", "const");

    static Signatures read(Path tree) throws IOException {
        String text = Files.readString(tree.resolve(HEADER), StandardCharsets.UTF_8);
        text = text.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\n]*", " ");
        SortedMap<String, List<String[]>> all = new TreeMap<>();
        SortedSet<String> ambiguous = new TreeSet<>();
        Matcher m = PROTOTYPE.matcher(text);
        while (m.find()) {
            String name = m.group(1);
            List<String[]> params = parameters(m.group(2));
            List<String[]> earlier = all.putIfAbsent(name, params);
            if (earlier != null && !same(earlier, params)) {
                ambiguous.add(name);
            }
        }
        ambiguous.forEach(all::remove);
        if (all.size() < 300) {
            throw new IOException(
                    tree.resolve(HEADER) + " gave only " + all.size() + " prototypes");
        }
        return new Signatures(all, ambiguous);
    }

    private static List<String[]> parameters(String list) {
        String flat = list.replaceAll("\\s+", " ").strip();
        List<String[]> params = new ArrayList<>();
        if (flat.equals("void") || flat.isEmpty()) {
            return params;
        }
        for (String p : flat.split(",")) {
            p = p.strip();
            Matcher named = NAMED.matcher(p);
            if (named.matches()
                    && !TYPE_WORDS.contains(named.group(2))
                    && !named.group(1).strip().isEmpty()
                    && !named.group(1).strip().matches(".*\\b(struct|union|enum)$")
                    && !p.matches("^\\w+$")) {
                params.add(new String[] {named.group(1).strip(), named.group(2)});
            } else {
                params.add(new String[] {p, ""});
            }
        }
        return params;
    }

    private static boolean same(List<String[]> a, List<String[]> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i)[0].equals(b.get(i)[0])) {
                return false;
            }
        }
        return true;
    }

    /**
     * One line per call: its name, then (if it has any) a space and its parameters joined by {@code
     * ;}, each as {@code type:name} (neither holds a {@code ;} or a {@code :}).
     */
    List<String> lines() {
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, List<String[]>> e : signatures.entrySet()) {
            List<String> params = new ArrayList<>();
            for (String[] p : e.getValue()) {
                params.add(p[0] + ":" + p[1]);
            }
            lines.add(params.isEmpty() ? e.getKey() : e.getKey() + " " + String.join(";", params));
        }
        return lines;
    }
}
