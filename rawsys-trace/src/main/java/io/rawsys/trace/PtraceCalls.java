package io.rawsys.trace;

import io.rawsys.Syscalls;
import io.rawsys.linux.Nr;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The ptrace requests and waits the tracer makes, as raw system calls. Only the tracer's own thread
 * may call them: ptrace ties a tracee to the thread that attached it. Results come back as the
 * kernel's values (-errno included), not exceptions: a tracee can die between two requests (ESRCH),
 * which the tracer treats as an ordinary event.
 */
final class PtraceCalls {
    private PtraceCalls() {}

    static long request(int request, int pid, long address, long data) {
        // ptrace requests return at once: no need to leave the Java thread state.
        return Syscalls.Critical.raw(Nr.ptrace, request, pid, address, data);
    }

    static long seize(int pid, int options) {
        return request(io.rawsys.linux.Ptrace.PTRACE_SEIZE, pid, 0, options);
    }

    static long interrupt(int pid) {
        return request(io.rawsys.linux.Ptrace.PTRACE_INTERRUPT, pid, 0, 0);
    }

    /** Resumes to the next syscall-stop, delivering {@code signal} (0 for none). */
    static long syscall(int pid, int signal) {
        return request(io.rawsys.linux.Ptrace.PTRACE_SYSCALL, pid, 0, signal);
    }

    /** Resumes without syscall-stops (seccomp mode), delivering {@code signal}. */
    static long cont(int pid, int signal) {
        return request(io.rawsys.linux.Ptrace.PTRACE_CONT, pid, 0, signal);
    }

    /** Lets a tracee in group-stop stay stopped, while still reporting events. */
    static long listen(int pid) {
        return request(io.rawsys.linux.Ptrace.PTRACE_LISTEN, pid, 0, 0);
    }

    static long detach(int pid, int signal) {
        return request(io.rawsys.linux.Ptrace.PTRACE_DETACH, pid, 0, signal);
    }

    /** The event message (a new child's pid, an exec's former tid); -1 if it cannot be read. */
    static long eventMessage(int pid, MemorySegment scratch) {
        long r = request(io.rawsys.linux.Ptrace.PTRACE_GETEVENTMSG, pid, 0, scratch.address());
        return r < 0 ? -1 : scratch.get(ValueLayout.JAVA_LONG, 0);
    }

    static long siginfo(int pid, MemorySegment siginfo) {
        return request(io.rawsys.linux.Ptrace.PTRACE_GETSIGINFO, pid, 0, siginfo.address());
    }

    /** PTRACE_GET_SYSCALL_INFO into {@code info}; the bytes the kernel filled, or -errno. */
    static long syscallInfo(int pid, MemorySegment info) {
        return request(
                io.rawsys.linux.Ptrace.PTRACE_GET_SYSCALL_INFO,
                pid,
                info.byteSize(),
                info.address());
    }

    /** One word of the tracee's memory; the raw syscall stores it through {@code data}. */
    static long peekData(int pid, long address, MemorySegment scratch) {
        return request(io.rawsys.linux.Ptrace.PTRACE_PEEKDATA, pid, address, scratch.address());
    }

    /** A wait4 result: the pid (or -errno) and the wait status. */
    record Waited(int pid, int status) {
        boolean exited() {
            return (status & 0x7f) == 0;
        }

        int exitCode() {
            return (status >> 8) & 0xff;
        }

        boolean signaled() {
            int low = status & 0x7f;
            return low != 0 && low != 0x7f;
        }

        int termSignal() {
            return status & 0x7f;
        }

        boolean coreDumped() {
            return (status & 0x80) != 0;
        }

        boolean stopped() {
            return (status & 0xff) == 0x7f;
        }

        int stopSignal() {
            return (status >> 8) & 0xff;
        }

        /** The PTRACE_EVENT_* of a stop, 0 for none. */
        int event() {
            return (status >>> 16) & 0xff;
        }
    }

    /**
     * wait4(pid, &status, options, NULL): blocks (unless WNOHANG) in an ordinary downcall, so the
     * JVM can reach a safepoint meanwhile.
     */
    static Waited wait(int pid, int options, MemorySegment status) {
        long r = Syscalls.raw(Nr.wait4, pid, status.address(), options, 0);
        return new Waited((int) r, r > 0 ? status.get(ValueLayout.JAVA_INT, 0) : 0);
    }

    /** Scratch memory for one thread's requests. */
    static MemorySegment scratch(Arena arena) {
        return arena.allocate(64, 8);
    }
}
