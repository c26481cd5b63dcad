package io.rawsys.cli.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rawsys.cli.RawsysJar;
import io.rawsys.cli.trace.StraceComparison.Trace;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * rawsys trace's options beyond the calls themselves: -p, -c, -e status=, --seccomp-bpf, --json,
 * timestamps.
 */
class TraceOptionsIT {
    @TempDir Path dir;

    /** -p attaches to a running sleep; SIGINT detaches; the sleep goes on and ends normally. */
    @Test
    void attachThenDetachOnSigint() throws Exception {
        // long enough to be still asleep when the SIGINT comes, on a loaded machine too
        Process sleep = new ProcessBuilder("sleep", "8").start();
        List<String> command = new ArrayList<>(List.of("env", "--default-signal=INT"));
        command.addAll(RawsysJar.command("trace", "-p", Long.toString(sleep.pid())));
        Process tracer = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader out =
                new BufferedReader(
                        new InputStreamReader(
                                tracer.getInputStream(), StandardCharsets.ISO_8859_1));
        String first = out.readLine();
        assertEquals("rawsys trace: Process " + sleep.pid() + " attached", first);
        Thread.sleep(300);
        new ProcessBuilder("kill", "-INT", Long.toString(tracer.pid())).start().waitFor();
        assertTrue(tracer.waitFor(20, TimeUnit.SECONDS), "the tracer ends after SIGINT");
        StringBuilder rest = new StringBuilder();
        for (String line; (line = out.readLine()) != null; ) {
            rest.append(line).append('\n');
        }
        assertEquals(130, tracer.exitValue(), rest.toString());
        assertTrue(
                rest.toString()
                        .contains("restart_syscall(<... resuming interrupted clock_nanosleep ...>"),
                rest.toString());
        assertTrue(
                rest.toString()
                        .contains(
                                "rawsys trace: Process "
                                        + sleep.pid()
                                        + " detached\n <detached ...>\n"),
                rest.toString());
        String state =
                Files.readString(Path.of("/proc/" + sleep.pid() + "/status"))
                        .lines()
                        .filter(l -> l.startsWith("State:"))
                        .findFirst()
                        .orElseThrow();
        assertFalse(state.contains("t (tracing stop)") || state.contains("T (stopped)"), state);
        assertTrue(sleep.waitFor(20, TimeUnit.SECONDS));
        assertEquals(0, sleep.exitValue(), "the sleep ran to its end, untraced");
    }

