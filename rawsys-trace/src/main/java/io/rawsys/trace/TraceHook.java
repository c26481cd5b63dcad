package io.rawsys.trace;

/**
 * Programmable tampering: sees each traced call at its entry, decoded, and says what happens to it
 * (strace's {@code -e inject=}, as Java). Runs on the tracer's thread while the tracee waits, so it
 * should be quick; a hook that throws is reported once, and the call runs as made. See {@link
 * Trace#run}.
 */
@FunctionalInterface
public interface TraceHook {
    /** What to do to {@code call}: {@link Tamper#none()} to let it run as made. */
    Tamper onEntry(TracedCall call);
}
