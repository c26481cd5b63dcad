package io.rawsys.trace.decode;

import io.rawsys.Arch;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * ptrace, by request, as strace 6.1 prints it on x86_64: the request, the pid (none for
 * PTRACE_TRACEME, nothing after it for PTRACE_ATTACH, INTERRUPT, KILL and LISTEN), the address as
 * the request reads it (a {@code struct user} offset, an ELF note type, a size, PEEKSIGINFO's
 * arguments) and the data as it reads it: a signal to deliver, options, a siginfo, a signal set, an
 * iovec over a regset, or, for the requests the kernel answers through it, what it wrote, printed
 * at exit (a word, an event message, a siginfo, a filter, {@code struct ptrace_syscall_info}).
 * Registers print as x86_64's {@code user_regs_struct} and {@code user_fpregs_struct}, a 32-bit
 * tracee's as i386's, as strace's m32 personality prints them.
 */
final class PtraceDecoders {
    private PtraceDecoders() {}

    private static final Xlat REQUESTS = Xlat.load("ptrace_cmds");
    private static final Xlat OPTIONS = Xlat.load("ptrace_setoptions_flags");
    private static final Xlat NOTES = Xlat.load("nt_descriptor_types");
    private static final Xlat PEEKSIGINFO_FLAGS = Xlat.load("ptrace_peeksiginfo_flags");
    private static final Xlat INFO_OPS = Xlat.load("ptrace_syscall_info_op");
    private static final Xlat AUDIT_ARCHES = Xlat.load("audit_arch");
    private static final Xlat SECCOMP_FILTER_FLAGS = Xlat.load("seccomp_filter_flags");

    /**
     * What the entry left for the exit: the request's kind and, for a regset, its iovec's length.
     */
    private record State(String request, boolean more, boolean joined, long length) {}

    static void register(Decoders d) {
        d.add(
                "ptrace",
                new Coded(
                        PtraceDecoders::enter,
                        c -> state(c).more(),
                        PtraceDecoders::exit,
                        Results.DECIMAL,
                        c -> state(c).joined() || state(c).more() ? "" : ", "));
    }

    private static State state(Call c) {
        State s = c.state();
        return s != null ? s : new State("", false, false, 0);
    }

    private static String request(Call c) {
        String name = REQUESTS.name(c.arch(), c.ulong(0));
        return name != null ? name : "";
    }

