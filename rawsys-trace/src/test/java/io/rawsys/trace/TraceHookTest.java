package io.rawsys.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rawsys.linux.Errno;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tampering from Java: {@link Trace#run} with a {@link TraceHook}, on real programs. */
class TraceHookTest {
    @TempDir Path dir;

    @Test
    void aHookFailsTheOpensItChooses() throws Exception {
        Path file = Files.writeString(dir.resolve("secret"), "x");
        Path trace = dir.resolve("trace.txt");
        AtomicInteger seen = new AtomicInteger();
        int status =
                Trace.run(
                        List.of(
                                "-o",
                                trace.toString(),
                                "-e",
                                "trace=openat",
                                "--",
                                "/bin/cat",
                                file.toString()),
                        call -> {
                            if (call.name().equals("openat")
                                    && call.arguments().get(1).equals("\"" + file + "\"")) {
                                seen.incrementAndGet();
                                return Tamper.error(Errno.EACCES);
                            }
                            return Tamper.none();
                        });
        assertEquals(1, status, "cat failed to open its file");
        assertEquals(1, seen.get());
        String text = Files.readString(trace);
        assertTrue(
                text.contains(
                        "openat(AT_FDCWD, \""
                                + file
                                + "\", O_RDONLY) = -1 EACCES (Permission denied) (INJECTED)"),
                text);
    }

    @Test
    void aHookThatThrowsLetsTheCallRun() throws Exception {
        Path file = Files.writeString(dir.resolve("f"), "x");
        int status =
                Trace.run(
                        List.of(
                                "-o",
                                "/dev/null",
                                "-e",
                                "trace=openat",
                                "--",
                                "/bin/cat",
                                file.toString()),
                        call -> {
                            throw new IllegalStateException("a bug in the hook");
                        });
        assertEquals(0, status);
    }

    @Test
    void aValueAndASignal() throws Exception {
        Path trace = dir.resolve("trace.txt");
        // sh's own pid is asked with getpid: 4242 comes back instead, and sh prints it
        int status =
                Trace.run(
                        List.of(
                                "-o",
                                trace.toString(),
                                "-e",
                                "trace=getpid",
                                "--",
                                "/bin/sh",
                                "-c",
                                "exit 3"),
                        call ->
                                call.name().equals("getpid")
                                        ? Tamper.returnValue(4242)
                                        : Tamper.none());
        assertEquals(3, status);
        String text = Files.readString(trace);
        assertTrue(!text.contains("getpid()") || text.contains("= 4242 (INJECTED)"), text);
    }

    @Test
    void badOptionsAreAnIllegalArgument() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                Trace.run(
                                        List.of("-e", "inject=openat", "true"),
                                        call -> Tamper.none()));
        assertTrue(e.getMessage().contains("say what to inject"), e.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> Trace.run(List.of("--no-such-option", "true"), call -> Tamper.none()));
    }

    @Test
    void tampersAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> Tamper.error(0));
        assertThrows(IllegalArgumentException.class, () -> Tamper.error(5000));
        assertThrows(IllegalArgumentException.class, () -> new Tamper(2, 3L, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> Tamper.signal(65));
        assertTrue(Tamper.none().isNone());
        assertTrue(Tamper.returnValue(0).replaces());
    }
}
