package io.rawsys.cli.kernel;

import io.rawsys.tool.Failure;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Running the exercise's build steps: commands whose output goes to a log, with progress on the
 * terminal (which step, time since the build began, and for a long step a heartbeat with its last
 * line), and errors that end with the log's last lines.
 */
final class Steps {
    private final PrintStream progress;
    private final long start = System.nanoTime();
    private final Path logs;

    Steps(PrintStream progress, Path logs) {
        this.progress = progress;
        this.logs = logs;
    }

    /** {@code [ 1:05] text}: a line of progress, with the time since the build began. */
    void say(String text) {
        long s = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
        progress.printf("[%2d:%02d] %s%n", s / 60, s % 60, text);
        progress.flush();
    }

    /** Runs {@code command} in {@code dir}, its output to {@code log}; a failure is a Failure. */
    void run(String what, Path dir, String log, List<String> command) {
        run(what, dir, log, command, 0);
    }

    /**
     * As {@link #run(String, Path, String, List)}, printing the newest line of the log every {@code
     * heartbeatSeconds} (0: never) so that a step of many minutes shows it is alive.
     */
    void run(String what, Path dir, String log, List<String> command, int heartbeatSeconds) {
        Path file = logs.resolve(log);
        try {
            Files.createDirectories(logs);
            Process p =
                    new ProcessBuilder(command)
                            .directory(dir == null ? null : dir.toFile())
                            .redirectErrorStream(true)
                            .start();
            p.getOutputStream().close();
            AtomicReference<String> last = new AtomicReference<>("");
            Thread copier =
                    Thread.ofPlatform()
                            .daemon()
                            .start(
                                    () -> {
                                        try (var out = Files.newBufferedWriter(file);
                                                BufferedReader in =
                                                        new BufferedReader(
                                                                new InputStreamReader(
                                                                        p.getInputStream(),
                                                                        StandardCharsets.UTF_8))) {
                                            for (String line; (line = in.readLine()) != null; ) {
                                                out.write(line);
                                                out.newLine();
                                                last.set(line.strip());
                                            }
                                        } catch (IOException e) {
                                            last.set("(log: " + e.getMessage() + ")");
                                        }
                                    });
            while (!p.waitFor(heartbeatSeconds > 0 ? heartbeatSeconds : 3600, TimeUnit.SECONDS)) {
                say("  ... " + what + (last.get().isEmpty() ? "" : ": " + last.get()));
            }
            copier.join();
            if (p.exitValue() != 0) {
                throw new Failure(
                        what
                                + " failed (exit "
                                + p.exitValue()
                                + "; the whole output is in "
                                + file
                                + "):\n"
                                + tail(file, 25),
                        Failure.KERNEL);
            }
        } catch (IOException | InterruptedException e) {
            throw failure(what, command, e);
        }
    }

    /** What {@code command} printed (stdout), or a Failure naming {@code what} and its output. */
    static String output(String what, List<String> command) {
        try {
            // stderr into a file: read after stdout, a full pipe would block the command
            Path errors = Files.createTempFile("rawsys-kernel", ".err");
            try {
                Process p = new ProcessBuilder(command).redirectError(errors.toFile()).start();
                p.getOutputStream().close();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (p.waitFor() != 0) {
                    throw new Failure(
                            what + ": " + (Files.readString(errors) + out).strip(), Failure.KERNEL);
                }
                return out;
            } finally {
                Files.deleteIfExists(errors);
            }
        } catch (IOException | InterruptedException e) {
            throw failure(what, command, e);
        }
    }

    private static Failure failure(String what, List<String> command, Exception e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            return new Failure(what + ": interrupted", Failure.KERNEL);
        }
        return new Failure(
                what + ": cannot run " + command.getFirst() + ": " + e.getMessage(),
                Failure.KERNEL);
    }

    /** The last {@code n} lines of a file. */
    static String tail(Path file, int n) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - n), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + file + ")";
        }
    }

    /** A short hash of the given texts and files' contents: a cache key. */
    static String key(List<Object> parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Object part : parts) {
                byte[] bytes =
                        part instanceof Path p && Files.isRegularFile(p)
                                ? Files.readAllBytes(p)
                                : String.valueOf(part).getBytes(StandardCharsets.UTF_8);
                sha.update(bytes);
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        } catch (IOException e) {
            throw new Failure("reading " + parts + ": " + e.getMessage(), Failure.KERNEL);
        }
    }

    /** The programs of {@code names} that are not on the PATH. */
    static List<String> missing(List<String> names) {
        List<String> missing = new ArrayList<>();
        for (String name : names) {
            boolean found = false;
            for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
                if (Files.isExecutable(Path.of(dir, name))) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                missing.add(name);
            }
        }
        return missing;
    }
}
