package io.rawsys.cli.exercise;

import io.rawsys.Arch;
import java.io.PrintWriter;

/**
 * The syscall exercises' three calls and their output, line for line as the C programs print them
 * (samples/src/main/c/exercise.h), so the Java and C runs can be compared with diff and strace.
 */
final class ExerciseOutput {
    static final String MESSAGE = "hello from a system call\n";
    static final String MISSING = "/nonexistent/rawsys-exercise";
    static final String GETPID_CALL = "getpid()";
    static final String WRITE_CALL = "write(1, \"hello from a system call\\n\", 25)";
    static final String OPENAT_CALL = "openat(AT_FDCWD, \"" + MISSING + "\", O_RDONLY)";

    private final PrintWriter out;
    private final String via;

    ExerciseOutput(PrintWriter out, String via) {
        this.out = out;
        this.via = via;
    }

    /** A call that returned {@code result}. */
    void value(String call, long result) {
        out.printf("%-20s %-62s = %d%n", via, call, result);
        out.flush(); // in step with the raw write(1, ...) between the lines
    }

    /**
     * A call that failed with {@code errno}; {@code kernelResult} is what the kernel returned when
     * that is worth showing (-errno), or 0.
     */
    void error(String call, int errno, long kernelResult) {
        String line =
                String.format(
                        "%-20s %-62s = -1 %s (%s)",
                        via,
                        call,
                        Arch.current().errnos().name(errno).orElse("E?"),
                        Arch.current().errnos().message(errno));
        out.println(
                kernelResult != 0 ? line + "   [the kernel returned " + kernelResult + "]" : line);
        out.flush();
    }
}
