package io.rawsys.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The Linux source tree the bindings are generated from, and its installed uapi headers, for tests
 * that hold the generated tables against the kernel's own files ({@code syscall_64.tbl}, {@code
 * unistd_32.h}, {@code errno.h}, …).
 *
 * <p>Where the tree is and how it is unpacked and installed has one home, the generator: this asks
 * it ({@code bindgen/generate --print-tree} and {@code --print-headers ARCH}), once per JVM, so
 * tests read exactly what the generator read. Without the kernel source package the tests that need
 * it are skipped with that reason; CI installs it ({@code .ci/install-deps}).
 */
public final class KernelSource {
    private KernelSource() {}

    static final String FEATURE = "the Linux source tree the bindings are generated from";

    private static final Map<String, Object> ANSWERS = new ConcurrentHashMap<>();

    /** The unpacked tree; skips the calling test, saying why, where there is none. */
    public static Path tree() {
        return answer("--print-tree");
    }

    /**
     * The {@code include} directory of {@code make headers_install ARCH=kernelArch} of the tree
     * ("x86", "mips", "powerpc", …); skips the calling test, saying why, where there is none.
     */
    public static Path headers(String kernelArch) {
        return answer("--print-headers", kernelArch);
    }

    private static Path answer(String... options) {
        Object answer = ANSWERS.computeIfAbsent(String.join(" ", options), k -> ask(options));
        if (answer instanceof Probe missing) {
            missing.assume();
        }
        return (Path) answer;
    }

    private static Object ask(String... options) {
        Path generate = generator();
        if (generate == null) {
            return Probe.missing(FEATURE, "bindgen/generate not found above " + cwd());
        }
        try {
            Path err = Files.createTempFile("rawsys-kernel-source", ".txt");
            try {
                Process p =
                        new ProcessBuilder(
                                        Stream.concat(
                                                        Stream.of(generate.toString()),
                                                        Stream.of(options))
                                                .toList())
                                .redirectError(err.toFile())
                                .start();
                p.getOutputStream().close();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!p.waitFor(10, TimeUnit.MINUTES)) {
                    p.destroyForcibly();
                    return Probe.missing(FEATURE, generate + " did not answer within 10 minutes");
                }
                if (p.exitValue() != 0) {
                    return Probe.missing(FEATURE, Files.readString(err).strip());
                }
                return Path.of(out.strip());
            } finally {
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            return Probe.missing(FEATURE, "running " + generate + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Probe.missing(FEATURE, "interrupted");
        }
    }

    private static Path cwd() {
        return Path.of("").toAbsolutePath();
    }

    /** The generator script, found from the working directory (a module's, or the root's) up. */
    private static Path generator() {
        for (Path dir = cwd(); dir != null; dir = dir.getParent()) {
            Path script = dir.resolve("bindgen/generate");
            if (Files.isExecutable(script)) {
                return script;
            }
        }
        return null;
    }
}