    private static void enter(Call c) {
        String request = request(c);
        long addr = c.ulong(2);
        long data = c.ulong(3);
        c.state(new State(request, false, false, 0));
        c.print(REQUESTS.value(c.arch(), c.ulong(0)));
        if (request.equals("PTRACE_TRACEME")) {
            return; // pid, addr and data are ignored
        }
        c.print(Args.pidText(c, c.sint(1)));
        switch (request) {
            case "PTRACE_ATTACH", "PTRACE_INTERRUPT", "PTRACE_KILL", "PTRACE_LISTEN" -> {
                return; // addr and data are ignored
            }
            default -> {}
        }
        switch (request) {
            case "PTRACE_PEEKUSER", "PTRACE_POKEUSER" -> c.print(userOffset(addr));
            case "PTRACE_GETREGSET", "PTRACE_SETREGSET" -> c.print(NOTES.value(c.arch(), addr));
            case "PTRACE_GETSIGMASK",
                    "PTRACE_SETSIGMASK",
                    "PTRACE_SECCOMP_GET_FILTER",
                    "PTRACE_SECCOMP_GET_METADATA",
                    "PTRACE_GET_SYSCALL_INFO" ->
                    c.print(Long.toUnsignedString(addr));
            case "PTRACE_PEEKSIGINFO" -> c.print(peeksiginfoArgs(c, addr));
            case "PTRACE_SETREGS" -> {
                c.print(
                        regs(
                                c,
                                data,
                                c.arch().wordSize() == 4
                                        ? 68
                                        : 216)); // the registers at data; addr is ignored
                return;
            }
            case "PTRACE_SETFPREGS" -> {
                c.print(fpregs(c, data, c.arch().wordSize() == 4 ? 108 : 512));
                return;
            }
            case "PTRACE_GETREGS", "PTRACE_GETFPREGS" -> {
                more(c, request); // the registers at data, once written; addr is not printed
                return;
            }
            default -> c.print(Text.pointer(addr));
        }
        switch (request) {
            case "PTRACE_CONT",
                    "PTRACE_DETACH",
                    "PTRACE_SYSCALL",
                    "PTRACE_SINGLESTEP",
                    "PTRACE_SINGLEBLOCK",
                    "PTRACE_SYSEMU",
                    "PTRACE_SYSEMU_SINGLESTEP" ->
                    c.print(Signals.styled(c.arch(), (int) data));
            case "PTRACE_SEIZE", "PTRACE_SETOPTIONS", "PTRACE_OLDSETOPTIONS" ->
                    c.print(OPTIONS.flags(c.arch(), data));
            case "PTRACE_SETSIGINFO" -> c.print(ProcessStructs.siginfo(c, data));
            case "PTRACE_SETSIGMASK" -> c.print(SigSets.at(c, data, addr));
            case "PTRACE_GETREGSET" -> {
                long[] iov = iovec(c, data);
                if (iov == null) {
                    c.print(Text.pointer(data));
                } else {
                    c.state(new State(request, true, false, iov[1]));
                }
            }
            case "PTRACE_SETREGSET" -> {
                long[] iov = iovec(c, data);
                if (iov == null) {
                    c.print(Text.pointer(data));
                } else {
                    c.print(
                            "{iov_base="
                                    + regset(c, addr, iov[0], iov[1])
                                    + ", iov_len="
                                    + Long.toUnsignedString(iov[1]));
                    c.state(new State(request, false, true, iov[1]));
                }
            }
            case "PTRACE_SECCOMP_GET_METADATA" -> {
                MemorySegment off =
                        Long.compareUnsigned(addr, 8) < 0 ? null : Peek.fetch(c, data, 8);
                if (off == null) {
                    c.print(Text.pointer(data));
                } else {
                    c.print("{filter_off=" + Long.toUnsignedString(u64(c, off, 0)));
                    c.state(new State(request, false, true, 0));
                }
            }
            case "PTRACE_PEEKTEXT",
                    "PTRACE_PEEKDATA",
                    "PTRACE_PEEKUSER",
                    "PTRACE_GETEVENTMSG",
                    "PTRACE_GETSIGINFO",
                    "PTRACE_GETSIGMASK",
                    "PTRACE_PEEKSIGINFO",
                    "PTRACE_SECCOMP_GET_FILTER",
                    "PTRACE_GET_SYSCALL_INFO" -> {
                if (c.settings().structs()) {
                    more(c, request); // what the kernel writes at data, printed at exit
                } else {
                    c.print(Text.pointer(data));
                }
            }
            default -> c.print(Text.pointer(data));
        }
    }

    private static void more(Call c, String request) {
        c.state(new State(request, true, false, 0));
    }

    private static void exit(Call c) {
        State state = state(c);
        if (!state.more() && !state.joined()) {
            return; // all printed at entry
        }
        long addr = c.ulong(2);
        long data = c.ulong(3);
        switch (state.request()) {
            case "PTRACE_PEEKTEXT", "PTRACE_PEEKDATA", "PTRACE_PEEKUSER" -> {
                MemorySegment w = Peek.fetch(c, data, c.arch().wordSize());
                c.print(w == null ? Text.pointer(data) : "[" + Text.pointer(word(c, w)) + "]");
            }
            case "PTRACE_GETEVENTMSG" -> c.print(ProcessStructs.wordAt(c, data, false));
            case "PTRACE_GETREGSET" -> {
                long[] iov = iovec(c, data);
                if (iov == null) {
                    c.print(Text.pointer(data));
                    return;
                }
                String length =
                        state.length() == iov[1]
                                ? Long.toUnsignedString(iov[1])
                                : Long.toUnsignedString(state.length())
                                        + " => "
                                        + Long.toUnsignedString(iov[1]);
                c.print(
                        "{iov_base="
                                + regset(c, addr, iov[0], iov[1])
                                + ", iov_len="
                                + length
                                + "}");
            }
            case "PTRACE_SETREGSET" -> {
                long[] iov = iovec(c, data);
                c.print(
                        (iov != null && iov[1] != state.length()
                                        ? " => " + Long.toUnsignedString(iov[1])
                                        : "")
                                + "}");
            }
            case "PTRACE_GETSIGINFO" -> c.print(ProcessStructs.siginfo(c, data));
            case "PTRACE_GETSIGMASK" ->
                    c.print(c.failed() ? Text.pointer(data) : SigSets.at(c, data, addr));
            case "PTRACE_PEEKSIGINFO" -> c.print(siginfos(c, data, c.result()));
            case "PTRACE_SECCOMP_GET_FILTER" -> {
                long len = c.result() & 0xffff;
                c.print(
                        c.failed() || !c.settings().verbose() || data == 0
                                ? Text.pointer(data)
                                : BpfPrograms.classic(c, data, len, true));
            }
            case "PTRACE_SECCOMP_GET_METADATA" -> c.print(metadataRest(c, data));
            case "PTRACE_GET_SYSCALL_INFO" -> c.print(syscallInfo(c, data, addr));
            case "PTRACE_GETREGS" -> c.print(regs(c, data, c.arch().wordSize() == 4 ? 68 : 216));
            case "PTRACE_GETFPREGS" ->
                    c.print(fpregs(c, data, c.arch().wordSize() == 4 ? 108 : 512));
            default -> {}
        }
    }

