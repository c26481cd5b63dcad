package io.rawsys.cli.kernel;

import io.rawsys.tool.Failure;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Builds what the exercise boots, each step cached by the content of its inputs so that a second
 * build with nothing changed takes seconds: the kernel source with the patch applied (a tree of
 * hard links to the unpacked stock source, the patched files replaced), a small kernel (tinyconfig
 * and {@code samples/kernel/config}), rawsys's bindings regenerated from the patched tree and a
 * rawsys CLI jar built against them, the test programs, a jlinked JDK runtime, and an initramfs of
 * all that with busybox as init.
 *
 * <p>Everything lives under {@code $RAWSYS_CACHE_DIR/exercise} (by default {@code
 * ~/.cache/rawsys/exercise}), never in the repository or the stock source tree.
 */
final class KernelExercise {
    /** The exercise's files in the repository. */
    static final String DIR = "samples/kernel";

    /** What the build needs on the PATH, and the Debian packages that have them. */
    private static final List<String> TOOLS =
            List.of(
                    "make",
                    "gcc",
                    "i686-linux-gnu-gcc",
                    "patch",
                    "cp",
                    "cpio",
                    "gzip",
                    "flex",
                    "bison",
                    "bc",
                    "git",
                    "ldd");

    static final String PACKAGES =
            "linux-source-6.12 qemu-system-x86 busybox-static flex bison bc libelf-dev libssl-dev cpio"
                    + " gcc-i686-linux-gnu libc6-dev-i386-cross (.ci/install-deps installs them all)";

    /** busybox-static's binary, the VM's init and shell. */
    static final Path BUSYBOX = Path.of("/bin/busybox");

    /**
     * The modules of the jlinked runtime: the CLI needs java.base and, for signals,
     * jdk.unsupported.
     */
    private static final String MODULES = "java.base,jdk.unsupported";

    /**
     * What the build made.
     *
     * @param bzImage the kernel
     * @param initramfs the root file system
     * @param headers the patched tree's installed x86 uapi headers
     * @param number the new call's x86_64 number, from those headers
     */
    record Built(Path bzImage, Path initramfs, Path headers, long number) {}

    private final Path home;
    private final Path cache;
    private final Steps steps;
    private final Path patch;

    /**
     * @param patch the patch to apply, or null for the exercise's own
     */
    KernelExercise(Path home, PrintStream progress, Path patch) {
        this.home = home;
        this.patch =
                patch != null
                        ? patch.toAbsolutePath()
                        : home.resolve(DIR).resolve("rawsys_greet.patch");
        // rawsys's cache, as the generator (its one home) says
        this.cache =
                Path.of(
                                Steps.output(
                                                "finding rawsys's cache",
                                                List.of(
                                                        home.resolve("bindgen/generate").toString(),
                                                        "--print-cache"))
                                        .strip())
                        .resolve("exercise");
        this.steps = new Steps(progress, cache.resolve("logs"));
    }

    Steps steps() {
        return steps;
    }

    Built build() {
        List<String> missing = Steps.missing(TOOLS);
        if (!missing.isEmpty() || !Files.isExecutable(BUSYBOX)) {
            if (!Files.isExecutable(BUSYBOX)) {
                missing.add(BUSYBOX.toString());
            }
            throw new Failure(
                    "the kernel exercise needs "
                            + String.join(", ", missing)
                            + ": install "
                            + PACKAGES,
                    Failure.USAGE);
        }
        Path exercise = home.resolve(DIR);
        Path config = exercise.resolve("config");
        steps.say("the kernel source (Debian's linux-source-6.12, unpacked once)");
        Path stock =
                Path.of(
                        Steps.output(
                                        "finding the kernel source",
                                        List.of(generator().toString(), "--print-tree"))
                                .strip());
        Path tree = patchedTree(stock, patch);
        // the quick steps first, so that a problem with them shows before the long kernel build
        steps.say("the patched tree's uapi headers (make headers_install)");
        Path headers =
                Path.of(
                        Steps.output(
                                        "installing the patched headers",
                                        List.of(
                                                generator().toString(),
                                                "--kernel",
                                                tree.toString(),
                                                "--print-headers",
                                                "x86"))
                                .strip());
        long number = number(headers.resolve("asm/unistd_64.h"));
        Path programs = programs(headers, exercise);
        Path runtime = runtime();
        Path jar = jar(tree);
        Path bzImage = kernel(tree, config);
        Path initramfs = initramfs(exercise, jar, programs, runtime);
        steps.say("built: " + bzImage + " and " + initramfs);
        return new Built(bzImage, initramfs, headers, number);
    }

