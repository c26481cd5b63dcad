package io.rawsys.preload.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rawsys.calls.ProcessCalls;
import io.rawsys.cli.RawsysJar;
import io.rawsys.cli.RawsysJar.Run;
import io.rawsys.linux.Signal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code rawsys preload} with each sample hook on real programs, and its bad-input messages. */
class SampleHooksIT {
    @TempDir Path dir;

    private Run preload(Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(RawsysJar.command("preload"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().put("XDG_CACHE_HOME", dir.resolve("cache").toString());
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes());
        String err = new String(p.getErrorStream().readAllBytes());
        return new Run(p.waitFor(), out, err);
    }

    @Test
    void callLoggerWritesLtraceStyleLines() throws Exception {
        Path calls = dir.resolve("calls.txt");
        Run r =
                preload(
                        Map.of("RAWSYS_CALLLOG", calls.toString()),
                        "--hook",
                        CallLogger.class.getName(),
                        "--",
                        "cat",
                        "/etc/hostname");
        assertEquals(Files.readString(Path.of("/etc/hostname")), r.stdout(), r.stderr());
        assertTrue(
                Files.readString(calls).contains("open(\"/etc/hostname\", O_RDONLY) = 3"),
                Files.readString(calls));
    }

    @Test
    void sandboxDeniesWritesOutsideItsDirectory() throws Exception {
        Path box = Files.createDirectories(dir.resolve("box"));
        Run r =
                preload(
                        Map.of("RAWSYS_SANDBOX", box.toString()),
                        "--hook",
                        Sandbox.class.getName(),
                        "--",
                        "sh",
                        "-c",
                        "echo in > box/a && echo out > b; head -c0 /etc/hostname && echo read-ok");
        assertTrue(Files.exists(box.resolve("a")));
        assertFalse(Files.exists(dir.resolve("b")));
        assertTrue(r.stderr().contains("Permission denied"), r.stderr());
        assertEquals("read-ok\n", r.stdout());
    }

    @Test
    void fakeTimeShiftsTheDate() throws Exception {
        Run r =
                preload(
                        Map.of("RAWSYS_FAKETIME", "-86400"),
                        "--hook",
                        FakeTime.class.getName(),
                        "--",
                        "date",
                        "-u",
                        "+%F");
        String yesterday = LocalDate.now(java.time.ZoneOffset.UTC).minusDays(1).toString();
        assertEquals(yesterday + "\n", r.stdout(), r.stderr());
    }

    @Test
    void redirectOpensAnotherTree() throws Exception {
        Path to = Files.createDirectories(dir.resolve("to"));
        Files.writeString(to.resolve("hostname"), "elsewhere\n");
        Run r =
                preload(
                        Map.of("RAWSYS_REDIRECT", "/etc=" + to),
                        "--hook",
                        Redirect.class.getName(),
                        "--",
                        "cat",
                        "/etc/hostname");
        assertEquals("elsewhere\n", r.stdout(), r.stderr());
    }

    @Test
    void badInputIsOneClearMessageAndStatusTwo() throws Exception {
        Run unknown = preload(Map.of(), "--hook", "no.such.Hook", "--", "true");
        assertEquals(2, unknown.status());
        assertTrue(
                unknown.stderr().contains("hook class no.such.Hook not found"), unknown.stderr());
        Run notAHook = preload(Map.of(), "--hook", "java.lang.String", "--", "true");
        assertEquals(2, notAHook.status());
        assertTrue(
                notAHook.stderr().contains("does not implement io.rawsys.preload.PreloadHook"),
                notAHook.stderr());
        Run noCommand = preload(Map.of(), "--hook", FakeTime.class.getName());
        assertEquals(2, noCommand.status());
        assertTrue(noCommand.stderr().contains("CMD"), noCommand.stderr());
    }

    @Test
    void theExitStatusIsTheProgramsAndStaticProgramsAreWarnedAbout() throws Exception {
        Run r =
                preload(
                        Map.of("RAWSYS_FAKETIME", "0"),
                        "--hook",
                        FakeTime.class.getName(),
                        "--",
                        "sh",
                        "-c",
                        "exit 7");
        assertEquals(7, r.status());
        Path ldconfig = Path.of("/sbin/ldconfig");
        if (Files.exists(ldconfig)) { // Debian's ldconfig is statically linked
            Run s =
                    preload(
                            Map.of("RAWSYS_FAKETIME", "0"),
                            "--hook",
                            FakeTime.class.getName(),
                            "--",
                            ldconfig.toString(),
                            "--version");
            assertTrue(s.stderr().contains("is statically linked"), s.stderr());
        }
    }

    /**
     * Issue 12, item 1, from the command line: timeout's SIGCHLD handler must see sleep end at the
     * deadline under every sample hook (it waited for ever once the JDK had reset SIGCHLD).
     */
    @ParameterizedTest
    @ValueSource(strings = {"CallLogger", "Sandbox", "Redirect"})
    void timeoutEndsItsCommandAtTheDeadline(String hook) throws Exception {
        Run r =
                preload(
                        Map.of(
                                "RAWSYS_SANDBOX",
                                dir.toString(),
                                "RAWSYS_REDIRECT",
                                "/nonexistent-a=/nonexistent-b"),
                        "--hook",
                        "io.rawsys.preload.samples." + hook,
                        "--",
                        "timeout",
                        "1",
                        "sleep",
                        "60");
        assertEquals(124, r.status(), r.stderr());
    }

    /**
     * Issue 12, item 3: a signal sent to rawsys preload goes to the command, and rawsys preload
     * then dies of it as the command did, leaving nothing behind (sleep ran on, reparented to init,
     * after the command line had exited). perl reports how the command line ended, which Java's
     * Process cannot tell from an exit status of 128 + the signal.
     */
    @Test
    void aSignalToTheCommandLineGoesToTheCommand() throws Exception {
        List<String> cmd =
                new ArrayList<>(
                        List.of(
                                "perl",
                                "-e",
                                "my $pid = fork // die; if (!$pid) { exec @ARGV or exit 127 }"
                                        + " waitpid($pid, 0); print(($? & 127) . \" \" . ($? >> 8));",
                                "--"));
        cmd.addAll(RawsysJar.command("preload", "--hook", CallLogger.class.getName(), "--"));
        cmd.addAll(List.of("sleep", "60"));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().put("XDG_CACHE_HOME", dir.resolve("cache").toString());
        Process perl = pb.redirectErrorStream(true).start();
        ProcessHandle cli = null;
        ProcessHandle sleep = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (sleep == null && System.nanoTime() < deadline) {
            Thread.sleep(50);
            cli = perl.toHandle().children().findFirst().orElse(null);
            sleep =
                    cli == null
                            ? null
                            : cli.children()
                                    .filter(h -> h.info().command().orElse("").endsWith("/sleep"))
                                    .findFirst()
                                    .orElse(null);
        }
        assertTrue(sleep != null, "rawsys preload did not start sleep within a minute");
        ProcessCalls.kill((int) cli.pid(), Signal.SIGTERM);
        assertTrue(perl.waitFor(60, TimeUnit.SECONDS), "rawsys preload did not end");
        String out = new String(perl.getInputStream().readAllBytes());
        assertEquals(Signal.SIGTERM + " 0", out, "killed by SIGTERM, as sleep was");
        assertFalse(sleep.isAlive(), "sleep was left running");
    }
}
