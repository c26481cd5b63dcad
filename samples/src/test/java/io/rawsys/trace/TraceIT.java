package io.rawsys.trace;

import static io.rawsys.trace.StraceComparison.namesAndResults;
import static io.rawsys.trace.StraceComparison.normalized;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rawsys.trace.StraceComparison.Trace;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * rawsys trace and strace on the same commands: the same calls in the same order with the same
 * results, and the same exit status.
 */
class TraceIT {
    @TempDir Path dir;

    private void sameCallsAndResults(List<String> options, List<String> command) throws Exception {
        Trace strace = StraceComparison.strace(dir, options, command);
        Trace rawsys = StraceComparison.rawsys(dir, options, command);
        assertEquals(strace.status(), rawsys.status(), rawsys.output());
        assertEquals(
                namesAndResults(normalized(strace)),
                namesAndResults(normalized(rawsys)),
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
