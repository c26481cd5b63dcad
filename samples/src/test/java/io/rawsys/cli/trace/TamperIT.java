package io.rawsys.cli.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rawsys.cli.RawsysJar;
import io.rawsys.cli.trace.StraceComparison.Trace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code -e inject=} and {@code -e fault=}, and the output options added with them ({@code -a},
 * {@code -z}, {@code -Z}, {@code -x}, {@code -xx}, {@code --strings-in-hex}), against strace 6.1:
 * the same program (tamper.c: three getpids, three opens, a kill) under both tracers with the same
 * expressions; the traces must be equal, and so must what the program printed of the results it
 * got.
 */
class TamperIT {
    @TempDir Path dir;

    private static final List<String> CALLS = List.of("-e", "trace=getpid,openat,kill");

    /**
     * The traces under both tracers must be equal, and so must what the program printed of the
     * results it got; returns that output.
     */
    private String sameAsStrace(List<String> tampering) throws Exception {
        Path program = StraceComparison.compile(dir, "tamper", "gcc");
        List<String> options = new ArrayList<>(CALLS); // a later -e trace= replaces it
        options.addAll(tampering);
        List<String> command = List.of(program.toString(), "/dev/null");
        Trace strace = StraceComparison.strace(dir, options, command);
        Trace rawsys = StraceComparison.rawsys(dir, options, command);
        assertEquals(strace.status(), rawsys.status(), rawsys.output());
        assertEquals(
                String.join("\n", StraceComparison.normalized(strace)),
                String.join("\n", StraceComparison.normalized(rawsys)),
                rawsys.output());
        List<String> straceLine = new ArrayList<>(List.of("strace", "-o", "/dev/null"));
        straceLine.addAll(options);
        straceLine.addAll(command);
        RawsysJar.Run underStrace = RawsysJar.run(new byte[0], straceLine);
        List<String> rawsysLine = new ArrayList<>(List.of("trace", "-o", "/dev/null"));
        rawsysLine.addAll(options);
        rawsysLine.add("--");
        rawsysLine.addAll(command);
        RawsysJar.Run underRawsys = RawsysJar.rawsys(rawsysLine.toArray(String[]::new));
        assertEquals(underStrace.stdout(), underRawsys.stdout(), underRawsys.both());
        assertEquals(0, underRawsys.status(), underRawsys.both());
        return underRawsys.stdout();
    }

    @Test
    void errorsValuesAndWhenAsStraceInjectsThem() throws Exception {
        String out =
                sameAsStrace(
                        List.of(
                                "-e", "inject=openat:error=EACCES:when=3..4",
                                "-e", "inject=getpid:retval=42:when=2+"));
        assertTrue(out.startsWith("getpid real\ngetpid 42\ngetpid 42\n"), out);
        assertTrue(out.contains("open -1 Permission denied\n"), out);
    }

    @Test
    void aFaultIsEnosysByDefaultAndEveryCallWithoutWhen() throws Exception {
        String out =
                sameAsStrace(List.of("-e", "fault=kill", "-e", "inject=getpid:retval=7:when=3"));
        assertTrue(out.endsWith("kill -1 usr1 0\n"), out);
    }

    /**
     * syscall= (a harmless call runs in the replaced one's stead), poke_enter= (the path the kernel
     * reads is rewritten before the call is decoded) and poke_exit= (after the kernel ran it):
     * {@code (INJECTED: args)}, {@code (INJECTED: args, retval)} as strace 6.1 prints them.
     */
    @Test
    void syscallAndPokesAsStraceInjectsThem() throws Exception {
        String poked =
                // the program's second open (the loader makes the first two): its path, on the
                // stack, becomes "/none", for this call and the next
                sameAsStrace(List.of("-e", "inject=openat:poke_enter=@arg2=2f6e6f6e6500:when=4"));
        assertTrue(
                poked.contains(
                        "open 0 ok\nopen -1 No such file or directory\nopen -1 No such file or directory\n"),
                poked);
        String substituted =
                sameAsStrace(List.of("-e", "inject=getpid:retval=42:syscall=gettid:when=2+"));
        assertTrue(substituted.startsWith("getpid real\ngetpid 42\ngetpid 42\n"), substituted);
        sameAsStrace(
                List.of("-e", "inject=openat:poke_exit=@arg2=2f6e6f6e6500:error=EACCES:when=3"));
    }

