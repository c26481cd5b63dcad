package io.rawsys.bindgen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Writes rawsys's generated Java source: per-architecture tables under {@code
 * io.rawsys.linux.data.<arch>} and the host-facing facades in {@code io.rawsys.linux}. Run it
 * through {@code rawsys-stubs/bindgen/generate}.
 *
 * <p>With {@code --check} it writes into a scratch tree and compares that with the committed one,
 * listing every file that differs; CI runs it so that generated code can never drift from its
 * generator or be edited by hand.
 */
public final class Bindgen {
    static final String GENERATED_ROOT = "rawsys-api/src/generated/java";

    private Bindgen() {}

    public static void main(String[] args) throws IOException {
        Path root = Path.of(".");
        boolean check = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--root" -> root = Path.of(args[++i]);
                case "--check" -> check = true;
                default -> {
                    System.err.println(
                            "usage: generate [--check]   (unknown argument " + args[i] + ")");
                    System.exit(2);
                }
            }
        }
        Path committed = root.resolve(GENERATED_ROOT);
        Path scratch = Files.createTempDirectory("rawsys-bindgen");
        try {
            Path out = check ? scratch.resolve("out") : committed;
            generate(out, Files.createDirectories(scratch.resolve("work")));
            if (check) {
                List<String> differences = compareTrees(committed, out);
                if (!differences.isEmpty()) {
                    System.err.println(
                            "Generated code differs from what the generator writes now:");
                    differences.forEach(d -> System.err.println("  " + d));
                    System.err.println(
                            "Run rawsys-stubs/bindgen/generate and commit the result (never edit it by hand).");
                    System.exit(1);
                }
                System.out.println("generated code is up to date (" + GENERATED_ROOT + ")");
            }
        } finally {
            deleteTree(scratch);
        }
    }

    private static void generate(Path out, Path work) throws IOException {
        deleteTree(out);
        JavaSource java = new JavaSource(out);
        Map<String, Long> allSyscalls = new TreeMap<>();
        Map<String, Long> allErrnos = new TreeMap<>();
        ErrnoMessages messages = null;
        for (Target target : Target.ALL) {
            Probe probe = new Probe(target, work);
            if (messages == null) {
                messages = ErrnoMessages.fromHost(probe);
            }
            SyscallTable syscalls = SyscallTable.probe(probe);
            ErrnoTable errnos = ErrnoTable.probe(probe, messages);
            java.syscallTable(target, syscalls);
            java.errnoTable(target, errnos);
            syscalls.numbers().forEach(allSyscalls::putIfAbsent);
            errnos.all().forEach(allErrnos::putIfAbsent);
            System.out.printf(
                    "%-9s %d syscalls, %d errnos%n",
                    target.name(), syscalls.numbers().size(), errnos.all().size());
        }
        java.archData(Target.ALL);
        java.syscallFacade(allSyscalls.keySet());
        java.errnoFacade(allErrnos.keySet());
    }

    private static List<String> compareTrees(Path expected, Path actual) throws IOException {
        TreeMap<String, Path> left = listFiles(expected);
        TreeMap<String, Path> right = listFiles(actual);
        List<String> differences = new ArrayList<>();
        for (String name : left.keySet()) {
            if (!right.containsKey(name)) {
                differences.add(name + " is committed but no longer generated");
            } else if (Files.mismatch(left.get(name), right.get(name)) != -1) {
                differences.add(name + " differs");
            }
        }
        right.keySet().stream()
                .filter(n -> !left.containsKey(n))
                .forEach(n -> differences.add(n + " is generated but not committed"));
        return differences;
    }

    private static TreeMap<String, Path> listFiles(Path dir) throws IOException {
        TreeMap<String, Path> files = new TreeMap<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.filter(Files::isRegularFile)
                        .forEach(p -> files.put(dir.relativize(p).toString(), p));
            }
        }
        return files;
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder())
                    .forEach(
                            p -> {
                                try {
                                    Files.delete(p);
                                } catch (IOException e) {
                                    throw new UncheckedIOException(e);
                                }
                            });
        }
    }
}