    /** The stock tree with the patch applied: hard links, the patched files replaced. */
    private Path patchedTree(Path stock, Path patch) {
        Path tree = cache.resolve("src-" + Steps.key(List.of(stock.toString(), patch)));
        if (Files.isDirectory(tree)) {
            steps.say("the patched source: " + tree + " (cached)");
            return tree;
        }
        steps.say("applying " + patch + " to a copy of " + stock);
        Path scratch = tree.resolveSibling(tree.getFileName() + ".tmp");
        delete(scratch);
        mkdirs(cache);
        steps.run(
                "copying the source (hard links)",
                null,
                "copy.log",
                List.of("cp", "-al", stock.toString(), scratch.toString()));
        try {
            steps.run(
                    "applying the patch",
                    scratch,
                    "patch.log",
                    List.of(
                            "patch",
                            "-p1",
                            "--forward",
                            "--batch",
                            "--no-backup-if-mismatch",
                            "-i",
                            patch.toString()));
        } catch (Failure e) {
            delete(scratch);
            throw new Failure(
                    "the patch no longer applies to "
                            + stock
                            + " (was the kernel source package updated? rebase "
                            + patch
                            + " on it):\n"
                            + e.getMessage(),
                    Failure.KERNEL);
        }
        move(scratch, tree);
        return tree;
    }

    /** bzImage of tinyconfig plus the fragment, built out of tree; skipped when up to date. */
    private Path kernel(Path tree, Path config) {
        Path obj = tree.resolveSibling("obj-" + tree.getFileName());
        Path bzImage = obj.resolve("arch/x86/boot/bzImage");
        Path stamp = obj.resolve("rawsys.stamp");
        String key = Steps.key(List.of(tree.toString(), config));
        if (Files.isRegularFile(bzImage) && key.equals(read(stamp))) {
            steps.say("the kernel: " + bzImage + " (cached)");
            return bzImage;
        }
        mkdirs(obj);
        List<String> make = List.of("make", "-C", tree.toString(), "O=" + obj, "ARCH=x86_64");
        steps.say("configuring the kernel: tinyconfig + " + home.relativize(config));
        steps.run("make tinyconfig", null, "config.log", concat(make, "tinyconfig"));
        steps.run(
                "merging the config fragment",
                null,
                "merge.log",
                List.of(
                        tree.resolve("scripts/kconfig/merge_config.sh").toString(),
                        "-m",
                        "-O",
                        obj.toString(),
                        obj.resolve(".config").toString(),
                        config.toString()));
        steps.run("make olddefconfig", null, "olddefconfig.log", concat(make, "olddefconfig"));
        List<String> dropped = dropped(config, obj.resolve(".config"));
        if (!dropped.isEmpty()) {
            throw new Failure(
                    "the kernel's configuration dropped "
                            + String.join(", ", dropped)
                            + " from "
                            + home.relativize(config)
                            + ": an option they depend on is off; add it to the fragment",
                    Failure.KERNEL);
        }
        int jobs = Runtime.getRuntime().availableProcessors();
        steps.say(
                "building the kernel (make -j"
                        + jobs
                        + " bzImage; a cold build takes a few minutes)");
        steps.run("make bzImage", null, "kernel.log", concat(make, "-j" + jobs, "bzImage"), 30);
        write(stamp, key);
        return bzImage;
    }

