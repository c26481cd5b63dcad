package io.rawsys.preload;

import io.rawsys.Arch;
import io.rawsys.ErrnoException;
import io.rawsys.SyscallSignature;
import io.rawsys.Syscalls;
import io.rawsys.calls.FdCalls;
import io.rawsys.calls.FileCalls;
import io.rawsys.calls.SyscallFilter;
import io.rawsys.linux.Errno;
import io.rawsys.linux.Fcntl;
import io.rawsys.linux.Nr;
import io.rawsys.linux.Poll;
import io.rawsys.linux.Sched;
import io.rawsys.linux.Seccomp;
import io.rawsys.linux.struct.SeccompNotif;
import io.rawsys.linux.struct.SeccompNotifAddfd;
import io.rawsys.linux.struct.SeccompNotifResp;
import io.rawsys.linux.struct.SeccompNotifSizes;
import io.rawsys.linux.struct.Stat;
import io.rawsys.linux.struct.Statx;
import io.rawsys.tool.NativeResource;
import java.io.PrintStream;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@code rawsys preload --seccomp}: the same hooks, for programs LD_PRELOAD cannot reach (static
 * binaries, Go programs, raw {@code syscall} instructions), through seccomp user notification.
 *
 * <p>The program is started by librawsys-notify.so under a filter ({@link SyscallFilter}) that
 * sends exactly the system calls of the hook's families ({@link SeccompPlan}) to this supervisor
 * and lets every other call through in the kernel. For each notified call a thread of its pool
 * builds the view the hook's family gets, reading the program's memory with process_vm_readv
 * ({@link RemoteMemory}), asks the hook, checks the call is still waiting ({@code
 * SECCOMP_IOCTL_NOTIF_ID_VALID}), and answers: {@code proceed()} with {@code
 * SECCOMP_USER_NOTIF_FLAG_CONTINUE} (the kernel runs the call as made), {@code fail(e)} with the
 * error, {@code result(v)} with the value, {@code withPath(p)} by making the call itself (an open:
 * the descriptor goes into the program with {@code SECCOMP_IOCTL_NOTIF_ADDFD}; a stat, readlink,
 * access, unlink, mkdir or rename: made here, its result written into the program). Calls come
 * concurrently (threads, children) and are answered concurrently. A hook that throws is reported
 * and the call proceeds.
 *
 * <p>What this is not: a sandbox. {@code CONTINUE} lets the kernel read the program's arguments
 * again after the hook looked at them, so another thread of the program can change them in between
 * (time of check, time of use); calls made here run with this process's credentials. The i386 and
 * x32 forms of the notified calls are refused (EPERM) in the filter rather than let by unseen.
 */
public final class SeccompSupervisor implements AutoCloseable {
    /** How a program refused by the filter's i386 and x32 branches fails. */
    private static final int REFUSED = Seccomp.SECCOMP_RET_ERRNO | Errno.EPERM;

    private final PreloadHook hook;
    private final String hookName;
    private final SeccompPlan plan;
    private final PrintStream log;
    private final Arch host = Arch.current();
    private final int pid;
    private final int listener;
    private final int wake;
    private final long notifSize;
    private final long respSize;

    /** Held by the one thread waiting for the next notification (the leader). */
    private final ReentrantLock leader = new ReentrantLock();

    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final AtomicInteger busy = new AtomicInteger();
    private volatile boolean stopping;
    private final AtomicBoolean initialExec = new AtomicBoolean();
    private final Set<String> saidOnce = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean firstFailure = new AtomicBoolean();
    private final PrintStream terminal;

