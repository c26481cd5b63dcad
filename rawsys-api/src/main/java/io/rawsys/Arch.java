package io.rawsys;

import io.rawsys.SyscallAbi.Errors;
import io.rawsys.SyscallAbi.Pairs;
import io.rawsys.linux.data.ZArchData;
import java.lang.foreign.GroupLayout;
import java.nio.ByteOrder;
import java.util.Arrays;
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
    /** The {@code os.arch} values JVMs report, mapped to rawsys names where they differ. */
    private static final Map<String, String> OS_ARCH =
            Map.of("amd64", "x86_64", "x86", "i386", "i686", "i386");

    private static final Map<String, Arch> ALL = new LinkedHashMap<>();

    static {
        for (String name : ZArchData.NAMES) {
            ALL.put(name, new Arch(name));
        }
    }

    /**
     * Each ABI's calling convention, as the kernel documents it (syscall(2), "Architecture calling
     * conventions") and its stub in rawsys-stubs implements it.
     */
    private static final String ABI_TABLE =
            """
            ABI      | trap      | number | arguments 1-6                 | result | errors                | 64-bit pairs  | stub
            x86_64   | syscall   | rax    | rdi rsi rdx r10 r8 r9         | rax    | NEGATED_RESULT        | NONE          | yes
            x32      | syscall   | rax    | rdi rsi rdx r10 r8 r9         | rax    | NEGATED_RESULT        | NONE          | no
            i386     | int $0x80 | eax    | ebx ecx edx esi edi ebp       | eax    | NEGATED_RESULT        | CONSECUTIVE   | yes
            aarch64  | svc #0    | x8     | x0 x1 x2 x3 x4 x5             | x0     | NEGATED_RESULT        | NONE          | yes
            arm      | svc #0    | r7     | r0 r1 r2 r3 r4 r5             | r0     | NEGATED_RESULT        | EVEN_REGISTER | yes
            riscv64  | ecall     | a7     | a0 a1 a2 a3 a4 a5             | a0     | NEGATED_RESULT        | NONE          | yes
            ppc64le  | sc        | r0     | r3 r4 r5 r6 r7 r8             | r3     | SUMMARY_OVERFLOW_FLAG | NONE          | yes
            s390x    | svc 0     | r1     | r2 r3 r4 r5 r6 r7             | r2     | NEGATED_RESULT        | NONE          | yes
            mips64el | syscall   | v0     | a0 a1 a2 a3 a4 a5             | v0     | A3_FLAG               | NONE          | yes
            mipsel   | syscall   | v0     | a0 a1 a2 a3 16($sp) 20($sp)   | v0     | A3_FLAG               | EVEN_REGISTER | yes
            """;

    private static final Map<String, SyscallAbi> ABIS = parseAbis();

    private static Map<String, SyscallAbi> parseAbis() {
        Map<String, SyscallAbi> abis = new HashMap<>();
        ABI_TABLE
                .lines()
                .skip(1)
                .forEach(
                        line -> {
                            String[] c =
                                    Arrays.stream(line.split("\\|"))
                                            .map(String::strip)
                                            .toArray(String[]::new);
                            abis.put(
                                    c[0],
                                    new SyscallAbi(
                                            c[1],
                                            c[2],
                                            List.of(c[3].split(" ")),
                                            c[4],
                                            Errors.valueOf(c[5]),
                                            Pairs.valueOf(c[6]),
                                            c[7].equals("yes")));
                        });
        if (!abis.keySet().equals(ALL.keySet())) {
            throw new AssertionError(
                    "the ABI table and the generated tables name different ABIs: "
                            + abis.keySet()
                            + " "
                            + ALL.keySet());
        }
        return abis;
    }

    private final String name;
    private volatile SyscallTable syscalls;
    private volatile ErrnoTable errnos;
    private volatile ConstantTable constants;
    private volatile Map<String, StructMember> members;

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
        if (Current.ARCH == null) {
            throw new UnsupportedOperationException(Current.PROBLEM);
        }
        return Current.ARCH;
    }

    /**
     * The architecture called {@code name}: a rawsys name such as {@code aarch64}, or a JVM {@code
     * os.arch} value such as {@code amd64}.
     *
     * @throws NoSuchElementException naming the architectures rawsys knows
     */
    public static Arch of(String name) {
        Arch arch = ALL.get(OS_ARCH.getOrDefault(name, name));
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

    /** This architecture's system-call convention. */
    public SyscallAbi abi() {
        return ABIS.get(name);
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

    /**
     * Resolved on first use, so that {@link #of} works on any host. A host rawsys does not support
     * is remembered as a message, not thrown from this initializer: every call to {@link
     * #current()} then throws the same clear exception, instead of an ExceptionInInitializerError
     * once and a NoClassDefFoundError after.
     */
    private static final class Current {
        static final String PROBLEM = problem();
        static final Arch ARCH = PROBLEM == null ? lookUp(System.getProperty("os.arch")) : null;

        private static String problem() {
            String os = System.getProperty("os.name");
            if (!"Linux".equals(os)) {
                return "rawsys talks to the Linux kernel, and this JVM runs on " + os;
            }
            String osArch = System.getProperty("os.arch");
            if (lookUp(osArch) == null) {
                return "rawsys has no tables for this JVM's architecture (os.arch="
                        + osArch
                        + "); it supports "
                        + String.join(", ", names());
            }
            return null;
        }

        private static Arch lookUp(String osArch) {
            return ALL.get(OS_ARCH.getOrDefault(osArch, osArch));
        }
    }
}
