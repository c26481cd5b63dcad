package io.rawsys.preload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rawsys.preload.Preloaded.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The must-get-right list: what the hook machinery may never do to a program, and decisions. */
class GuaranteesIT {
    private static final String LOG_ALL = "io.rawsys.preload.testhooks.LogEverything";
    private static final String DECISIONS = "io.rawsys.preload.testhooks.Decisions";

    @TempDir Path dir;

    private Path log() {
        return dir.resolve("hook.log");
    }

    private Run probe(String hook, Map<String, String> extra, String... args) throws Exception {
        Map<String, String> env = new HashMap<>(Preloaded.hooked(hook, log()));
        env.putAll(extra);
        List<String> cmd =
                new java.util.ArrayList<>(List.of(Preloaded.NATIVE.resolve("probe").toString()));
        cmd.addAll(List.of(args));
        return Preloaded.run(cmd, dir, env, new byte[0]);
    }

    private List<String> calls() throws Exception {
        return Preloaded.log(log()).lines().filter(l -> l.startsWith("call ")).toList();
    }

    @Test
    void theJvmsOwnFileAccessNeverReachesTheHook() throws Exception {
        Run r = probe(LOG_ALL, Map.of(), "selftest");
        assertEquals(0, r.status(), r.stderr());
        assertFalse(calls().isEmpty());
        for (String c : calls()) {
            assertFalse(
                    c.contains("/lib/modules")
                            || c.contains("libjvm")
                            || c.contains(".jar")
                            || c.contains("/proc/self/")
                            || c.contains("jvm.cfg"),
                    c);
        }
    }

    @Test
    void theWholeSelftestPassesUnderTheLoggingHook() throws Exception {
        Run r = probe(LOG_ALL, Map.of(), "selftest");
        assertEquals("selftest passed\n", r.stdout());
        assertEquals("", r.stderr());
        String log = String.join("\n", calls());
        for (String f :
                List.of(
                        " open ",
                        " write ",
                        " stat ",
                        " rename ",
                        " mkdir ",
                        " unlink ",
                        " fork ",
                        " vfork ",
                        " posix_spawnp ",
                        " syscall ",
                        " clock_gettime ",
                        " time ")) {
            assertTrue(log.contains(f), f + " missing from\n" + log);
        }
    }

    /** A bad pointer of the program's is the kernel's EFAULT, hooked or not, never a crash. */
    @Test
    void aBadPathPointerIsEfaultNotACrash() throws Exception {
        Run r = probe(LOG_ALL, Map.of(), "efault");
        assertEquals(0, r.status(), r.stderr());
        assertEquals("-1 errno=14\n", r.stdout());
        assertTrue(calls().stream().anyMatch(l -> l.contains(" open null")), calls().toString());
    }

    /** The JVM stays when the hook class does not load; the program's signals must not. */
    @Test
    void sigpipeKillsAsBeforeWhenTheHookDoesNotLoad() throws Exception {
        Run r = probe("no.such.Hook", Map.of(), "sigpipe");
        assertEquals(128 + 13, r.status(), r.stdout() + r.stderr());
        assertEquals("", r.stdout());
    }

    /**
     * Issue 12, item 1: every signal the program owns stays its own while the JVM boots and works
     * (environment, files, threads, a child process: starting one made the JDK set SIGCHLD to
     * SIG_DFL, and `timeout 1 sleep 5` then waited for ever).
     */
    @ParameterizedTest
    @ValueSource(strings = {"BusyJvm", "BusyJvm$Late"})
    void theProgramsSignalDispositionsSurviveABusyJvm(String hook) throws Exception {
        Run r = probe("io.rawsys.preload.testhooks." + hook, Map.of(), "signals");
        String log = Preloaded.log(log());
        assertEquals("signals ok\n", r.stdout(), r.stderr() + log);
        assertEquals(0, r.status());
        assertEquals(hook.equals("BusyJvm"), log.contains("busy: worked while booting\n"), log);
        assertTrue(log.contains("busy: worked at open /dev/null\n"), log);
        assertFalse(log.contains("Exception"), log);
    }

