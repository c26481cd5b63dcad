package io.rawsys.cli.trace;

import static io.rawsys.cli.trace.StraceComparison.namesAndResults;
import static io.rawsys.cli.trace.StraceComparison.normalized;
import static io.rawsys.cli.trace.StraceComparison.wholeFor;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rawsys.cli.trace.StraceComparison.Trace;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * rawsys trace and strace on the same commands: the same calls in the same order with the same
 * results, and the same exit status; the lines of the calls whose decoders exist, whole.
 */
class TraceIT {
    @TempDir Path dir;

    /** The calls of these commands decoded so far, compared line for line. */
    private static final Set<String> DECODED =
            Set.of(
                    "access",
                    "openat",
                    "newfstatat",
                    "close",
                    "read",
                    "pread64",
                    "fadvise64",
                    "write");

    private void sameCallsAndResults(List<String> options, List<String> command) throws Exception {
        Trace strace = StraceComparison.strace(dir, options, command);
        Trace rawsys = StraceComparison.rawsys(dir, options, command);
        assertEquals(strace.status(), rawsys.status(), rawsys.output());
        assertEquals(
                String.join("\n", wholeFor(DECODED, normalized(strace))),
                String.join("\n", wholeFor(DECODED, normalized(rawsys))),
                rawsys.output());
    }

    @Test
    void trueMakesTheSameCalls() throws Exception {
        sameCallsAndResults(List.of(), List.of("/bin/true"));
    }

    @Test
    void catOfAFileMakesTheSameCalls() throws Exception {
        Path file = StraceComparison.file(dir, "hello.txt", "hello, trace\n");
        sameCallsAndResults(List.of(), List.of("cat", file.toString()));
    }

    /** With -f: the same calls and results per process, however the processes interleaved. */
    private void sameCallsPerProcess(List<String> options, List<String> command) throws Exception {
        List<String> withFollow = new java.util.ArrayList<>(List.of("-f"));
        withFollow.addAll(options);
        Trace strace = StraceComparison.strace(dir, withFollow, command);
        Trace rawsys = StraceComparison.rawsys(dir, withFollow, command);
        assertEquals(strace.status(), rawsys.status(), rawsys.output());
        assertEquals(perProcess(strace), perProcess(rawsys), String.join("\n", rawsys.lines()));
    }

    /**
     * Each process's calls, without SIGCHLD: where a child's exit signal lands among the parent's
     * calls, and whether two of them merge into one, is up to the scheduler, in strace as in
     * rawsys.
     */
    private static List<List<String>> perProcess(Trace trace) {
        return StraceComparison.perProcess(normalized(trace)).stream()
                .map(
                        calls ->
                                calls.stream()
                                        .filter(c -> !c.startsWith("--- SIGCHLD"))
                                        .map(c -> c.replaceAll("PID\\d+", "PID"))
                                        .toList())
                .sorted(java.util.Comparator.comparing(Object::toString))
                .toList();
    }

    @Test
    void aShellPipelineWithFollow() throws Exception {
        sameCallsPerProcess(
                List.of("-e", "trace=execve,write,read,pipe2,dup2,close,wait4,exit_group"),
                List.of("sh", "-c", "echo hi | cat"));
    }

    @Test
    void threadsWithFollow() throws Exception {
        Path threads = StraceComparison.compile(dir, "threads", "gcc", "-pthread");
        sameCallsPerProcess(
                List.of("-e", "trace=execve,clone3,write,exit,exit_group"),
                List.of(threads.toString()));
    }

    @Test
    void aProgramKilledByASignal() throws Exception {
        Path killed = StraceComparison.compile(dir, "killed", "gcc");
        Trace rawsys = StraceComparison.rawsys(dir, List.of(), List.of(killed.toString()));
        assertEquals(
                128 + 15, rawsys.status(), "rawsys trace exits as the tracee died: 128 + SIGTERM");
        sameCallsAndResults(List.of(), List.of(killed.toString()));
    }

