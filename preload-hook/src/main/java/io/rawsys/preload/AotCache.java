package io.rawsys.preload;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The embedded JVM's ahead-of-time cache (JDK 25's {@code -XX:AOTCache}): the runtime's classes,
 * loaded and linked by a training run ({@link Train}), so that the JVM a hooked program boots
 * starts in about half the time and with less memory. A cache fits one runtime jar (its path, size
 * and time) and one JDK, and the JVM options it was trained with, which are the library's own
 * ({@code jvm.options}); the JVM ignores a cache that does not fit.
 */
public final class AotCache {
    private static final String OPTIONS = "linux-x86_64/jvm.options";

    private AotCache() {}

    /**
     * The options the library boots its JVM with, from the {@code jvm.options} it was built with.
     */
    public static List<String> jvmOptions() throws IOException {
        try (InputStream in = AotCache.class.getResourceAsStream(OPTIONS)) {
            if (in == null) {
                throw new IOException("this jar carries no " + OPTIONS + "; build it with ./build");
            }
            List<String> options = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    options.add(line.strip());
                }
            }
            return options;
        }
    }

    /**
     * The cache for {@code runtimeJar} on the JDK at {@code javaHome}, in {@code directory}: made
     * by a training run (a few seconds, once) when it is not there yet.
     *
     * @return the cache; empty when the training run failed (then, and on later calls, the JVM
     *     starts without one; a {@code .failed} file beside it says so)
     */
    public static Optional<Path> prepare(Path directory, Path runtimeJar, Path javaHome)
            throws IOException, InterruptedException {
        Path cache = directory.resolve("runtime-" + key(runtimeJar, javaHome) + ".aot");
        Path failed = directory.resolve(cache.getFileName() + ".failed");
        if (Files.isRegularFile(cache)) {
            return Optional.of(cache);
        }
        if (Files.exists(failed)) {
            return Optional.empty();
        }
        Path output = directory.resolve(cache.getFileName() + "." + ProcessHandle.current().pid());
        List<String> command = new ArrayList<>();
        command.add(javaHome.resolve("bin/java").toString());
        command.addAll(jvmOptions());
        command.add("-XX:AOTCacheOutput=" + output);
        command.addAll(List.of("-cp", runtimeJar.toString(), Train.class.getName()));
        Process training =
                new ProcessBuilder(command)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.DISCARD)
                        .start();
        boolean done = training.waitFor(120, TimeUnit.SECONDS);
        if (!done) {
            training.destroyForcibly();
        }
        if (done && training.exitValue() == 0 && Files.isRegularFile(output)) {
            Files.move(output, cache, StandardCopyOption.ATOMIC_MOVE);
            return Optional.of(cache);
        }
        Files.deleteIfExists(output);
        Files.writeString(failed, String.join(" ", command) + "\n");
        return Optional.empty();
    }

    /**
     * {@code java -cp RUNTIME.jar io.rawsys.preload.AotCache DIR}: prepares the cache for that jar
     * and this JDK in DIR, and prints its path (nothing when it could not be made). For scripts
     * that boot the library without {@code rawsys preload}, such as {@code bench/run}.
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: java -cp RUNTIME.jar io.rawsys.preload.AotCache DIR");
            System.exit(2);
        }
        Path jar =
                Path.of(AotCache.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Files.createDirectories(Path.of(args[0]));
        prepare(Path.of(args[0]), jar, Path.of(System.getProperty("java.home")))
                .ifPresent(System.out::println);
    }

    /** What a cache depends on: the jar (path, size, time) and the JDK (its home and version). */
    private static String key(Path runtimeJar, Path javaHome) throws IOException {
        String identity =
                String.join(
                        "\n",
                        runtimeJar.toAbsolutePath().toString(),
                        Long.toString(Files.size(runtimeJar)),
                        Long.toString(Files.getLastModifiedTime(runtimeJar).toMillis()),
                        javaHome.toAbsolutePath().toString(),
                        System.getProperty("java.vm.version"));
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256")
                            .digest(identity.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
