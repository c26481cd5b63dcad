package io.rawsys;

import io.rawsys.SyscallAbi.Errors;
import io.rawsys.SyscallAbi.Pairs;
import io.rawsys.internal.HostAbi;
import io.rawsys.linux.data.ZArchData;
import java.lang.foreign.GroupLayout;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * A Linux architecture (more exactly an ABI) that rawsys has generated tables for: its system calls
 * and errno values. {@link #current()} is the one this JVM runs on; {@link #of(String)} gives any
 * other, for tools that look at foreign programs (a tracer decoding an i386 process on x86_64,
 * say). Instances are singletons and thread-safe.
 */
public final class Arch {
    private static final Map<String, Arch> ALL = new LinkedHashMap<>();

    static {
        for (String name : ZArchData.NAMES) {
            ALL.put(name, new Arch(name));
        }
    }

    private final String name;
    private volatile SyscallTable syscalls;
    private volatile ErrnoTable errnos;
    private volatile ConstantTable constants;
    private volatile Map<String, StructMember> members;
    private volatile SyscallAbi abi;

    private Arch(String name) {
        this.name = name;
    }

    /**
     * The architecture this JVM runs on.
     *
     * @throws UnsupportedOperationException on an operating system other than Linux, or an
     *     architecture rawsys has no tables for; the message says which
     */
    public static Arch current() {
        return ALL.get(HostAbi.name());
    }

    /**
     * The architecture called {@code name}: a rawsys name such as {@code aarch64}, or a JVM {@code
     * os.arch} value such as {@code amd64}.
     *
     * @throws NoSuchElementException naming the architectures rawsys knows
     */
    public static Arch of(String name) {
        String abi = HostAbi.lookUp(name);
        Arch arch = abi == null ? null : ALL.get(abi);
        if (arch == null) {
            throw new NoSuchElementException(
                    "rawsys has no architecture called '"
                            + name
                            + "'; it knows "
                            + String.join(", ", names()));
        }
        return arch;
    }

    /** The names of every architecture rawsys has tables for. */
    public static List<String> names() {
        return List.copyOf(ALL.keySet());
    }

    /** This architecture's rawsys name, such as {@code x86_64}. */
    public String name() {
        return name;
    }

    /** This architecture's system calls. */
    public SyscallTable syscalls() {
        SyscallTable table = syscalls;
        if (table == null) {
            // Racy but safe: the table is immutable, and two threads would build equal ones.
            syscalls = table = SyscallTable.parse(name, ZArchData.syscalls(name));
        }
        return table;
    }

    /** This architecture's errno values and messages. */
    public ErrnoTable errnos() {
        ErrnoTable table = errnos;
        if (table == null) {
            errnos =
                    table =
                            ErrnoTable.parse(
                                    name, ZArchData.errnos(name), ZArchData.errnoAliases(name));
        }
        return table;
    }

    /**
     * This architecture's constants (flags, commands, ioctl numbers), including those only it
     * defines.
     */
    public ConstantTable constants() {
        ConstantTable table = constants;
        if (table == null) {
            constants = table = ConstantTable.load(name, ZArchData.CONSTANT_GROUPS);
        }
        return table;
    }

    /**
     * The layout of a struct as this architecture defines it, by rawsys's name for it ({@code
     * stat}, {@code user_regs_struct}, {@code siginfo}); empty if this architecture has none
     * ({@code stat64} on 64-bit ones). Its byte order and alignments are this architecture's, so it
     * reads memory of a process of this architecture.
     */
    public Optional<GroupLayout> layout(String struct) {
        return Optional.ofNullable(ZArchData.layout(name, struct));
    }

    /**
     * A member of a struct as this architecture lays it out, by rawsys's struct name and the
     * member's designator ({@code member("stat64", "st_size")}, {@code member("statx",
     * "stx_mtime.tv_sec")}); empty if this architecture has no such struct or member.
     */
    public Optional<StructMember> member(String struct, String path) {
        Map<String, StructMember> table = members;
        if (table == null) {
            Map<String, StructMember> all = new HashMap<>();
            ByteOrder order = byteOrder();
            ZArchData.structFields(name)
                    .lines()
                    .forEach(
                            line -> {
                                String[] p = line.split(" ");
                                all.put(
                                        p[0] + " " + p[1],
                                        new StructMember(
                                                p[0],
                                                p[1],
                                                ZArchData.layout(name, p[0]).byteSize(),
                                                Long.parseLong(p[2]),
                                                p[3].charAt(0),
                                                Integer.parseInt(p[4]),
                                                Long.parseLong(p[5]),
                                                order));
                            });
            members = table = Map.copyOf(all);
        }
        return Optional.ofNullable(table.get(struct + " " + path));
    }

    /** rawsys's names of the structs this architecture has layouts for. */
    public List<String> structs() {
        return ZArchData.structHeaders(name)
                .lines()
                .map(line -> line.substring(0, line.indexOf(' ')))
                .toList();
    }

    /**
     * This architecture's system-call convention, as the kernel documents it (syscall(2),
     * "Architecture calling conventions") and its stub in rawsys-stubs implements it.
     */
    public SyscallAbi abi() {
        SyscallAbi a = abi;
        if (a == null) {
            abi =
                    a =
                            new SyscallAbi(
                                    ZArchData.trap(name),
                                    ZArchData.numberRegister(name),
                                    ZArchData.argumentRegisters(name),
                                    ZArchData.resultRegister(name),
                                    Errors.valueOf(ZArchData.errors(name)),
                                    Pairs.valueOf(ZArchData.pairs(name)),
                                    ZArchData.stub(name));
        }
        return a;
    }

    /**
     * The name of the {@code AUDIT_ARCH_*} constant the kernel reports this ABI's calls with (in
     * seccomp's {@code struct seccomp_data} and {@code PTRACE_GET_SYSCALL_INFO}), such as {@code
     * AUDIT_ARCH_X86_64}. x32 shares x86_64's; {@link #numberBit()} tells their calls apart.
     */
    public String auditArchName() {
        return ZArchData.auditArch(name);
    }

    /** The value of {@link #auditArchName()}, from this ABI's own headers. */
    public int auditArch() {
        return ZArchData.auditArchValue(name);
    }

    /**
     * A bit every system-call number of this ABI has set, telling its calls from those of another
     * ABI with the same {@link #auditArch()}: x32's {@code __X32_SYSCALL_BIT}; 0 for the others.
     */
    public long numberBit() {
        return ZArchData.numberBit(name);
    }

    /**
     * The ABI the kernel means when it reports a call with {@code auditArch} and number {@code nr}
     * (a seccomp filter's data, {@code PTRACE_GET_SYSCALL_INFO}): the one with that audit
     * architecture whose {@link #numberBit()} the number carries, else the one without a number
     * bit; empty for an audit architecture rawsys has no tables for.
     */
    public static Optional<Arch> ofAudit(int auditArch, long nr) {
        Arch plain = null;
        for (Arch a : ALL.values()) {
            if (a.auditArch() != auditArch) {
                continue;
            }
            long bit = a.numberBit();
            if (bit == 0) {
                plain = a;
            } else if ((nr & bit) != 0) {
                return Optional.of(a);
            }
        }
        return Optional.ofNullable(plain);
    }

    /**
     * The other ABIs a process on this ABI's machine may run in, in rawsys's order: i386 and x32
     * beside x86_64 (and the reverse), 32-bit ARM beside aarch64, o32 beside n64 MIPS; none for
     * most.
     */
    public List<Arch> companions() {
        return ZArchData.machine(name).stream()
                .filter(other -> !other.equals(name))
                .map(Arch::of)
                .toList();
    }

    /** The orders in which the kernel takes clone(2)'s arguments (its CONFIG_CLONE_BACKWARDS*). */
    public enum CloneArguments {
        /** {@code flags, stack, parent_tid, child_tid, tls} (x86_64) */
        NONE,
        /** {@code flags, stack, parent_tid, tls, child_tid} (i386, ARM, RISC-V, PowerPC, MIPS) */
        BACKWARDS,
        /** {@code stack, flags, parent_tid, child_tid, tls} (s390) */
        BACKWARDS2
    }

    /** The order of clone(2)'s arguments on this ABI. */
    public CloneArguments cloneArguments() {
        return CloneArguments.valueOf(ZArchData.clone(name));
    }

    /** The qemu-user program that runs this ABI's binaries on another machine. */
    public String qemu() {
        return ZArchData.qemu(name);
    }

    /** The width in bytes of a register argument (C's {@code long}). */
    public int wordSize() {
        return ZArchData.wordSize(name);
    }

    /** This architecture's byte order. */
    public ByteOrder byteOrder() {
        return ZArchData.bigEndian(name) ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    }

    /**
     * Starts the register words of a system call for this architecture: plain arguments one word
     * each, 64-bit arguments split and aligned as {@link SyscallAbi#pairs()} says.
     *
     * <pre>
     * {@code long[] words = arch.arguments().word(fd).word(buf).word(count).wide(offset).toArray(); // pread64}
     * </pre>
     */
    public SyscallArguments arguments() {
        return new SyscallArguments(abi().pairs(), byteOrder());
    }

    @Override
    public String toString() {
        return name;
    }
}
