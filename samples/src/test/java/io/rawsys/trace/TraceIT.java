package io.rawsys.trace;

import static io.rawsys.trace.StraceComparison.normalized;
import static io.rawsys.trace.StraceComparison.wholeFor;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rawsys.trace.StraceComparison.Trace;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
}
