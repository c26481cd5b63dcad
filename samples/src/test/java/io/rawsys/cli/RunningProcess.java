package io.rawsys.cli;

import io.rawsys.Syscalls;
import io.rawsys.linux.Nr;
import io.rawsys.linux.Signal;
import io.rawsys.testing.ProcessTree;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A process that keeps running while the test acts (a monitor, a listener): its stdout and stderr
 * collected as they come, waits that end in a failure rather than a hang, and Ctrl-C.
 */
final class RunningProcess implements AutoCloseable {
    private final Process process;
    private final StringBuffer stdout = new StringBuffer();
    private final StringBuffer stderr = new StringBuffer();
    private final List<Thread> readers;

    RunningProcess(List<String> command) throws IOException {
        process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        readers =
                List.of(
                        collect(process.getInputStream(), stdout),
                        collect(process.getErrorStream(), stderr));
    }

    private static Thread collect(InputStream in, StringBuffer into) {
        return Thread.ofVirtual()
                .start(
                        () -> {
                            byte[] buffer = new byte[4096];
                            try (in) {
                                for (int n; (n = in.read(buffer)) > 0; ) {
                                    into.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                                }
                            } catch (IOException ignored) {
                                // the process is gone
                            }
                        });
    }

    String stdout() {
        return stdout.toString();
    }

    String stderr() {
        return stderr.toString();
    }

    /**
     * Waits until stdout satisfies {@code ready}; fails with what was printed after {@code limit}.
     */
    void awaitStdout(Predicate<String> ready, Duration limit) throws InterruptedException {
        await(stdout, ready, limit, "stdout");
    }

    /** Waits until stderr satisfies {@code ready}. */
    void awaitStderr(Predicate<String> ready, Duration limit) throws InterruptedException {
        await(stderr, ready, limit, "stderr");
    }

    private void await(StringBuffer output, Predicate<String> ready, Duration limit, String name)
            throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!ready.test(output.toString())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "gave up waiting after "
                                + limit
                                + " for "
                                + name
                                + "; stdout:\n"
                                + stdout
                                + "\nstderr:\n"
                                + stderr
                                + (process.isAlive()
                                        ? ""
                                        : "\n(exited " + process.exitValue() + ")"));
            }
            Thread.sleep(50);
        }
    }

    /** Sends SIGINT, as Ctrl-C does (through rawsys's own kill). */
    void interrupt() {
        Syscalls.invoke(Nr.kill, process.pid(), Signal.SIGINT);
    }

    /** The exit status, waiting at most {@code limit}; a process still running is a failure. */
    int exitStatus(Duration limit) throws InterruptedException {
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(
                    "still running after "
                            + limit
                            + "; stdout:\n"
                            + stdout
                            + "\nstderr:\n"
                            + stderr);
        }
        for (Thread reader : readers) {
            reader.join(limit.toMillis()); // the last bytes, up to the end of the streams
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        ProcessTree.kill(process);
    }
}
