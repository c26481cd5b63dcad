package io.rawsys.preload;

import io.rawsys.Arch;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which system calls a hook's wanted functions come to under {@code rawsys preload --seccomp}, and
 * what that mode cannot give it. Under LD_PRELOAD a hook sees libc functions; under seccomp it sees
 * the system calls behind them, made by any code (a static libc, Go's runtime, inline {@code
 * syscall}): each call reaches the family its libc function belongs to, in the view of the libc
 * function with the same arguments ({@link #SYSCALLS}).
 *
 * @param calls the notified system calls (this machine's names), each with the function whose view
 *     it gets
 * @param warnings what the hook wants that this mode does not give, said before the program starts
 */
public record SeccompPlan(Map<String, Function> calls, List<String> warnings) {
    /**
     * The system calls each family covers under seccomp, and the libc function whose arguments they
     * share (x86_64's names; a name a machine lacks is left out there). The one home of this
     * mapping.
     */
    static final Map<String, String> SYSCALLS = table();

    private static Map<String, String> table() {
        Map<String, String> t = new LinkedHashMap<>();
        // OPEN (openat2's flags are in a struct: not covered)
        t.put("open", "open");
        t.put("openat", "openat");
        t.put("creat", "creat");
        // STAT
        t.put("stat", "stat");
        t.put("lstat", "lstat");
        t.put("fstat", "fstat");
        t.put("newfstatat", "fstatat");
        t.put("statx", "statx");
        // PATH
        t.put("access", "access");
        t.put("faccessat", "faccessat");
        t.put("faccessat2", "faccessat");
        t.put("readlink", "readlink");
        t.put("readlinkat", "readlinkat");
        t.put("unlink", "unlink");
        t.put("unlinkat", "unlinkat");
        t.put("rename", "rename");
        t.put("renameat", "renameat");
        t.put("renameat2", "renameat2");
        t.put("mkdir", "mkdir");
        t.put("mkdirat", "mkdirat");
        // IO
        t.put("read", "read");
        t.put("write", "write");
        t.put("pread64", "pread64");
        t.put("pwrite64", "pwrite64");
        t.put("readv", "readv");
        t.put("writev", "writev");
        t.put("copy_file_range", "copy_file_range");
        t.put("sendfile", "sendfile");
        // CLOSE
        t.put("close", "close");
        t.put("close_range", "close_range");
        // SOCKET
        t.put("socket", "socket");
        t.put("connect", "connect");
        t.put("bind", "bind");
        t.put("accept", "accept");
        t.put("accept4", "accept4");
        t.put("sendto", "sendto");
        t.put("recvfrom", "recvfrom");
        // EXEC (execveat's arguments are not execve's: not covered)
        t.put("execve", "execve");
        // FORK: a new process; clone and clone3 that make a thread are let through unasked
        t.put("fork", "fork");
        t.put("vfork", "vfork");
        t.put("clone", "fork");
        t.put("clone3", "fork");
        return Map.copyOf(t);
    }

    /** The calls the start of a program under the filter makes before anyone listens. */
    private static final Set<String> NEVER = Set.of("sendmsg", "exit", "exit_group");

    /**
     * The plan for a hook that wants {@code wanted} (as {@link HookClasses#wanted} gives them), on
     * {@code host}.
     *
     * @throws IllegalArgumentException saying why, when the hook would see nothing this way, or
     *     names (with {@code @Only}) a libc function no system call stands for
     */
    public static SeccompPlan of(Set<Function> wanted, Arch host) {
        EnumSet<Family> families = EnumSet.noneOf(Family.class);
        wanted.forEach(f -> families.add(f.family()));
        List<String> warnings = new ArrayList<>();
        if (families.remove(Family.TIME)) {
            warnings.add(
                    "the time family is not seen under --seccomp: clock_gettime, gettimeofday and"
                            + " time run in the vDSO, in the program, and never enter the kernel"
                            + " (use rawsys preload without --seccomp for them)");
        }
        if (families.remove(Family.SYSCALL)) {
            warnings.add(
                    "the syscall family (libc's syscall()) has no meaning under --seccomp: a call"
                            + " made through syscall() reaches the family of the call itself");
        }
        if (families.isEmpty()) {
            throw new IllegalArgumentException(
                    "under --seccomp this hook would see no call: " + String.join("; ", warnings));
        }
        Map<String, Function> calls = new LinkedHashMap<>();
        Set<String> unmatched = new TreeSet<>();
        for (Family family : families) {
            Set<Function> all = EnumSet.noneOf(Function.class);
            for (Function f : Function.values()) {
                if (f.family() == family) {
                    all.add(f);
                }
            }
            boolean whole = wanted.containsAll(all); // no @Only narrowing this family
            for (Function f : all) {
                if (!wanted.contains(f)) {
                    continue;
                }
                boolean some = false;
                for (Map.Entry<String, String> e : SYSCALLS.entrySet()) {
                    Function view = Function.valueOf(e.getValue());
                    boolean named = whole || e.getKey().equals(f.name()) || view == f;
                    if (view.family() == family
                            && named
                            && host.syscalls().find(e.getKey()).isPresent()) {
                        calls.putIfAbsent(e.getKey(), view);
                        some = true;
                    }
                }
                if (!some && !whole) {
                    unmatched.add(f.name());
                }
            }
        }
        if (!unmatched.isEmpty()) {
            throw new IllegalArgumentException(
                    "under --seccomp @Only names system calls, and "
                            + String.join(", ", unmatched)
                            + (unmatched.size() == 1
                                    ? " is a libc function"
                                    : " are libc functions")
                            + " that no system call of "
                            + host
                            + " is named after; name the calls (e.g. openat for fopen, execve for"
                            + " execvp)");
        }
        calls.keySet().removeAll(NEVER);
        return new SeccompPlan(Map.copyOf(calls), List.copyOf(warnings));
    }
}
