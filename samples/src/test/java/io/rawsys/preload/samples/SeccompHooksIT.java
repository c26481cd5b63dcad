package io.rawsys.preload.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.rawsys.Syscalls;
import io.rawsys.cli.RawsysJar;
import io.rawsys.cli.RawsysJar.Run;
import io.rawsys.linux.Nr;
import io.rawsys.linux.Seccomp;
import io.rawsys.testing.Probe;
import io.rawsys.testing.ProcessTree;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rawsys preload --seccomp} with the sample hooks on programs LD_PRELOAD cannot reach: C
 * programs linked statically (one calling {@code syscall(SYS_openat)} itself, one with eight
 * threads), a Go program, and busybox-static's applets. Each runs plain and under the hook: when
 * the hook lets calls proceed, stdout, stderr and the exit status must be the same; Sandbox denies,
 * Redirect redirects, CallLogger shows the calls. And the kernel's answer when the supervisor dies.
 */
class SeccompHooksIT {
    @TempDir static Path programs;
    @TempDir Path dir;

    static Path files;
    static Path threads;
    static Path ticker;
    static Path alarm;
    static Path goFiles;
    static String goProblem;

    static final Path SOURCES = Path.of("src/test/c/seccomp").toAbsolutePath();
    static final String BUSYBOX = "/bin/busybox";

    /** Seccomp user notification (Linux 5.0+), asked without installing anything. */
    static final Probe NOTIFICATION = notification();

    /** busybox-static, whose applets are programs LD_PRELOAD cannot reach. */
    static final Probe BUSYBOX_STATIC =
            Files.isExecutable(Path.of(BUSYBOX))
                    ? new Probe("busybox-static", true, "")
                    : new Probe(
                            "busybox-static",
                            false,
                            BUSYBOX
                                    + " is missing (Debian: busybox-static, which .ci/install-deps installs)");

