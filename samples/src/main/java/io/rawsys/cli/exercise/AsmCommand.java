package io.rawsys.cli.exercise;

import io.rawsys.ErrnoException;
import io.rawsys.Syscalls;
import io.rawsys.linux.Errno;
import io.rawsys.linux.Fcntl;
import io.rawsys.linux.Nr;
import java.io.PrintWriter;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Exercise 2: the same three system calls with no libc on the path: C inline assembly, C calling
 * rawsys's {@code .S} stub, and Java through {@link Syscalls#invoke}, which calls that same stub.
 */
@Command(
        name = "asm",
        mixinStandardHelpOptions = true,
        description = {
            "Exercise 2: getpid, write and a failing openat made by the syscall instruction itself, three ways: C"
                    + " with inline assembly, C calling rawsys's own stub (rawsys-stubs/src/main/asm), and Java"
                    + " through Syscalls.invoke, which calls the same stub. Same calls, same results; strace"
                    + " shows the same three system calls for each.",
        },
        footer = {
            "",
            "Examples:",
            "  rawsys asm",
            "  rawsys asm --via inline",
            "  strace -f -e trace=getpid,write,openat rawsys asm --via java"
        })
public final class AsmCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    enum Via {
        inline,
        stub,
        java,
        all
    }

    @Option(
            names = "--via",
            paramLabel = "inline|stub|java|all",
            defaultValue = "all",
            description = "Which program makes the calls (default: ${DEFAULT-VALUE}).")
    Via via;

    @Override
    public Integer call() {
        int status = 0;
        if (via == Via.inline || via == Via.all) {
            status |= NativeProgram.run("asm-syscall", "inline");
        }
        if (via == Via.stub || via == Via.all) {
            status |= NativeProgram.run("asm-syscall", "stub");
        }
        if (via == Via.java || via == Via.all) {
            status |= fromJava(spec.commandLine().getOut());
        }
        return status == 0 ? 0 : 1;
    }

    /**
     * Syscalls.invoke hands the number and the arguments to librawsys.so's stub, which puts them in
     * the kernel's registers and traps; a result of -4095..-1 comes back as an ErrnoException.
     * Pointers are the addresses of native segments: the arena keeps them alive across the call.
     */
    private static int fromJava(PrintWriter out) {
        ExerciseOutput show = new ExerciseOutput(out, "[Java, rawsys stub]");
        try (Arena arena = Arena.ofConfined()) {
            long pid = Syscalls.invoke(Nr.getpid);
            show.value(ExerciseOutput.GETPID_CALL, pid);

            MemorySegment message = arena.allocateFrom(ExerciseOutput.MESSAGE);
            long length = message.byteSize() - 1;
            out.flush();
            long written = Syscalls.invoke(Nr.write, 1, message.address(), length);
            show.value(ExerciseOutput.WRITE_CALL, written);

            MemorySegment path = arena.allocateFrom(ExerciseOutput.MISSING);
            try {
                long fd =
                        Syscalls.invoke(Nr.openat, Fcntl.AT_FDCWD, path.address(), Fcntl.O_RDONLY);
                show.value(ExerciseOutput.OPENAT_CALL, fd);
                return 1;
            } catch (ErrnoException e) {
                show.error(ExerciseOutput.OPENAT_CALL, e.errno(), -e.errno());
                return pid == ProcessHandle.current().pid() && e.errno() == Errno.ENOENT ? 0 : 1;
            }
        }
    }
}
