package io.rawsys.preload;

import io.rawsys.testing.ProcessTree;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs real programs with and without librawsys-preload.so, as the tests compare them. */
final class Preloaded {
    static final Path LIB =
            Path.of(
                    System.getProperty(
                            "preload.lib", "target/classes/io/rawsys/preload/linux-x86_64"));
    static final Path RUNTIME =
            Path.of(System.getProperty("preload.runtime", "target/preload-hook.jar"));
    static final Path HOOKS = Path.of(System.getProperty("preload.hooks", "target/test-classes"));
    static final Path NATIVE = Path.of(System.getProperty("preload.native", "target/native"));

    private Preloaded() {}

    record Run(int status, String stdout, String stderr) {}

    /** The environment that hooks a program with {@code hook}, logging to {@code log}. */
    static Map<String, String> hooked(String hook, Path log) {
        Map<String, String> env = new HashMap<>();
        env.put("LD_PRELOAD", LIB.resolve("librawsys-preload.so").toString());
        env.put("RAWSYS_HOOK", hook);
        env.put("RAWSYS_RUNTIME", RUNTIME.toString());
        env.put("RAWSYS_HOOK_CLASSPATH", HOOKS.toString());
        env.put("RAWSYS_LOG", log.toString());
        return env;
    }

    static Run run(List<String> command, Path dir, Map<String, String> env, byte[] stdin)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("RAWSYS_") || k.equals("LD_PRELOAD"));
        pb.environment().putAll(env);
        Process p = pb.start();
        CompletableFuture<byte[]> out = drain(p.getInputStream());
        CompletableFuture<byte[]> err = drain(p.getErrorStream());
        try (OutputStream in = p.getOutputStream()) {
            in.write(stdin);
        } catch (IOException ignored) {
            // the program did not read its input
        }
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            ProcessTree.kill(p);
            throw new AssertionError(command + " did not end within two minutes");
        }
        return new Run(
                p.exitValue(),
                new String(out.join(), StandardCharsets.UTF_8),
                new String(err.join(), StandardCharsets.UTF_8));
    }

    static String log(Path log) throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    private static CompletableFuture<byte[]> drain(InputStream in) {
        return CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return in.readAllBytes();
                    } catch (IOException e) {
                        throw new RuntimeException(e);
                    }
                });
    }
}
