package io.rawsys.cli;

import io.rawsys.testing.ProcessTree;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** The shaded jar, run by tests as a user runs it: a separate process, its output, its status. */
public final class RawsysJar {
    private RawsysJar() {}

    public static final Path JAR = Path.of(System.getProperty("rawsys.jar", "target/rawsys.jar"));
    public static final String JAVA = ProcessHandle.current().info().command().orElseThrow();

    public record Run(int status, String stdout, String stderr) {
        /** Both streams, for assertion messages. */
        public String both() {
            return stdout + stderr;
        }
    }

    /** {@code java -jar rawsys.jar ARGS} with empty stdin. */
    public static Run rawsys(String... args) throws IOException, InterruptedException {
        return run(new byte[0], command(args));
    }

    /** The command line that runs the jar with {@code args}. */
    public static List<String> command(String... args) {
        List<String> command = new ArrayList<>(List.of(JAVA, "-jar", JAR.toString()));
        command.addAll(List.of(args));
        return command;
    }

    /**
     * Runs {@code command} with {@code stdin} written to it before its output is read (the pipe
     * stays open until the process ends), and fails after two minutes rather than hang.
     */
    public static Run run(byte[] stdin, List<String> command)
            throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).start();
        CompletableFuture<byte[]> stdout = drain(p.getInputStream());
        CompletableFuture<byte[]> stderr = drain(p.getErrorStream());
        try (OutputStream in = p.getOutputStream()) {
            in.write(stdin);
            in.flush();
            if (!p.waitFor(2, TimeUnit.MINUTES)) {
                ProcessTree.kill(p);
                throw new AssertionError(command + " did not end within two minutes");
            }
        }
        return new Run(
                p.exitValue(),
                new String(stdout.join(), StandardCharsets.UTF_8),
                new String(stderr.join(), StandardCharsets.UTF_8));
    }

    private static CompletableFuture<byte[]> drain(InputStream stream) {
        return CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return stream.readAllBytes();
                    } catch (IOException e) {
                        return e.toString().getBytes(StandardCharsets.UTF_8);
                    }
                },
                task ->
                        Thread.ofPlatform()
                                .daemon()
                                .start(task)); // a thread per stream: each blocks
    }
}
