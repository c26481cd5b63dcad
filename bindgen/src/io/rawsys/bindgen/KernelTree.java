package io.rawsys.bindgen;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Linux source tree the bindings come from, and the uapi headers {@code make headers_install}
 * makes of it for each kernel architecture.
 *
 * <p>The source is either a tarball (by default Debian's {@code linux-source-6.12} package's) or an
 * unpacked tree, such as a patched one. A tarball is unpacked once into the cache, under a name
 * made of its file name and a hash of its content, so another version of the package gets a tree of
 * its own. Headers are installed with {@code O=} into the cache, never into the source tree: a
 * user's tree stays as it was. For a tarball they are installed once; for a tree, on every run (it
 * may have changed; make then takes a few seconds per architecture).
 *
 * <p>The cache is {@code $RAWSYS_CACHE_DIR}, else {@code $XDG_CACHE_HOME/rawsys}, else {@code
 * ~/.cache/rawsys}. A file lock keeps two generators (two builds at once) from unpacking into the
 * same place, and each step writes into a scratch directory that is renamed into place only when
 * complete, so an interrupted run leaves nothing half made behind.
 */
final class KernelTree {
    /** Debian's {@code linux-source-6.12}, which {@code .ci/install-deps} installs. */
    static final Path DEFAULT_SOURCE = Path.of("/usr/src/linux-source-6.12.tar.xz");

    private static final Pattern MAKE_VARIABLE =
            Pattern.compile("(?m)^(VERSION|PATCHLEVEL|SUBLEVEL)\\s*=\\s*(\\d+)\\s*$");

    private final Path tree;
    private final Path headersRoot;
    private final boolean installOnce;
    private final String version;
    private final Map<String, Path> installed = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    private KernelTree(Path tree, Path headersRoot, boolean installOnce) throws IOException {
        this.tree = tree;
        this.headersRoot = headersRoot;
        this.installOnce = installOnce;
        this.version = readVersion(tree);
    }

    /**
     * The tree at {@code source}: a directory holding a kernel tree, or a tarball of one, unpacked
     * into the cache on first use.
     *
     * @throws IOException with what to do when the source is missing or is no kernel tree
     */
    static KernelTree open(Path source) throws IOException {
        if (source.toString().isEmpty()) {
            throw new IOException("--kernel is empty: give a kernel source tree or its tarball");
        }
        if (Files.isDirectory(source)) {
            Path tree = source.toRealPath();
            requireTree(tree, source.toString());
            String key = "tree-" + hash(tree.toString().getBytes(StandardCharsets.UTF_8));
            return new KernelTree(tree, cacheDir().resolve(key), false);
        }
        if (!Files.isRegularFile(source)) {
            throw new IOException(
                    "no kernel source at "
                            + source
                            + (source.equals(DEFAULT_SOURCE)
                                    ? ": install Debian's linux-source-6.12 package (.ci/install-deps does),"
                                            + " or pass --kernel with a kernel source tree or its"
                                            + " tarball"
                                    : ": pass --kernel a kernel source tree or its tarball"));
        }
        String name = source.getFileName().toString().replaceFirst("\\.tar(\\.\\w+)?$", "");
        Path base = Files.createDirectories(cacheDir().resolve(name + "-" + hashFile(source)));
        Path tree = base.resolve("src");
        try {
            unpackOnce(source, base, tree);
        } finally {
            if (!Files.isDirectory(tree)) {
                Bindgen.deleteTree(base); // nothing was made: no empty entry stays in the cache
            }
        }
        return new KernelTree(tree, base, true);
    }

    @SuppressWarnings("try") // the lock is held for the block's extent, never read
    private static void unpackOnce(Path source, Path base, Path tree) throws IOException {
        try (FileChannel channel =
                        FileChannel.open(
                                base.resolve("lock"),
                                StandardOpenOption.CREATE,
                                StandardOpenOption.WRITE);
                FileLock lock = channel.lock()) {
            if (!Files.isDirectory(tree)) {
                sweep(base); // what an earlier run that was killed left, under the same lock
                Path scratch = Files.createTempDirectory(base, "unpacking-");
                System.err.println("unpacking " + source + " into " + tree + " (once)");
                try {
                    run(
                            List.of(
                                    "tar",
                                    "-xf",
                                    source.toString(),
                                    "-C",
                                    scratch.toString(),
                                    "--strip-components=1"),
                            "unpacking " + source);
                    requireTree(scratch, source.toString());
                    Files.move(scratch, tree, StandardCopyOption.ATOMIC_MOVE);
                } finally {
                    if (Files.exists(scratch)) {
                        Bindgen.deleteTree(scratch);
                    }
                }
            }
        }
    }

    /** Deletes the scratch directories of unpacks and installs that did not finish. */
    private static void sweep(Path base) throws IOException {
        try (var list = Files.list(base)) {
            for (Path p : list.toList()) {
                if (p.getFileName().toString().startsWith("unpacking-")) {
                    Bindgen.deleteTree(p);
                }
            }
        }
    }

    /** The kernel's own version of this tree, {@code major.minor} ("6.12"). */
    String version() {
        return version;
    }

    Path tree() {
        return tree;
    }

    /**
     * The {@code include} directory of {@code make headers_install ARCH=<kernelArch>}'s output,
     * installing it first if needed. Architectures install side by side, each into its own
     * directories.
     */
    Path headers(String kernelArch) throws IOException {
        // Targets that share a kernel architecture (x86_64, x32 and i386) ask at the same time:
        // the first installs, the others wait for it.
        synchronized (locks.computeIfAbsent(kernelArch, k -> new Object())) {
            Path done = installed.get(kernelArch);
            if (done == null) {
                done = install(kernelArch);
                installed.put(kernelArch, done);
            }
            return done;
        }
    }