    /** The rest of {@code struct seccomp_metadata} once the kernel has filled it. */
    private static String metadataRest(Call c, long data) {
        long size = c.result();
        StringBuilder s = new StringBuilder();
        if (!c.failed() && Long.compareUnsigned(size, 8) > 0) {
            s.append(", ");
            MemorySegment flags =
                    Long.compareUnsigned(size, 16) < 0 ? null : Peek.fetch(c, data + 8, 8);
            if (flags == null) {
                s.append("???");
            } else {
                s.append("flags=").append(SECCOMP_FILTER_FLAGS.flags(c.arch(), u64(c, flags, 0)));
                if (Long.compareUnsigned(size, 16) > 0) {
                    s.append(", ...");
                }
            }
        }
        return s.append('}').toString();
    }

    /** An offset into {@code struct user} (PEEKUSER, POKEUSER), named as strace's x86_64 build. */
    private static final long[] USER_OFFSETS = {
        0, 8, 16, 24, 32, 40, 48, 56, 64, 72, 80, 88, 96, 104, 112, 120, 128, 136, 144, 152, 160,
        216, 224, 736, 744, 752, 760, 768, 776, 784, 792, 800, 808, 816, 848, 912
    };

    private static final String[] USER_NAMES = {
        "8*R15",
        "8*R14",
        "8*R13",
        "8*R12",
        "8*RBP",
        "8*RBX",
        "8*R11",
        "8*R10",
        "8*R9",
        "8*R8",
        "8*RAX",
        "8*RCX",
        "8*RDX",
        "8*RSI",
        "8*RDI",
        "8*ORIG_RAX",
        "8*RIP",
        "8*CS",
        "8*EFL",
        "8*RSP",
        "8*SS",
        "offsetof(struct user, u_fpvalid)",
        "offsetof(struct user, i387)",
        "offsetof(struct user, u_tsize)",
        "offsetof(struct user, u_dsize)",
        "offsetof(struct user, u_ssize)",
        "offsetof(struct user, start_code)",
        "offsetof(struct user, start_stack)",
        "offsetof(struct user, signal)",
        "offsetof(struct user, reserved)",
        "offsetof(struct user, u_ar0)",
        "offsetof(struct user, u_fpstate)",
        "offsetof(struct user, magic)",
        "offsetof(struct user, u_comm)",
        "offsetof(struct user, u_debugreg)",
        "sizeof(struct user)"
    };

    /**
     * The offset as the nearest member at or below it, plus the rest ({@code 8*RAX}, {@code
     * offsetof(struct user, u_debugreg)+8}); beyond {@code sizeof(struct user)} the address. These
     * are expressions, not constants, so no table holds them; -X still decides what prints.
     */
    private static String userOffset(long addr) {
        int found = 0;
        for (int i = 0; i < USER_OFFSETS.length; i++) {
            if (Long.compareUnsigned(USER_OFFSETS[i], addr) <= 0) {
                found = i;
            }
        }
        long base = USER_OFFSETS[found];
        boolean named = !(addr != base && found == USER_OFFSETS.length - 1);
        if (!named) {
            return Text.pointer(addr);
        }
        String name = USER_NAMES[found] + (addr != base ? "+" + (addr - base) : "");
        return switch (Xlat.style()) {
            case ABBREV -> name;
            case RAW -> Text.pointer(addr);
            case VERBOSE -> Text.pointer(addr) + " /* " + name + " */";
        };
    }

