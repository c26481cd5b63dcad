package io.rawsys.trace.decode;

import io.rawsys.Arch;
import java.lang.foreign.MemorySegment;

/**
 * A {@code siginfo_t} as strace prints it in {@code --- SIGCHLD {…} ---}: the signal, the code by
 * name, then the fields that code fills.
 */
public final class SigInfo {
    private SigInfo() {}

    private static final Xlat SI_CODES =
            Xlat.of(
                    "SI_",
                    "SI_USER",
                    "SI_KERNEL",
                    "SI_QUEUE",
                    "SI_TIMER",
                    "SI_MESGQ",
                    "SI_ASYNCIO",
                    "SI_SIGIO",
                    "SI_TKILL",
                    "SI_DETHREAD",
                    "SI_ASYNCNL");
    private static final Xlat CLD =
            Xlat.of(
                    "CLD_",
                    "CLD_EXITED",
                    "CLD_KILLED",
                    "CLD_DUMPED",
                    "CLD_TRAPPED",
                    "CLD_STOPPED",
                    "CLD_CONTINUED");
    private static final Xlat SEGV =
            Xlat.of(
                    "SEGV_",
                    "SEGV_MAPERR",
                    "SEGV_ACCERR",
                    "SEGV_BNDERR",
                    "SEGV_PKUERR",
                    "SEGV_ACCADI",
                    "SEGV_ADIDERR",
                    "SEGV_ADIPERR",
                    "SEGV_MTEAERR",
                    "SEGV_MTESERR",
                    "SEGV_CPERR");
    private static final Xlat BUS =
            Xlat.of(
                    "BUS_",
                    "BUS_ADRALN",
                    "BUS_ADRERR",
                    "BUS_OBJERR",
                    "BUS_MCEERR_AR",
                    "BUS_MCEERR_AO");
    private static final Xlat ILL =
            Xlat.of(
                    "ILL_",
                    "ILL_ILLOPC",
                    "ILL_ILLOPN",
                    "ILL_ILLADR",
                    "ILL_ILLTRP",
                    "ILL_PRVOPC",
                    "ILL_PRVREG",
                    "ILL_COPROC",
                    "ILL_BADSTK",
                    "ILL_BADIADDR");
    private static final Xlat FPE =
            Xlat.of(
                    "FPE_",
                    "FPE_INTDIV",
                    "FPE_INTOVF",
                    "FPE_FLTDIV",
                    "FPE_FLTOVF",
                    "FPE_FLTUND",
                    "FPE_FLTRES",
                    "FPE_FLTINV",
                    "FPE_FLTSUB",
                    "FPE_FLTUNK",
                    "FPE_CONDTRAP");
    private static final Xlat TRAP =
            Xlat.of(
                    "TRAP_",
                    "TRAP_BRKPT",
                    "TRAP_TRACE",
                    "TRAP_BRANCH",
                    "TRAP_HWBKPT",
                    "TRAP_UNK",
                    "TRAP_PERF");
    private static final Xlat POLL =
            Xlat.of("POLL_", "POLL_IN", "POLL_OUT", "POLL_MSG", "POLL_ERR", "POLL_PRI", "POLL_HUP");
    private static final Xlat SYS = Xlat.of("SYS_", "SYS_SECCOMP", "SYS_USER_DISPATCH");

