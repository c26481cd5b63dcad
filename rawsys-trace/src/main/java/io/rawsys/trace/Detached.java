package io.rawsys.trace;

import io.rawsys.ErrnoException;
import io.rawsys.calls.FdCalls;
import io.rawsys.calls.FileCalls;
import io.rawsys.calls.Pipe;
import io.rawsys.calls.ProcessCalls;
import io.rawsys.linux.Fcntl;
import io.rawsys.tool.Failure;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * strace's -D: the traced command keeps this process's pid, and so stays the caller's child (its
 * shell waits for it, gets its status, sends it its signals), while the tracer runs as a detached
 * grandchild. A JVM cannot hand its pid to another program and go on, so this one starts a second
 * rawsys trace, detached ({@code --detached-from}), waits until it has seized this process, and
 * then becomes the command with execve; the tracer shows the trace from that execve on.
 */
final class Detached {
    private Detached() {}

    /** What the detached tracer seizes: the process, the thread that will execve, the ready fd. */
    record Target(int pid, int tid, int ready) {
        static Target parse(String text) {
            String[] parts = text.split(",");
            if (parts.length != 3) {
                throw Failure.usage("--detached-from wants PID,TID,FD (rawsys trace -D's own)");
            }
            try {
                return new Target(
                        Integer.parseInt(parts[0]),
                        Integer.parseInt(parts[1]),
                        Integer.parseInt(parts[2]));
            } catch (NumberFormatException e) {
                throw Failure.usage("--detached-from wants PID,TID,FD (rawsys trace -D's own)");
            }
        }
    }

    /** -D, -DD, -DDD: never returns but by failing (this process becomes the command). */
    static int run(TraceCommand command, TraceOptions options, int level) {
        Path jar;
        try {
            jar =
                    Path.of(
                            TraceCommand.class
                                    .getProtectionDomain()
                                    .getCodeSource()
                                    .getLocation()
                                    .toURI());
        } catch (URISyntaxException | RuntimeException e) {
            jar = null;
        }
        if (jar == null || !jar.toString().endsWith(".jar")) {
            throw Failure.usage(
                    "-D starts rawsys trace again from its jar, and this one runs from " + jar);
        }
        String java = ProcessHandle.current().info().command().orElse(null);
        if (java == null) {
            throw new Failure("-D: cannot tell which java runs this process", Failure.KERNEL);
        }
        String path = Commands.resolve(options.command().getFirst()); // refused here, as strace
        Pipe ready = FdCalls.pipe2(Fcntl.O_CLOEXEC);
        List<String> argv = new ArrayList<>(List.of(java));
        String inherited = System.getProperty("rawsys.inheritedFds");
        if (inherited != null) {
            argv.add("-Drawsys.inheritedFds=" + inherited);
        }
        argv.addAll(List.of("-jar", jar.toString(), "trace"));
        argv.addAll(withoutDaemonize(command));
        int tid = ProcessCalls.gettid();
        argv.add(
                argv.indexOf("trace") + 1,
                "--detached-from="
                        + ProcessHandle.current().pid()
                        + ","
                        + tid
                        + ","
                        + ready.writeEnd());
        long started = Shim.detached(java, argv, level, ready.writeEnd());
        FileCalls.close(ready.writeEnd());
        if (started < 0) {
            FileCalls.close(ready.readEnd());
            throw new Failure(
                    "-D: cannot start the detached tracer: "
                            + Failure.describe(new ErrnoException((int) -started)),
                    Failure.KERNEL);
        }
        // the tracer writes a byte once it has seized this process; EOF means it could not
        long n;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment byteRead = arena.allocate(1);
            do {
                n =
                        io.rawsys.Syscalls.raw(
                                io.rawsys.linux.Nr.read, ready.readEnd(), byteRead.address(), 1);
            } while (n == -io.rawsys.linux.Errno.EINTR);
        }
        FileCalls.close(ready.readEnd());
        if (n != 1) {
            throw new Failure(
                    "-D: the detached tracer did not start (see its message above)",
                    Failure.KERNEL);
        }
        System.out.flush();
        System.err.flush();
        long r = Shim.become(path, options.command(), Commands.inherited());
        throw new Failure(
                "exec: " + path + ": " + Failure.describe(new ErrnoException((int) -r)),
                Failure.KERNEL);
    }

    /** The command line as given, without its -D options, for the detached tracer. */
    private static List<String> withoutDaemonize(TraceCommand command) {
        CommandLine.ParseResult parsed = command.spec.commandLine().getParseResult();
        List<String> kept = new ArrayList<>();
        boolean options = true;
        List<String> given = parsed.originalArgs();
        if (command.spec.parent() != null && !given.isEmpty() && given.getFirst().equals("trace")) {
            given = given.subList(1, given.size()); // the CLI's subcommand name
        }
        for (String arg : given) {
            if (options && arg.equals("--")) {
                options = false;
            } else if (options
                    && (arg.matches("-D{1,3}") || arg.matches("--daemoni[sz]e[d]?(=.*)?"))) {
                continue;
            }
            kept.add(arg);
        }
        return kept;
    }
}