    /** The fragment's {@code CONFIG_X=y} lines the final .config lacks. */
    private static List<String> dropped(Path fragment, Path config) {
        try {
            Set<String> have = new LinkedHashSet<>(Files.readAllLines(config));
            List<String> dropped = new ArrayList<>();
            for (String line : Files.readAllLines(fragment)) {
                if (line.startsWith("CONFIG_") && !have.contains(line.strip())) {
                    dropped.add(line.strip());
                }
            }
            return dropped;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code #define __NR_rawsys_greet 600} in the patched header. */
    static long number(Path unistd) {
        Matcher m = Pattern.compile("(?m)^#define __NR_rawsys_greet (\\d+)$").matcher(read(unistd));
        if (!m.find()) {
            throw new Failure(
                    unistd + " defines no __NR_rawsys_greet: is the patch applied?",
                    Failure.KERNEL);
        }
        return Long.parseLong(m.group(1));
    }

    /**
     * The rawsys CLI jar built against bindings regenerated from the patched tree, so that
     * rawsys_greet has a generated name: a copy of the repository's files (tracked, and new ones
     * git does not ignore: your changes count), its generated sources replaced, built for this
     * machine only.
     */
    private Path jar(Path tree) {
        List<String> files =
                Stream.of(
                                Steps.output(
                                                "listing the repository's files (the exercise needs a git"
                                                        + " checkout of rawsys)",
                                                List.of(
                                                        "git",
                                                        "-C",
                                                        home.toString(),
                                                        "ls-files",
                                                        "--cached",
                                                        "--others",
                                                        "--exclude-standard"))
                                        .split("\n"))
                        .filter(f -> !f.isBlank())
                        .filter(f -> !f.startsWith("rawsys-api/src/generated/"))
                        .toList();
        List<Object> parts = new ArrayList<>(List.of(tree.toString()));
        files.forEach(f -> parts.add(home.resolve(f)));
        Path jar = cache.resolve("jar-" + Steps.key(parts)).resolve("rawsys.jar");
        if (Files.isRegularFile(jar)) {
            steps.say("the rawsys jar with rawsys_greet in its tables: " + jar + " (cached)");
            return jar;
        }
        Path copy = cache.resolve("rawsys-src");
        delete(copy);
        for (String f : files) {
            Path from = home.resolve(f);
            if (Files.isRegularFile(from)) {
                Path to = copy.resolve(f);
                mkdirs(to.getParent());
                try {
                    Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES);
                } catch (IOException e) {
                    throw new Failure("copying " + from + ": " + e.getMessage(), Failure.KERNEL);
                }
            }
        }
        steps.say("regenerating rawsys's bindings from the patched tree (every ABI)");
        steps.run(
                "regenerating the bindings",
                copy,
                "bindgen.log",
                List.of(
                        copy.resolve("bindgen/generate").toString(),
                        "--kernel",
                        tree.toString(),
                        "--output",
                        copy.resolve("rawsys-api/src/generated/java").toString()),
                30);
        steps.say("building the rawsys jar against them");
        steps.run(
                "building the rawsys jar",
                copy,
                "jar.log",
                // the CLI and what it is made of, nothing else (the benchmarks' libraries need not
                // be there yet); Maven uses the local repository and downloads only what lacks
                List.of(
                        copy.resolve("build").toString(),
                        "-q",
                        "-Phost-only",
                        "-DskipTests",
                        "-pl",
                        "samples",
                        "-am",
                        "package"),
                30);
        mkdirs(jar.getParent());
        try {
            Files.copy(
                    copy.resolve("samples/target/rawsys.jar"),
                    jar,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new Failure(
                    "the jar build made no rawsys.jar: " + e.getMessage(), Failure.KERNEL);
        }
        return jar;
    }

    /** greet (x86_64, with rawsys's stub linked in) and greet32 (i386), static. */
    private Path programs(Path headers, Path exercise) {
        Path greet = exercise.resolve("greet.c");
        Path greet32 = exercise.resolve("greet32.c");
        Path stub = home.resolve("rawsys-stubs/src/main/asm/x86_64.S");
        Path dir =
                cache.resolve(
                        "programs-" + Steps.key(List.of(headers.toString(), greet, greet32, stub)));
        if (Files.isRegularFile(dir.resolve("greet32"))) {
            steps.say("the test programs: " + dir + " (cached)");
            return dir;
        }
        steps.say("compiling the test programs (static; x86_64 and i386)");
        Path scratch = dir.resolveSibling(dir.getFileName() + ".tmp");
        delete(scratch);
        mkdirs(scratch);
        List<String> warn =
                List.of(
                        "-Wall",
                        "-Wextra",
                        "-Werror",
                        "-O2",
                        "-static",
                        "-isystem",
                        headers.toString());
        List<String> cc = new ArrayList<>(List.of("gcc"));
        cc.addAll(warn);
        cc.addAll(
                List.of(
                        "-I",
                        home.resolve("rawsys-stubs/src/main/c").toString(),
                        "-o",
                        scratch.resolve("greet").toString(),
                        greet.toString(),
                        stub.toString()));
        steps.run("compiling greet.c", null, "greet.log", cc);
        List<String> cc32 = new ArrayList<>(List.of("i686-linux-gnu-gcc"));
        cc32.addAll(warn);
        cc32.addAll(List.of("-o", scratch.resolve("greet32").toString(), greet32.toString()));
        steps.run("compiling greet32.c", null, "greet32.log", cc32);
        move(scratch, dir);
        return dir;
    }

    /** A JDK 25 runtime of the CLI's modules, with jlink, stripped. */
    private Path runtime() {
        Path javaHome = Path.of(System.getProperty("java.home"));
        Path dir =
                cache.resolve(
                        "java-"
                                + Steps.key(
                                        List.of(
                                                javaHome.toString(),
                                                javaHome.resolve("release"),
                                                MODULES)));
        if (Files.isDirectory(dir)) {
            steps.say("the Java runtime: " + dir + " (cached)");
            return dir;
        }
        steps.say("linking a Java runtime (" + MODULES + ") with jlink");
        delete(dir);
        mkdirs(cache);
        steps.run(
                "jlink",
                null,
                "jlink.log",
                List.of(
                        javaHome.resolve("bin/jlink").toString(),
                        "--add-modules",
                        MODULES,
                        "--strip-debug",
                        "--no-header-files",
                        "--no-man-pages",
                        "--output",
                        dir.toString()));
        return dir;
    }

    /**
     * The root file system: busybox, the init script, the runtime with the C libraries it loads
     * (found by ldd), the jar and the programs, as a gzipped cpio archive.
     */
    private Path initramfs(Path exercise, Path jar, Path programs, Path runtime) {
        Path init = exercise.resolve("init");
        Path image =
                cache.resolve(
                        "initramfs-"
                                + Steps.key(
                                        List.of(
                                                init,
                                                jar,
                                                programs.toString(),
                                                runtime.toString(),
                                                BUSYBOX))
                                + ".cpio.gz");
        if (Files.isRegularFile(image)) {
            steps.say("the initramfs: " + image + " (cached)");
            return image;
        }
        steps.say("assembling the initramfs");
        Path root = cache.resolve("initramfs-root");
        delete(root);
        for (String d : List.of("bin", "proc", "sys", "dev", "tmp", "etc", "opt/rawsys/bin")) {
            mkdirs(root.resolve(d));
        }
        copy(BUSYBOX, root.resolve("bin/busybox"));
        copy(init, root.resolve("init"));
        copy(jar, root.resolve("opt/rawsys/rawsys.jar"));
        copy(programs.resolve("greet"), root.resolve("opt/rawsys/greet"));
        copy(programs.resolve("greet32"), root.resolve("opt/rawsys/greet32"));
        write(
                root.resolve("opt/rawsys/bin/rawsys"),
                "#!/bin/sh\n# rawsys inside the VM: the jlinked runtime, no shared-archive or perf-data files\n"
                        + "exec /opt/java/bin/java -XX:-UsePerfData -XX:TieredStopAtLevel=1"
                        + " --enable-native-access=ALL-UNNAMED -jar /opt/rawsys/rawsys.jar \"$@\"\n");
        write(root.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n");
        steps.run(
                "copying the runtime",
                null,
                "runtime-copy.log",
                List.of("cp", "-a", runtime.toString(), root.resolve("opt/java").toString()));
        for (Path library : libraries(root.resolve("opt/java"))) {
            Path to = root.resolve(library.toString().substring(1));
            if (!Files.exists(to)) {
                mkdirs(to.getParent());
                copy(library, to);
            }
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(
                            p ->
                                    p.toString().endsWith("/init")
                                            || p.getParent().endsWith("bin")
                                            || p.getFileName().toString().startsWith("greet"))
                    .filter(Files::isRegularFile)
                    .forEach(p -> p.toFile().setExecutable(true, false));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path scratch = image.resolveSibling(image.getFileName() + ".tmp");
        steps.run(
                "packing the initramfs",
                root,
                "cpio.log",
                List.of(
                        "sh",
                        "-c",
                        "find . | cpio -o -H newc --quiet | gzip -1 > '" + scratch + "'"));
        move(scratch, image);
        return image;
    }

    /** The shared libraries the runtime's programs and libraries load, by their absolute paths. */
    private static Set<Path> libraries(Path runtime) {
        Set<Path> libraries = new LinkedHashSet<>();
        List<Path> binaries = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(runtime)) {
            walk.filter(p -> p.toString().endsWith(".so") || p.getParent().endsWith("bin"))
                    .filter(Files::isRegularFile)
                    .forEach(binaries::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Pattern lib = Pattern.compile("(/\\S+) \\(0x");
        for (Path binary : binaries) {
            String out;
            try {
                out = Steps.output("ldd " + binary, List.of("ldd", binary.toString()));
            } catch (Failure e) {
                continue; // not a dynamic ELF file
            }
            Matcher m = lib.matcher(out);
            while (m.find()) {
                Path p = Path.of(m.group(1));
                if (!p.startsWith(runtime)) {
                    libraries.add(p);
                }
            }
        }
        return libraries;
    }

    /** {@code bindgen/generate} of the repository. */
    private Path generator() {
        return home.resolve("bindgen/generate");
    }

    private static List<String> concat(List<String> a, String... b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(List.of(b));
        return all;
    }

    private static String read(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new Failure("writing " + file + ": " + e.getMessage(), Failure.KERNEL);
        }
    }

    private static void copy(Path from, Path to) {
        try {
            Files.copy(
                    from,
                    to,
                    StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.COPY_ATTRIBUTES);
        } catch (IOException e) {
            throw new Failure(
                    "copying " + from + " to " + to + ": " + e.getMessage(), Failure.KERNEL);
        }
    }

    private static void mkdirs(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new Failure("creating " + dir + ": " + e.getMessage(), Failure.KERNEL);
        }
    }

    private static void move(Path from, Path to) {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new Failure(
                    "moving " + from + " to " + to + ": " + e.getMessage(), Failure.KERNEL);
        }
    }

    static void delete(Path dir) {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new Failure("removing " + dir + ": " + e.getMessage(), Failure.KERNEL);
        }
    }
}
