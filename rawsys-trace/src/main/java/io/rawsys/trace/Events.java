package io.rawsys.trace;

/**
 * Where the tracer reports what happens: strace's text, JSON lines, or the -c summary. The engine
 * only produces these events, each immutable and complete; an output only consumes them and never
 * reaches back into the engine's state or the decoders. Called on the tracer thread only.
 */
interface Events {
    /** A traced call started: its entry part is known. */
    void entered(CallEvent call);

    /** It ended: returned, failed, or unfinished (the tracee died or exec'd away inside it). */
    void ended(CallEvent call);

    /** The tracer let go of thread {@code pid} inside a call: strace's {@code <detached ...>}. */
    void detached(int pid);

    /** A signal is being delivered: {@code --- SIGCHLD {…} ---}. */
    void signal(int pid, String name, String siginfo);

    /** The tracee stopped in a group-stop: {@code --- stopped by SIGSTOP ---}. */
    void stopped(int pid, String signal);

    /**
     * -k: the stack of the line just printed for {@code pid} (a call, a signal), one frame a line;
     * nothing when that line was not printed (a status filter held it back).
     */
    default void stack(int pid, java.util.List<String> frames) {}

    /** Thread {@code from} goes on as {@code to} (an exec made it the leader), unseen before. */
    default void renamed(int from, int to) {}

    /** Thread {@code pid} is about to end (PTRACE_EVENT_EXIT): what it is can still be read. */
    default void ending(int pid) {}

    /** {@code +++ exited with N +++}. */
    void exited(int pid, int code);

    /** {@code +++ killed by SIGX (core dumped) +++}. */
    void killed(int pid, String signal, boolean coreDumped);

    /** A line of its own, such as {@code [ Process PID=N runs in 32 bit mode. ]}. */
    void note(int pid, String text);

    /** Writes out what is buffered, before a message on stderr. */
    void flush();

    /** The trace is over: flush, print the summary, close the file. */
    void finish();
}
