package io.rawsys.cli.trace;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ptrace against strace 6.1: {@code ptrace_calls.c}, itself traced (without -f), traces a child of
 * its own with PTRACE_TRACEME and makes every request strace decodes on it, as the kernel takes
 * them and as it refuses them (bad pointers, unknown requests, flags and regsets, sizes it
 * rejects), follows it through one system call to read PTRACE_GET_SYSCALL_INFO at a stop of each
 * kind, then seizes a second child, interrupts, listens to and kills it. Both tracers must print
 * the same lines, plain, with -X verbose and -X raw, with -v (arrays uncut), with -s 1 (arrays cut
 * after one element) and with -e verbose=none; and for an i386 build.
 *
 * <p>The registers a child really has (PTRACE_GETREGS, GETFPREGS, GETREGSET, and the instruction
 * and stack pointers of PTRACE_GET_SYSCALL_INFO) hold addresses that differ from run to run, so in
 * those structures each hex number is replaced by {@code X} before comparing; the field names, the
 * zeros and the structure's shape are still compared. The registers the program sets itself
 * (SETREGS, SETREGSET) are compared as they are. The program is built without PIE so that the
 * addresses of its globals are the same in both runs. Signals are left out (-e signal=none): the
 * SIGCHLD of a stopped child carries its CPU times. getpid and fork's clone are traced too, so that
 * the comparison knows the pids (fork's child_tidptr, an address in the thread's area, is replaced
 * like the registers).
 */
class PtraceDecodersIT {
    @TempDir Path dir;

    private static final List<String> OPTIONS =
            List.of("-e", "trace=ptrace,getpid,clone,clone3", "-e", "signal=none");

    private static final Pattern REGISTERS =
            Pattern.compile("\\{r15=|\\{ebx=|\\{cwd=|instruction_pointer=|^clone3?\\(");

    private static final Pattern HEX = Pattern.compile("0x[0-9a-f]+");

    /** The registers the program sets itself start with 0x1000: those lines are kept whole. */
    private static final Pattern SET_BY_THE_PROGRAM = Pattern.compile("\\{(r15|ebx)=0x1000,");

    /** Each hex number replaced by X in a line that shows a child's real registers. */
    private static final UnaryOperator<String> COMPARABLE =
            line ->
                    REGISTERS.matcher(line).find() && !SET_BY_THE_PROGRAM.matcher(line).find()
                            ? HEX.matcher(line).replaceAll("X")
                            : line;

    @Test
    void ptracePrintsAsStraceDoes() throws Exception {
        Path program = StraceComparison.compile(dir, "ptrace_calls", "gcc", "-no-pie");
        for (List<String> how :
                List.of(
                        List.<String>of(),
                        List.of("-X", "verbose"),
                        List.of("-X", "raw"),
                        List.of("-v"),
                        List.of("-s", "1"),
                        List.of("-e", "verbose=none"))) {
            List<String> options = new ArrayList<>(how);
            options.addAll(OPTIONS);
            StraceComparison.sameInWorkDirectory(dir, program, options, COMPARABLE);
        }
    }

    /**
     * A 32-bit program tracing its 32-bit child: the addresses and words are 4 bytes, and the
     * registers i386's {@code user_regs_struct} and {@code user_fpregs_struct}, as strace's m32
     * personality prints them (the {@code struct user} offsets keep strace's x86_64 names).
     */
    @Test
    void aThirtyTwoBitProgramsRequestsPrintAsStraceDoes() throws Exception {
        Path program = StraceComparison.compileI386(dir, "ptrace_calls");
        for (List<String> how : List.of(List.<String>of(), List.of("-X", "verbose"))) {
            List<String> options = new ArrayList<>(how);
            options.addAll(OPTIONS);
            StraceComparison.sameInWorkDirectory(dir, program, options, COMPARABLE);
        }
    }
}