    private SeccompSupervisor(
            PreloadHook hook,
            String hookName,
            SeccompPlan plan,
            PrintStream log,
            PrintStream terminal,
            int pid,
            int fd) {
        this.hook = hook;
        this.terminal = terminal;
        this.hookName = hookName;
        this.plan = plan;
        this.log = log;
        this.pid = pid;
        this.listener = fd;
        this.wake = FdCalls.eventfd2(0, Poll.EFD_CLOEXEC);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment sizes = SeccompNotifSizes.allocate(arena);
            Syscalls.invoke(Nr.seccomp, Seccomp.SECCOMP_GET_NOTIF_SIZES, 0, sizes.address());
            // the kernel writes its own struct's size: a newer kernel's may be larger than ours
            notifSize = Math.max(SeccompNotif.sizeof(), SeccompNotifSizes.seccomp_notif(sizes));
            respSize =
                    Math.max(
                            SeccompNotifResp.sizeof(), SeccompNotifSizes.seccomp_notif_resp(sizes));
        }
        // The kernel wakes the supervisor at once, on the CPU the program waits on (Linux 6.6+):
        // each call is a ping-pong, and this shortens it. Older kernels: EINVAL, ignored.
        Syscalls.raw(
                Nr.ioctl,
                listener,
                Seccomp.SECCOMP_IOCTL_NOTIF_SET_FLAGS,
                Seccomp.SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP);
        follow();
    }

    /**
     * Starts one more thread of the pool. The threads take turns as the leader, the one that waits
     * for the next notification; having received one, the leader hands the turn on and answers the
     * call itself, so a call costs no hand-over between threads, and calls that wait together are
     * answered together. A thread is added whenever every thread is answering.
     */
    private void follow() {
        Thread t = new Thread(this::serve, "rawsys-seccomp-" + (threads.size() + 1));
        t.setDaemon(true);
        threads.add(t);
        t.start();
    }

    /**
     * The filter for {@code plan}: its calls notify, their i386 and x32 forms fail, all else runs.
     */
    static MemorySegment filter(Arena arena, SeccompPlan plan, Arch host) {
        SyscallFilter filter =
                SyscallFilter.on(host).unknownArch(Seccomp.SECCOMP_RET_ERRNO | Errno.ENOSYS);
        for (Arch abi : filter.abis()) {
            List<Long> numbers =
                    plan.calls().keySet().stream()
                            .flatMap(name -> abi.syscalls().find(name).stream().boxed())
                            .toList();
            filter.answer(abi, numbers, abi == host ? Seccomp.SECCOMP_RET_USER_NOTIF : REFUSED);
        }
        return filter.program(arena);
    }

    /**
     * Starts {@code path} (an executable file: no PATH search) with {@code argv} and {@code env}
     * under {@code plan}'s filter, and supervises it with {@code hook}; what goes wrong in the hook
     * goes to {@code log}, and the first such failure to {@code terminal} too.
     *
     * @throws ErrnoException when the program cannot be started
     * @throws IllegalStateException when it could not be put under the filter, the start having
     *     said why on stderr (a filter that already has a listener: a second supervisor)
     */
    public static SeccompSupervisor start(
            PreloadHook hook,
            String hookName,
            SeccompPlan plan,
            String path,
            List<String> argv,
            Map<String, String> env,
            PrintStream log,
            PrintStream terminal) {
        Arch host = Arch.current();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment argvArray = strings(arena, argv);
            MemorySegment envArray =
                    strings(
                            arena,
                            env.entrySet().stream()
                                    .map(e -> e.getKey() + "=" + e.getValue())
                                    .toList());
            MemorySegment fd = arena.allocate(ValueLayout.JAVA_INT);
            long r;
            try {
                r =
                        (long)
                                Shim.SPAWN.invokeExact(
                                        arena.allocateFrom(path),
                                        argvArray,
                                        envArray,
                                        filter(arena, plan, host),
                                        fd);
            } catch (ExceptionInInitializerError e) {
                // the library could not be had (NativeResource says why, as a Failure)
                if (e.getCause() instanceof RuntimeException cause) {
                    throw cause;
                }
                throw e;
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException("librawsys-notify.so failed: " + t, t);
            }
            if (r == -Errno.ECHILD) {
                // the child said why on stderr (EBUSY: it is under a supervisor already)
                throw new IllegalStateException(
                        path + " could not be started under the filter (see the line above)");
            }
            if (r < 0) {
                throw new ErrnoException((int) -r, Nr.seccomp);
            }
            return new SeccompSupervisor(
                    hook, hookName, plan, log, terminal, (int) r, fd.get(ValueLayout.JAVA_INT, 0));
        }
    }

    private static MemorySegment strings(Arena arena, List<String> values) {
        MemorySegment array = arena.allocate(ValueLayout.ADDRESS, values.size() + 1);
        for (int i = 0; i < values.size(); i++) {
            array.setAtIndex(ValueLayout.ADDRESS, i, arena.allocateFrom(values.get(i)));
        }
        array.setAtIndex(ValueLayout.ADDRESS, values.size(), MemorySegment.NULL);
        return array;
    }

    /** The program's pid. */
    public int pid() {
        return pid;
    }

    /**
     * Stops answering and closes the listener: the program's descendants that still run get ENOSYS
     * for the notified calls from then on (the kernel's answer when no supervisor is left).
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment one = arena.allocate(ValueLayout.JAVA_LONG);
            one.set(ValueLayout.JAVA_LONG, 0, 1);
            Syscalls.raw(Nr.write, wake, one.address(), 8);
        }
        stopping = true;
        // hooks still answering are waited for, 5 s in all; then their calls get ENOSYS
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        for (Thread t : threads) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            try {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        FileCalls.close(listener);
        FileCalls.close(wake);
    }

    /** One notification, copied out of the kernel's struct. */
    private record Notification(long id, int pid, int nr, long[] args) {}

    /** A thread of the pool: lead (wait for a notification), then answer it; until stopped. */
    private void serve() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment polls = arena.allocate(16, 8); // two struct pollfd {int; short; short}
            polls.set(ValueLayout.JAVA_INT, 0, listener);
            polls.set(ValueLayout.JAVA_SHORT, 4, (short) Poll.POLLIN);
            polls.set(ValueLayout.JAVA_INT, 8, wake);
            polls.set(ValueLayout.JAVA_SHORT, 12, (short) Poll.POLLIN);
            MemorySegment notif = arena.allocate(notifSize, 8);
            while (!stopping) {
                Notification n;
                leader.lock();
                try {
                    n = stopping ? null : next(polls, notif);
                } finally {
                    leader.unlock();
                }
                if (n == null) {
                    continue; // stopping, or nothing taken (EINTR, a caller that went away)
                }
                if (busy.incrementAndGet() == threads.size()) {
                    follow(); // no one is left to lead while this one answers
                }
                try {
                    answer(n);
                } finally {
                    busy.decrementAndGet();
                }
            }
        } catch (Throwable t) {
            say("a supervisor thread stopped: " + t);
        }
    }

    /** Waits for the next notification; null when there is none to answer (or on stopping). */
    private Notification next(MemorySegment polls, MemorySegment notif) {
        polls.set(ValueLayout.JAVA_SHORT, 6, (short) 0);
        polls.set(ValueLayout.JAVA_SHORT, 14, (short) 0);
        long r = Syscalls.raw(Nr.poll, polls.address(), 2, -1);
        if (r == -Errno.EINTR) {
            return null;
        }
        short events = polls.get(ValueLayout.JAVA_SHORT, 6);
        if (r < 0 || polls.get(ValueLayout.JAVA_SHORT, 14) != 0 || (events & Poll.POLLIN) == 0) {
            stopping = true; // closed, or POLLHUP: no process is left under the filter
            return null;
        }
        notif.fill((byte) 0); // the kernel wants it zeroed
        r = Syscalls.raw(Nr.ioctl, listener, Seccomp.SECCOMP_IOCTL_NOTIF_RECV, notif.address());
        if (r < 0) {
            return null; // ENOENT: the caller went away before it was taken
        }
        long[] args = new long[6];
        for (int i = 0; i < 6; i++) {
            args[i] = SeccompNotif.data_args(notif, i);
        }
        return new Notification(
                SeccompNotif.id(notif), SeccompNotif.pid(notif), SeccompNotif.data_nr(notif), args);
    }

    private void answer(Notification n) {
        try {
            String name = host.syscalls().name(n.nr()).orElse(null);
            Function f = name == null ? null : plan.calls().get(name);
            Call view = null;
            Decision d = Decision.proceed();
            if (f != null && asks(n, name)) {
                view = Call.of(f, arguments(name, n.args()), new RemoteMemory(n.pid()));
                try {
                    d = Dispatch.ask(hook, view);
                } catch (Throwable t) {
                    hookFailed(t, name);
                    d = Decision.proceed();
                }
            }
            if (!stillWaiting(n.id())) {
                return; // the call is gone (its thread died): what was read means nothing now
            }
            respond(n, name, view, d);
        } catch (Throwable t) {
            say("answering call " + n.nr() + " of " + n.pid() + " failed: " + t + "; it proceeds");
            send(n.id(), 0, 0, true);
        }
    }

    /** Whether the hook is asked: not for the program's own start, nor for a new thread. */
    private boolean asks(Notification n, String name) {
        if (name.equals("execve") && n.pid() == pid && initialExec.compareAndSet(false, true)) {
            return false; // librawsys-notify's execve of the program: the hook sees what follows
        }
        if (name.equals("clone")) {
            return (n.args()[0] & Sched.CLONE_THREAD) == 0;
        }
        if (name.equals("clone3")) {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment flags = arena.allocate(ValueLayout.JAVA_LONG);
                long r = new RemoteMemory(n.pid()).copyIn(n.args()[0], flags.address(), 8);
                return r != 8 || (flags.get(ValueLayout.JAVA_LONG, 0) & Sched.CLONE_THREAD) == 0;
            }
        }
        return true;
    }

    /** The notified words, with those past the call's own arguments zeroed (not the program's). */
    private static long[] arguments(String name, long[] words) {
        long[] a = new long[7];
        int count = SyscallSignature.of(name).map(s -> s.parameters().size()).orElse(6);
        System.arraycopy(words, 0, a, 0, Math.min(count, 6));
        return a;
    }

    private boolean stillWaiting(long id) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cookie = arena.allocate(ValueLayout.JAVA_LONG);
            cookie.set(ValueLayout.JAVA_LONG, 0, id);
            return Syscalls.raw(
                            Nr.ioctl,
                            listener,
                            Seccomp.SECCOMP_IOCTL_NOTIF_ID_VALID,
                            cookie.address())
                    == 0;
        }
    }

    private void respond(Notification n, String name, Call view, Decision d) {
        switch (d.type()) {
            case PROCEED -> send(n.id(), 0, 0, true);
            case FAIL -> send(n.id(), 0, (int) d.value(), false);
            case RESULT -> send(n.id(), d.value(), 0, false);
            case REWRITE -> {
                try {
                    rewrite(n, name, view, d);
                } catch (ErrnoException e) {
                    send(n.id(), 0, e.errno(), false);
                } catch (UnsupportedOperationException e) {
                    if (saidOnce.add(name)) {
                        say(e.getMessage() + "; such calls proceed as made");
                    }
                    send(n.id(), 0, 0, true);
                }
            }
        }
    }

    /** SECCOMP_IOCTL_NOTIF_SEND: a value, an errno, or CONTINUE. */
    private void send(long id, long value, int errno, boolean proceed) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment resp = arena.allocate(respSize, 8);
            SeccompNotifResp.id(resp, id);
            SeccompNotifResp.val(resp, value);
            SeccompNotifResp.error(resp, errno == 0 ? 0 : -errno);
            SeccompNotifResp.flags(
                    resp, proceed ? (int) Seccomp.SECCOMP_USER_NOTIF_FLAG_CONTINUE : 0);
            // ENOENT: the call went away meanwhile (a signal, the thread's death): nothing to do
            Syscalls.raw(Nr.ioctl, listener, Seccomp.SECCOMP_IOCTL_NOTIF_SEND, resp.address());
        }
    }

    /** withPath and withPaths: the call made here, on the new path(s), its outcome sent. */
    private void rewrite(Notification n, String name, Call view, Decision d) {
        long[] a = n.args();
        switch (view) {
            case OpenCall c -> {
                int flags = c.flags();
                int fd = openIn(n.pid(), c.dirfd(), d.path(), flags, c.mode());
                try (Arena arena = Arena.ofConfined()) {
                    MemorySegment add = SeccompNotifAddfd.allocate(arena);
                    SeccompNotifAddfd.id(add, n.id());
                    SeccompNotifAddfd.flags(add, (int) Seccomp.SECCOMP_ADDFD_FLAG_SEND);
                    SeccompNotifAddfd.srcfd(add, fd);
                    SeccompNotifAddfd.newfd_flags(add, flags & Fcntl.O_CLOEXEC);
                    // ADDFD_FLAG_SEND: installed in the program and answered with its number, at
                    // once
                    long r =
                            Syscalls.raw(
                                    Nr.ioctl,
                                    listener,
                                    Seccomp.SECCOMP_IOCTL_NOTIF_ADDFD,
                                    add.address());
                    if (r < 0 && r != -Errno.ENOENT) {
                        send(n.id(), 0, (int) -r, false);
                    }
                } finally {
                    FileCalls.close(fd);
                }
            }
            case StatCall c -> {
                if (c.path() == null
                        || (c.path().isEmpty() && (c.flags() & Fcntl.AT_EMPTY_PATH) != 0)) {
                    // fstat, or glibc's fstat: newfstatat(fd, "", AT_EMPTY_PATH)
                    throw new UnsupportedOperationException(
                            "withPath on " + name + " (a descriptor's stat) has no path to change");
                }
                boolean statx = name.equals("statx");
                long buffer = statx ? a[4] : name.equals("newfstatat") ? a[2] : a[1];
                int at = name.equals("lstat") ? Fcntl.AT_SYMLINK_NOFOLLOW : c.flags();
                try (Arena arena = Arena.ofConfined();
                        Base base = Base.of(n.pid(), c.dirfd(), d.path())) {
                    long size = statx ? Statx.sizeof() : Stat.sizeof();
                    MemorySegment out = arena.allocate(size, 8);
                    MemorySegment path = arena.allocateFrom(d.path());
                    if (statx) {
                        Syscalls.invoke(Nr.statx, base.fd, path.address(), at, a[3], out.address());
                    } else {
                        Syscalls.invoke(Nr.newfstatat, base.fd, path.address(), out.address(), at);
                    }
                    writeBack(n, out, buffer, size);
                    send(n.id(), 0, 0, false);
                }
            }
            case PathCall c -> pathCall(n, name, c, d);
            default ->
                    throw new UnsupportedOperationException(
                            "withPath on "
                                    + name
                                    + " cannot be done under --seccomp (the supervisor can make"
                                    + " opens, stats and path calls in the program's stead, not "
                                    + name
                                    + ")");
        }
    }

    private void pathCall(Notification n, String name, PathCall c, Decision d) {
        long[] a = n.args();
        String first = d.path() != null ? d.path() : c.path();
        try (Arena arena = Arena.ofConfined();
                Base base = Base.of(n.pid(), c.dirfd(), first)) {
            MemorySegment path = arena.allocateFrom(first);
            long result =
                    switch (name) {
                        case "access" -> faccessat2(base.fd, path, a[1], 0);
                        case "faccessat" -> faccessat2(base.fd, path, a[2], 0);
                        case "faccessat2" -> faccessat2(base.fd, path, a[2], a[3]);
                        case "readlink", "readlinkat" -> {
                            long size = name.equals("readlink") ? a[2] : a[3];
                            long buffer = name.equals("readlink") ? a[1] : a[2];
                            MemorySegment out =
                                    arena.allocate(Math.max(1, Math.min(size, 1 << 20)));
                            long got =
                                    Syscalls.invoke(
                                            Nr.readlinkat,
                                            base.fd,
                                            path.address(),
                                            out.address(),
                                            out.byteSize());
                            writeBack(n, out, buffer, got);
                            yield got;
                        }
                        case "unlink" -> Syscalls.invoke(Nr.unlinkat, base.fd, path.address(), 0);
                        case "unlinkat" ->
                                Syscalls.invoke(Nr.unlinkat, base.fd, path.address(), a[2]);
                        case "mkdir" ->
                                Syscalls.invoke(
                                        Nr.mkdirat,
                                        base.fd,
                                        path.address(),
                                        a[1] & ~umask(n.pid()));
                        case "mkdirat" ->
                                Syscalls.invoke(
                                        Nr.mkdirat,
                                        base.fd,
                                        path.address(),
                                        a[2] & ~umask(n.pid()));
                        case "rename", "renameat", "renameat2" -> {
                            String second = d.newPath() != null ? d.newPath() : c.newPath();
                            try (Base to = Base.of(n.pid(), c.newDirfd(), second)) {
                                yield Syscalls.invoke(
                                        Nr.renameat2,
                                        base.fd,
                                        path.address(),
                                        to.fd,
                                        arena.allocateFrom(second).address(),
                                        name.equals("renameat2") ? a[4] : 0);
                            }
                        }
                        default ->
                                throw new UnsupportedOperationException(
                                        "withPath on " + name + " is not made under --seccomp");
                    };
            send(n.id(), result, 0, false);
        }
    }

    private static long faccessat2(int dirfd, MemorySegment path, long mode, long flags) {
        return Syscalls.invoke(Nr.faccessat2, dirfd, path.address(), mode, flags);
    }

    /** Writes {@code size} bytes of {@code out} to the program's {@code address}. */
    private static void writeBack(Notification n, MemorySegment out, long address, long size) {
        long w = new RemoteMemory(n.pid()).copyOut(out.address(), address, size);
        if (w != size) {
            // the program's buffer is not writable: what the kernel would have said
            throw new ErrnoException(w < 0 ? (int) -w : Errno.EFAULT, Nr.process_vm_writev);
        }
    }

    /** The directory a path of the program's is relative to, opened here (O_PATH). */
    private record Base(int fd, boolean owned) implements AutoCloseable {
        static Base of(int pid, int dirfd, String path) {
            if (path.startsWith("/")) {
                return new Base(Fcntl.AT_FDCWD, false);
            }
            String dir =
                    dirfd == Fcntl.AT_FDCWD
                            ? "/proc/" + pid + "/cwd"
                            : "/proc/" + pid + "/fd/" + dirfd;
            return new Base(
                    FileCalls.openat(Fcntl.AT_FDCWD, dir, Fcntl.O_PATH | Fcntl.O_CLOEXEC), true);
        }

        @Override
        public void close() {
            if (owned) {
                FileCalls.close(fd);
            }
        }
    }

    /**
     * Opens {@code path} here as the program's open would (relative to its cwd or dirfd, a new
     * file's mode under its umask).
     */
    private static int openIn(int pid, int dirfd, String path, int flags, int mode) {
        try (Base base = Base.of(pid, dirfd, path)) {
            return FileCalls.openat(base.fd, path, flags | Fcntl.O_CLOEXEC, mode & ~umask(pid));
        }
    }

    /**
     * The program's umask (/proc/PID/status, Linux 4.7+), which what is made here in its stead
     * obeys; 022, the usual one, if it cannot be read.
     */
    private static int umask(int pid) {
        try {
            for (String line :
                    java.nio.file.Files.readAllLines(
                            java.nio.file.Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("Umask:")) {
                    return Integer.parseInt(line.substring(6).strip(), 8);
                }
            }
        } catch (java.io.IOException | NumberFormatException e) {
            // gone, or an old kernel
        }
        return 022;
    }

    /**
     * A hook threw: said in the log each time, the first time with its stack trace, and once on the
     * terminal (where it would otherwise go unseen without --log).
     */
    private void hookFailed(Throwable t, String call) {
        String line = "hook " + hookName + " threw " + t + " on " + call + "; the call proceeds";
        if (firstFailure.compareAndSet(false, true)) {
            synchronized (log) {
                say(line);
                t.printStackTrace(log);
            }
            terminal.println(
                    "rawsys preload --seccomp: "
                            + line
                            + " (every such call is logged with --log FILE)");
            terminal.flush();
        } else {
            say(line);
        }
    }

    private void say(String message) {
        log.println("rawsys preload --seccomp: " + message);
        log.flush();
    }

    /** librawsys-notify.so, from the jar, bound once. */
    @SuppressWarnings("restricted")
    private static final class Shim {
        static final NativeResource LIBRARY =
                NativeResource.open("io/rawsys/preload", "librawsys-notify.so");
        static final MethodHandle SPAWN =
                Linker.nativeLinker()
                        .downcallHandle(
                                LIBRARY.library(Arena.global()).findOrThrow("rawsys_notify_spawn"),
                                FunctionDescriptor.of(
                                        ValueLayout.JAVA_LONG,
                                        ValueLayout.ADDRESS,
                                        ValueLayout.ADDRESS,
                                        ValueLayout.ADDRESS,
                                        ValueLayout.ADDRESS,
                                        ValueLayout.ADDRESS));
    }
}