    /** {@code {off=0, flags=PTRACE_PEEKSIGINFO_SHARED, nr=1}}, or the address. */
    private static String peeksiginfoArgs(Call c, long addr) {
        MemorySegment s = Peek.fetch(c, addr, 16);
        if (s == null) {
            return Text.pointer(addr);
        }
        return "{off="
                + Long.toUnsignedString(u64(c, s, 0))
                + ", flags="
                + PEEKSIGINFO_FLAGS.flags(c.arch(), u32(c, s, 8))
                + ", nr="
                + u32(c, s, 12)
                + "}";
    }

    /** The tracee's {@code struct iovec} at {@code address}: base and length, or null. */
    private static long[] iovec(Call c, long address) {
        int word = c.arch().wordSize();
        MemorySegment s = Peek.peek(c, address, 2L * word);
        if (s == null) {
            return null;
        }
        return new long[] {Peek.wordAt(c, s, 0), Peek.wordAt(c, s, word)};
    }

    private static String regset(Call c, long note, long base, long length) {
        Arch arch = c.arch();
        if (note == arch.constants().find("NT_PRSTATUS").orElse(-1)) {
            return regs(c, base, length);
        }
        if (note == arch.constants().find("NT_FPREGSET").orElse(-1)) {
            return fpregs(c, base, length);
        }
        return Text.pointer(base);
    }

    private static final String[] REGS = {
        "r15",
        "r14",
        "r13",
        "r12",
        "rbp",
        "rbx",
        "r11",
        "r10",
        "r9",
        "r8",
        "rax",
        "rcx",
        "rdx",
        "rsi",
        "rdi",
        "orig_rax",
        "rip",
        "cs",
        "eflags",
        "rsp",
        "ss",
        "fs_base",
        "gs_base",
        "ds",
        "es",
        "fs",
        "gs"
    };

    private static final String[] REGS32 = {
        "ebx",
        "ecx",
        "edx",
        "esi",
        "edi",
        "ebp",
        "eax",
        "xds",
        "xes",
        "xfs",
        "xgs",
        "orig_eax",
        "eip",
        "xcs",
        "eflags",
        "esp",
        "xss"
    };

