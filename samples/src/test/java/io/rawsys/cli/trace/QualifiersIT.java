package io.rawsys.cli.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.rawsys.cli.RawsysJar;
import io.rawsys.cli.trace.StraceComparison.Trace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * strace's qualifiers and the options that set them, against strace 6.1 on one program
 * (qualifiers.c: a file written, read and stat'ed, a refused open, a mapping, two caught signals, a
 * child that reads the file and exits with 3): {@code -X raw|abbrev|verbose}, {@code -e abbrev=}
 * and {@code -v}, {@code -e verbose=}, {@code -e raw=}, {@code -e signal=}, {@code -q}, {@code
 * -qq}, {@code -e quiet=}, {@code -n}, {@code -P}, {@code -Y}, {@code -k}, {@code -yy} and {@code
 * -e decode-fds=} (dev, pidfd, a socket), and the long forms with the command line's order kept
 * ({@code --trace=} after or before {@code -e trace=}). Each set of options runs under both
 * tracers, and the traces must be equal.
 */
class QualifiersIT {
    @TempDir static Path dir;

    private static Path program;

    @BeforeAll
    static void build() throws Exception {
        program = StraceComparison.compile(dir, "qualifiers", "gcc");
        Path fixed = StraceComparison.file(dir, "fixed.txt", "fixed\n");
        java.nio.file.Files.setLastModifiedTime(
                fixed, java.nio.file.attribute.FileTime.fromMillis(1_000_000_123L));
        java.nio.file.Files.setAttribute(
                fixed, "lastAccessTime", java.nio.file.attribute.FileTime.fromMillis(-10_843_001L));
    }

    private static final String CALLS =
            "trace=openat,read,lseek,mmap,newfstatat,fstat,rt_sigaction,kill,wait4,getpid,exit_group";

    static Stream<List<String>> optionSets() {
        String file = dir.resolve("work/traced.txt").toString();
        return Stream.of(
                List.of("-X", "raw", "-e", CALLS),
                List.of("-X", "verbose", "-e", CALLS),
                List.of("-X", "abbrev", "-e", CALLS),
                List.of("--const-print-style=raw", "-e", "trace=openat,mmap"),
                List.of("-v", "-e", "trace=wait4,kill,rt_sigaction"),
                List.of("-e", "abbrev=none", "-e", "trace=wait4"),
                List.of("-v", "-P", "../fixed.txt"),
                List.of("-v", "-X", "raw", "-P", "../fixed.txt"),
                List.of("-v", "-X", "verbose", "-P", "../fixed.txt"),
                List.of("--no-abbrev", "--verbose=none", "-P", "../fixed.txt"),
                List.of("-v", "-e", "abbrev=wait4", "-e", "trace=wait4"),
                List.of("-e", "verbose=none", "-e", CALLS),
                List.of("-e", "verbose=!rt_sigaction", "-e", CALLS),
                List.of("--verbose=%file", "-e", CALLS),
                List.of("-e", "raw=openat,lseek", "-e", "trace=openat,lseek,read"),
                List.of("--raw=all", "-e", CALLS),
                List.of("-f", "-e", "signal=none", "-e", "trace=kill,exit_group"),
                List.of("-f", "-e", "signal=!SIGUSR1", "-e", "trace=kill"),
                List.of("-f", "-e", "signals=usr2,17", "-e", "trace=kill"),
                List.of("-f", "--signals=none", "-e", "signal=USR1", "-e", "trace=kill"),
                List.of("-f", "-q", "-e", "trace=kill"),
                List.of("-f", "-qq", "-e", "trace=kill"),
                List.of("-f", "-e", "quiet=exit", "-e", "trace=kill"),
                List.of("-f", "--quiet=all", "-e", "trace=kill"),
                List.of("-n", "-e", CALLS),
                List.of("-f", "-n", "-e", "trace=kill,wait4"),
                List.of("-P", file),
                List.of("-f", "-y", "-P", file),
                List.of("-P", "traced.txt"),
                List.of("-P", "/nonexistent/path", "-f"),
                List.of("-f", "-Y", "-e", "trace=getpid,kill,wait4"),
                List.of("--decode-fds=dev,pidfd", "-e", "trace=openat,write,close,pidfd_open"),
                List.of("-e", "decode-fds=path,dev", "-e", "trace=write,close"),
                List.of("--decode-fds", "-e", "trace=write,close,pidfd_open"),
                List.of("-yy", "-e", "trace=socketpair,write,close,pidfd_open"),
                List.of("-e", "decode-fds=socket", "-e", "trace=socketpair,write,close"),
                List.of("-k", "-e", "trace=write,exit_group"),
                List.of("--stack-trace", "-f", "-e", "trace=kill,wait4"),
                List.of("-e", "trace=openat", "--trace=read"),
                List.of("--trace=read", "-e", "trace=openat"),
                List.of("-e", "t=kill", "-e", "s=none"),
                List.of("--trace=%signal", "--status=successful"));
    }

    @ParameterizedTest
    @MethodSource("optionSets")
    void tracesAsStrace61Does(List<String> options) throws Exception {
        if (options.contains("-k") || options.contains("--stack-trace")) {
            Process v = new ProcessBuilder("strace", "-V").redirectErrorStream(true).start();
            String version = new String(v.getInputStream().readAllBytes());
            assumeTrue(
                    v.waitFor() == 0 && version.contains("stack-trace="),
                    "this strace was built without -k (strace -V names no stack-trace=)");
        }
        StraceComparison.sameInWorkDirectory(dir, program, options, QualifiersIT::pidsReplaced);
    }

