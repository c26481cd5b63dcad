package io.rawsys.trace;

import io.rawsys.Arch;
import io.rawsys.trace.decode.Call;
import io.rawsys.trace.decode.Decoder;

/** What the tracer knows about one traced thread: the engine's own state, never an output's. */
final class Tracee {
    /** Its thread id: what ptrace and wait4 name it by, and strace's [pid N]. */
    final int pid;

    /** The program it started as hides its startup (the shim's work) until its first execve. */
    boolean hidden;

    /** Between a syscall-entry stop and the matching exit stop. */
    boolean inSyscall;

    /** The call being traced, or null when the current call is not printed. */
    Call call;

    Decoder decoder;

    /** The current call's entry part, as made at its entry ({@code name(args, }). */
    String entryText;

    /**
     * -k: the stack at the entry of a call whose stack strace shows as it was then (execve, exit).
     */
    java.util.List<io.rawsys.trace.stack.Frame> entryStack;

    /** What is done to the current call (-e inject=, a trace hook), or null. */
    Tamper tamper;

    /** A signal -e inject=…:signal= sends as the entry stop is resumed, or 0. */
    int entrySignal;

    /** poke_enter= wrote into the call's memory (strace's {@code (INJECTED: args)}). */
    boolean poked;

    /** The tampering whose poke_enter= was done before decoding (a hook's comes later). */
    Tamper pokedAtEntry;

    /** System.nanoTime() at the entry stop, for -T and -c. */
    long entryNanos;

    /** The name of its last system call, which restart_syscall continues. */
    String previousSyscall;

    /** The architecture of its last system call: a change is announced, as strace does. */
    Arch arch;

    /** Its syscall-stops come as seccomp stops (--seccomp-bpf): it is resumed with PTRACE_CONT. */
    boolean seccomp;

    /** Attached with -p (announced, and detached rather than left to die with the tracer). */
    boolean attached;

    /** In a group-stop the tracer let it stay in with PTRACE_LISTEN. */
    boolean groupStopped;

    /** The tracer is detaching: its next stop is the one to detach from. */
    boolean detaching;

    /** The number of its latest system call (-n prints it on every line), or -1. */
    long nr = -1;

    Tracee(int pid) {
        this.pid = pid;
    }

    @Override
    public String toString() {
        return "tracee " + pid;
    }
}
