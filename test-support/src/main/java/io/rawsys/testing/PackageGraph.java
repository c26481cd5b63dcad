package io.rawsys.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which of a module's packages use which, read from its sources: an {@code io.rawsys} package uses
 * another when its code (comments left out) names a class there, imported or written out. A module
 * test asserts with {@link #assertNoCycles} that no packages use each other in a loop, so that each
 * package can be read, and changed, knowing only the ones below it.
 */
public final class PackageGraph {
    private static final Pattern PACKAGE =
            Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
    private static final Pattern REFERENCE =
            Pattern.compile("\\bio\\.rawsys((?:\\.[a-z_][a-z0-9_]*)*)\\.[A-Z]");
    private static final Pattern COMMENTS =
            Pattern.compile("/\\*.*?\\*/|//[^\\n]*|\"(?:\\\\.|[^\"\\\\\\n])*\"", Pattern.DOTALL);

    private final Map<String, Set<String>> uses = new TreeMap<>();
    private final Map<String, Path> example = new HashMap<>();

    private PackageGraph() {}

    /** The graph of the packages under {@code roots} (a module's main and generated sources). */
    public static PackageGraph of(Path... roots) {
        PackageGraph g = new PackageGraph();
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    g.read(file);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return g;
    }

    private void read(Path file) throws IOException {
        // Comments and string literals name no dependency.
        String code = COMMENTS.matcher(Files.readString(file)).replaceAll(" ");
        Matcher p = PACKAGE.matcher(code);
        if (!p.find()) {
            return;
        }
        String from = p.group(1);
        Set<String> to = uses.computeIfAbsent(from, k -> new TreeSet<>());
        Matcher m = REFERENCE.matcher(code);
        while (m.find()) {
            String used = "io.rawsys" + m.group(1);
            if (!used.equals(from) && to.add(used)) {
                example.put(from + " " + used, file);
            }
        }
    }

    /** The packages {@code pkg} uses, among those read and others. */
    public Set<String> uses(String pkg) {
        return uses.getOrDefault(pkg, Set.of());
    }

    /**
     * The loops among the packages read: each a list of two or more packages that use each other,
     * directly or through the others in it (Tarjan's strongly connected components).
     */
    public List<List<String>> cycles() {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<List<String>> cycles = new ArrayList<>();
        int[] counter = {0};
        for (String v : uses.keySet()) {
            if (!index.containsKey(v)) {
                connect(v, index, low, stack, onStack, cycles, counter);
            }
        }
        return cycles;
    }

    private void connect(
            String v,
            Map<String, Integer> index,
            Map<String, Integer> low,
            Deque<String> stack,
            Set<String> onStack,
            List<List<String>> cycles,
            int[] counter) {
        index.put(v, counter[0]);
        low.put(v, counter[0]++);
        stack.push(v);
        onStack.add(v);
        for (String w : uses(v)) {
            if (!uses.containsKey(w)) {
                continue; // another module's package: Maven keeps modules acyclic
            }
            if (!index.containsKey(w)) {
                connect(w, index, low, stack, onStack, cycles, counter);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            List<String> component = new ArrayList<>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                component.add(w);
            } while (!w.equals(v));
            if (component.size() > 1) {
                component.sort(null);
                cycles.add(component);
            }
        }
    }

    /**
     * Fails, naming each loop's packages and a file for each use between them, when any packages
     * use each other in a loop.
     */
    public void assertNoCycles() {
        List<List<String>> cycles = cycles();
        if (cycles.isEmpty()) {
            return;
        }
        StringBuilder s = new StringBuilder("packages that use each other in a loop:");
        for (List<String> cycle : cycles) {
            s.append("\n  ").append(String.join(", ", cycle));
            for (String from : cycle) {
                for (String to : uses(from)) {
                    if (cycle.contains(to)) {
                        s.append("\n    ")
                                .append(from)
                                .append(" -> ")
                                .append(to)
                                .append(" (")
                                .append(example.get(from + " " + to))
                                .append(')');
                    }
                }
            }
        }
        throw new AssertionError(s.toString());
    }
}
