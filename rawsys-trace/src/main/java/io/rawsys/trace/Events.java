package io.rawsys.trace;

/**
 * Where the tracer reports what happens: strace's text, JSON lines, or the -c summary. Called on
 * the tracer thread only.
 */
interface Events {
    /** A traced call started; {@code t.call} holds its entry arguments. */
    void entered(Tracee t);

    /** It returned: {@code result} is the text after {@code =}, {@code elapsedNanos} its time. */
    void exited(Tracee t, String result, boolean failed, long elapsedNanos);

    /** The tracee died, or exec'd away, inside the call: strace's {@code = ?}. */
    void unfinished(Tracee t);

    /** The tracer let go of the tracee inside the call: strace's {@code <detached ...>}. */
    void detached(Tracee t);

    /** A signal is being delivered: {@code --- SIGCHLD {…} ---}. */
    void signal(Tracee t, String name, String siginfo);

    /** The tracee stopped in a group-stop: {@code --- stopped by SIGSTOP ---}. */
    void stopped(Tracee t, String signal);

    /** {@code +++ exited with N +++}. */
    void exited(Tracee t, int code);

    /** {@code +++ killed by SIGX (core dumped) +++}. */
    void killed(Tracee t, String signal, boolean coreDumped);

    /** A line of its own, such as {@code [ Process PID=N runs in 32 bit mode. ]}. */
    void note(Tracee t, String text);

    /** Writes out what is buffered, before a message on stderr. */
    void flush();

    /** The trace is over: flush, print the summary, close the file. */
    void finish();
}