    /**
     * {@code {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=5, …}} of a siginfo laid out as {@code
     * arch} lays it out (the tracer's own for PTRACE_GETSIGINFO, the tracee's for one in its
     * memory): the fields strace prints for that signal and code.
     */
    public static String format(Arch arch, MemorySegment si) {
        int signo = (int) field(arch, si, "si_signo");
        if (signo == 0) {
            return "{}";
        }
        int code = (int) field(arch, si, "si_code");
        String signal = Signals.name(arch, signo);
        StringBuilder s = new StringBuilder("{si_signo=").append(signal);
        s.append(", si_code=").append(codeName(arch, signo, code));
        int errno = (int) field(arch, si, "si_errno");
        if (errno != 0) {
            s.append(", si_errno=")
                    .append(arch.errnos().name(errno).orElse(Integer.toString(errno)));
        }
        if (code
                <= 0) { // sent by a process: kill, tgkill, sigqueue, a POSIX timer, a message queue
            if (isCode(arch, code, "SI_USER") || isCode(arch, code, "SI_TKILL")) {
                source(arch, si, s);
            } else if (isCode(arch, code, "SI_TIMER")) {
                s.append(", si_timerid=")
                        .append(Text.hex(field(arch, si, "si_timerid") & 0xffff_ffffL));
                s.append(", si_overrun=").append((int) field(arch, si, "si_overrun"));
                value(arch, si, s);
            } else if (isCode(arch, code, "SI_SIGIO")) {
                s.append(", si_band=").append(field(arch, si, "si_band"));
                s.append(", si_fd=").append((int) field(arch, si, "si_fd"));
            } else {
                source(arch, si, s);
                if (field(arch, si, "si_ptr") != 0) {
                    value(arch, si, s);
                }
            }
            return s.append('}').toString();
        }
        switch (signal) {
            case "SIGCHLD" -> {
                source(arch, si, s);
                int status = (int) field(arch, si, "si_status");
                boolean exited = "CLD_EXITED".equals(CLD.name(arch, code));
                s.append(", si_status=")
                        .append(exited ? Integer.toString(status) : Signals.name(arch, status));
                s.append(", si_utime=").append(ProcessStructs.clock(field(arch, si, "si_utime")));
                s.append(", si_stime=").append(ProcessStructs.clock(field(arch, si, "si_stime")));
            }
            case "SIGILL", "SIGFPE", "SIGTRAP" -> address(arch, si, s);
            case "SIGBUS" -> {
                address(arch, si, s);
                String name = BUS.name(arch, code);
                if ("BUS_MCEERR_AR".equals(name) || "BUS_MCEERR_AO".equals(name)) {
                    s.append(", si_addr_lsb=").append(Text.hex(field(arch, si, "si_addr_lsb")));
                }
            }
            case "SIGSEGV" -> {
                address(arch, si, s);
                String name = SEGV.name(arch, code);
                if ("SEGV_BNDERR".equals(name)) {
                    s.append(", si_lower=").append(Text.pointer(field(arch, si, "si_lower")));
                    s.append(", si_upper=").append(Text.pointer(field(arch, si, "si_upper")));
                } else if ("SEGV_PKUERR".equals(name)) {
                    s.append(", si_pkey=").append(field(arch, si, "si_pkey") & 0xffff_ffffL);
                }
            }
            case "SIGIO" -> {
                String name = POLL.name(arch, code);
                if ("POLL_IN".equals(name) || "POLL_OUT".equals(name) || "POLL_MSG".equals(name)) {
                    s.append(", si_band=").append(field(arch, si, "si_band"));
                    s.append(", si_fd=").append((int) field(arch, si, "si_fd"));
                }
            }
            case "SIGSYS" -> {
                s.append(", si_call_addr=").append(Text.pointer(field(arch, si, "si_call_addr")));
                int nr = (int) field(arch, si, "si_syscall");
                long audit = field(arch, si, "si_arch") & 0xffff_ffffL;
                s.append(", si_syscall=").append(syscallName(audit, nr));
                String auditName = AUDIT_ARCHES.name(arch, audit);
                s.append(", si_arch=")
                        .append(
                                auditName != null
                                        ? auditName
                                        : Text.hex(audit) + " /* AUDIT_ARCH_??? */");
            }
            default -> {
                if (field(arch, si, "si_pid") != 0 || field(arch, si, "si_uid") != 0) {
                    source(arch, si, s);
                }
                if (field(arch, si, "si_ptr") != 0) {
                    value(arch, si, s);
                }
            }
        }
        return s.append('}').toString();
    }

    private static final Xlat AUDIT_ARCHES =
            Xlat.of(
                    "AUDIT_ARCH_",
                    "AUDIT_ARCH_X86_64",
                    "AUDIT_ARCH_I386",
                    "AUDIT_ARCH_AARCH64",
                    "AUDIT_ARCH_ARM",
                    "AUDIT_ARCH_RISCV64",
                    "AUDIT_ARCH_PPC64LE",
                    "AUDIT_ARCH_S390X",
                    "AUDIT_ARCH_MIPSEL64",
                    "AUDIT_ARCH_MIPSEL");

    /** {@code __NR_getpid}: the call by name in the audit architecture it was made in. */
    private static String syscallName(long audit, int nr) {
        var known = Arch.ofAudit((int) audit, nr).flatMap(a -> a.syscalls().name(nr));
        return known.isPresent() ? "__NR_" + known.get() : Integer.toString(nr);
    }

    private static long field(Arch arch, MemorySegment si, String name) {
        return arch.member("siginfo", name).orElseThrow().get(si);
    }

    private static void source(Arch arch, MemorySegment si, StringBuilder s) {
        s.append(", si_pid=").append((int) field(arch, si, "si_pid"));
        s.append(", si_uid=").append(field(arch, si, "si_uid") & 0xffff_ffffL);
    }

    private static void value(Arch arch, MemorySegment si, StringBuilder s) {
        s.append(", si_int=").append((int) field(arch, si, "si_int"));
        s.append(", si_ptr=").append(Text.pointer(field(arch, si, "si_ptr")));
    }

    private static void address(Arch arch, MemorySegment si, StringBuilder s) {
        s.append(", si_addr=").append(Text.pointer(field(arch, si, "si_addr")));
    }

    private static boolean isCode(Arch arch, int code, String name) {
        return name.equals(SI_CODES.name(arch, code));
    }

    /** The code by name: SI_* for a sender, otherwise the signal's own codes. */
    private static String codeName(Arch arch, int signo, int code) {
        String general = SI_CODES.name(arch, code);
        if (code <= 0 || (general != null && code >= 0x80)) {
            return general != null ? general : Text.hex(Integer.toUnsignedLong(code));
        }
        Xlat specific =
                switch (Signals.name(arch, signo)) {
                    case "SIGCHLD" -> CLD;
                    case "SIGSEGV" -> SEGV;
                    case "SIGBUS" -> BUS;
                    case "SIGILL" -> ILL;
                    case "SIGFPE" -> FPE;
                    case "SIGTRAP" -> TRAP;
                    case "SIGIO" -> POLL;
                    case "SIGSYS" -> SYS;
                    default -> null;
                };
        String name = specific == null ? null : specific.name(arch, code);
        return name != null
                ? name
                : general != null ? general : Text.hex(Integer.toUnsignedLong(code));
    }
}
