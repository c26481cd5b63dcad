package io.rawsys.calls;

import io.rawsys.Syscalls;
import io.rawsys.internal.Auxv;
import io.rawsys.linux.Elf;
import io.rawsys.linux.Nr;
import io.rawsys.linux.struct.Rlimit64;
import io.rawsys.linux.struct.Utsname;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.BitSet;

/**
 * Processes and threads: who this is, what the system is, limits, CPU affinity, signals, pidfds.
 */
public final class ProcessCalls {
    private ProcessCalls() {}

    /**
     * This process's id.
     *
     * <p>C: {@code pid_t getpid(void)}
     */
    public static int getpid() {
        return (int) Syscalls.Critical.invoke(Nr.getpid);
    }

    /**
     * The calling thread's id (the pid of its kernel task).
     *
     * <p>C: {@code pid_t gettid(void)}
     */
    public static int gettid() {
        return (int) Syscalls.Critical.invoke(Nr.gettid);
    }

    /**
     * The parent process's id.
     *
     * <p>C: {@code pid_t getppid(void)}
     */
    public static int getppid() {
        return (int) Syscalls.Critical.invoke(Nr.getppid);
    }

    /**
     * The system's names.
     *
     * <p>C: {@code int uname(struct utsname *buf)}
     */
    public static Uname uname() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment uts = Utsname.allocate(arena);
            Checked.p(Nr.uname, uts);
            return new Uname(
                    Utsname.sysname(uts).getString(0),
                    Utsname.nodename(uts).getString(0),
                    Utsname.release(uts).getString(0),
                    Utsname.version(uts).getString(0),
                    Utsname.machine(uts).getString(0),
                    Utsname.domainname(uts).getString(0));
        }
    }

    /**
     * Reads a resource limit of process {@code pid} (0 for this one).
     *
     * <p>C: {@code int prlimit(pid_t pid, int resource, const struct rlimit64 *new_limit, struct
     * rlimit64 *old_limit)}
     *
     * @param resource {@code RLIMIT_NOFILE}, {@code RLIMIT_STACK} … from {@link
     *     io.rawsys.linux.Resource}
     */
    public static Rlimit prlimit(int pid, int resource) {
        return prlimit(pid, resource, null);
    }

    /**
     * Sets a resource limit of process {@code pid} (0 for this one), and returns the old one.
     *
     * <p>C: {@code int prlimit(pid_t pid, int resource, const struct rlimit64 *new_limit, struct
     * rlimit64 *old_limit)}
     *
     * @param limit the new limit, or null to only read it
     */
    public static Rlimit prlimit(int pid, int resource, Rlimit limit) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment old = Rlimit64.allocate(arena);
            MemorySegment update = MemorySegment.NULL;
            if (limit != null) {
                update = Rlimit64.allocate(arena);
                Rlimit64.rlim_cur(update, limit.soft());
                Rlimit64.rlim_max(update, limit.hard());
            }
            Checked.llpp(Nr.prlimit64, pid, resource, update, old);
            return new Rlimit(Rlimit64.rlim_cur(old), Rlimit64.rlim_max(old));
        }
    }

    /**
     * The CPUs thread {@code tid} (0 for the calling one) may run on.
     *
     * <p>C: {@code int sched_getaffinity(pid_t pid, size_t cpusetsize, cpu_set_t *mask)}
     */
    public static BitSet schedGetaffinity(int tid) {
        try (Arena arena = Arena.ofConfined()) {
            for (long bytes = 128;
                    ;
                    bytes *= 2) { // the kernel's mask may be wider than glibc's 1024 bits
                MemorySegment mask = arena.allocate(bytes, 8);
                long result = Syscalls.raw(Nr.sched_getaffinity, tid, bytes, mask.address());
                if (result == -io.rawsys.linux.Errno.EINVAL && bytes < 1 << 20) {
                    continue;
                }
                long written = Syscalls.check(result, Nr.sched_getaffinity);
                return BitSet.valueOf(mask.asSlice(0, written).toArray(ValueLayout.JAVA_BYTE));
            }
        }
    }

    /**
     * Sends signal {@code signal} to process {@code pid} (0 to check it exists).
     *
     * <p>C: {@code int kill(pid_t pid, int sig)}
     */
    public static void kill(int pid, int signal) {
        Checked.ll(Nr.kill, pid, signal);
    }

    /**
     * Sends signal {@code signal} to thread {@code tid} of thread group {@code tgid}.
     *
     * <p>C: {@code int tgkill(pid_t tgid, pid_t tid, int sig)}
     */
    public static void tgkill(int tgid, int tid, int signal) {
        Checked.lll(Nr.tgkill, tgid, tid, signal);
    }

    /**
     * A file descriptor referring to process {@code pid}: it cannot be fooled by pid reuse, and
     * becomes readable when the process exits.
     *
     * <p>C: {@code int pidfd_open(pid_t pid, unsigned int flags)}
     */
    public static int pidfdOpen(int pid, int flags) {
        return (int) Checked.ll(Nr.pidfd_open, pid, flags);
    }

    /**
     * The page size: what the kernel put in this process's auxiliary vector (AT_PAGESZ), as glibc's
     * {@code getpagesize()} reads it; 4096 if it is missing. No system call.
     */
    public static long pageSize() {
        return Auxv.get(Elf.AT_PAGESZ).orElse(4096);
    }
}
