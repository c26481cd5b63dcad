package io.rawsys.preload;

/** A call of libc's syscall(): the number and six arguments, as the program passed them. */
public final class SyscallCall extends Call {
    SyscallCall(Function f, long[] a, Memory m) {
        super(f, a, m);
    }

    /** The system call number. */
    public long number() {
        return args[0];
    }

    /** Argument {@code index} (0 to 5) of the system call; those it does not take are garbage. */
    public long syscallArg(int index) {
        return arg(index + 1);
    }
}
