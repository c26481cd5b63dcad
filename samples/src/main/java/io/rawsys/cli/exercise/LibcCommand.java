package io.rawsys.cli.exercise;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.rawsys.linux.Errno;
import io.rawsys.linux.Fcntl;
import io.rawsys.linux.Nr;
import java.io.PrintWriter;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Exercise 1: three system calls through glibc's {@code long syscall(long number, ...)}, from C
 * (samples/src/main/c/libc_syscall.c, run from the jar) and from Java with an FFM downcall.
 */
@Command(
        name = "libc",
        mixinStandardHelpOptions = true,
        description = {
            "Exercise 1: getpid, write and a failing openat through libc's syscall() function: from C, then from"
                    + " Java with an FFM downcall to the same function. The C program is"
                    + " samples/src/main/c/libc_syscall.c, carried in the jar.",
        },
        footer = {
            "",
            "Examples:",
            "  rawsys libc",
            "  rawsys libc --via java",
            "  strace -f -e trace=getpid,write,openat rawsys libc --via c"
        })
public final class LibcCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    enum Via {
        c,
        java,
        both
    }

    @Option(
            names = "--via",
            paramLabel = "c|java|both",
            defaultValue = "both",
            description = "Which program makes the calls (default: ${DEFAULT-VALUE}).")
    Via via;

    @Override
    public Integer call() {
        int status = 0;
        if (via != Via.java) {
            status |= NativeProgram.run("libc-syscall");
        }
        if (via != Via.c) {
            status |= fromJava(spec.commandLine().getOut());
        }
        return status == 0 ? 0 : 1;
    }

    /**
     * glibc's {@code syscall} is variadic: every argument after the number is read with {@code
     * va_arg(ap, long)}, so each is passed as a {@code long} (or a pointer), never an {@code int}
     * whose upper half the callee would read as garbage. FFM needs to know where the variadic part
     * starts to pass the arguments as C's varargs convention says. errno is a thread-local that the
     * JVM may overwrite before Java reads it, so the downcall captures it right after the call.
     */
    @SuppressWarnings("restricted") // a downcall to libc's syscall(): the point of the exercise
    private static int fromJava(PrintWriter out) {
        ExerciseOutput show = new ExerciseOutput(out, "[Java, libc syscall]");
        Linker linker = Linker.nativeLinker();
        MemorySegment syscall = linker.defaultLookup().find("syscall").orElseThrow();
        StructLayout stateLayout = Linker.Option.captureStateLayout();
        VarHandle errnoHandle =
                stateLayout.varHandle(MemoryLayout.PathElement.groupElement("errno"));
        Linker.Option variadicAfterNumber = Linker.Option.firstVariadicArg(1);
        Linker.Option captureErrno = Linker.Option.captureCallState("errno");

        MethodHandle syscall0 =
                linker.downcallHandle(
                        syscall, FunctionDescriptor.of(JAVA_LONG, JAVA_LONG), variadicAfterNumber);
        MethodHandle syscall3 =
                linker.downcallHandle(
                        syscall,
                        FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, ADDRESS, JAVA_LONG),
                        variadicAfterNumber,
                        captureErrno);

        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(stateLayout);

            long pid = (long) syscall0.invokeExact(Nr.getpid);
            show.value(ExerciseOutput.GETPID_CALL, pid);

            MemorySegment message = arena.allocateFrom(ExerciseOutput.MESSAGE);
            long length = message.byteSize() - 1; // without the NUL allocateFrom adds
            out.flush();
            long written = (long) syscall3.invokeExact(state, Nr.write, 1L, message, length);
            report(show, ExerciseOutput.WRITE_CALL, written, state, errnoHandle);

            MemorySegment path = arena.allocateFrom(ExerciseOutput.MISSING);
            long fd =
                    (long)
                            syscall3.invokeExact(
                                    state,
                                    Nr.openat,
                                    (long) Fcntl.AT_FDCWD,
                                    path,
                                    (long) Fcntl.O_RDONLY);
            int errno = report(show, ExerciseOutput.OPENAT_CALL, fd, state, errnoHandle);
            return pid == ProcessHandle.current().pid() && fd == -1 && errno == Errno.ENOENT
                    ? 0
                    : 1;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) { // invokeExact declares Throwable; a downcall throws nothing else
            throw new IllegalStateException(t);
        }
    }

    /** libc's convention: -1 means "look at errno". Returns errno, or 0 on success. */
    private static int report(
            ExerciseOutput show, String call, long result, MemorySegment state, VarHandle errno) {
        if (result != -1) {
            show.value(call, result);
            return 0;
        }
        int value = (int) errno.get(state, 0L);
        show.error(call, value, 0);
        return value;
    }
}