    private static Probe notification() {
        String feature = "seccomp user notification";
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment action = arena.allocate(ValueLayout.JAVA_INT);
            action.set(ValueLayout.JAVA_INT, 0, Seccomp.SECCOMP_RET_USER_NOTIF);
            long r =
                    Syscalls.raw(Nr.seccomp, Seccomp.SECCOMP_GET_ACTION_AVAIL, 0, action.address());
            return r == 0
                    ? new Probe(feature, true, "")
                    : new Probe(
                            feature,
                            false,
                            "this kernel does not offer SECCOMP_RET_USER_NOTIF (Linux 5.0+, "
                                    + "CONFIG_SECCOMP_FILTER): seccomp(SECCOMP_GET_ACTION_AVAIL) = "
                                    + r);
        }
    }

    @BeforeAll
    static void buildPrograms() throws Exception {
        files = compile("files.c");
        threads = compile("threads.c", "-pthread");
        ticker = compile("ticker.c");
        alarm = compile("alarm.c");
        goFiles = programs.resolve("files-go");
        Run go;
        try {
            go =
                    run(
                            Map.of(
                                    "GOCACHE", programs.resolve("gocache").toString(),
                                    "GOPATH", programs.resolve("gopath").toString(),
                                    "GO111MODULE", "off"),
                            "go",
                            "build",
                            "-o",
                            goFiles.toString(),
                            SOURCES.resolve("files.go").toString());
            goProblem = go.status() == 0 ? null : "go build failed: " + go.both();
        } catch (IOException e) {
            goProblem =
                    "needs the Go toolchain (Debian: golang-go, which .ci/install-deps installs)";
        }
    }

    private static Path compile(String source, String... flags) throws Exception {
        Path out = programs.resolve(source.replace(".c", ""));
        List<String> cc = new ArrayList<>(List.of("cc", "-Wall", "-Wextra", "-Werror", "-O2"));
        cc.addAll(List.of(flags));
        cc.addAll(List.of("-static", "-o", out.toString(), SOURCES.resolve(source).toString()));
        Run r = run(Map.of(), cc.toArray(String[]::new));
        assertEquals(0, r.status(), "cc " + source + ": " + r.both());
        return out;
    }

    private static Run run(Map<String, String> env, String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p, true));
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            ProcessTree.kill(p);
            throw new AssertionError(List.of(command) + " did not end within two minutes");
        }
        return new Run(p.exitValue(), out, new String(err.join(), StandardCharsets.UTF_8));
    }

    private static byte[] readAll(Process p, boolean stderr) {
        try {
            return (stderr ? p.getErrorStream() : p.getInputStream()).readAllBytes();
        } catch (IOException e) {
            return e.toString().getBytes(StandardCharsets.UTF_8);
        }
    }

    /**
     * {@code rawsys preload [--seccomp] --classpath TEST-CLASSES --hook HOOK -- COMMAND} (the test
     * hooks are this module's test classes; the samples are in the jar).
     */
    private static List<String> line(boolean seccomp, Class<?> hook, String... command) {
        List<String> line = new ArrayList<>(RawsysJar.command("preload"));
        if (seccomp) {
            line.add("--seccomp");
        }
        line.addAll(
                List.of(
                        "--classpath",
                        Path.of("target/test-classes").toAbsolutePath().toString(),
                        "--hook",
                        hook.getName(),
                        "--"));
        line.addAll(List.of(command));
        return line;
    }

    /** {@link #line} run to its end with {@code env} and a cache in {@code dir}. */
    private Run preload(boolean seccomp, Class<?> hook, Map<String, String> env, String... command)
            throws Exception {
        Map<String, String> all = new HashMap<>(env);
        all.put("XDG_CACHE_HOME", dir.resolve("cache").toString());
        return run(all, line(seccomp, hook, command).toArray(String[]::new));
    }

    private void assertSameRun(Run plain, Run hooked, String what) {
        assertEquals(plain.stdout(), hooked.stdout(), what + ": stdout\n" + hooked.both());
        assertEquals(plain.stderr(), hooked.stderr(), what + ": stderr");
        assertEquals(plain.status(), hooked.status(), what + ": exit status");
    }

    @Test
    void proceedingChangesNothingAndTheLoggerSeesWhatLdPreloadCannot() throws Exception {
        NOTIFICATION.assume();
        BUSYBOX_STATIC.assume();
        Files.writeString(dir.resolve("t"), "x");
        List<String[]> commands =
                List.of(
                        new String[] {files.toString(), dir.toString()},
                        new String[] {threads.toString(), dir.resolve("t").toString()},
                        new String[] {BUSYBOX, "cat", dir.resolve("t").toString()},
                        new String[] {BUSYBOX, "ls", "-l", dir.resolve("t").toString()},
                        new String[] {BUSYBOX, "sh", "-c", "echo x > " + dir.resolve("f")},
                        new String[] {BUSYBOX, "cat", "/nonexistent"});
        for (String[] command : commands) {
            String what = String.join(" ", command);
            Run plain = run(Map.of(), command);
            Path calls = dir.resolve("calls-" + Math.abs(what.hashCode()));
            Run hooked =
                    preload(
                            true,
                            CallLogger.class,
                            Map.of("RAWSYS_CALLLOG", calls.toString()),
                            command);
            assertSameRun(plain, hooked, what);
            assertTrue(
                    Files.readString(calls).contains("openat(AT_FDCWD, \""),
                    what + " opens a file, and the logger sees it:\n" + Files.readString(calls));
        }
        // The same static program under LD_PRELOAD: the logger never runs, and rawsys says why.
        Path preloaded = dir.resolve("calls-preload");
        Run ld =
                preload(
                        false,
                        CallLogger.class,
                        Map.of("RAWSYS_CALLLOG", preloaded.toString()),
                        files.toString(),
                        dir.toString());
        assertEquals(0, ld.status(), ld.both());
        assertTrue(ld.stderr().contains("is statically linked"), ld.stderr());
        assertFalse(Files.exists(preloaded), "LD_PRELOAD saw no call of a static program");
    }

    @Test
    void aRawSyscallIsSeen() throws Exception {
        NOTIFICATION.assume();
        Path calls = dir.resolve("calls");
        Run r =
                preload(
                        true,
                        CallLogger.class,
                        Map.of("RAWSYS_CALLLOG", calls.toString()),
                        files.toString(),
                        dir.toString());
        assertEquals(0, r.status(), r.both());
        // files.c's syscall(SYS_openat, …, O_RDONLY|O_CLOEXEC) bypasses libc's open wrappers
        assertTrue(
                Files.readString(calls)
                        .contains("openat(AT_FDCWD, \"" + dir + "/a\", O_RDONLY|O_CLOEXEC) = ?"),
                Files.readString(calls));
    }

    @Test
    void sandboxDeniesAStaticProgramAndBusyboxOutsideTheBox() throws Exception {
        NOTIFICATION.assume();
        BUSYBOX_STATIC.assume();
        Path box = Files.createDirectories(dir.resolve("box"));
        Map<String, String> env = Map.of("RAWSYS_SANDBOX", box.toString());
        Run out = preload(true, Sandbox.class, env, files.toString(), dir.toString());
        assertEquals(1, out.status(), out.both());
        assertEquals("open " + dir + "/a: Permission denied\n", out.stderr());
        assertFalse(Files.exists(dir.resolve("a")));
        Run in = preload(true, Sandbox.class, env, files.toString(), box.toString());
        assertEquals(0, in.status(), in.both());
        assertEquals("size 6\nread 6: hello\ndone\n", in.stdout());
        Run sh =
                preload(
                        true,
                        Sandbox.class,
                        env,
                        BUSYBOX,
                        "sh",
                        "-c",
                        "echo x > " + dir.resolve("y") + "; echo y > " + box.resolve("y"));
        assertTrue(sh.stderr().contains("Permission denied"), sh.both());
        assertFalse(Files.exists(dir.resolve("y")));
        assertEquals("y\n", Files.readString(box.resolve("y")));
    }

    @Test
    void sandboxDeniesAGoProgram() throws Exception {
        NOTIFICATION.assume();
        assumeTrue(goProblem == null, goProblem);
        Path box = Files.createDirectories(dir.resolve("box"));
        Map<String, String> env = Map.of("RAWSYS_SANDBOX", box.toString());
        Run plain = run(Map.of(), goFiles.toString(), box.toString());
        Run hooked = preload(true, Sandbox.class, env, goFiles.toString(), box.toString());
        assertSameRun(plain, hooked, "files-go in the box");
        Run out = preload(true, Sandbox.class, env, goFiles.toString(), dir.toString());
        assertEquals(1, out.status(), out.both());
        assertTrue(out.stderr().contains("permission denied"), out.stderr());
        assertFalse(Files.exists(dir.resolve("g")));
    }

    @Test
    void redirectOpensStatsAndReadsAnotherTree() throws Exception {
        NOTIFICATION.assume();
        BUSYBOX_STATIC.assume();
        Path real = Files.createDirectories(dir.resolve("real"));
        Path alt = Files.createDirectories(dir.resolve("alt"));
        Files.writeString(real.resolve("name"), "real\n");
        Files.writeString(alt.resolve("name"), "alternative\n");
        Files.createSymbolicLink(alt.resolve("link"), Path.of("name"));
        Run r =
                preload(
                        true,
                        Redirect.class,
                        Map.of("RAWSYS_REDIRECT", real + "=" + alt),
                        BUSYBOX,
                        "sh",
                        "-c",
                        "cat "
                                + real.resolve("name")
                                + "; stat -c %s "
                                + real.resolve("name")
                                + "; readlink "
                                + real.resolve("link")
                                + "; test -e "
                                + real.resolve("link")
                                + " && echo exists");
        assertEquals("alternative\n12\nname\nexists\n", r.stdout(), r.both());
        assertEquals(0, r.status());
    }

    /**
     * A hook slower than the program's timer: with SA_RESTART each tick would restart the waiting
     * call and ask the hook again, for ever, unless the wait is killable only
     * (SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV): the open is asked about once and completes.
     */
    @Test
    void aSlowHookIsAskedOnceThoughTheProgramsTimerTicks() throws Exception {
        NOTIFICATION.assume();
        Path slow = Files.writeString(dir.resolve("slowfile"), "x");
        Path asked = dir.resolve("asked");
        Run r =
                preload(
                        true,
                        SlowOpens.class,
                        Map.of("RAWSYS_ASKED", asked.toString()),
                        alarm.toString(),
                        slow.toString());
        assertEquals("opened\n", r.stdout(), r.both());
        assertEquals(slow + "\n", Files.readString(asked), "asked once");
    }

    /**
     * Sandbox judges paths as the kernel resolves them: against the program's working directory
     * (after its cd, not rawsys's) and an *at call's directory descriptor (rm -r's unlinkat).
     */
    @Test
    void sandboxResolvesRelativePathsInTheProgram() throws Exception {
        NOTIFICATION.assume();
        BUSYBOX_STATIC.assume();
        Path box = Files.createDirectories(dir.resolve("box"));
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Path tree = Files.createDirectories(outside.resolve("tree"));
        Files.writeString(tree.resolve("f"), "x");
        Map<String, String> env = Map.of("RAWSYS_SANDBOX", box.toString());
        Run r =
                preload(
                        true,
                        Sandbox.class,
                        env,
                        BUSYBOX,
                        "sh",
                        "-c",
                        "cd "
                                + box
                                + " && echo in > rel; cd "
                                + outside
                                + " && echo out > rel; rm -r "
                                + tree);
        assertEquals("in\n", Files.readString(box.resolve("rel")), r.both());
        assertFalse(Files.exists(outside.resolve("rel")), r.both());
        assertTrue(Files.exists(tree.resolve("f")), "rm -r's unlinkat(dirfd, \"f\") was refused");
    }

    /** What the supervisor makes for withPath obeys the program's umask. */
    @Test
    void redirectedCreationsKeepTheProgramsUmask() throws Exception {
        NOTIFICATION.assume();
        BUSYBOX_STATIC.assume();
        Path from = Files.createDirectories(dir.resolve("from"));
        Path to = Files.createDirectories(dir.resolve("to"));
        Run r =
                preload(
                        true,
                        Redirect.class,
                        Map.of("RAWSYS_REDIRECT", from + "=" + to),
                        BUSYBOX,
                        "sh",
                        "-c",
                        "umask 077; echo new > "
                                + from.resolve("new")
                                + "; mkdir "
                                + from.resolve("d"));
        assertEquals(0, r.status(), r.both());
        assertEquals(
                "rw-------",
                java.nio.file.attribute.PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(to.resolve("new"))));
        assertEquals(
                "rwx------",
                java.nio.file.attribute.PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(to.resolve("d"))));
    }

    @Test
    void theExitStatusAndAKillingSignalPassThrough() throws Exception {
        NOTIFICATION.assume();
        BUSYBOX_STATIC.assume();
        Run exits = preload(true, CallLogger.class, Map.of(), BUSYBOX, "sh", "-c", "exit 7");
        assertEquals(7, exits.status(), exits.both());
        Run killed =
                preload(true, CallLogger.class, Map.of(), BUSYBOX, "sh", "-c", "kill -TERM $$");
        assertEquals(128 + 15, killed.status(), killed.both());
    }

    @Test
    void aHookThatOnlyWantsTheTimeIsRefusedWithTheReason() throws Exception {
        NOTIFICATION.assume();
        BUSYBOX_STATIC.assume();
        Run r = preload(true, FakeTime.class, Map.of(), BUSYBOX, "date");
        assertEquals(2, r.status(), r.both());
        assertTrue(r.stderr().contains("vDSO"), r.stderr());
        assertEquals("", r.stdout());
    }

    /**
     * The supervisor killed while the program runs: the kernel answers the program's notified calls
     * with ENOSYS from then on (the program holds no listener of its own), so it ends on its own,
     * saying so, and none of it is left behind.
     */
    @Test
    void aProgramWhoseSupervisorDiesGetsEnosysAndEnds() throws Exception {
        NOTIFICATION.assume();
        Path file = Files.writeString(dir.resolve("f"), "x");
        Path report = dir.resolve("report");
        List<String> line =
                line(true, Sandbox.class, ticker.toString(), file.toString(), report.toString());
        ProcessBuilder pb = new ProcessBuilder(line);
        pb.environment().put("RAWSYS_SANDBOX", dir.toString());
        pb.environment().put("XDG_CACHE_HOME", dir.resolve("cache").toString());
        Process rawsys = pb.start();
        rawsys.getOutputStream().close();
        BufferedReader out =
                new BufferedReader(
                        new InputStreamReader(rawsys.getInputStream(), StandardCharsets.UTF_8));
        String first = out.readLine();
        assertTrue(first != null && first.startsWith("ticking "), String.valueOf(first));
        long pid = Long.parseLong(first.substring("ticking ".length()));
        ProcessHandle ticking = ProcessHandle.of(pid).orElseThrow();
        try {
            Thread.sleep(300); // a few hundred supervised opens
            rawsys.destroyForcibly().waitFor();
            ticking.onExit().get(30, TimeUnit.SECONDS);
        } finally {
            ticking.destroyForcibly();
        }
        assertEquals("open: Function not implemented\n", Files.readString(report));
    }
}
