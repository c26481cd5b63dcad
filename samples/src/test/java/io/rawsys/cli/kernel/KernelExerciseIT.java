package io.rawsys.cli.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.rawsys.cli.RawsysJar;
import io.rawsys.testing.ProcessTree;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The last exercise from the user's side: {@code rawsys kernel test} builds the patched kernel (or
 * takes it from the cache), boots it under qemu and runs every check; each must pass. A cold build
 * takes many minutes; the cache makes the next run take one or two.
 */
class KernelExerciseIT {
    static final Path HOME = Path.of("..").toAbsolutePath().normalize();

    static List<String> rawsys(String... args) {
        List<String> command =
                new ArrayList<>(
                        List.of(
                                RawsysJar.JAVA,
                                "-Drawsys.home=" + HOME,
                                "-jar",
                                RawsysJar.JAR.toString()));
        command.addAll(List.of(args));
        return command;
    }

    /**
     * Skips the calling test, saying what is missing, where this machine lacks the kernel source or
     * a tool the exercise builds or boots with (.ci/install-deps installs them all).
     */
    static void assumeTools() {
        assumeTrue(
                Files.isRegularFile(Path.of("/usr/src/linux-source-6.12.tar.xz")),
                "no /usr/src/linux-source-6.12.tar.xz: install " + KernelExercise.PACKAGES);
        List<String> missing =
                new ArrayList<>(
                        Steps.missing(
                                List.of(
                                        Vm.QEMU,
                                        "i686-linux-gnu-gcc",
                                        "flex",
                                        "bison",
                                        "bc",
                                        "cpio")));
        if (!Files.isExecutable(KernelExercise.BUSYBOX)) {
            missing.add(KernelExercise.BUSYBOX.toString());
        }
        assumeTrue(
                missing.isEmpty(),
                "the kernel exercise needs " + missing + ": install " + KernelExercise.PACKAGES);
    }

    @Test
    void everyCheckPassesInThePatchedKernel(@TempDir Path dir) throws Exception {
        assumeTools();
        Path log = dir.resolve("kernel-test.txt");
        Process p =
                new ProcessBuilder(rawsys("kernel", "test"))
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
        p.getOutputStream().close();
        if (!p.waitFor(45, TimeUnit.MINUTES)) {
            ProcessTree.kill(p);
            throw new AssertionError(
                    "rawsys kernel test ran over 45 minutes:\n" + Files.readString(log));
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        System.out.println(out); // the build's progress and the checks, in the test report
        assertEquals(0, p.exitValue(), out);
        for (int n = 1; n <= 7; n++) {
            assertTrue(out.contains("RAWSYS-CHECK " + n + " pass"), "check " + n + ":\n" + out);
        }
        assertTrue(!out.contains("RAWSYS-CHECK") || !out.contains(" FAIL "), out);
        assertTrue(
                out.contains("Hello, java, from the kernel"), "the Java line shows the greeting");
        assertTrue(out.contains("rawsys kernel test: every check passed"), out);
    }

    /** A VM that does not finish in time is killed, and the console's last lines are shown. */
    @Test
    void aVmThatDoesNotFinishInTimeIsStoppedWithItsLastLines() throws Exception {
        assumeTools();
        Process p =
                new ProcessBuilder(rawsys("kernel", "test", "--timeout", "3"))
                        .redirectErrorStream(true)
                        .start();
        p.getOutputStream().close();
        byte[] bytes = p.getInputStream().readAllBytes();
        if (!p.waitFor(45, TimeUnit.MINUTES)) {
            ProcessTree.kill(p);
            throw new AssertionError("rawsys kernel test --timeout 3 did not end");
        }
        String out = new String(bytes, StandardCharsets.UTF_8);
        assertEquals(1, p.exitValue(), out);
        assertTrue(out.contains("the VM did not finish within 3 s"), out);
        assertTrue(out.contains("its console's last lines"), out);
        assertTrue(
                ProcessHandle.allProcesses()
                        .noneMatch(
                                h ->
                                        h.info()
                                                        .commandLine()
                                                        .orElse("")
                                                        .contains("rawsys.mode=test")
                                                && h.parent()
                                                        .map(parent -> parent.pid() == p.pid())
                                                        .orElse(false)),
                "no qemu left behind");
    }

    @Test
    void aPatchThatDoesNotApplyIsSaidSo(@TempDir Path dir) throws Exception {
        assumeTools();
        Path patch = dir.resolve("stale.patch");
        Files.writeString(
                patch,
                """
                --- a/kernel/Makefile
                +++ b/kernel/Makefile
                @@ -1,3 +1,3 @@
                -this line is not in kernel/Makefile
                +nor is this one
                 nor this
                """);
        RawsysJar.Run run =
                RawsysJar.run(new byte[0], rawsys("kernel", "build", "--patch", patch.toString()));
        assertEquals(1, run.status(), run.both());
        assertTrue(run.stderr().contains("the patch no longer applies to"), run.both());
        assertTrue(!run.stderr().contains("\tat "), "no stack trace: " + run.stderr());
    }

    @Test
    void outsideACheckoutTheExerciseSaysWhereToRunIt() throws Exception {
        RawsysJar.Run run = RawsysJar.rawsys("kernel", "build");
        assertEquals(2, run.status(), run.both());
        assertTrue(run.stderr().contains("run it as ./rawsys kernel"), run.stderr());
        RawsysJar.Run greet = RawsysJar.rawsys("kernel", "greet");
        assertEquals(2, greet.status(), greet.both());
        assertTrue(greet.stderr().contains("have no rawsys_greet"), greet.stderr());
    }
}