    /** The issue's own case: timeout's SIGCHLD handler must see sleep end at the deadline. */
    @ParameterizedTest
    @ValueSource(strings = {"BusyJvm", "BusyJvm$Late", "LogEverything"})
    void timeoutEndsItsChildAtTheDeadline(String hook) throws Exception {
        Map<String, String> env = Preloaded.hooked("io.rawsys.preload.testhooks." + hook, log());
        Run r = Preloaded.run(List.of("timeout", "1", "sleep", "30"), dir, env, new byte[0]);
        assertEquals(124, r.status(), r.stderr() + Preloaded.log(log()));
    }

    /**
     * A fault signal sent with kill() ends a hooked program as it ends one without the library: the
     * JVM's handler chains to the program's SIG_DFL, which re-raises a real fault by running the
     * instruction again, but must send a sent signal again (the shell survived SIGSEGV).
     */
    @ParameterizedTest
    @ValueSource(strings = {"SEGV", "BUS", "FPE", "ILL"})
    void aFaultSignalSentByKillEndsTheProgram(String signal) throws Exception {
        List<String> cmd =
                List.of("sh", "-c", "cat /dev/null; kill -" + signal + " $$; echo survived");
        Run plain = Preloaded.run(cmd, dir, Map.of(), new byte[0]);
        Run hooked = Preloaded.run(cmd, dir, Preloaded.hooked(LOG_ALL, log()), new byte[0]);
        assertEquals(plain.status(), hooked.status(), hooked.stdout() + Preloaded.log(log()));
        assertEquals("", hooked.stdout());
        assertTrue(plain.status() > 128, "sh died of SIG" + signal + " without the library");
    }

    /** HotSpot's suspend signal is moved off SIGUSR2, which stays the program's. */
    @Test
    void theProgramsSigusr2HandlerRuns() throws Exception {
        Run r = probe(LOG_ALL, Map.of(), "sigusr2");
        assertEquals("ran=1\n", r.stdout(), r.stderr());
    }

    /** A child of the raw fork system call has no JVM: its hooked calls pass through. */
    @Test
    void aRawForkChildNeverCallsJava() throws Exception {
        Run r = probe(LOG_ALL, Map.of(), "rawfork");
        assertEquals("child status 0\n", r.stdout(), r.stderr());
    }

    /** exec's environment is never copied to a small thread's stack. */
    @Test
    void aHugeEnvironmentSpawnsFromASmallThread() throws Exception {
        Run r = probe(LOG_ALL, Map.of(), "bigenv");
        assertEquals("true exited 0\n", r.stdout(), r.stderr());
    }

    /** The stat, path and socket families reach the hook with their arguments decoded. */
    @Test
    void statPathAndSocketCallsArriveDecoded() throws Exception {
        Path work = Files.createDirectories(dir.resolve("work"));
        Run r = probe("io.rawsys.preload.testhooks.Decoded", Map.of(), "families", work.toString());
        assertEquals(0, r.status(), r.stderr());
        String[] seen = r.stdout().strip().split(" "); // port P server S client C peer A
        String port = seen[1], server = seen[3], client = seen[5], peer = seen[7];
        List<String> decoded =
                Preloaded.log(log()).lines().filter(l -> l.startsWith("decoded ")).toList();
        String w = work.toString();
        for (String line :
                List.of(
                        "decoded fstat fd=3",
                        "decoded lstat path=" + w + "/link",
                        "decoded statx path=" + w + "/file",
                        "decoded readlink path=" + w + "/link",
                        "decoded access path=" + w + "/file",
                        "decoded rename path=" + w + "/file new=" + w + "/moved",
                        "decoded mkdir path=" + w + "/sub",
                        "decoded unlink path=" + w + "/link",
                        "decoded socket fd=-1",
                        "decoded bind fd=" + server + " port=0",
                        "decoded connect fd=" + client + " port=" + port,
                        "decoded accept4 fd=" + server,
                        "decoded sendto fd=" + client + " bytes=4",
                        "decoded recvfrom fd=" + peer + " bytes=8")) {
            assertTrue(
                    decoded.contains(line), line + " missing from\n" + String.join("\n", decoded));
        }
    }