    @Test
    void aSignalIsDeliveredAsStraceDeliversIt() throws Exception {
        String out = sameAsStrace(List.of("-e", "inject=kill:signal=SIGUSR1"));
        assertTrue(out.endsWith("kill 0 usr1 1\n"), out);
    }

    @Test
    void withSeccompBpfAsWithout() throws Exception {
        String out =
                sameAsStrace(
                        List.of(
                                "-f",
                                "--seccomp-bpf",
                                "-e",
                                "trace=getpid,openat",
                                "-e",
                                "inject=openat:error=ENOENT:when=3"));
        assertTrue(out.contains("open -1 No such file or directory\n"), out);
    }

    /** strace tampers only with the calls it traces: an untraced call runs as made. */
    @Test
    void anUntracedCallIsNotTamperedWith() throws Exception {
        String out =
                sameAsStrace(
                        List.of("-e", "trace=getpid", "-e", "inject=openat:error=ENOENT:when=3"));
        assertTrue(!out.contains("open -1"), out);
    }

    /** -a moves the results' column; -z and -Z print only the calls that succeeded, or failed. */
    @Test
    void theColumnAndTheOutcomeFiltersAsStrace() throws Exception {
        sameAsStrace(List.of("-a", "20", "-Z", "-e", "fault=getpid:when=2"));
        sameAsStrace(List.of("-a", "0", "-z", "-e", "fault=getpid:when=2"));
        sameAsStrace(List.of("--failed-only", "-e", "inject=openat:error=EPERM:when=3"));
    }

    /** -x, -xx and --strings-in-hex=WHICH, on writes, paths and -y's, as strace prints them. */
    @Test
    void stringsInHexAsStrace() throws Exception {
        Path program = StraceComparison.compile(dir, "strings", "gcc");
        List<String> calls = List.of("-e", "trace=write,openat");
        for (List<String> hex :
                List.of(
                        List.<String>of(),
                        List.of("-x"),
                        List.of("-xx"),
                        List.of("--strings-in-hex=non-ascii-chars"),
                        List.of("--strings-in-hex=non-ascii"),
                        List.of("--strings-in-hex"),
                        List.of("-y", "-xx"),
                        List.of("-y", "-x"))) {
            List<String> options = new ArrayList<>(calls);
            options.addAll(hex);
            Trace strace = StraceComparison.strace(dir, options, List.of(program.toString()));
            Trace rawsys = StraceComparison.rawsys(dir, options, List.of(program.toString()));
            assertEquals(
                    String.join("\n", StraceComparison.normalized(strace)),
                    String.join("\n", StraceComparison.normalized(rawsys)),
                    hex + ": " + rawsys.output());
        }
    }

    @Test
    void badExpressionsAreRefusedSayingWhy() throws Exception {
        Path program = StraceComparison.compile(dir, "tamper", "gcc");
        String[][] cases = {
            {"inject=openat", "say what to inject"},
            {"inject=openat:error=ENOTANERRNO", "error=ENOTANERRNO is no errno"},
            {"inject=openat:error=2:retval=3", "error= or retval=, once"},
            {"inject=openat:when=0", "when=0 is not understood"},
            {"inject=openat:when=3..2", "when=3..2 is not understood"},
            {"inject=opnat:error=2", "opnat"},
            {"fault=openat:retval=1", "fault= takes error= and when="},
            {"inject=openat:poke_enter=@arg7=00", "want @argN=HEXBYTES"},
            {"inject=openat:poke_enter=@arg1=0", "want @argN=HEXBYTES"},
            {"inject=openat:poke_enter=@arg1=00,@arg1=01", "@arg1, once"},
            {"inject=getpid:syscall=gettid", "syscall= runs in place of a call that error="},
            {
                "inject=getpid:error=EPERM:syscall=unlink",
                "syscall=unlink is no system call without"
            },
            {"inject=openat:nonsense=1", "not understood"},
        };
        for (String[] c : cases) {
            RawsysJar.Run r = RawsysJar.rawsys("trace", "-e", c[0], program.toString());
            assertEquals(2, r.status(), c[0] + ": " + r.both());
            assertTrue(r.stderr().contains(c[1]), c[0] + ": " + r.stderr());
        }
    }
}
