package io.rawsys.trace;

import io.rawsys.Arch;
import io.rawsys.linux.Seccomp;
import io.rawsys.linux.struct.SockFilter;
import io.rawsys.linux.struct.SockFprog;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * --seccomp-bpf: a classic-BPF program the tracee installs just before it execs, which returns
 * SECCOMP_RET_TRACE for the traced calls (a stop for the tracer) and SECCOMP_RET_ALLOW for the rest
 * (no stop at all: that is where the speed comes from). It checks the architecture first: an x86_64
 * process can make i386 calls, whose numbers mean other calls.
 *
 * <pre>
 *   ld  [arch]
 *   jeq AUDIT_ARCH_X86_64, 1, 0 ; ja next_arch   (for each architecture the process can use)
 *   ld  [nr]
 *   jeq nr₁, 0, 1 ; ret TRACE                      (for each traced call)
 *   …
 *   ret ALLOW
 * next_arch: …
 *   ret TRACE                                      (an architecture not listed: trace it all)
 * </pre>
 */
final class SeccompFilter {
    private SeccompFilter() {}

    /** struct seccomp_data: the call's number, then the AUDIT_ARCH_* value (linux/seccomp.h). */
    private static final int DATA_NR = 0;

    private static final int DATA_ARCH = 4;

    /** A {@code struct sock_fprog} for {@code filter}'s calls, allocated in {@code arena}. */
    static MemorySegment build(Arena arena, Filter filter) {
        Arch host = Arch.current();
        List<int[]> program = new ArrayList<>();
        List<Arch> arches = new ArrayList<>(List.of(host));
        // the host's other personalities with an audit architecture of their own (x32's calls are
        // x86_64's, told apart by a bit in their numbers: stopped at below)
        host.companions().stream().filter(a -> a.numberBit() == 0).forEach(arches::add);
        for (Arch arch : arches) {
            Set<Long> numbers = new TreeSet<>();
            for (String call : filter.traced(arch)) {
                arch.syscalls().find(call).ifPresent(numbers::add);
            }
            // The exec calls are always stopped at: the trace follows a program into the new one.
            arch.syscalls().find("execve").ifPresent(numbers::add);
            arch.syscalls().find("execveat").ifPresent(numbers::add);
            List<int[]> block = new ArrayList<>();
            block.add(stmt(Seccomp.BPF_LD | Seccomp.BPF_W | Seccomp.BPF_ABS, DATA_NR));
            for (Arch other : arch.companions()) {
                if (other.auditArch() == arch.auditArch() && other.numberBit() != 0) {
                    // its calls come with this audit arch and their bit set (x32's bit 30, above
                    // every x86_64 number): stop at all of them
                    block.add(
                            jump(
                                    Seccomp.BPF_JMP | Seccomp.BPF_JGE | Seccomp.BPF_K,
                                    (int) other.numberBit(),
                                    0,
                                    1));
                    block.add(stmt(Seccomp.BPF_RET | Seccomp.BPF_K, Seccomp.SECCOMP_RET_TRACE));
                }
            }
            for (long nr : numbers) {
                block.add(jump(Seccomp.BPF_JMP | Seccomp.BPF_JEQ | Seccomp.BPF_K, (int) nr, 0, 1));
                block.add(stmt(Seccomp.BPF_RET | Seccomp.BPF_K, Seccomp.SECCOMP_RET_TRACE));
            }
            block.add(stmt(Seccomp.BPF_RET | Seccomp.BPF_K, Seccomp.SECCOMP_RET_ALLOW));
            program.add(stmt(Seccomp.BPF_LD | Seccomp.BPF_W | Seccomp.BPF_ABS, DATA_ARCH));
            int audit = arch.auditArch();
            program.add(jump(Seccomp.BPF_JMP | Seccomp.BPF_JEQ | Seccomp.BPF_K, audit, 1, 0));
            program.add(stmt(Seccomp.BPF_JMP | Seccomp.BPF_JA, block.size()));
            program.addAll(block);
        }
        program.add(stmt(Seccomp.BPF_RET | Seccomp.BPF_K, Seccomp.SECCOMP_RET_TRACE));
        if (program.size() > Seccomp.BPF_MAXINSNS) {
            throw new IllegalStateException(
                    "the seccomp filter needs "
                            + program.size()
                            + " instructions, more than the kernel's "
                            + Seccomp.BPF_MAXINSNS);
        }
        MemorySegment instructions = arena.allocate(SockFilter.LAYOUT, program.size());
        for (int i = 0; i < program.size(); i++) {
            int[] insn = program.get(i);
            MemorySegment at = instructions.asSlice(i * SockFilter.sizeof(), SockFilter.sizeof());
            SockFilter.code(at, (short) insn[0]);
            SockFilter.jt(at, (byte) insn[2]);
            SockFilter.jf(at, (byte) insn[3]);
            SockFilter.k(at, insn[1]);
        }
        MemorySegment fprog = SockFprog.allocate(arena);
        SockFprog.len(fprog, (short) program.size());
        SockFprog.filter(fprog, instructions.address());
        return fprog;
    }

    private static int[] stmt(int code, int k) {
        return new int[] {code, k, 0, 0};
    }

    private static int[] jump(int code, int k, int jt, int jf) {
        return new int[] {code, k, jt, jf};
    }
}
