package io.rawsys.trace;

import java.util.List;
import picocli.CommandLine;

/**
 * rawsys trace from Java: a trace run with strace's options, and a {@link TraceHook} that sees each
 * traced call at its entry and may change its outcome. The hook composes with {@code -e inject=}:
 * the options decide first, and a hook's answer other than {@link Tamper#none()} replaces theirs.
 *
 * <pre>{@code
 * // every open of a path under /etc fails with ENOENT; the trace goes to trace.txt
 * int status = Trace.run(List.of("-f", "-e", "trace=openat", "-o", "trace.txt", "--", "cat", "/etc/hostname"),
 *         call -> call.name().equals("openat") && call.arguments().get(1).startsWith("\"/etc/")
 *                 ? Tamper.error(2) : Tamper.none());
 * }</pre>
 */
public final class Trace {
    private Trace() {}

    /**
     * Traces the command {@code arguments} name (strace's options, as {@code rawsys trace} takes
     * them) with {@code hook}, and returns its exit status (128 + the signal that killed it). The
     * trace is written where {@code -o} says, else to stderr.
     *
     * @throws IllegalArgumentException for options rawsys trace does not accept, saying why
     * @throws io.rawsys.tool.Failure when the trace cannot be made (the command cannot start)
     */
    public static int run(List<String> arguments, TraceHook hook) throws InterruptedException {
        TraceCommand command = new TraceCommand();
        command.hook = hook;
        try {
            new CommandLine(command)
                    .setOverwrittenOptionsAllowed(true) // as strace: a later -a or -s wins
                    .parseArgs(arguments.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        try {
            return command.call();
        } catch (io.rawsys.tool.Failure e) {
            if (e.status() == io.rawsys.tool.Failure.USAGE) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
            throw e;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