    @Test
    void execveFromAThread() throws Exception {
        Path exec = StraceComparison.compile(dir, "exec_thread", "gcc", "-pthread");
        sameCallsPerProcess(
                List.of("-e", "trace=execve,clone3,pause,write,exit_group"),
                List.of(exec.toString()));
    }

    @Test
    void vforkThenExec() throws Exception {
        Path vfork = StraceComparison.compile(dir, "vfork_exec", "gcc");
        sameCallsPerProcess(
                List.of("-e", "trace=execve,vfork,wait4,write,exit_group"),
                List.of(vfork.toString()));
    }

    @Test
    void lsOfTheRootDirectory() throws Exception {
        List<String> command = List.of("ls", "-l", "/");
        Trace strace = StraceComparison.strace(dir, List.of(), command);
        Trace rawsys = StraceComparison.rawsys(dir, List.of(), command);
        assertEquals(strace.status(), rawsys.status(), rawsys.output());
        // The listing is of a live directory: a file or a time can change between the two runs,
        // and with it the length of what ls writes. Everything else must be the same.
        assertEquals(
                withoutListingLength(namesAndResults(normalized(strace))),
                withoutListingLength(namesAndResults(normalized(rawsys))),
                rawsys.output());
    }

    private static List<String> withoutListingLength(List<String> calls) {
        return calls.stream().map(c -> c.startsWith("write = ") ? "write = N" : c).toList();
    }

    @Test
    void anI386StaticProgram() throws Exception {
        Path program = StraceComparison.compileI386(dir, "killed");
        sameCallsAndResults(List.of(), List.of(program.toString()));
    }

    /**
     * A filter may name calls only the other personality has (mmap2, _llseek are i386's): strace
     * accepts them on x86_64, and so must rawsys, whether the program traced is a 64-bit one (whose
     * calls of those names never come) or an i386 one.
     */
    @ParameterizedTest
    @ValueSource(strings = {"x86_64", "i386"})
    void filtersNameCallsOfTheOtherPersonality(String abi) throws Exception {
        Path program =
                abi.equals("i386")
                        ? StraceComparison.compileI386(dir, "killed")
                        : StraceComparison.compile(dir, "killed", "gcc");
        sameCallsAndResults(
                List.of("-e", "trace=getpid,write,kill,mmap2,_llseek"),
                List.of(program.toString()));
    }

    /** A group-stop (SIGSTOP) and the SIGCONT that ends it, reported as strace reports them. */
    @Test
    void aGroupStopAndItsContinue() throws Exception {
        Path program = StraceComparison.compile(dir, "stop_cont", "gcc");
        sameCallsAndResults(List.of(), List.of(program.toString()));
    }

    /** With process_vm_readv refused, PTRACE_PEEKDATA reads the same strings and buffers. */
    @Test
    void peekdataReadsWhatProcessVmReadvReads() throws Exception {
        Path file = StraceComparison.file(dir, "hello.txt", "hello, peek\n");
        List<String> command = List.of("cat", file.toString());
        Trace readv = StraceComparison.rawsys(dir, List.of(), command);
        Trace peek =
                StraceComparison.rawsys(
                        dir, List.of("-Drawsys.trace.peekdata=true"), List.of(), command);
        assertEquals(normalized(readv), normalized(peek));
    }

    /** The process family's calls of /bin/true, compared whole (arguments and results). */
    @Test
    void trueProcessCallsPrintAsStraceDoes() throws Exception {
        List<String> options =
                List.of(
                        "-e",
                        "trace=execve,brk,mmap,arch_prctl,set_tid_address,set_robust_list,rseq,"
                                + "mprotect,prlimit64,munmap,exit_group");
        Trace strace = StraceComparison.strace(dir, options, List.of("/bin/true"));
        Trace rawsys = StraceComparison.rawsys(dir, options, List.of("/bin/true"));
        assertEquals(strace.status(), rawsys.status(), rawsys.output());
        assertEquals(normalized(strace), normalized(rawsys), rawsys.output());
    }
}