    /** A kernel architecture's name: one of the tree's {@code arch/} directories. */
    private void requireArch(String kernelArch) throws IOException {
        if (!kernelArch.matches("[a-z0-9_]+")
                || !Files.isDirectory(tree.resolve("arch").resolve(kernelArch))) {
            List<String> names = new ArrayList<>();
            try (var list = Files.list(tree.resolve("arch"))) {
                list.filter(Files::isDirectory)
                        .map(p -> p.getFileName().toString())
                        .sorted()
                        .forEach(names::add);
            }
            throw new IOException(
                    "'"
                            + kernelArch
                            + "' is no kernel architecture of "
                            + tree
                            + "; it has "
                            + String.join(", ", names));
        }
    }

    private Path install(String kernelArch) throws IOException {
        requireArch(kernelArch);
        Path target = headersRoot.resolve("uapi").resolve(kernelArch);
        if (installOnce && Files.isDirectory(target.resolve("include"))) {
            return target.resolve("include");
        }
        Files.createDirectories(target.getParent());
        Path objects = Files.createDirectories(headersRoot.resolve("obj").resolve(kernelArch));
        Path scratch = Files.createTempDirectory(target.getParent(), kernelArch + "-");
        try {
            installInto(kernelArch, objects, scratch);
        } catch (IOException e) {
            Bindgen.deleteTree(scratch);
            throw e;
        }
        if (Files.exists(target)) {
            Bindgen.deleteTree(target);
        }
        Files.move(scratch, target, StandardCopyOption.ATOMIC_MOVE);
        return target.resolve("include");
    }

    private void installInto(String kernelArch, Path objects, Path scratch) throws IOException {
        requireArch(kernelArch);
        run(
                List.of(
                        "make",
                        "-s",
                        "-C",
                        tree.toString(),
                        "O=" + objects,
                        "ARCH=" + kernelArch,
                        "INSTALL_HDR_PATH=" + scratch,
                        "headers_install"),
                "make headers_install ARCH=" + kernelArch + " of " + tree);
    }

    private static void requireTree(Path tree, String what) throws IOException {
        if (!Files.isRegularFile(tree.resolve("Makefile"))
                || !Files.isDirectory(tree.resolve("include/uapi"))) {
            throw new IOException(
                    what + " is no Linux source tree (it has no Makefile and include/uapi)");
        }
    }

    private static String readVersion(Path tree) throws IOException {
        String makefile = Files.readString(tree.resolve("Makefile"), StandardCharsets.UTF_8);
        Map<String, String> v = new ConcurrentHashMap<>();
        Matcher m = MAKE_VARIABLE.matcher(makefile);
        while (m.find()) {
            v.putIfAbsent(m.group(1), m.group(2));
        }
        if (!v.containsKey("VERSION") || !v.containsKey("PATCHLEVEL")) {
            throw new IOException(tree + "/Makefile names no VERSION and PATCHLEVEL");
        }
        return v.get("VERSION") + "." + v.get("PATCHLEVEL");
    }

    private static Path cacheDir() throws IOException {
        return Files.createDirectories(cacheRoot().resolve("kernel"));
    }

    /**
     * rawsys's cache: {@code $RAWSYS_CACHE_DIR}, else {@code $XDG_CACHE_HOME/rawsys}, else {@code
     * ~/.cache/rawsys}. The one place that says so: the kernel exercise asks for it ({@code
     * generate --print-cache}).
     */
    static Path cacheRoot() {
        String explicit = System.getenv("RAWSYS_CACHE_DIR");
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path dir;
        if (explicit != null && !explicit.isEmpty()) {
            dir = Path.of(explicit);
        } else if (xdg != null && !xdg.isEmpty()) {
            dir = Path.of(xdg, "rawsys");
        } else {
            dir = Path.of(System.getProperty("user.home"), ".cache", "rawsys");
        }
        return dir.toAbsolutePath();
    }

    private static String hashFile(Path file) throws IOException {
        MessageDigest sha = sha256();
        byte[] buffer = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(sha.digest(), 0, 6);
    }

    private static String hash(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes), 0, 6);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JDK has SHA-256", e);
        }
    }

    /** Runs a command; on failure, the error names {@code what} and ends with its output. */
    private static void run(List<String> command, String what) throws IOException {
        Path log = Files.createTempFile("rawsys-bindgen", ".log");
        try {
            Process process =
                    new ProcessBuilder(new ArrayList<>(command))
                            .redirectErrorStream(true)
                            .redirectOutput(log.toFile())
                            .start();
            process.getOutputStream().close();
            // a generator stopped by a signal stops its tar or make too, rather than orphan it
            Thread stop = new Thread(process::destroyForcibly);
            Runtime.getRuntime().addShutdownHook(stop);
            int status;
            try {
                status = process.waitFor();
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(stop);
                } catch (IllegalStateException shuttingDown) {
                    // the hook runs
                }
            }
            if (status != 0) {
                List<String> lines = Files.readAllLines(log);
                throw new IOException(
                        (what == null ? String.join(" ", command) : what)
                                + " failed (exit "
                                + status
                                + "):\n"
                                + String.join(
                                        "\n",
                                        lines.subList(
                                                Math.max(0, lines.size() - 30), lines.size())));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted running " + command.getFirst(), e);
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
