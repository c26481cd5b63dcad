package io.rawsys.trace.decode;

import io.rawsys.Arch;
import java.lang.foreign.MemorySegment;

/**
 * A {@code siginfo_t} as strace prints it in {@code --- SIGCHLD {…} ---}: the signal, the code by
 * name, then the fields that code fills.
 */
public final class SigInfo {
    private SigInfo() {}

    private static final Xlat SI_CODES = Xlat.load("siginfo_codes");
    private static final Xlat CLD = Xlat.load("sigchld_codes");
    private static final Xlat SEGV = Xlat.load("sigsegv_codes");
    private static final Xlat BUS = Xlat.load("sigbus_codes");
    private static final Xlat ILL = Xlat.load("sigill_codes");
    private static final Xlat FPE = Xlat.load("sigfpe_codes");
    private static final Xlat TRAP = Xlat.load("sigtrap_codes");
    private static final Xlat POLL = Xlat.load("sigpoll_codes");
    private static final Xlat SYS = Xlat.load("sigsys_codes");

    /**
     * {@code {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=5, …}} of a siginfo laid out as {@code
     * arch} lays it out (the tracer's own for PTRACE_GETSIGINFO, the tracee's for one in its
     * memory): the fields strace prints for that signal and code.
     */
    public static String format(Arch arch, MemorySegment si) {
        return format(arch, si, false);
    }

    /** The same, with -Y's command name after the sender's pid when {@code pidComm}. */
    public static String format(Arch arch, MemorySegment si, boolean pidComm) {
        return format(arch, si, pidComm, Integer::toString);
    }

    /**
     * The same, with {@code si_fd} as {@code fds} prints a descriptor (-y: with its path, as the
     * tracee that holds it sees it).
     */
    public static String format(
            Arch arch,
            MemorySegment si,
            boolean pidComm,
            java.util.function.IntFunction<String> fds) {
        int signo = (int) field(arch, si, "si_signo");
        if (signo == 0) {
            return "{}";
        }
        int code = (int) field(arch, si, "si_code");
        String signal = Signals.name(arch, signo);
        StringBuilder s = new StringBuilder("{si_signo=").append(Signals.styled(arch, signo));
        String codeName = codeName(arch, signo, code);
        String codeNumber = Text.hex(Integer.toUnsignedLong(code)); // an int, as strace's %#x
        s.append(", si_code=")
                .append(codeName.equals(codeNumber) ? codeName : Xlat.styled(codeNumber, codeName));
        int errno = (int) field(arch, si, "si_errno");
        if (errno != 0) {
            s.append(", si_errno=")
                    .append(
                            arch.errnos()
                                    .name(errno)
                                    .map(n -> Xlat.styled(Integer.toUnsignedString(errno), n))
                                    .orElse(Integer.toUnsignedString(errno)));
        }
        if (code
                <= 0) { // sent by a process: kill, tgkill, sigqueue, a POSIX timer, a message queue
            if (isCode(arch, code, "SI_USER") || isCode(arch, code, "SI_TKILL")) {
                source(arch, si, s, pidComm);
            } else if (isCode(arch, code, "SI_TIMER")) {
                s.append(", si_timerid=")
                        .append(Text.hex(field(arch, si, "si_timerid") & 0xffff_ffffL));
                s.append(", si_overrun=").append((int) field(arch, si, "si_overrun"));
                value(arch, si, s);
            } else if (isCode(arch, code, "SI_SIGIO")) {
                s.append(", si_band=").append(field(arch, si, "si_band"));
                s.append(", si_fd=").append(fds.apply((int) field(arch, si, "si_fd")));
            } else {
                source(arch, si, s, pidComm);
                if (field(arch, si, "si_ptr") != 0) {
                    value(arch, si, s);
                }
            }
            return s.append('}').toString();
        }
        switch (signal) {
            case "SIGCHLD" -> {
                source(arch, si, s, pidComm);
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
                    s.append(", si_addr_lsb=")
                            .append(Text.hex(field(arch, si, "si_addr_lsb") & 0xffff)); // a short
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
                    s.append(", si_fd=").append(fds.apply((int) field(arch, si, "si_fd")));
                }
            }
            case "SIGSYS" -> {
                s.append(", si_call_addr=").append(Text.pointer(field(arch, si, "si_call_addr")));
                int nr = (int) field(arch, si, "si_syscall");
                long audit = field(arch, si, "si_arch") & 0xffff_ffffL;
                s.append(", si_syscall=").append(syscallName(audit, nr));
                s.append(", si_arch=").append(AUDIT_ARCHES.value(arch, audit));
            }
            default -> {
                if (field(arch, si, "si_pid") != 0 || field(arch, si, "si_uid") != 0) {
                    source(arch, si, s, pidComm);
                }
                if (field(arch, si, "si_ptr") != 0) {
                    value(arch, si, s);
                }
            }
        }
        return s.append('}').toString();
    }

    private static final Xlat AUDIT_ARCHES = Xlat.load("audit_arch");

    /** {@code __NR_getpid}: the call by name in the audit architecture it was made in. */
    private static String syscallName(long audit, int nr) {
        var known = Arch.ofAudit((int) audit, nr).flatMap(a -> a.syscalls().name(nr));
        String number = Integer.toUnsignedString(nr);
        return known.isPresent() ? Xlat.styled(number, "__NR_" + known.get()) : number;
    }

    private static long field(Arch arch, MemorySegment si, String name) {
        return arch.member("siginfo", name).orElseThrow().get(si);
    }

    private static void source(Arch arch, MemorySegment si, StringBuilder s, boolean pidComm) {
        int pid = (int) field(arch, si, "si_pid");
        s.append(", si_pid=").append(pid);
        String comm = pidComm && pid > 0 ? Args.comm(pid) : null;
        if (comm != null) {
            s.append('<').append(comm).append('>');
        }
        long uid = field(arch, si, "si_uid") & 0xffff_ffffL;
        s.append(", si_uid=").append(uid == 0xffff_ffffL ? "-1" : Long.toString(uid)); // an id
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
