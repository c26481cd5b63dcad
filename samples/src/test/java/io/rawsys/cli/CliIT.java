package io.rawsys.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rawsys.linux.Nr;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shaded jar and the ./rawsys launcher, run as a user runs them: a separate process, its
 * output, its status.
 */
class CliIT {
    static final Path JAR = Path.of(System.getProperty("rawsys.jar", "target/rawsys.jar"));
    static final Path ROOT = Path.of(System.getProperty("rawsys.root", ".."));
    static final String JAVA = ProcessHandle.current().info().command().orElseThrow();

    record Run(long pid, int status, String stdout, String stderr) {}

    static Run run(Path dir, Map<String, String> env, List<String> command)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().putAll(env);
        Process p = builder.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(p.pid(), p.waitFor(), out, err);
    }

    static Run rawsys(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(JAVA, "-jar", JAR.toString()));
        command.addAll(List.of(args));
        return run(Path.of("."), Map.of(), command);
    }

    @Test
    void getpidPrintsThePidOfTheProcess() throws Exception {
        Run run = rawsys("call", "getpid");
        assertEquals(0, run.status(), run.stderr());
        assertEquals(run.pid() + "\n", run.stdout());
        assertEquals("", run.stderr(), "no warnings: the manifest enables native access");
    }

    @Test
    void aNumberWorksAsWellAsAName() throws Exception {
        Run run = rawsys("call", Long.toString(Nr.getppid));
        assertEquals(0, run.status(), run.stderr());
        assertEquals(
                ProcessHandle.current().pid() + "\n", run.stdout(), "the jar's parent is this JVM");
    }

    @Test
    void writeSendsTheStringWithItsEscapes() throws Exception {
        Run run = rawsys("call", "write", "1", "hello\\n", "6");
        assertEquals(0, run.status(), run.stderr());
        assertEquals("hello\n6\n", run.stdout());
    }

    @Test
    void anErrnoIsPrintedAsStraceDoesWithStatusOne() throws Exception {
        Run run = rawsys("call", "openat", "-100", "/nonexistent", "0");
        assertEquals(1, run.status());
        assertEquals("-1 ENOENT (No such file or directory)\n", run.stdout());
        Run badFd = rawsys("call", "SYS_close", "-1");
        assertEquals("-1 EBADF (Bad file descriptor)\n", badFd.stdout());
    }

    @Test
    void aBufferIsShownAfterTheCall(@TempDir Path dir) throws Exception {
        Run run =
                run(
                        dir,
                        Map.of(),
                        List.of(
                                JAVA,
                                "-jar",
                                JAR.toString(),
                                "call",
                                "getcwd",
                                "buf:4096",
                                "4096"));
        assertEquals(0, run.status(), run.stderr());
        String cwd = dir.toRealPath().toString();
        assertEquals((cwd.length() + 1) + "\narg1 = \"" + cwd + "\"\n", run.stdout());
    }

    @Test
    void anUnknownNameGetsASuggestionAndStatusTwo() throws Exception {
        Run run = rawsys("call", "getpdi");
        assertEquals(2, run.status());
        assertEquals("", run.stdout());
        assertEquals(
                "rawsys: unknown system call 'getpdi' on x86_64; did you mean getpid?\nTry 'rawsys call --help'.\n",
                run.stderr());
    }

    @Test
    void badArgumentSyntaxIsAUsageError() throws Exception {
        Run run = rawsys("call", "write", "1", "12ab", "4");
        assertEquals(2, run.status());
        assertEquals("", run.stdout(), "nothing was called");
        assertTrue(
                run.stderr().startsWith("rawsys: argument 2 '12ab': not an integer"), run.stderr());
        assertEquals(2, rawsys("call", "read", "0", "buf:many", "1").status());
        assertEquals(2, rawsys("call", "getpid", "1", "2", "3", "4", "5", "6", "7").status());
        assertEquals(2, rawsys("call", "0xzz").status());
        assertEquals(2, rawsys("call").status());
        assertEquals(2, rawsys("frobnicate").status());
    }

    @Test
    void helpExplainsTheCommands() throws Exception {
        Run help = rawsys("--help");
        assertEquals(0, help.status());
        assertTrue(help.stdout().contains("call") && help.stdout().contains("demo"), help.stdout());
        Run callHelp = rawsys("call", "--help");
        assertEquals(0, callHelp.status());
        assertTrue(callHelp.stdout().contains("buf:N"), callHelp.stdout());
        assertTrue(
                callHelp.stdout().contains("rawsys call write 1 'hello\\n' 6"), callHelp.stdout());
    }

    /** Every command's help, alone and through 'rawsys help', is clean: no picocli warnings. */
    @Test
    void everyCommandsHelpIsClean() throws Exception {
        Run all = rawsys("--help");
        for (String name :
                List.of(
                        "call",
                        "table",
                        "errno",
                        "const",
                        "vdso",
                        "net",
                        "demo",
                        "libc",
                        "asm",
                        "ioctl",
                        "proc",
                        "sys",
                        "configfs",
                        "trace",
                        "preload")) {
            assertTrue(
                    all.stdout().contains("  " + name + " "), name + " missing:\n" + all.stdout());
            for (Run help : List.of(rawsys(name, "--help"), rawsys("help", name))) {
                assertEquals(0, help.status(), help.stderr());
                assertEquals("", help.stderr(), name);
                assertTrue(help.stdout().startsWith("Usage: rawsys " + name), help.stdout());
            }
        }
    }

    @Test
    void theDemoRuns() throws Exception {
        Run run = rawsys("demo");
        assertEquals(0, run.status(), run.stderr());
        assertTrue(run.stdout().contains("Hello from a raw system call\n"), run.stdout());
        assertTrue(run.stdout().contains("= -1 ENOENT (No such file or directory)"), run.stdout());
    }

    @Test
    void theLauncherFindsJdk25WhateverJavaHomeSays() throws Exception {
        Map<String, String> env =
                Map.of("JAVA_HOME", "/usr/lib/jvm/java-17-openjdk-amd64", "PATH", "/usr/bin:/bin");
        Run run =
                run(
                        ROOT,
                        env,
                        List.of(
                                ROOT.resolve("rawsys").toString(),
                                "call",
                                "openat",
                                "-100",
                                "/nonexistent",
                                "0"));
        assertEquals(1, run.status(), run.stderr());
        assertEquals("-1 ENOENT (No such file or directory)\n", run.stdout());
    }

    @Test
    void theLauncherSaysWhatToDoWithoutJdk25() throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("JAVA_HOME", "/nonexistent");
        env.put("PATH", "/usr/bin:/bin"); // its javac is JDK 17: found, and too old
        env.put("RAWSYS_JDK_SEARCH", "/nonexistent");
        String launcher = ROOT.resolve("rawsys").toString();
        Run run = run(ROOT, env, List.of(launcher, "call", "getpid"));
        assertEquals(1, run.status());
        assertTrue(
                run.stderr().startsWith("rawsys needs JDK 25 or newer and found none"),
                run.stderr());
        assertTrue(run.stderr().contains("set JAVA_HOME"), run.stderr());
    }

    @Test
    void theLauncherDoesNotRebuildAFreshJar() throws Exception {
        long before = Files.getLastModifiedTime(JAR).toMillis();
        Run run = run(ROOT, Map.of(), List.of(ROOT.resolve("rawsys").toString(), "call", "getpid"));
        assertEquals(0, run.status(), run.stderr());
        assertEquals("", run.stderr());
        assertEquals(before, Files.getLastModifiedTime(JAR).toMillis());
    }

    @Test
    void tableGivesEachArchitecturesNumbers() throws Exception {
        assertEquals("56\n", rawsys("table", "--arch", "aarch64", "openat").stdout());
        assertEquals("257\n", rawsys("table", "--arch", "x86_64", "openat").stdout());
        assertEquals("openat\n", rawsys("table", "--arch", "mipsel", "4288").stdout());
        Run every = rawsys("table", "--every", "openat");
        assertTrue(
                every.stdout().contains("mips64el  5247\n")
                        && every.stdout().contains("s390x     288\n"),
                every.stdout());
        Run all = rawsys("table");
        assertTrue(all.stdout().startsWith("0 read\n1 write\n"), all.stdout());
        Run badArch = rawsys("table", "--arch", "sparc", "openat");
        assertEquals(2, badArch.status());
        assertTrue(badArch.stderr().contains("it knows x86_64, x32, i386"), badArch.stderr());
        Run typo = rawsys("table", "opnat");
        assertEquals(2, typo.status());
        assertTrue(typo.stderr().contains("did you mean openat?"), typo.stderr());
    }

    @Test
    void errnoExplainsNamesAndNumbers() throws Exception {
        assertEquals("ENOENT 2 No such file or directory\n", rawsys("errno", "ENOENT").stdout());
        assertEquals(
                "EAGAIN 11 Resource temporarily unavailable\n", rawsys("errno", "11").stdout());
        assertEquals(
                "EDQUOT 1133 Disk quota exceeded\n",
                rawsys("errno", "--arch", "mips64el", "EDQUOT").stdout());
        assertEquals(2, rawsys("errno", "ENOTANERROR").status());
    }

    @Test
    void constantsWorkOnTheCommandLine() throws Exception {
        assertEquals(
                "TIOCGWINSZ                   1074295912 (0x40087468)\n",
                rawsys("const", "--arch", "ppc64le", "TIOCGWINSZ").stdout());
        Run open = rawsys("call", "openat", "AT_FDCWD", "/nonexistent", "O_RDONLY|O_CLOEXEC");
        assertEquals("-1 ENOENT (No such file or directory)\n", open.stdout());
        Run typo = rawsys("call", "openat", "AT_FDCWD", "/etc/hostname", "O_RDONY");
        assertEquals(2, typo.status());
        assertTrue(typo.stderr().contains("did you mean O_RDONLY?"), typo.stderr());
    }

    @Test
    void vdsoListsTheSymbolsAndWhatRawsysBinds(@TempDir Path dir) throws Exception {
        Path dump = dir.resolve("vdso.so");
        Run run = rawsys("vdso", "--dump", dump.toString());
        assertEquals(0, run.status(), run.stderr());
        assertTrue(run.stdout().contains("ELF64 EM_X86_64"), run.stdout());
        assertTrue(run.stdout().contains("__vdso_clock_gettime@@LINUX_2.6"), run.stdout());
        assertTrue(
                run.stdout().contains("clock_gettime  -> __vdso_clock_gettime@LINUX_2.6"),
                run.stdout());
        Process readelf = new ProcessBuilder("readelf", "-h", dump.toString()).start();
        String header = new String(readelf.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, readelf.waitFor());
        assertTrue(header.contains("DYN (Shared object file)"), header);
    }

    /**
     * Issue 12, item 5: a typo in the flags is refused before the kernel is called. Taken as text,
     * {@code 'O_RDONLY|'} went to openat as the address of its copy, and those flags truncated the
     * file in two runs of four.
     */
    @ParameterizedTest
    @ValueSource(strings = {"O_RDONLY|", "O_RDNOLY", "O_RDONLY||O_CREAT", "O_RDONLY|o_trunc"})
    void aTypoInTheFlagsNeverReachesTheKernel(String flags, @TempDir Path dir) throws Exception {
        Path precious = dir.resolve("precious.txt");
        Files.writeString(precious, "keep me\n");
        for (int i = 0; i < 4; i++) {
            Run run = rawsys("call", "openat", "AT_FDCWD", precious.toString(), flags);
            assertEquals(2, run.status(), run.stdout() + run.stderr());
            assertEquals("", run.stdout());
            assertTrue(
                    run.stderr().startsWith("rawsys: argument 3 '" + flags + "': "), run.stderr());
            assertTrue(run.stderr().contains("write s:" + flags), run.stderr());
        }
        assertEquals("keep me\n", Files.readString(precious));
    }

    /**
     * Issue 12, item 6: a number out of range, an empty word, a file that cannot be written: a
     * message naming what was wrong and a status (2 for the command line, 1 for the system), never
     * a stack trace.
     */
    static Stream<Arguments> badInput() {
        return Stream.of(
                bad(
                        2,
                        "rawsys: NR '99999999999999999999': does not fit in 64 bits",
                        "table",
                        "99999999999999999999"),
                bad(
                        2,
                        "rawsys: NAME|NR is empty; give a system call's name or number",
                        "table",
                        ""),
                bad(2, "rawsys: --every needs a system call's name", "table", "--every", ""),
                bad(2, "rawsys: NAME|NR is empty; give an errno's name or number", "errno", ""),
                bad(
                        2,
                        "rawsys: errno '99999999999999999999': does not fit in 64 bits",
                        "errno",
                        "99999999999999999999"),
                bad(
                        2,
                        "rawsys: errno '4096': out of range; it runs from 0 to 4095",
                        "errno",
                        "4096"),
                bad(
                        1,
                        "rawsys vdso: cannot write the image to /nonexistent/x: no such file or"
                                + " directory",
                        "vdso",
                        "--dump",
                        "/nonexistent/x"),
                bad(
                        1,
                        "rawsys vdso: cannot write the image to /dev/full: No space left on device",
                        "vdso",
                        "--dump",
                        "/dev/full"));
    }

    private static Arguments bad(int status, String message, String... args) {
        return Arguments.of(status, message, List.of(args));
    }

    @ParameterizedTest
    @MethodSource("badInput")
    void badInputIsOneMessageAndAStatus(int status, String message, List<String> words)
            throws Exception {
        Run run = rawsys(words.toArray(String[]::new));
        assertEquals(status, run.status(), run.stderr());
        assertEquals(message, run.stderr().lines().findFirst().orElse(""), run.stderr());
        assertTrue(
                !run.stderr().contains("Exception") && !run.stderr().contains("\tat "),
                run.stderr());
    }

    /**
     * Issue 12, item 4: a count larger than its buffer crashed the JVM (read) or printed 622 KB of
     * its memory (write). Where the kernel's prototype pairs the two, the count is now refused
     * before the call, with both arguments named; elsewhere the guard page after every buffer still
     * stops the kernel (EFAULT), as it does a C program's.
     */
    @Test
    void aCountPastItsBufferIsRefusedAndElsewhereStopsAtTheBuffersEnd(@TempDir Path dir)
            throws Exception {
        Path big = dir.resolve("2MB");
        byte[] input = new byte[2 << 20];
        java.util.Arrays.fill(input, (byte) 'x');
        Files.write(big, input);
        Process p =
                new ProcessBuilder(RawsysJar.command("call", "read", "0", "buf:4", "100000"))
                        .redirectInput(big.toFile())
                        .start();
        String read = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String error = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(2, p.waitFor(), error);
        assertEquals("", read);
        assertTrue(
                error.startsWith(
                        "rawsys: read's count (argument 3) is 100000, but its buf (argument 2)"
                                + " holds 4 bytes: the kernel would go past its end."),
                error);

        RawsysJar.Run write = RawsysJar.rawsys("call", "write", "1", "hi", "1000000");
        assertEquals(2, write.status());
        assertEquals("", write.stdout(), "nothing written");
        assertTrue(write.stderr().contains("would read past its end"), write.stderr());

        RawsysJar.Run fits = RawsysJar.rawsys("call", "write", "1", "hi", "3");
        assertEquals("hi\0" + "3\n", fits.stdout(), "a count the text holds (its NUL too) runs");

        RawsysJar.Run nothing = RawsysJar.rawsys("call", "getcwd", "buf:0", "4096");
        assertEquals(2, nothing.status(), nothing.stdout());

        // uname has no count to judge: the 390-byte struct meets the guard page after 4 bytes
        RawsysJar.Run unjudged = RawsysJar.rawsys("call", "uname", "buf:4");
        assertEquals(1, unjudged.status(), unjudged.stdout());
        assertTrue(unjudged.stdout().startsWith("-1 EFAULT (Bad address)\n"), unjudged.stdout());
    }

    /** A name the headers define but no integer can stand for is said to be so, not unknown. */
    @Test
    void aConstantTheHeadersDefineButCannotEvaluateIsSaidSo() throws Exception {
        RawsysJar.Run run = RawsysJar.rawsys("const", "--arch", "x86_64", "ELFMAG");
        assertEquals(1, run.status(), run.both());
        assertTrue(
                run.stderr().contains("ELFMAG is defined by x86_64's headers, but is no integer"),
                run.stderr());
    }
}
