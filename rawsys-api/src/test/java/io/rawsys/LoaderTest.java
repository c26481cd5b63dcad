package io.rawsys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rawsys.internal.StubLoader;
import io.rawsys.linux.Nr;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * How the stub library is found and loaded, and what a JVM that cannot load it says. Each case is a
 * fresh JVM.
 */
class LoaderTest {
    /** A program for the child JVMs: one system call, its result on stdout. */
    public static final class GetPid {
        public static void main(String[] args) {
            System.out.println(Syscalls.invoke(Nr.getpid));
        }
    }

    /**
     * A program that makes a call twice without the generated facades, printing what each attempt
     * threw.
     */
    public static final class RawTwice {
        public static void main(String[] args) {
            for (int i = 0; i < 2; i++) {
                try {
                    Syscalls.raw(39);
                } catch (Throwable t) {
                    System.out.println(t);
                }
                try {
                    Arch.current();
                } catch (Throwable t) {
                    System.out.println(t);
                }
            }
        }
    }

    /** A program printing what each vDSO function returned and how rawsys called it. */
    public static final class VdsoCalls {
        public static void main(String[] args) {
            long before = System.nanoTime();
            long monotonic = io.rawsys.vdso.Vdso.clockGettime(io.rawsys.linux.Time.CLOCK_MONOTONIC);
            long after = System.nanoTime();
            System.out.println("monotonic " + (before <= monotonic && monotonic <= after));
            System.out.println(
                    "time "
                            + (Math.abs(
                                            io.rawsys.vdso.Vdso.time()
                                                    - System.currentTimeMillis() / 1000)
                                    <= 1));
            System.out.println(
                    "gettimeofday "
                            + (Math.abs(
                                            io.rawsys.vdso.Vdso.gettimeofday() / 1000
                                                    - System.currentTimeMillis())
                                    <= 1000));
            System.out.println("getcpu " + (io.rawsys.vdso.Vdso.getcpu() >= 0));
            System.out.println(
                    "getres "
                            + (io.rawsys.vdso.Vdso.clockGetres(io.rawsys.linux.Time.CLOCK_MONOTONIC)
                                    > 0));
            try (java.lang.foreign.Arena arena = java.lang.foreign.Arena.ofConfined()) {
                System.out.println(
                        "getrandom " + io.rawsys.vdso.Vdso.getrandom(arena.allocate(16), 0));
            }
            io.rawsys.vdso.Vdso.bindings()
                    .forEach(b -> System.out.println(b.function() + " -> " + b));
        }
    }

    record Run(int exitCode, String stdout, String stderr) {}

    static Run java(String... options) throws IOException, InterruptedException {
        return java(GetPid.class, options);
    }

    static Run java(Class<?> main, String... options) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        String classPath =
                Stream.of(
                                System.getProperty("jdk.module.path", ""),
                                System.getProperty("java.class.path", ""))
                        .filter(s -> !s.isEmpty())
                        .reduce((a, b) -> a + File.pathSeparator + b)
                        .orElseThrow();
        List<String> command = new ArrayList<>(List.of(java, "-cp", classPath));
        command.addAll(List.of(options));
        command.add(main.getName());
        Process p = new ProcessBuilder(command).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(p.waitFor(), out, err);
    }

    @Test
    void loadsFromTheJarWithNativeAccess() throws Exception {
        Run run = java("--enable-native-access=ALL-UNNAMED");
        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(run.stdout().strip().matches("\\d+"), run.stdout());
        assertEquals("", run.stderr(), "no warnings");
    }

    @Test
    void withoutNativeAccessTheErrorNamesTheFlag() throws Exception {
        Run run = java();
        assertNotEquals(0, run.exitCode());
        assertTrue(
                run.stderr()
                        .contains(
                                "java.lang.UnsatisfiedLinkError: rawsys makes native calls, and this JVM does not allow them: "
                                        + "add --enable-native-access=ALL-UNNAMED to the java command line"),
                run.stderr());
        assertTrue(
                !run.stderr().contains("WARNING"),
                "rawsys refuses before the JVM warns: " + run.stderr());
    }

    @Test
    void deniedNativeAccessGetsTheSameMessage() throws Exception {
        Run run = java("--illegal-native-access=deny");
        assertNotEquals(0, run.exitCode());
        assertTrue(run.stderr().contains("add --enable-native-access=ALL-UNNAMED"), run.stderr());
    }

    @Test
    void aMissingExplicitLibraryIsNamed() throws Exception {
        Run run =
                java(
                        "--enable-native-access=ALL-UNNAMED",
                        "-D" + StubLoader.LIBRARY_PROPERTY + "=/nonexistent/librawsys.so");
        assertNotEquals(0, run.exitCode());
        assertTrue(
                run.stderr()
                        .contains("-Drawsys.stub.library=/nonexistent/librawsys.so names no file"),
                run.stderr());
    }

    @Test
    void anExplicitLibraryIsLoaded() throws Exception {
        Path built =
                Path.of("../rawsys-stubs/target/classes/io/rawsys/stubs/linux-x86_64/librawsys.so")
                        .toAbsolutePath();
        Run run =
                java(
                        "--enable-native-access=ALL-UNNAMED",
                        "-D" + StubLoader.LIBRARY_PROPERTY + "=" + built);
        assertEquals(0, run.exitCode(), run.stderr());
    }

    @Test
    void theLibraryIsMappedFromAMemfdNotFromTmp() throws Exception {
        Syscalls.invoke(Nr.getpid); // make sure this JVM has loaded it
        List<String> maps =
                Files.readAllLines(Path.of("/proc/self/maps")).stream()
                        .filter(l -> l.contains("librawsys"))
                        .toList();
        assertTrue(!maps.isEmpty(), "librawsys.so is mapped");
        maps.forEach(line -> assertTrue(line.contains("/memfd:librawsys.so"), line));
        assertEquals(null, StubLoader.failure());
    }

    @Test
    void anUnsupportedArchitectureIsNamedOnEveryCall() throws Exception {
        Run run = java(RawTwice.class, "--enable-native-access=ALL-UNNAMED", "-Dos.arch=sparcv9");
        assertEquals(0, run.exitCode(), run.stderr());
        String message =
                "rawsys has no tables for this JVM's architecture (os.arch=sparcv9); it supports x86_64, x32, i386, aarch64, arm, "
                        + "riscv64, ppc64le, s390x, mips64el, mipsel";
        String twice =
                "java.lang.UnsatisfiedLinkError: "
                        + message
                        + "\njava.lang.UnsupportedOperationException: "
                        + message
                        + "\n";
        assertEquals(
                twice + twice,
                run.stdout(),
                "the same clear error each time, never a NoClassDefFoundError");
    }

    @Test
    void everyVdsoFunctionFallsBackToItsSystemCall() throws Exception {
        Run run = java(VdsoCalls.class, "--enable-native-access=ALL-UNNAMED", "-Drawsys.vdso=off");
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals(
                """
                monotonic true
                time true
                gettimeofday true
                getcpu true
                getres true
                getrandom 16
                clock_gettime -> the clock_gettime system call
                clock_getres -> the clock_getres system call
                gettimeofday -> the gettimeofday system call
                time -> the time system call
                getcpu -> the getcpu system call
                getrandom -> the getrandom system call
                """,
                run.stdout());
    }
}