    /**
     * SIGTERM to the tracer of a command it started: it detaches, the command runs on untraced and
     * ends normally, and nothing is left stopped.
     */
    @Test
    void sigtermDetachesFromAStartedCommand() throws Exception {
        Path marker = dir.resolve("done");
        Process tracer =
                new ProcessBuilder(
                                RawsysJar.command(
                                        "trace",
                                        "-o",
                                        dir.resolve("trace.txt").toString(),
                                        "sh",
                                        "-c",
                                        "sleep 2; echo finished > " + marker))
                        .redirectErrorStream(true)
                        .start();
        Path trace = dir.resolve("trace.txt");
        for (int i = 0;
                i < 200 && !(Files.exists(trace) && Files.readString(trace).contains("wait4("));
                i++) {
            Thread.sleep(50);
        }
        new ProcessBuilder("kill", "-TERM", Long.toString(tracer.pid())).start().waitFor();
        assertTrue(tracer.waitFor(20, TimeUnit.SECONDS));
        String out =
                new String(tracer.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        assertEquals(143, tracer.exitValue(), out);
        // into a file with a command, quiet about attaching and detaching (-q), as strace is
        assertEquals("", out);
        for (int i = 0; i < 100 && !Files.exists(marker); i++) {
            Thread.sleep(50);
        }
        assertEquals(
                "finished\n", Files.readString(marker), "the command finished after the detach");
    }

    /** -c: the same calls and errors per system call as strace -c counts. */
    @Test
    void summaryCountsAsStraceDoes() throws Exception {
        List<String> command = List.of("ls", "/");
        Trace strace = StraceComparison.strace(dir, List.of("-c"), command);
        Trace rawsys = StraceComparison.rawsys(dir, List.of("-c"), command);
        assertEquals(
                counts(strace.lines()), counts(rawsys.lines()), String.join("\n", rawsys.lines()));
        assertTrue(
                rawsys.lines()
                        .getFirst()
                        .equals("% time     seconds  usecs/call     calls    errors syscall"));
    }

    /** name → "calls errors" from a -c table. */
    private static Map<String, String> counts(List<String> table) {
        Pattern row =
                Pattern.compile("^\\s*[\\d.]+\\s+[\\d.]+\\s+\\d+\\s+(\\d+)\\s+(\\d*)\\s*(\\S+)$");
        Map<String, String> counts = new TreeMap<>();
        for (String line : table) {
            Matcher m = row.matcher(line);
            if (m.matches()) {
                counts.put(
                        m.group(3), m.group(1) + " " + (m.group(2).isEmpty() ? "0" : m.group(2)));
            }
        }
        return counts;
    }

    @Test
    void statusFilterShowsOnlyFailedCalls() throws Exception {
        List<String> options = List.of("-e", "status=failed");
        List<String> command = List.of("cat", "/nonexistent/file");
        Trace strace = StraceComparison.strace(dir, options, command);
        Trace rawsys = StraceComparison.rawsys(dir, options, command);
        assertEquals(strace.status(), rawsys.status());
        assertEquals(
                StraceComparison.namesAndResults(StraceComparison.normalized(strace)),
                StraceComparison.namesAndResults(StraceComparison.normalized(rawsys)));
    }

    /** --seccomp-bpf stops only at the traced calls, and the trace shows the same ones. */
    @Test
    void seccompFilterTracesTheSameCalls() throws Exception {
        Path file = StraceComparison.file(dir, "x.txt", "x\n");
        List<String> options = List.of("--seccomp-bpf", "-f", "-e", "trace=openat,close");
        List<String> command = List.of("sh", "-c", "cat " + file + " > /dev/null");
        Trace strace = StraceComparison.strace(dir, options, command);
        Trace rawsys = StraceComparison.rawsys(dir, options, command);
        assertEquals(strace.status(), rawsys.status(), rawsys.output());
        assertEquals(
                StraceComparison.perProcess(StraceComparison.normalized(strace))
                        .toString()
                        .replaceAll("PID\\d+", "PID"),
                StraceComparison.perProcess(StraceComparison.normalized(rawsys))
                        .toString()
                        .replaceAll("PID\\d+", "PID"));
    }

    /** --json: one object per line, each call and event, in order. */
    @Test
    void jsonLines() throws Exception {
        Trace rawsys = StraceComparison.rawsys(dir, List.of("--json"), List.of("/bin/true"));
        assertEquals(0, rawsys.status(), rawsys.output());
        List<String> lines = rawsys.lines();
        assertTrue(
                lines.getFirst()
                        .matches(
                                "\\{\"type\":\"syscall\",\"pid\":\\d+,\"time\":[\\d.]+,\"name\":\"execve\",\"arch\":\"x86_64\",\"args\":\\[.*\\],\"result\":\"0\",\"duration\":[\\d.]+\\}"),
                lines.getFirst());
        assertTrue(
                lines.getLast()
                        .matches(
                                "\\{\"type\":\"exited\",\"pid\":\\d+,\"time\":[\\d.]+,\"status\":0\\}"),
                lines.getLast());
        assertTrue(
                lines.stream()
                        .anyMatch(
                                l ->
                                        l.contains("\"name\":\"access\"")
                                                && l.contains("\"errno\":2,\"error\":\"ENOENT\"")),
                String.join("\n", lines));
    }

    @Test
    void timestampsAndCallTimes() throws Exception {
        List<String> command = List.of("/bin/true");
        assertTrue(line(List.of("-t"), command).matches("\\d\\d:\\d\\d:\\d\\d execve\\(.*"));
        assertTrue(
                line(List.of("-tt"), command).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{6} execve\\(.*"));
        assertTrue(line(List.of("-ttt"), command).matches("\\d{10}\\.\\d{6} execve\\(.*"));
        assertTrue(line(List.of("-r"), command).matches(" {5}0\\.000000 execve\\(.*"));
        assertTrue(line(List.of("-T"), command).matches("execve\\(.*\\) = 0 <\\d+\\.\\d{6}>"));
    }

    private String line(List<String> options, List<String> command) throws Exception {
        Trace rawsys = StraceComparison.rawsys(dir, options, command);
        assertEquals(0, rawsys.status(), rawsys.output());
        return rawsys.lines().getFirst();
    }

    @Test
    void badCommandLinesAreRefusedWithTheReason() throws Exception {
        RawsysJar.Run none = RawsysJar.rawsys("trace");
        assertEquals(2, none.status());
        assertEquals(
                "rawsys trace: give a command to trace, or -p PID to attach to one\n",
                none.stderr());
        RawsysJar.Run unknown = RawsysJar.rawsys("trace", "-e", "trace=opnat", "true");
        assertEquals(2, unknown.status());
        assertEquals(
                "rawsys trace: -e trace: 'opnat' is no system call on x86_64; did you mean openat?\n",
                unknown.stderr());
        RawsysJar.Run missing = RawsysJar.rawsys("trace", "no-such-command-anywhere");
        assertEquals(1, missing.status());
        assertEquals(
                "rawsys trace: Can't stat 'no-such-command-anywhere': No such file or directory\n",
                missing.stderr());
        RawsysJar.Run noProcess = RawsysJar.rawsys("trace", "-p", "999999999");
        assertEquals(1, noProcess.status());
        assertEquals("rawsys trace: attach: no process 999999999\n", noProcess.stderr());
        RawsysJar.Run badClass = RawsysJar.rawsys("trace", "-e", "trace=%files", "true");
        assertEquals(2, badClass.status());
        assertTrue(
                badClass.stderr()
                        .startsWith("rawsys trace: -e trace: no system call class '%files'"),
                badClass.stderr());
    }

    /**
     * As under strace, a descriptor the tracer was given reaches the command it traces ({@code
     * rawsys trace CMD 7<file}): the launcher lists those it was given in rawsys.inheritedFds, and
     * no other descriptor of the JVM leaks to the command.
     */
    @Test
    void descriptorsTheTracerWasGivenReachTheCommand() throws Exception {
        Path file = StraceComparison.file(dir, "given.txt", "given\n");
        String java = RawsysJar.JAVA + " -Drawsys.inheritedFds=7 -jar " + RawsysJar.JAR;
        RawsysJar.Run run =
                RawsysJar.run(
                        new byte[0],
                        List.of(
                                "bash",
                                "-c",
                                "exec 7<"
                                        + file
                                        + "; exec "
                                        + java
                                        + " trace -e trace=none -o /dev/null -- sh -c 'cat <&7;"
                                        + " ls /proc/self/fd | tr \"\\n\" \" \"'"));
        assertEquals(0, run.status(), run.both());
        // 0, 1, 2, the given 7, and ls's own directory: nothing of the JVM's
        assertTrue(run.stdout().matches("given\n0 1 2 \\d+ 7 "), run.stdout());
        // the launcher's own list, from its loop, for a shell given 7 and 9
        Path launcher = Path.of("../rawsys").toAbsolutePath();
        RawsysJar.Run listed =
                RawsysJar.run(
                        new byte[0],
                        List.of(
                                "bash",
                                "-c",
                                "exec 7<"
                                        + file
                                        + " 9<"
                                        + file
                                        + "; source <(sed -n '/^inherited=\"\"$/,/^done$/p' "
                                        + launcher
                                        + "); echo \",$inherited,\""));
        assertTrue(
                listed.stdout().contains(",7,") && listed.stdout().contains(",9,"), listed.both());
    }

    /**
     * -D, as strace -D: the command keeps the pid of the process the caller started (so it is the
     * caller's child, and its status is the caller's to see), the tracer runs detached, and the
     * trace is strace's.
     */
    @Test
    void aDetachedTracerLeavesTheCommandTheCallersChild() throws Exception {
        List<String> program = List.of("sh", "-c", "echo $$; exit 7");
        List<String> traced = new ArrayList<>();
        for (String tracer : List.of("strace", "rawsys")) {
            Path out = dir.resolve(tracer + "-D.txt");
            List<String> line = new ArrayList<>();
            if (tracer.equals("strace")) {
                line.add("strace");
            } else {
                line.addAll(RawsysJar.command("trace"));
            }
            line.addAll(List.of("-D", "-e", "trace=write,exit_group", "-o", out.toString(), "--"));
            line.addAll(program);
            Process p = new ProcessBuilder(line).redirectErrorStream(true).start();
            String printed =
                    new String(p.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            assertEquals(7, p.exitValue(), printed);
            assertEquals(
                    p.pid() + "\n", printed, tracer + ": the command has the caller's child's pid");
            // the tracer goes on detached: its last line comes when the command is gone
            for (int i = 0; i < 400; i++) {
                if (Files.exists(out) && Files.readString(out).contains("+++ exited with 7 +++")) {
                    break;
                }
                Thread.sleep(50);
            }
            traced.add(Files.readString(out).replace(Long.toString(p.pid()), "PID"));
        }
        assertEquals(traced.get(0), traced.get(1));
        assertTrue(traced.get(1).startsWith("write(1, \"PID\\n\", "), traced.get(1));
    }
}