    /**
     * The general registers as much of them as {@code size} holds: x86_64's {@code
     * user_regs_struct}, or for a 32-bit tracee i386's (strace's m32 personality).
     */
    private static String regs(Call c, long address, long size) {
        boolean i386 = c.arch().wordSize() == 4;
        String[] names = i386 ? REGS32 : REGS;
        int width = i386 ? 4 : 8;
        long whole = (long) names.length * width;
        if (size == 0 || (size & (width - 1)) != 0) {
            return Text.pointer(address);
        }
        long fetch = Long.compareUnsigned(size, whole) > 0 ? whole : size;
        MemorySegment s = Peek.fetch(c, address, fetch);
        if (s == null) {
            return Text.pointer(address);
        }
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < names.length && (long) i * width < fetch; i++) {
            if (i > 0) {
                b.append(", ");
            }
            long value = i386 ? u32(c, s, i * 4L) : u64(c, s, i * 8L);
            b.append(names[i]).append('=').append(Text.hex(value));
        }
        if (Long.compareUnsigned(size, whole) > 0) {
            b.append(", ...");
        }
        return b.append('}').toString();
    }

    /** x86_64's {@code user_fpregs_struct}, as much of it as {@code size} holds. */
    private static String fpregs(Call c, long address, long size) {
        if (c.arch().wordSize() == 4) {
            return fpregs32(c, address, size);
        }
        if (size == 0 || (size & 7) != 0) {
            return Text.pointer(address);
        }
        long fetch = Long.compareUnsigned(size, 512) > 0 ? 512 : size;
        MemorySegment s = Peek.fetch(c, address, fetch);
        if (s == null) {
            return Text.pointer(address);
        }
        StringBuilder b = new StringBuilder("{cwd=").append(Text.hex(u16(c, s, 0)));
        String[] halves = {"swd", "ftw", "fop"};
        for (int i = 0; i < halves.length; i++) {
            if (fetch > 2L * (i + 1)) {
                b.append(", ")
                        .append(halves[i])
                        .append('=')
                        .append(Text.hex(u16(c, s, 2L * (i + 1))));
            }
        }
        if (fetch > 8) {
            b.append(", rip=").append(Text.hex(u64(c, s, 8)));
        }
        if (fetch > 16) {
            b.append(", rdp=").append(Text.hex(u64(c, s, 16)));
        }
        if (fetch > 24) {
            b.append(", mxcsr=").append(Text.hex(u32(c, s, 24)));
        }
        if (fetch > 28) {
            b.append(", mxcr_mask=").append(Text.hex(u32(c, s, 28)));
        }
        words(c, s, fetch, b, "st_space", 32, 32);
        words(c, s, fetch, b, "xmm_space", 160, 64);
        words(c, s, fetch, b, "padding", 416, 24);
        if (Long.compareUnsigned(size, 512) > 0) {
            b.append(", ...");
        }
        return b.append('}').toString();
    }

    private static final String[] FPREGS32 = {"cwd", "swd", "twd", "fip", "fcs", "foo", "fos"};

    /** i386's {@code user_i387_struct}, for a 32-bit tracee: 7 words, then st_space[20]. */
    private static String fpregs32(Call c, long address, long size) {
        long whole = 108;
        if (size == 0 || (size & 3) != 0) {
            return Text.pointer(address);
        }
        long fetch = Long.compareUnsigned(size, whole) > 0 ? whole : size;
        MemorySegment s = Peek.fetch(c, address, fetch);
        if (s == null) {
            return Text.pointer(address);
        }
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < FPREGS32.length && i * 4L < fetch; i++) {
            if (i > 0) {
                b.append(", ");
            }
            b.append(FPREGS32[i]).append('=').append(Text.hex(u32(c, s, i * 4L)));
        }
        words(c, s, fetch, b, "st_space", 28, 20);
        if (Long.compareUnsigned(size, whole) > 0) {
            b.append(", ...");
        }
        return b.append('}').toString();
    }

    /** A member that is an array of 32-bit words, as many as were read, cut at -s. */
    private static void words(
            Call c, MemorySegment s, long fetch, StringBuilder b, String name, long at, int count) {
        if (fetch <= at) {
            return;
        }
        long n = Math.min(count, (fetch - at) / 4);
        b.append(", ").append(name).append("=[");
        for (long i = 0; i < n; i++) {
            if (i > 0) {
                b.append(", ");
            }
            if (!c.settings().verbose() && i >= c.settings().stringLimit()) {
                b.append("...");
                break;
            }
            b.append(Text.hex(u32(c, s, at + 4 * i)));
        }
        b.append(']');
    }

    /** {@code count} siginfos at {@code address} (PEEKSIGINFO's result), cut at -s. */
    private static String siginfos(Call c, long address, long count) {
        if (address == 0) {
            return "NULL";
        }
        if (c.failed()) {
            return Text.pointer(address);
        }
        if (count == 0) {
            return "[]";
        }
        long size = Peek.size(c, "siginfo");
        StringBuilder b = new StringBuilder("[");
        for (long i = 0; Long.compareUnsigned(i, count) < 0; i++) {
            if (!c.settings().verbose() && i >= c.settings().stringLimit()) {
                b.append(", ...");
                break;
            }
            MemorySegment e = Peek.peek(c, address + i * size, size);
            if (e == null) {
                if (i == 0) {
                    return Text.pointer(address);
                }
                b.append(", ...");
                break;
            }
            if (i > 0) {
                b.append(", ");
            }
            b.append(SigInfo.format(c.arch(), e, c.settings().pidComm(), fd -> Args.fdText(c, fd)));
        }
        return b.append(']').toString();
    }

    /** The sizes strace expects of the union's members: up to seccomp's ret_data. */
    private static final long SECCOMP_SIZE = 84;

    private static final long EXIT_SIZE = 33;

    /** {@code struct ptrace_syscall_info} as far as the kernel and the buffer's size allow. */
    private static String syscallInfo(Call c, long address, long userLength) {
        if (c.failed()) {
            return Text.pointer(address);
        }
        long returned = Long.compareUnsigned(userLength, c.result()) < 0 ? userLength : c.result();
        long fetch = Long.compareUnsigned(returned, SECCOMP_SIZE) < 0 ? returned : SECCOMP_SIZE;
        MemorySegment s = fetch == 0 ? null : Peek.fetch(c, address, fetch);
        if (s == null) {
            return Text.pointer(address);
        }
        int op = Byte.toUnsignedInt(s.get(ValueLayout.JAVA_BYTE, 0));
        StringBuilder b = new StringBuilder("{op=").append(INFO_OPS.value(c.arch(), op));
        if (fetch < 8) {
            return b.append('}').toString();
        }
        long audit = u32(c, s, 4);
        b.append(", arch=").append(AUDIT_ARCHES.value(c.arch(), audit));
        if (fetch < 16) {
            return b.append('}').toString();
        }
        b.append(", instruction_pointer=").append(Text.pointer(u64(c, s, 8)));
        if (fetch < 24) {
            return b.append('}').toString();
        }
        b.append(", stack_pointer=").append(Text.pointer(u64(c, s, 16)));
        if (fetch < 32) {
            return b.append('}').toString();
        }
        String opName = INFO_OPS.name(c.arch(), op);
        opName = opName == null ? "" : opName;
        switch (opName) {
            case "PTRACE_SYSCALL_INFO_ENTRY", "PTRACE_SYSCALL_INFO_SECCOMP" -> {
                boolean seccomp = opName.endsWith("SECCOMP");
                b.append(seccomp ? ", seccomp={" : ", entry={");
                b.append("nr=").append(syscallName(c, audit, u64(c, s, 24)));
                long args = Math.min(6, (fetch - 32) / 8);
                if (args > 0) {
                    b.append(", args=[");
                    for (int i = 0; i < args; i++) {
                        if (i > 0) {
                            b.append(", ");
                        }
                        b.append(Text.hex(u64(c, s, 32 + 8L * i)));
                    }
                    b.append(']');
                }
                if (seccomp && fetch >= SECCOMP_SIZE) {
                    b.append(", ret_data=").append(u32(c, s, 80));
                }
                b.append('}');
            }
            case "PTRACE_SYSCALL_INFO_EXIT" -> {
                long rval = u64(c, s, 24);
                boolean full = fetch >= EXIT_SIZE;
                int isError = full ? Byte.toUnsignedInt(s.get(ValueLayout.JAVA_BYTE, 32)) : 0;
                b.append(", exit={rval=")
                        .append(isError != 0 ? error(c, rval) : Long.toString(rval));
                if (full) {
                    b.append(", is_error=").append(isError);
                }
                b.append('}');
            }
            default -> {}
        }
        return b.append('}').toString();
    }

    /** A negated errno: {@code -ENOENT}, with -X its number too. */
    private static String error(Call c, long rval) {
        String name =
                rval < 0 && rval > -4096 ? c.arch().errnos().name((int) -rval).orElse(null) : null;
        String number = Long.toString(rval);
        return name == null ? number : Xlat.styled(number, "-" + name);
    }

    /**
     * A system call's number as strace names it: {@code __NR_getpid} in the tracee's own ABI,
     * {@code 20 /* getpid *}{@code /} in one of its companions, the number in any other.
     */
    private static String syscallName(Call c, long audit, long nr) {
        String number = Long.toUnsignedString(nr);
        var abi = Arch.ofAudit((int) audit, nr);
        if (abi.isEmpty()
                || !(abi.get() == c.arch() || c.arch().companions().contains(abi.get()))) {
            return number;
        }
        Arch a = abi.get();
        var name =
                nr > Integer.MAX_VALUE
                        ? java.util.Optional.<String>empty()
                        : a.syscalls().name((int) nr);
        if (name.isEmpty()) {
            return number;
        }
        if (a == c.arch()) {
            return Xlat.styled(number, "__NR_" + name.get());
        }
        return Xlat.style() == Xlat.Style.RAW ? number : number + " /* " + name.get() + " */";
    }

    private static long u64(Call c, MemorySegment s, long offset) {
        return s.get(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(c.arch().byteOrder()), offset);
    }

    private static long u32(Call c, MemorySegment s, long offset) {
        return Integer.toUnsignedLong(Peek.intAt(c, s, offset));
    }

    private static long u16(Call c, MemorySegment s, long offset) {
        return Short.toUnsignedLong(
                s.get(ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(c.arch().byteOrder()), offset));
    }

    private static long word(Call c, MemorySegment s) {
        return Peek.wordAt(c, s, 0);
    }
}
