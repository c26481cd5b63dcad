package io.rawsys.trace.decode;

import io.rawsys.Arch;
import io.rawsys.linux.struct.Siginfo;
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

    /** {@code {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=5, …}} of a host-layout siginfo. */
    public static String format(Arch arch, MemorySegment si) {
        int signo = Siginfo.si_signo(si);
        int code = Siginfo.si_code(si);
        String signal = Signals.name(arch, signo);
        StringBuilder s = new StringBuilder("{si_signo=").append(signal);
        s.append(", si_code=").append(codeName(arch, signo, code));
        if (code
                <= 0) { // sent by a process: kill, tgkill, sigqueue, a POSIX timer, a message queue
            if (isCode(arch, code, "SI_TIMER")) {
                s.append(", si_timerid=").append(Text.hex(Siginfo.si_timerid(si)));
                s.append(", si_overrun=").append(Siginfo.si_overrun(si));
                s.append(", si_int=").append(Siginfo.si_int(si));
                s.append(", si_ptr=").append(Text.pointer(Siginfo.si_ptr(si)));
            } else {
                s.append(", si_pid=").append(Siginfo.si_pid(si));
                s.append(", si_uid=").append(Integer.toUnsignedString(Siginfo.si_uid(si)));
                if (isCode(arch, code, "SI_QUEUE") || isCode(arch, code, "SI_MESGQ")) {
                    s.append(", si_int=").append(Siginfo.si_int(si));
                    s.append(", si_ptr=").append(Text.pointer(Siginfo.si_ptr(si)));
                }
            }
            return s.append('}').toString();
        }
        switch (signal) {
            case "SIGCHLD" -> {
                s.append(", si_pid=").append(Siginfo.si_pid(si));
                s.append(", si_uid=").append(Integer.toUnsignedString(Siginfo.si_uid(si)));
                int status = Siginfo.si_status(si);
                boolean exited = "CLD_EXITED".equals(CLD.name(arch, code));
                s.append(", si_status=")
                        .append(exited ? Integer.toString(status) : Signals.name(arch, status));
                s.append(", si_utime=").append(Siginfo.si_utime(si));
                s.append(", si_stime=").append(Siginfo.si_stime(si));
            }
            case "SIGSEGV", "SIGBUS", "SIGILL", "SIGFPE", "SIGTRAP", "SIGEMT" ->
                    s.append(", si_addr=").append(Text.pointer(Siginfo.si_addr(si)));
            case "SIGIO" -> {
                s.append(", si_band=").append(Siginfo.si_band(si));
                s.append(", si_fd=").append(Siginfo.si_fd(si));
            }
            case "SIGSYS" -> {
                s.append(", si_call_addr=").append(Text.pointer(Siginfo.si_call_addr(si)));
                s.append(", si_syscall=").append(Siginfo.si_syscall(si));
                s.append(", si_arch=")
                        .append(Text.hex(Integer.toUnsignedLong(Siginfo.si_arch(si))));
            }
            default -> {
                // SI_KERNEL for a signal without fields of its own (SIGKILL from the OOM killer)
            }
        }
        return s.append('}').toString();
    }

    private static boolean isCode(Arch arch, int code, String name) {
        return name.equals(SI_CODES.name(arch, code));
    }

    /** The code by name: SI_* for a sender, otherwise the signal's own codes. */
    private static String codeName(Arch arch, int signo, int code) {
        String general = SI_CODES.name(arch, code);
        if (code <= 0 || (general != null && code >= 0x80)) {
            return general != null ? general : Integer.toString(code);
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
        return name != null ? name : general != null ? general : Integer.toString(code);
    }
}
