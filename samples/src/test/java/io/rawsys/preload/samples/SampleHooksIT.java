package io.rawsys.preload.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rawsys.cli.RawsysJar;
import io.rawsys.cli.RawsysJar.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
}
