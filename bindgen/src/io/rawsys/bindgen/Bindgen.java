package io.rawsys.bindgen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Writes rawsys's generated Java source: per-architecture tables under {@code
 * io.rawsys.linux.data.<arch>} and the host-facing facades in {@code io.rawsys.linux}. Run it
 * through {@code bindgen/generate}.
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
        Path kernel = KernelTree.DEFAULT_SOURCE;
        Path output = null;
        String printHeaders = null;
        boolean printTree = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--root" -> root = Path.of(value(args, ++i, "--root"));
                case "--check" -> check = true;
                case "--kernel" -> kernel = Path.of(value(args, ++i, "--kernel"));
                case "--output" -> output = Path.of(value(args, ++i, "--output"));
                case "--print-headers" -> printHeaders = value(args, ++i, "--print-headers");
                case "--print-tree" -> printTree = true;
                case "--print-cache" -> {
                    System.out.println(KernelTree.cacheRoot());
                    System.exit(0);
                }
                default -> usage("unknown argument " + args[i]);
            }
        }
        if (check && output != null) {
            usage("--check compares with the committed tree; it takes no --output");
        }
        if (printTree && printHeaders != null) {
            usage("--print-tree and --print-headers print one thing each; give one");
        }
        try {
            KernelTree tree = KernelTree.open(kernel);
            // For tests and scripts that read the same headers and tables the generator reads:
            // the unpacked tree, or one kernel architecture's installed uapi headers.
            if (printTree || printHeaders != null) {
                System.out.println(printTree ? tree.tree() : tree.headers(printHeaders));
                System.exit(0);
            }
            if (output != null) {
                requireOutput(output);
            }
            System.exit(run(root, check, tree, output));
        } catch (FileSystemException e) {
            // NIO's message is often the bare path: say what happened to it
            System.err.println(
                    "bindgen: "
                            + e.getFile()
                            + ": "
                            + (e.getReason() != null
                                    ? e.getReason()
                                    : switch (e) {
                                        case NoSuchFileException x -> "no such file or directory";
                                        case AccessDeniedException x -> "permission denied";
                                        case FileAlreadyExistsException x -> "it exists";
                                        default -> e.getClass().getSimpleName();
                                    }));
            System.exit(1);
        } catch (IOException e) {
            System.err.println("bindgen: " + e.getMessage());
            System.exit(1);
        }
    }

    /**
     * {@code --output} is replaced whole, so it must be new, empty, or a tree this generator wrote
     * (every file opens with its marker): never a directory of other files. Checked, and made
     * writable, before the minute of generating.
     */
    private static void requireOutput(Path output) throws IOException {
        if (Files.exists(output) && !Files.isDirectory(output)) {
            throw new IOException("--output " + output + " is a file; give a directory");
        }
        if (Files.isDirectory(output)) {
            try (Stream<Path> walk = Files.walk(output)) {
                Path foreign =
                        walk.filter(Files::isRegularFile)
                                .filter(f -> !isGenerated(f))
                                .findFirst()
                                .orElse(null);
                if (foreign != null) {
                    throw new IOException(
                            "--output "
                                    + output
                                    + " holds files the generator did not write ("
                                    + foreign
                                    + "), and it replaces the directory whole: give a new or empty"
                                    + " directory");
                }
            }
        }
        Files.createDirectories(output);
        if (!Files.isWritable(output)) {
            throw new IOException("--output " + output + " is not writable");
        }
    }

    private static boolean isGenerated(Path file) {
        try (var in = Files.newBufferedReader(file)) {
            String first = in.readLine();
            return first != null && (first + "\n").equals(JavaFile.MARKER);
        } catch (IOException e) {
            return false;
        }
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            usage(option + " needs a value");
        }
        return args[i];
    }

    private static void usage(String problem) {
        System.err.println(
                "usage: generate [--check] [--kernel TREE|TARBALL] [--output DIR]"
                        + " [--print-tree | --print-headers KERNEL_ARCH | --print-cache]   ("
                        + problem
                        + ")");
        System.exit(2);
    }

    /**
     * Generates, and either replaces the committed tree or compares with it; returns the exit
     * status.
     */
    private static int run(Path root, boolean check, KernelTree kernel, Path output)
            throws IOException {
        Registry registry = Registry.read(root);
        Path committed = output != null ? output : root.resolve(GENERATED_ROOT);
        Path scratch = Files.createTempDirectory("rawsys-bindgen");
        try {
            // Always into a scratch tree first: a failure half-way leaves the committed tree as it
            // was.
            Path out = scratch.resolve("out");
            generate(out, Files.createDirectories(scratch.resolve("work")), kernel, registry);
            List<String> differences = compareTrees(committed, out);
            // The make fragment depends on the registry alone: it belongs to this checkout, and is
            // left alone when the Java goes somewhere else (--output).
            Path fragment = root.resolve(Registry.MAKE_FRAGMENT);
            String make = registry.makeFragment();
            boolean makeDiffers =
                    output == null
                            && !(Files.isRegularFile(fragment)
                                    && Files.readString(fragment).equals(make));
            if (makeDiffers) {
                differences.add("changed: " + Registry.MAKE_FRAGMENT);
            }
            if (check) {
                if (!differences.isEmpty()) {
                    System.err.println(
                            "Generated code differs from what the generator writes now:");
                    differences.forEach(d -> System.err.println("  " + d));
                    System.err.println(
                            "Run bindgen/generate and commit the result (never edit it by hand).");
                    return 1;
                }
                System.out.println(
                        "generated code is up to date ("
                                + GENERATED_ROOT
                                + ", "
                                + Registry.MAKE_FRAGMENT
                                + ")");
            } else {
                deleteTree(committed);
                copyTree(out, committed);
                if (makeDiffers) {
                    Files.createDirectories(fragment.getParent());
                    Files.writeString(fragment, make);
                }
                System.out.println(
                        differences.isEmpty()
                                ? "no changes"
                                : differences.size() + " files changed");
            }
            return 0;
        } finally {
            deleteTree(scratch);
        }
    }

    private static void generate(Path out, Path work, KernelTree kernel, Registry registry)
            throws IOException {
        System.out.println(
                "kernel headers from " + kernel.tree() + " (Linux " + kernel.version() + ")");
        List<Target> targets = registry.targets();
        Target host = targets.getFirst();
        ErrnoMessages messages =
                ErrnoMessages.fromHost(
                        new Probe(host, kernel.headers(host.kernelArch()), kernel.version(), work));
        // Each target is probed by its own compiler into its own files, so they run side by side.
        List<Future<TargetTables>> futures = new ArrayList<>();
        try (ExecutorService pool =
                Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors())) {
            for (Target target : targets) {
                futures.add(
                        pool.submit(
                                () ->
                                        TargetTables.probe(
                                                new Probe(
                                                        target,
                                                        kernel.headers(target.kernelArch()),
                                                        kernel.version(),
                                                        work),
                                                messages)));
            }
        }
        List<TargetTables> all = new ArrayList<>();
        for (Future<TargetTables> f : futures) {
            TargetTables t = join(f);
            all.add(t);
            System.out.printf(
                    "%-9s %3d syscalls, %3d errnos, %4d constants (%d not evaluable: see"
                            + " ZConstants.UNEVALUATED), %2d structs%n",
                    t.target().name(),
                    t.syscalls().numbers().size(),
                    t.errnos().all().size(),
                    t.constants().size(),
                    t.constants().unevaluatedCount(),
                    t.structs().structs().size());
        }
        ArchSources arch = new ArchSources(out);
        for (TargetTables t : all) {
            arch.write(t);
        }
        arch.archData(all, registry);
        Signatures signatures = Signatures.read(kernel.tree());
        arch.signatures(signatures, kernel.version());
        System.out.printf(
                "signatures: %d prototypes from %s (%d declared more than once, differently: left"
                        + " out)%n",
                signatures.signatures().size(), Signatures.HEADER, signatures.ambiguous().size());
        new Facades(out, all).write();
        new Shapes(out).write();
    }

    private static TargetTables join(Future<TargetTables> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
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

    private static void copyTree(Path from, Path to) throws IOException {
        for (var entry : listFiles(from).entrySet()) {
            Path target = to.resolve(entry.getKey());
            Files.createDirectories(target.getParent());
            Files.copy(entry.getValue(), target);
        }
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