    /**
     * The program's pids, wherever they print (kill's and wait4's arguments, results, si_pid, -Y's
     * {@code 123<qualifiers>}; in hex under -e raw=), as {@code PID}: the two runs have different
     * ones, and not every trace shows the calls whose results name them.
     */
    private static String pidsReplaced(String line) {
        return line.replaceAll(
                        "(si_pid=|pid:|(?:kill|wait4|pidfd_open)\\()(?:0x[0-9a-f]+|\\d+)", "$1PID")
                .replaceAll(
                        "((?:wait4\\(|getpid\\(|clone\\(|wait4 resumed>).*\\) += )(?:0x[0-9a-f]+|\\d+)",
                        "$1PID")
                .replaceAll("\\b\\d+(<qualifiers>)", "PID$1")
                .replaceAll("UNIX-STREAM:\\[\\d+->\\d+]", "UNIX-STREAM:[INODE->INODE]")
                .replaceAll("socket:\\[\\d+]", "socket:[INODE]");
    }

    /**
     * --always-show-pid and --syscall-limit are newer than strace 6.1 (6.5 and 6.7); the lines are
     * those strace 6.12's strace.c and syscall.c print: every line with its pid as -f into a file
     * shows it, and after N shown calls the tracees are let go (they run on untraced) with "System
     * call limit has been reached, detaching tracees" on stderr.
     */
    @Test
    void alwaysShowPidAndSyscallLimitAsStrace612() throws Exception {
        Path work = dir.resolve("work");
        StraceComparison.emptyDirectory(work);
        Trace shown =
                StraceComparison.rawsys(
                        dir,
                        List.of("--always-show-pid", "-e", "trace=kill"),
                        List.of(program.toString(), work.toString()));
        assertEquals(0, shown.status(), shown.output());
        for (String line : shown.lines()) {
            assertTrue(line.matches("^\\d+ +(kill|---|\\+\\+\\+).*"), line);
        }
        StraceComparison.emptyDirectory(work);
        Trace limited =
                StraceComparison.rawsys(
                        dir,
                        List.of("--syscall-limit=2", "-e", "trace=openat,kill"),
                        List.of(program.toString(), work.toString()));
        assertEquals(0, limited.status(), limited.output());
        List<String> calls = new ArrayList<>();
        for (String line : limited.lines()) {
            calls.add(line.replaceFirst("\\(.*", ""));
        }
        assertEquals(List.of("openat", "openat"), calls.subList(0, 2), limited.lines().toString());
        assertEquals(2, calls.size(), limited.lines().toString());
        // into a file, quiet about attaching as strace is; on stderr, it says what it did
        StraceComparison.emptyDirectory(work);
        RawsysJar.Run said =
                RawsysJar.rawsys(
                        "trace",
                        "--syscall-limit=1",
                        "-e",
                        "trace=openat",
                        program.toString(),
                        work.toString());
        assertEquals(0, said.status(), said.both());
        assertTrue(
                said.stderr()
                        .matches(
                                "(?s)openat\\(.*\\n"
                                        + "rawsys trace: System call limit has been reached, detaching tracees\\n"
                                        + "rawsys trace: Process \\d+ detached\\n"),
                said.stderr());
    }

    /** What the qualifiers refuse, each with what was wrong. */
    @Test
    void badQualifiersAreRefusedWithTheReason() throws Exception {
        String[][] cases = {
            {"-X", "loud", "rawsys trace: -X loud: say raw, abbrev or verbose"},
            {"-e", "signal=SIGNOPE", "rawsys trace: -e signal=SIGNOPE: 'SIGNOPE' is no signal;"},
            {"-e", "quiet=loud", "rawsys trace: -e quiet=loud: 'loud' is none of"},
            {"-e", "abbrev=opnat", "rawsys trace: -e abbrev: 'opnat' is no system call"},
            {"-e", "read=3", "rawsys trace: -e read=3: rawsys trace knows the qualifiers"},
            {"--syscall-limit=0", null, "rawsys trace: --syscall-limit wants a number of calls"},
            {"-DDDD", null, "rawsys trace: -D can be given at most three times"},
            {"-ff", null, "rawsys trace: -ff (a file per process) is not done"},
            {"-e", "trace=%nosuch", "rawsys trace: -e trace: no system call class '%nosuch'"},
        };
        for (String[] c : cases) {
            List<String> line = new ArrayList<>(List.of("trace"));
            line.add(c[0]);
            if (c[1] != null) {
                line.add(c[1]);
            }
            line.add("true");
            RawsysJar.Run run = RawsysJar.rawsys(line.toArray(String[]::new));
            assertEquals(2, run.status(), run.both());
            assertTrue(run.stderr().startsWith(c[2]), run.stderr());
        }
        RawsysJar.Run both = RawsysJar.rawsys("trace", "-q", "-e", "quiet=exit", "true");
        assertEquals(2, both.status(), both.both());
        assertTrue(both.stderr().contains("cannot be given together"), both.stderr());
    }
}