    @Test
    void javaOptionVariablesOfTheHostAreIgnored() throws Exception {
        Run r =
                probe(
                        LOG_ALL,
                        Map.of(
                                "JAVA_TOOL_OPTIONS",
                                "-Xbogus-option",
                                "_JAVA_OPTIONS",
                                "-Xbogus",
                                "JDK_JAVA_OPTIONS",
                                "-Xbogus"),
                        "selftest");
        assertEquals("selftest passed\n", r.stdout());
        assertEquals("", r.stderr());
        assertFalse(calls().isEmpty(), Preloaded.log(log()));
        assertFalse(Preloaded.log(log()).contains("Picked up"));
    }

    @Test
    void errnoIsExactlyAsBeforeAfterAHookedCall() throws Exception {
        Run r = probe(LOG_ALL, Map.of(), "errno");
        assertEquals("errno=77\n", r.stdout());
        assertTrue(Preloaded.log(log()).contains("clock_gettime"));
    }

    @Test
    void aForkChildNeverCallsJava() throws Exception {
        Run r = probe(LOG_ALL, Map.of(), "fork", dir.toString());
        assertEquals("child status 0\n", r.stdout());
        String log = String.join("\n", calls());
        assertTrue(log.contains("parent-before") && log.contains("parent-after"), log);
        assertFalse(log.contains("/child"), log);
        assertTrue(Files.exists(dir.resolve("child")));
    }

    @Test
    void theHostCannotCloseTheJvmsDescriptors() throws Exception {
        Run r = probe(LOG_ALL, Map.of(), "close-all");
        assertEquals("open after closing everything: ok\n", r.stdout());
        assertTrue(
                calls().stream().filter(c -> c.contains("/dev/null")).count() >= 2,
                Preloaded.log(log()));
    }

    @Test
    void theJvmStartsOnlyForAWantedCall() throws Exception {
        Map<String, String> onlyClock = Map.of("RAWSYS_HOOK_FUNCTIONS", "clock_gettime");
        assertEquals(
                "before=0 after=0\n", probe(LOG_ALL, onlyClock, "jvm-loaded", "getpid").stdout());
        assertEquals(
                "before=0 after=1\n",
                probe(LOG_ALL, onlyClock, "jvm-loaded", "clock_gettime").stdout());
    }

    @Test
    void aThrowingHookIsLoggedAndTheCallProceeds() throws Exception {
        Run r = probe("io.rawsys.preload.testhooks.Throwing", Map.of(), "selftest");
        assertEquals("selftest passed\n", r.stdout());
        assertEquals("", r.stderr());
        assertTrue(
                Preloaded.log(log())
                        .contains(
                                "threw java.lang.IllegalStateException: deliberately broken hook"),
                Preloaded.log(log()));
    }

    @Test
    void aMissingHookClassOrJvmIsOneLineInTheLogAndTheProgramRunsUnhooked() throws Exception {
        Run r = probe("no.such.Hook", Map.of(), "selftest");
        assertEquals("selftest passed\n", r.stdout());
        assertEquals("", r.stderr());
        assertEquals(
                1,
                Preloaded.log(log()).lines().filter(l -> l.contains("did not load")).count(),
                Preloaded.log(log()));
        assertTrue(
                Preloaded.log(log()).contains("ClassNotFoundException: no.such.Hook"),
                Preloaded.log(log()));
        Files.delete(log());
        r = probe(LOG_ALL, Map.of("RAWSYS_JAVA_HOME", "/nonexistent"), "selftest");
        assertEquals("selftest passed\n", r.stdout());
        assertEquals(1, Preloaded.log(log()).lines().count(), Preloaded.log(log()));
        assertTrue(Preloaded.log(log()).contains("the JVM did not start"), Preloaded.log(log()));
    }

