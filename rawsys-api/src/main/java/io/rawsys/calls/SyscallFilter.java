package io.rawsys.calls;

import io.rawsys.Arch;
import io.rawsys.linux.Seccomp;
import io.rawsys.linux.struct.SockFilter;
import io.rawsys.linux.struct.SockFprog;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A seccomp-BPF program that answers chosen system calls of a process with chosen actions and lets
 * every other call through ({@code SECCOMP_RET_ALLOW}, in the kernel, at full speed): what a tracer
 * installs for {@code --seccomp-bpf} ({@code SECCOMP_RET_TRACE}) and a supervisor for user
 * notification ({@code SECCOMP_RET_USER_NOTIF}).
 *
 * <p>A process may enter the kernel in every ABI of its machine ({@link Arch#companions()}: an
 * x86_64 program can make i386 calls with {@code int 0x80}, and x32 calls), where the same number
 * means another call. So the program checks the audit architecture first, then, for ABIs that share
 * one, the {@linkplain Arch#numberBit() number bit}, and only then the number:
 *
 * <pre>
 *   ld  [arch]
 *   jeq AUDIT_ARCH_X86_64, 1, 0 ; ja next_arch     (each audit arch of the machine's ABIs)
 *   ld  [nr]
 *   jset 0x40000000, 0, 1 ; ja x32                   (each ABI told apart by a number bit)
 *   jeq nr₁, 0, 1 ; ret ACTION₁                      (each chosen call of the plain ABI)
 *   …
 *   ret OTHERWISE
 * x32: jeq nr₁|bit, 0, 1 ; ret ACTION …  ret OTHERWISE
 * next_arch: …
 *   ret UNKNOWN                                      (an audit arch of no ABI listed)
 * </pre>
 *
 * An ABI of the machine given no calls still gets its block, answering all with {@code otherwise}:
 * only an audit arch no ABI of the machine has gets {@code unknownArch}.
 */
public final class SyscallFilter {
    private final Arch host;
    private final List<Arch> abis;
    private final Map<Arch, TreeMap<Long, Integer>> calls = new LinkedHashMap<>();
    private final Map<Arch, Integer> all = new LinkedHashMap<>();
    private int otherwise = Seccomp.SECCOMP_RET_ALLOW;
    private int unknownArch = Seccomp.SECCOMP_RET_KILL_PROCESS;

    private SyscallFilter(Arch host) {
        this.host = host;
        List<Arch> machine = new ArrayList<>(List.of(host));
        machine.addAll(host.companions());
        this.abis = List.copyOf(machine);
    }

    /** A filter for a process on {@code host}'s machine: the host ABI and its companions. */
    public static SyscallFilter on(Arch host) {
        return new SyscallFilter(host);
    }

    /**
     * The ABIs a process on the host's machine may call in: the host's first, then its companions.
     */
    public List<Arch> abis() {
        return abis;
    }

    private void require(Arch abi) {
        if (!abis.contains(abi)) {
            throw new IllegalArgumentException(
                    abi + " is no ABI of " + host + "'s machine; those are " + abis);
        }
    }

    /**
     * Answers each of {@code numbers} (the ABI's own, as {@code abi.syscalls()} gives them) with
     * {@code action} when made in {@code abi}.
     */
    public SyscallFilter answer(Arch abi, Collection<Long> numbers, int action) {
        require(abi);
        TreeMap<Long, Integer> table = calls.computeIfAbsent(abi, a -> new TreeMap<>());
        for (long nr : numbers) {
            table.put(nr, action);
        }
        return this;
    }

    /** Answers every call made in {@code abi} with {@code action}. */
    public SyscallFilter answerAll(Arch abi, int action) {
        require(abi);
        all.put(abi, action);
        return this;
    }

    /** What the other calls of the machine's ABIs get: {@code SECCOMP_RET_ALLOW} unless set. */
    public SyscallFilter otherwise(int action) {
        this.otherwise = action;
        return this;
    }

    /**
     * What a call made in an audit architecture none of the machine's ABIs has gets: {@code
     * SECCOMP_RET_KILL_PROCESS} unless set (the kernel should never report one).
     */
    public SyscallFilter unknownArch(int action) {
        this.unknownArch = action;
        return this;
    }

    /**
     * The program's instructions, each {@code {code, jt, jf, k}}.
     *
     * @throws IllegalStateException when it needs more than the kernel's {@code BPF_MAXINSNS}
     */
    public List<int[]> instructions() {
        List<int[]> program = new ArrayList<>();
        program.add(stmt(Seccomp.BPF_LD | Seccomp.BPF_W | Seccomp.BPF_ABS, DATA_ARCH));
        List<Integer> audits = new ArrayList<>();
        for (Arch abi : abis) {
            if (!audits.contains(abi.auditArch())) {
                audits.add(abi.auditArch());
            }
        }
        for (int audit : audits) {
            List<int[]> block = auditBlock(audit);
            program.add(jump(Seccomp.BPF_JMP | Seccomp.BPF_JEQ | Seccomp.BPF_K, audit, 1, 0));
            program.add(stmt(Seccomp.BPF_JMP | Seccomp.BPF_JA, block.size()));
            program.addAll(block);
        }
        program.add(stmt(Seccomp.BPF_RET | Seccomp.BPF_K, unknownArch));
        if (program.size() > Seccomp.BPF_MAXINSNS) {
            throw new IllegalStateException(
                    "the seccomp filter needs "
                            + program.size()
                            + " instructions, more than the kernel's "
                            + Seccomp.BPF_MAXINSNS);
        }
        return program;
    }

    /** The block of one audit arch: the ABIs with a number bit first, then the plain one. */
    private List<int[]> auditBlock(int audit) {
        List<Arch> withBit = new ArrayList<>();
        Arch plain = null;
        for (Arch abi : abis) {
            if (abi.auditArch() == audit) {
                if (abi.numberBit() != 0) {
                    withBit.add(abi);
                } else {
                    plain = abi;
                }
            }
        }
        List<List<int[]>> subBlocks = new ArrayList<>();
        for (Arch abi : withBit) {
            subBlocks.add(numbers(abi));
        }
        List<int[]> main = plain == null ? List.of(ret(otherwise)) : numbers(plain);
        List<int[]> block = new ArrayList<>();
        block.add(stmt(Seccomp.BPF_LD | Seccomp.BPF_W | Seccomp.BPF_ABS, DATA_NR));
        // the dispatch on the bits: jset bit, 0, 1 ; ja its sub-block (after the main one)
        int after = 2 * withBit.size() + main.size();
        int skip = 0;
        for (int i = 0; i < withBit.size(); i++) {
            int remaining = after - 2 * i - 2; // instructions between this ja and the sub-blocks
            block.add(
                    jump(
                            Seccomp.BPF_JMP | Seccomp.BPF_JSET | Seccomp.BPF_K,
                            (int) withBit.get(i).numberBit(),
                            0,
                            1));
            block.add(stmt(Seccomp.BPF_JMP | Seccomp.BPF_JA, remaining + skip));
            skip += subBlocks.get(i).size();
        }
        block.addAll(main);
        subBlocks.forEach(block::addAll);
        return block;
    }

    /** {@code jeq nr, 0, 1 ; ret action} for each chosen call of {@code abi}, then otherwise. */
    private List<int[]> numbers(Arch abi) {
        List<int[]> block = new ArrayList<>();
        Integer everything = all.get(abi);
        if (everything != null) {
            block.add(ret(everything));
            return block;
        }
        calls.getOrDefault(abi, new TreeMap<>())
                .forEach(
                        (nr, action) -> {
                            block.add(
                                    jump(
                                            Seccomp.BPF_JMP | Seccomp.BPF_JEQ | Seccomp.BPF_K,
                                            (int) (long) nr,
                                            0,
                                            1));
                            block.add(ret(action));
                        });
        block.add(ret(otherwise));
        return block;
    }

    /**
     * The program as a {@code struct sock_fprog} (and its instructions) allocated in {@code arena}.
     */
    public MemorySegment program(Arena arena) {
        List<int[]> program = instructions();
        MemorySegment instructions = arena.allocate(SockFilter.LAYOUT, program.size());
        for (int i = 0; i < program.size(); i++) {
            int[] insn = program.get(i);
            MemorySegment at = instructions.asSlice(i * SockFilter.sizeof(), SockFilter.sizeof());
            SockFilter.code(at, (short) insn[0]);
            SockFilter.jt(at, (byte) insn[1]);
            SockFilter.jf(at, (byte) insn[2]);
            SockFilter.k(at, insn[3]);
        }
        MemorySegment fprog = SockFprog.allocate(arena);
        SockFprog.len(fprog, (short) program.size());
        SockFprog.filter(fprog, instructions.address());
        return fprog;
    }

    /** struct seccomp_data: the call's number at 0, its audit arch at 4 (linux/seccomp.h). */
    private static final int DATA_NR = 0;

    private static final int DATA_ARCH = 4;

    private static int[] ret(int action) {
        return stmt(Seccomp.BPF_RET | Seccomp.BPF_K, action);
    }

    private static int[] stmt(int code, int k) {
        return new int[] {code, 0, 0, k};
    }

    private static int[] jump(int code, int k, int jt, int jf) {
        return new int[] {code, jt, jf, k};
    }
}
