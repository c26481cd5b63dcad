package io.rawsys.preload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rawsys.preload.Preloaded.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real programs under a pass-through logging hook behave byte for byte as without it, and the log
 * shows the calls they made.
 */
class PreloadIT {
    private static final String LOG_ALL = "io.rawsys.preload.testhooks.LogEverything";

    @TempDir Path dir;
    Path log;

    @BeforeEach
    void files() throws IOException {
        log = dir.resolve("hook.log");
        Files.writeString(dir.resolve("f"), "line two\nline one\n");
        Files.createDirectories(dir.resolve("tree/sub"));
        Files.writeString(dir.resolve("tree/sub/x"), "x");
    }

    /** Runs {@code sh -c script} twice, plain and hooked, in fresh copies; returns the log. */
    private String sameWithAndWithout(String script) throws Exception {
        return sameWithAndWithout(script, LOG_ALL, Map.of());
    }

    private String sameWithAndWithout(String script, String hook, Map<String, String> extra)
            throws Exception {
        Path plainDir = Files.createDirectories(dir.resolve("plain"));
        Path hookedDir = Files.createDirectories(dir.resolve("hooked"));
        for (Path d : List.of(plainDir, hookedDir))
            Files.writeString(d.resolve("f"), "line two\nline one\n");
        Map<String, String> plainEnv = new HashMap<>(extra);
        Map<String, String> hookedEnv = new HashMap<>(Preloaded.hooked(hook, log));
        hookedEnv.putAll(extra);
        List<String> cmd = List.of("bash", "-c", script);
        Run plain = Preloaded.run(cmd, plainDir, plainEnv, new byte[0]);
        Run hooked = Preloaded.run(cmd, hookedDir, hookedEnv, new byte[0]);
        String log = Preloaded.log(this.log);
        assertEquals(
                plain.stdout().replace(plainDir.toString(), "DIR"),
                hooked.stdout().replace(hookedDir.toString(), "DIR"),
                log);
        assertEquals(plain.stderr(), hooked.stderr(), log);
        assertEquals(plain.status(), hooked.status(), log);
        assertFalse(
                log.contains("did not start")
                        || log.contains("did not load")
                        || log.contains(" threw "),
                log);
        assertTrue(log.contains("call "), "the hook saw no call:\n" + log);
        return log;
    }

    @Test
    void catIntoAFileCopiesWithCopyFileRange() throws Exception {
        String log = sameWithAndWithout("cat f > g && cat g");
        assertTrue(log.contains(" copy_file_range "), log);
    }

    @Test
    void cpCopiesTheSameBytes() throws Exception {
        String log = sameWithAndWithout("cp f g && cmp f g && echo same");
        assertTrue(log.contains("/f") || log.contains(" f"), log);
    }

    @Test
    void lsLongListingUsesStatx() throws Exception {
        String log = sameWithAndWithout("touch -d 2020-01-01 f; ls -l --time-style=+%Y f");
        assertTrue(log.contains(" statx "), log);
    }

    @Test
    void shellPipelineAndSort() throws Exception {
        sameWithAndWithout("printf 'b\\na\\nc\\n' | sort; sort -r f");
    }

    @Test
    void yesIntoHeadEndsWithSigpipeAsWithout() throws Exception {
        sameWithAndWithout("yes | head -1; echo \"${PIPESTATUS[@]}\"");
    }

    @Test
    void tarAndFind() throws Exception {
        String log =
                sameWithAndWithout(
                        "mkdir -p t/s && echo x > t/s/x && tar --mtime=2020-01-01 --owner=0 --group=0 -czf a.tgz t"
                                + " && tar tzf a.tgz | sort && find t | sort");
        // tar starts gzip: the parent's fork or vfork reaches the hook, the child's exec never does
        assertTrue(log.contains(" fork ") || log.contains(" vfork "), log);
    }

    @Test
    void multiThreadedProgram() throws Exception {
        sameWithAndWithout(Preloaded.NATIVE.resolve("threads") + " f 8 100");
        assertTrue(Preloaded.log(log).lines().filter(l -> l.contains(" read ")).count() >= 800);
    }

    @Test
    void pythonSubprocessVforksAndShutilCopiesWithSendfile() throws Exception {
        String log =
                sameWithAndWithout(
                        "python3 -c 'import subprocess, shutil; print(subprocess.run([\"echo\", \"hi\"],"
                                + " capture_output=True).stdout); shutil.copyfile(\"f\", \"g\"); print(open(\"g\").read())'");
        assertTrue(
                log.contains(" vfork ") || log.contains(" posix_spawn") || log.contains(" fork "),
                log);
        assertTrue(log.contains(" sendfile") || log.contains(" copy_file_range "), log);
    }

    @Test
    void gitInitAddCommit() throws Exception {
        Map<String, String> env =
                Map.of(
                        "GIT_AUTHOR_NAME",
                        "t",
                        "GIT_AUTHOR_EMAIL",
                        "t@x",
                        "GIT_COMMITTER_NAME",
                        "t",
                        "GIT_COMMITTER_EMAIL",
                        "t@x",
                        "GIT_AUTHOR_DATE",
                        "2020-01-01T00:00:00Z",
                        "GIT_COMMITTER_DATE",
                        "2020-01-01T00:00:00Z",
                        "HOME",
                        dir.toString(),
                        "GIT_CONFIG_NOSYSTEM",
                        "1");
        String log =
                sameWithAndWithout(
                        "git init -q -b main r && cp f r/ && cd r && git add f && git commit -q -m m && git log --format=%H%n%s",
                        LOG_ALL, env);
        assertTrue(log.contains(" __open64_2 "), log);
    }
}