    /**
     * Issue 12, item 2: a JVM that cannot start must not take the program with it. HotSpot ends the
     * process for a bad option or too small a heap (it exited 1 before the program printed
     * anything); under an address-space limit it died of SIGSEGV in libjimage or exited at a failed
     * allocation.
     */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "-XX:+UseG1GC|Multiple garbage collectors selected",
                "-Xmx1k|Initial heap size set to a larger value than the maximum heap size",
                "-XX:+NoSuchOption|JNI_CreateJavaVM returned",
                "ulimit -v 400000|the address-space limit (ulimit -v, RLIMIT_AS) is 400000 KiB",
                "ulimit -v 100000|the address-space limit (ulimit -v, RLIMIT_AS) is 100000 KiB",
            })
    void aJvmThatCannotStartLeavesTheProgramRunningUnhooked(String caseAndReason) throws Exception {
        String what = caseAndReason.substring(0, caseAndReason.indexOf('|'));
        String reason = caseAndReason.substring(caseAndReason.indexOf('|') + 1);
        Map<String, String> env = new HashMap<>(Preloaded.hooked(LOG_ALL, log()));
        String probe = Preloaded.NATIVE.resolve("probe").toString();
        List<String> command;
        if (what.startsWith("ulimit")) {
            // the shell itself is not preloaded: only the program runs under the limit
            String preload = env.remove("LD_PRELOAD");
            command =
                    List.of(
                            "sh",
                            "-c",
                            what + " && exec env LD_PRELOAD=\"$1\" \"$0\" selftest",
                            probe,
                            preload);
        } else {
            env.put("RAWSYS_JVM_OPTS", what);
            command = List.of(probe, "selftest");
        }
        Run r = Preloaded.run(command, dir, env, new byte[0]);
        String log = Preloaded.log(log());
        assertEquals(0, r.status(), r.stderr() + log);
        assertEquals("selftest passed\n", r.stdout(), log);
        assertEquals("", r.stderr());
        assertTrue(log.contains(reason), log);
        assertEquals(1, log.lines().filter(l -> l.contains("the JVM did not start")).count(), log);
        assertFalse(log.contains("\ncall "), "nothing was hooked: " + log);
    }

    @Test
    void execKeepsThePreloadUnlessToldNotTo() throws Exception {
        Files.writeString(dir.resolve("marker"), "m\n");
        List<String> cmd = List.of("sh", "-c", "cat marker; ls /proc/self/fd");
        Run plain = Preloaded.run(cmd, dir, Map.of(), new byte[0]);
        Run kept = Preloaded.run(cmd, dir, Preloaded.hooked(LOG_ALL, log()), new byte[0]);
        assertTrue(calls().stream().anyMatch(c -> c.endsWith(" marker")), Preloaded.log(log()));
        Files.delete(log());
        Map<String, String> strip = new HashMap<>(Preloaded.hooked(LOG_ALL, log()));
        strip.put("RAWSYS_PRELOAD_INHERIT", "0");
        Run stripped = Preloaded.run(cmd, dir, strip, new byte[0]);
        assertFalse(calls().stream().anyMatch(c -> c.endsWith(" marker")), Preloaded.log(log()));
        // the children see exactly the descriptors they would see without us: ours are
        // close-on-exec
        assertEquals(plain.stdout(), stripped.stdout());
        assertEquals("m\n", kept.stdout().lines().findFirst().orElseThrow() + "\n");
    }

    @Test
    void decisionsFailRewriteAndReturnResults() throws Exception {
        Files.writeString(dir.resolve("secret"), "s");
        assertEquals(
                "-1 errno=13\n",
                probe(DECISIONS, Map.of(), "fail-open", dir.resolve("secret").toString()).stdout());
        String redirected =
                probe(DECISIONS, Map.of(), "fail-open", "/rawsys-redirect/etc/hostname").stdout();
        assertTrue(redirected.matches("\\d+\n"), redirected);
        Run threads =
                Preloaded.run(
                        List.of(
                                Preloaded.NATIVE.resolve("threads").toString(),
                                "/etc/hostname",
                                "4",
                                "50"),
                        dir,
                        Preloaded.hooked(DECISIONS, log()),
                        new byte[0]);
        assertEquals(0, threads.status());
        // JNIEnv cached per thread: each host thread is one Java thread for all its calls
        Set<String> ids =
                Preloaded.log(log())
                        .lines()
                        .filter(l -> l.startsWith("clock on thread"))
                        .collect(Collectors.toSet());
        assertEquals(4, ids.size(), Preloaded.log(log()));
    }

    @Test
    void theInterposerUsesInitialExecTlsOnly() throws Exception {
        Run r =
                Preloaded.run(
                        List.of(
                                "readelf",
                                "-d",
                                Preloaded.LIB.resolve("librawsys-preload.so").toString()),
                        dir,
                        Map.of(),
                        new byte[0]);
        assertTrue(r.stdout().contains("STATIC_TLS"), r.stdout());
    }
}
