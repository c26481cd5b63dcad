package io.rawsys.trace;

import io.rawsys.Arch;
import io.rawsys.calls.SyscallFilter;
import io.rawsys.linux.Seccomp;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Set;
import java.util.TreeSet;

/**
 * --seccomp-bpf: a classic-BPF program the tracee installs just before it execs, which returns
 * SECCOMP_RET_TRACE for the traced calls (a stop for the tracer) and SECCOMP_RET_ALLOW for the rest
 * (no stop at all: that is where the speed comes from). rawsys-api's {@link SyscallFilter} builds
 * it, checking the architecture first: an x86_64 process can make i386 calls, whose numbers mean
 * other calls. x32's calls, and those of an architecture the machine does not know, are all traced.
 */
final class SeccompFilter {
    private SeccompFilter() {}

    /** A {@code struct sock_fprog} for {@code filter}'s calls, allocated in {@code arena}. */
    static MemorySegment build(Arena arena, Filter filter) {
        Arch host = Arch.current();
        SyscallFilter program = SyscallFilter.on(host).unknownArch(Seccomp.SECCOMP_RET_TRACE);
        for (Arch abi : program.abis()) {
            if (abi.numberBit() != 0) {
                program.answerAll(abi, Seccomp.SECCOMP_RET_TRACE);
                continue;
            }
            Set<Long> numbers = new TreeSet<>();
            for (String call : filter.traced(abi)) {
                abi.syscalls().find(call).ifPresent(numbers::add);
            }
            // The exec calls are always stopped at: the trace follows a program into the new one.
            abi.syscalls().find("execve").ifPresent(numbers::add);
            abi.syscalls().find("execveat").ifPresent(numbers::add);
            program.answer(abi, numbers, Seccomp.SECCOMP_RET_TRACE);
        }
        return program.program(arena);
    }
}
