package io.rawsys.cli.exercise;

import io.rawsys.ErrnoException;
import io.rawsys.calls.FdCalls;
import io.rawsys.calls.FileCalls;
import io.rawsys.calls.IoctlCalls;
import io.rawsys.calls.Pipe;
import io.rawsys.linux.Fcntl;
import io.rawsys.linux.Ioctl;
import io.rawsys.tool.Failure;
import java.io.PrintWriter;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "fionread",
        mixinStandardHelpOptions = true,
        description = {
            "Bytes waiting to be read: ioctl(fd, FIONREAD, int *). Without --fd, a pipe made for the purpose is"
                    + " filled and drained and asked after each step.",
        },
        footer = {"", "Example:", "  printf hello | rawsys ioctl fionread --fd 0"})
final class IoctlFionreadCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
            names = "--fd",
            paramLabel = "FD",
            description = "Ask about this descriptor (a pipe, socket or terminal) instead.")
    Integer fd;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (fd != null) {
            try {
                out.printf(
                        "%s: %d bytes waiting%n",
                        IoctlWinsizeCommand.describe(fd), IoctlCalls.bytesReadable(fd));
                return 0;
            } catch (ErrnoException e) {
                throw Failure.of(e, "ioctl(" + fd + ", FIONREAD)");
            }
        }
        Pipe pipe = FdCalls.pipe2(Fcntl.O_CLOEXEC);
        try (Arena arena = Arena.ofConfined()) {
            out.printf("pipe2([%d, %d], O_CLOEXEC) = 0%n", pipe.readEnd(), pipe.writeEnd());
            show(out, pipe.readEnd());
            MemorySegment buffer = arena.allocate(4096);
            buffer.setString(0, "hello");
            out.printf(
                    "write(%d, \"hello\", 5) = %d%n",
                    pipe.writeEnd(), FileCalls.write(pipe.writeEnd(), buffer, 5));
            show(out, pipe.readEnd());
            out.printf(
                    "write(%d, ..., 4096) = %d%n",
                    pipe.writeEnd(), FileCalls.write(pipe.writeEnd(), buffer, 4096));
            show(out, pipe.readEnd());
            out.printf(
                    "read(%d, ..., 100) = %d%n",
                    pipe.readEnd(), FileCalls.read(pipe.readEnd(), buffer, 100));
            show(out, pipe.readEnd());
            return 0;
        } finally {
            FileCalls.close(pipe.readEnd());
            FileCalls.close(pipe.writeEnd());
        }
    }

    private static void show(PrintWriter out, int fd) {
        out.printf(
                "ioctl(%d, FIONREAD {0x%x}, [%d]) = 0%n",
                fd, Ioctl.FIONREAD, IoctlCalls.bytesReadable(fd));
    }
}
