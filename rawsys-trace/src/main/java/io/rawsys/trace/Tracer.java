package io.rawsys.trace;

import io.rawsys.Arch;
import io.rawsys.ErrnoException;
import io.rawsys.Syscalls;
import io.rawsys.calls.FdCalls;
import io.rawsys.calls.FileCalls;
import io.rawsys.calls.Pipe;
import io.rawsys.calls.ProcessCalls;
import io.rawsys.linux.Errno;
import io.rawsys.linux.Fcntl;
import io.rawsys.linux.Nr;
import io.rawsys.linux.Ptrace;
import io.rawsys.linux.Signal;
import io.rawsys.linux.Wait;
import io.rawsys.linux.struct.PtraceSyscallInfo;
import io.rawsys.linux.struct.Siginfo;
import io.rawsys.tool.Failure;
import io.rawsys.trace.decode.Call;
import io.rawsys.trace.decode.CallText;
import io.rawsys.trace.decode.Decoder;
import io.rawsys.trace.decode.Decoders;
import io.rawsys.trace.decode.Memory;
import io.rawsys.trace.decode.SigInfo;
import io.rawsys.trace.decode.Signals;
import io.rawsys.trace.decode.Xlat;
import io.rawsys.trace.stack.Frame;
import io.rawsys.trace.stack.Unwinder;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The ptrace loop: one dedicated platform thread starts or attaches to the tracees, then waits for
 * every event with {@code wait4(-1, __WALL)}, decodes it, reports it and resumes the tracee. Only
 * that thread makes ptrace requests (the kernel ties a tracee to the thread that attached it).
 */
final class Tracer {
    /** The signal that interrupts the tracer's wait4 when it must stop (a real-time one). */
    static final int WAKE_SIGNAL = 40;

    private static final int SYSCALL_STOP = Signal.SIGTRAP | 0x80;

    /**
     * Every bit a call number may carry to name its ABI (x32's): no cached ABI holds beside them.
     */
    private static final long NUMBER_BITS =
            Arch.names().stream().mapToLong(n -> Arch.of(n).numberBit()).reduce(0, (x, y) -> x | y);

    private final TraceOptions options;
    private final TraceHook hook;
    private final Decoders decoders;
    private final BiFunction<Arch, String, Integer> argumentCount;
    private final Map<Integer, Tracee> tracees = new LinkedHashMap<>();
    private final Arch host = Arch.current();
    private Events events;
    private TraceeMemory memory;
    private MemorySegment status;
    private MemorySegment info;
    private MemorySegment siginfo;
    private MemorySegment scratch;
    private int traceOptions;
    private int initialPid = -1;
    private int exitStatus;
    private boolean detaching;

    private volatile boolean stopRequested;
    private volatile int threadTid;
    private volatile boolean finished;

    /**
     * @param argumentCount how many arguments strace prints for a call without a decoder
     */
    Tracer(
            TraceOptions options,
            Decoders decoders,
            BiFunction<Arch, String, Integer> argumentCount,
            TraceHook hook) {
        this.options = options;
        this.descriptors = new Descriptors(options.decodeFds(), options.hexStrings());
        this.unwinder = options.stackTrace() ? new Unwinder() : null;
        this.hook = hook;
        this.decoders = decoders;
        this.argumentCount = argumentCount;
    }

    /** How many processes are being traced (strace marks lines with pids when several are). */
    int traceeCount() {
        if (!hiddenTracees) {
            return tracees.size();
        }
        int shown = 0; // -D: the JVM's threads before its exec are no tracees to the user
        for (Tracee t : tracees.values()) {
            shown += t.hidden ? 0 : 1;
        }
        return shown;
    }

    /** -D: hidden tracees besides the started command's may be about. */
    private boolean hiddenTracees;

    /**
     * Runs the trace on a thread of its own and returns the traced command's exit status (128 + the
     * signal that killed it), or 0 after attaching with -p.
     *
     * @param events where to report, made once the tracer knows its tracee count
     */
    int run(java.util.function.Function<Tracer, Events> events) throws InterruptedException {
        Failure[] failure = new Failure[1];
        Thread thread =
                Thread.ofPlatform()
                        .name("rawsys-trace")
                        .start(
                                () -> {
                                    try (Arena arena = Arena.ofConfined()) {
                                        this.events = events.apply(this);
                                        // -X: every decoder of this thread prints constants so
                                        ScopedValue.where(Xlat.STYLE, options.xlat())
                                                .run(() -> loop(arena));
                                    } catch (Failure f) {
                                        failure[0] = f;
                                    } finally {
                                        finished = true;
                                    }
                                });
        Thread hook = Thread.ofPlatform().unstarted(() -> stopAndWait(thread));
        Runtime.getRuntime().addShutdownHook(hook);
        thread.join();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: it waits for this thread, which is done
        }
        if (failure[0] != null) {
            throw failure[0];
        }
        return exitStatus;
    }

    /**
     * SIGINT, SIGTERM or SIGHUP: asks the tracer thread to detach from every tracee, wakes it from
     * wait4 until it has noticed, and waits (a bounded time) until it is done.
     */
    private void stopAndWait(Thread thread) {
        stopRequested = true;
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!finished && System.nanoTime() < deadline) {
            int tid = threadTid;
            if (tid > 0) {
                Syscalls.raw(Nr.tgkill, ProcessCalls.getpid(), tid, WAKE_SIGNAL);
            }
            try {
                thread.join(50);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void loop(Arena arena) {
        threadTid = ProcessCalls.gettid();
        int wakeup = Shim.installWakeup(WAKE_SIGNAL);
        if (wakeup < 0) {
            throw new Failure(
                    "cannot install the tracer's wake-up signal handler: errno " + -wakeup,
                    Failure.KERNEL);
        }
        memory = new TraceeMemory(arena);
        status = arena.allocate(8, 8);
        info = PtraceSyscallInfo.allocate(arena);
        siginfo = Siginfo.allocate(arena);
        scratch = arena.allocate(8, 8);
        tracedPaths = Set.copyOf(options.paths());
        remainingCalls = options.syscallLimit();
        traceOptions =
                Ptrace.PTRACE_O_TRACESYSGOOD
                        | Ptrace.PTRACE_O_TRACEEXEC
                        | Ptrace.PTRACE_O_TRACEEXIT;
        if (options.follow()) {
            traceOptions |=
                    Ptrace.PTRACE_O_TRACECLONE
                            | Ptrace.PTRACE_O_TRACEFORK
                            | Ptrace.PTRACE_O_TRACEVFORK;
        }
        if (options.seccomp()) {
            traceOptions |= Ptrace.PTRACE_O_TRACESECCOMP;
        }
        if (options.detached() != null) {
            seizeDetached(options.detached());
        } else if (options.attach().isEmpty()) {
            start(arena);
        } else {
            for (int pid : options.attach()) {
                attach(pid);
            }
        }
        while (!tracees.isEmpty()) {
            if (stopRequested && !detaching) {
                detachAll();
                if (tracees.isEmpty()) {
                    break;
                }
            }
            // Before sleeping in wait4, the lines so far reach the file (tail -f works, and a
            // tracer that is killed loses nothing it had to say).
            events.flush();
            PtraceCalls.Waited w = PtraceCalls.wait(-1, Wait.__WALL, status);
            if (w.pid() < 0) {
                if (w.pid() == -Errno.EINTR) {
                    continue;
                }
                break; // ECHILD: nothing left to wait for
            }
            handle(w);
            // Drain what else is pending before blocking again, so no tracee waits behind a busy
            // one; with a single tracee nothing else can be pending, and the extra wait4 would
            // cost a system call per stop.
            while (tracees.size() > 1
                    && (w = PtraceCalls.wait(-1, Wait.__WALL | Wait.WNOHANG, status)).pid() > 0) {
                handle(w);
            }
        }
        events.finish();
        if (unwinder != null) {
            unwinder.close();
        }
    }

    /** Starts the command through the shim, seizes it before it execs, and lets it go. */
    private void start(Arena arena) {
        String path = Commands.resolve(options.command().getFirst());
        Pipe release = FdCalls.pipe2(Fcntl.O_CLOEXEC);
        MemorySegment filter =
                options.seccomp()
                        ? SeccompFilter.build(arena, options.filter())
                        : MemorySegment.NULL;
        long pid =
                Shim.spawn(
                        path,
                        options.command(),
                        release.readEnd(),
                        release.writeEnd(),
                        filter,
                        Commands.inherited());
        FileCalls.close(release.readEnd());
        try {
            if (pid < 0) {
                throw new Failure("cannot fork: " + errnoText(-pid), Failure.KERNEL);
            }
            long seized = PtraceCalls.seize((int) pid, traceOptions);
            if (seized < 0) {
                Syscalls.raw(Nr.kill, pid, Signal.SIGKILL);
                Syscalls.raw(Nr.wait4, pid, 0, Wait.__WALL, 0);
                throw new Failure(
                        "cannot trace the new process: ptrace(PTRACE_SEIZE): "
                                + errnoText(-seized)
                                + (seized == -Errno.EPERM
                                        ? " (is kernel.yama.ptrace_scope above 1, or ptrace denied by a seccomp"
                                                + " policy or a container?)"
                                        : ""),
                        Failure.KERNEL);
            }
            PtraceCalls.interrupt((int) pid);
            PtraceCalls.wait((int) pid, Wait.__WALL, status);
            Tracee t = new Tracee((int) pid);
            t.hidden = true;
            tracees.put(t.pid, t);
            initialPid = t.pid;
            PtraceCalls.syscall(t.pid, 0);
        } finally {
            FileCalls.close(release.writeEnd()); // the child goes on to execve
        }
    }

    /**
     * -D's tracer: seizes the process that is about to become the command (its leader, and the
     * thread that will make the execve), hidden until that execve, as a started command's shim is;
     * then tells it, through its ready descriptor, to go on.
     */
    private void seizeDetached(Detached.Target target) {
        List<Integer> threads = new ArrayList<>(List.of(target.pid()));
        if (target.tid() != target.pid()) {
            threads.add(target.tid());
        }
        for (int tid : threads) {
            long r = PtraceCalls.seize(tid, traceOptions);
            if (r < 0) {
                FileCalls.close(target.ready()); // the process learns it from the EOF
                throw new Failure(
                        "-D: ptrace(PTRACE_SEIZE, " + tid + "): " + errnoText(-r), Failure.KERNEL);
            }
            PtraceCalls.interrupt(tid);
            Tracee t = new Tracee(tid);
            t.hidden = true;
            tracees.put(tid, t);
        }
        initialPid = target.pid();
        hiddenTracees = true;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment go = arena.allocateFrom(ValueLayout.JAVA_BYTE, (byte) 1);
            Syscalls.raw(Nr.write, target.ready(), go.address(), 1);
        }
        FileCalls.close(target.ready());
    }

    /** -p: seizes every thread of {@code pid} and interrupts it, so its next stop is ours. */
    private void attach(int pid) {
        List<Integer> threads = Commands.threads(pid);
        if (threads.isEmpty()) {
            throw new Failure("attach: no process " + pid, Failure.KERNEL);
        }
        for (int tid : threads) {
            String blockedIn = Commands.currentSyscall(tid, host); // before the interrupt ends it
            long r = PtraceCalls.seize(tid, traceOptions);
            if (r < 0) {
                if (tid == pid) {
                    throw new Failure(
                            "attach: ptrace(PTRACE_SEIZE, " + pid + "): " + errnoText(-r),
                            Failure.KERNEL);
                }
                continue; // a thread that ended meanwhile
            }
            PtraceCalls.interrupt(tid);
            Tracee t = new Tracee(tid);
            t.attached = true;
            t.previousSyscall = blockedIn;
            tracees.put(tid, t);
        }
        attachment(
                "Process "
                        + pid
                        + " attached"
                        + (threads.size() > 1 ? " with " + threads.size() + " threads" : ""));
    }

    private void handle(PtraceCalls.Waited w) {
        Tracee t = tracees.get(w.pid());
        if (t == null) {
            // A child whose first stop came before its parent's fork event: it is ours already.
            t = adopt(w.pid());
        }
        if (w.exited() || w.signaled()) {
            gone(t, w);
            return;
        }
        if (!w.stopped()) {
            return;
        }
        if (t.detaching) {
            detachAt(t, w);
            return;
        }
        int signal = w.stopSignal();
        if (signal == SYSCALL_STOP) {
            syscallStop(t);
            return;
        }
        int event = w.event();
        if (event == 0) {
            signalDeliveryStop(t, signal);
        } else if (event == Ptrace.PTRACE_EVENT_FORK
                || event == Ptrace.PTRACE_EVENT_VFORK
                || event == Ptrace.PTRACE_EVENT_CLONE) {
            long child = PtraceCalls.eventMessage(t.pid, scratch);
            if (child > 0 && !tracees.containsKey((int) child)) {
                adopt((int) child, t.hidden); // -D: the JVM's own threads, before its exec, hidden
            }
            resume(t, 0);
        } else if (event == Ptrace.PTRACE_EVENT_EXEC) {
            execStop(t);
            resume(t, 0);
        } else if (event == Ptrace.PTRACE_EVENT_STOP) {
            if (isStopSignal(signal)) {
                // A group-stop: stay stopped, as the signal meant, yet keep reporting events.
                if (options.signals().test(signal)) {
                    events.stopped(t.pid, Signals.name(host, signal));
                }
                t.groupStopped = true;
                PtraceCalls.listen(t.pid);
            } else {
                t.groupStopped = false;
                resume(t, 0); // PTRACE_INTERRUPT's stop, or a new child's first one
            }
        } else if (event == Ptrace.PTRACE_EVENT_SECCOMP) {
            seccompStop(t);
        } else {
            if (event == Ptrace.PTRACE_EVENT_EXIT) {
                events.ending(t.pid);
            }
            resume(t, 0); // PTRACE_EVENT_EXIT: let it finish dying
        }
    }

    /** A tracee the kernel attached for us (with -f): a new child or thread. */
    private Tracee adopt(int pid) {
        return adopt(pid, false);
    }

    private Tracee adopt(int pid, boolean hidden) {
        Tracee t = new Tracee(pid);
        t.seccomp = options.seccomp();
        t.hidden = hidden;
        tracees.put(pid, t);
        if (!hidden && !options.summary() && !options.json()) {
            attachment("Process " + pid + " attached");
        }
        return t;
    }

    private void gone(Tracee t, PtraceCalls.Waited w) {
        boolean inCall = t.inSyscall && t.call != null;
        if (inCall) {
            unfinished(t);
        }
        if (!t.hidden) {
            // as strace: -e quiet=exit leaves out the exit lines, -e signal= the killed ones
            if (w.exited()) {
                if (!options.quiet(TraceOptions.Quiet.EXIT)) {
                    events.exited(t.pid, w.exitCode());
                }
            } else if (options.signals().test(w.termSignal())) {
                events.killed(t.pid, Signals.name(host, w.termSignal()), w.coreDumped());
            }
        }
        if (inCall) {
            // exit_group's stack, as it was when the call was made: strace prints it last
            stackAfter(t, t.entryStack);
        }
        tracees.remove(t.pid);
        options.injections().forget(t.pid);
        if (t.pid == initialPid && !limitReached) {
            exitStatus = w.exited() ? w.exitCode() : 128 + w.termSignal();
        }
    }

    private void syscallStop(Tracee t) {
        long filled = PtraceCalls.syscallInfo(t.pid, info);
        if (filled > 0) {
            int op = Byte.toUnsignedInt(PtraceSyscallInfo.op(info));
            if (op == Ptrace.PTRACE_SYSCALL_INFO_ENTRY) {
                entry(
                        t,
                        PtraceSyscallInfo.arch(info),
                        PtraceSyscallInfo.entry_nr(info),
                        entryArgs(false));
            } else if (op == Ptrace.PTRACE_SYSCALL_INFO_EXIT) {
                exit(
                        t,
                        PtraceSyscallInfo.exit_rval(info),
                        PtraceSyscallInfo.exit_is_error(info) != 0);
            }
        }
        int signal = t.entrySignal;
        t.entrySignal = 0;
        resume(t, signal);
    }

    /** --seccomp-bpf: the filter stopped a traced call at its entry; catch its exit next. */
    private void seccompStop(Tracee t) {
        if (!t.inSyscall
                && PtraceCalls.syscallInfo(t.pid, info) > 0
                && Byte.toUnsignedInt(PtraceSyscallInfo.op(info))
                        == Ptrace.PTRACE_SYSCALL_INFO_SECCOMP) {
            entry(
                    t,
                    PtraceSyscallInfo.arch(info),
                    PtraceSyscallInfo.seccomp_nr(info),
                    entryArgs(true));
        }
        PtraceCalls.syscall(t.pid, 0); // to the exit stop of this call
    }

    private long[] entryArgs(boolean seccomp) {
        long[] args = new long[6];
        for (int i = 0; i < 6; i++) {
            args[i] =
                    seccomp
                            ? PtraceSyscallInfo.seccomp_args(info, i)
                            : PtraceSyscallInfo.entry_args(info, i);
        }
        return args;
    }

    private void entry(Tracee t, int auditArch, long nr, long[] args) {
        Arch arch = archOf(auditArch, nr);
        t.inSyscall = true;
        t.entryNanos = System.nanoTime();
        t.call = null;
        t.tamper = null;
        if (t.arch != null
                && t.arch != arch
                && !t.hidden
                && !options.quiet(TraceOptions.Quiet.PERSONALITY)) {
            String note = "[ Process PID=" + t.pid + " runs in " + mode(arch) + " mode. ]";
            if (options.output() == null) {
                events.note(t.pid, note);
            } else {
                System.err.println(note); // strace writes it to stderr, never into -o's file
            }
        }
        t.arch = arch;
        t.nr = nr;
        Kind kind = kind(arch, nr);
        String name = kind.name();
        String previous = t.previousSyscall;
        t.previousSyscall = name;
        boolean firstExec = false;
        t.entryStack = null;
        if (t.hidden) {
            if (!name.equals("execve") && !name.equals("execveat")) {
                return; // the shim's own calls before the program starts
            }
            t.hidden = false;
            firstExec = true;
            t.seccomp = options.seccomp();
        }
        Memory tracee = memory.of(t.pid);
        if (kind.carrier()) { // i386's socketcall: traced and printed as the call it carries
            Decoders.Carried carried = decoders.carried(arch, name, args, tracee);
            if (carried != null) {
                kind = carriedKind(arch, carried.name());
                name = kind.name();
                args = carried.args();
            }
        }
        if (!kind.traced()) {
            return;
        }
        // as strace: only the calls the trace set selects are tampered with (and counted)
        Tamper tamper = options.injections().decide(t.pid, arch, name);
        t.tamper = tamper.isNone() ? null : tamper;
        // poke_enter= writes before the call is decoded, so its line shows what the kernel reads
        t.poked = t.tamper != null && poke(t, args, t.tamper, true);
        t.pokedAtEntry = t.tamper;
        Decoder d = kind.decoder();
        Call.Settings settings = kind.settings();
        Call c = newCall(t, arch, name, args, tracee, previous, settings);
        try {
            d.enter(c);
        } catch (RuntimeException | OutOfMemoryError e) {
            d = decoderFailed(arch, name, e);
            c = newCall(t, arch, name, args, tracee, previous, settings);
            d.enter(c);
        }
        c.entered();
        if (!tracedPaths.isEmpty() && !usesTracedPath(t.pid, c)) {
            t.tamper = null;
            return; // -P: a call that uses none of the paths is not shown
        }
        if (unwinder != null && !firstExec && STACK_AT_ENTRY.contains(name)) {
            t.entryStack = stack(t); // as strace: what is left of it afterwards tells nothing
        }
        t.call = c;
        t.decoder = d;
        String entry;
        try {
            entry = CallText.entry(c, d);
        } catch (RuntimeException | OutOfMemoryError e) {
            t.decoder = d = decoderFailed(arch, name, e);
            t.call = c = newCall(t, arch, name, args, tracee, previous, settings);
            d.enter(c);
            c.entered();
            entry = CallText.entry(c, d);
        }
        t.entryText = entry; // what was printed at entry is what a later line repeats
        if (hook != null) {
            List<Long> words = new ArrayList<>();
            for (long w : args) {
                words.add(w);
            }
            try {
                Tamper asked = hook.onEntry(new TracedCall(t.pid, arch, name, c.printed(), words));
                if (asked != null && !asked.isNone()) {
                    t.tamper = asked;
                }
            } catch (RuntimeException e) {
                if (failedDecoders.add("hook " + e.getClass().getName())) {
                    System.err.println(
                            "rawsys trace: the trace hook threw "
                                    + e
                                    + " on "
                                    + name
                                    + "; such calls run as made");
                }
            }
        }
        events.entered(
                new CallEvent(
                        t.pid,
                        arch,
                        name,
                        entry,
                        null,
                        c.printed(),
                        null,
                        null,
                        0,
                        0,
                        false,
                        false,
                        false));
        tamperAtEntry(t);
    }

    /**
     * What a tampering does as the call starts: the number set to -1 so the kernel skips the call
     * (its result is set at exit), a signal sent to the thread, the entry delay.
     */
    private void tamperAtEntry(Tracee t) {
        Tamper tamper = t.tamper;
        if (tamper == null) {
            return;
        }
        if (tamper.replaces()) {
            // the kernel skips the call (-1), or runs syscall='s harmless one in its stead
            long nr =
                    tamper.syscall() == null
                            ? -1
                            : t.arch.syscalls().find(tamper.syscall()).orElse(-1L)
                                    | (t.arch.numberBit());
            PtraceCalls.request(Ptrace.PTRACE_POKEUSR, t.pid, Registers.ORIG_RAX, nr);
        }
        if (t.pokedAtEntry != tamper && t.call != null) {
            // a hook's answer, given once the call was decoded
            t.poked |= poke(t, t.call.words(), tamper, true);
        }
        if (tamper.signal() != 0) {
            if (t.seccomp && !t.hidden) {
                // a seccomp stop ignores a resuming signal: sent to the thread instead
                Syscalls.raw(Nr.tkill, t.pid, tamper.signal());
            } else {
                // delivered as strace does, by resuming the syscall-entry stop with it (SI_KERNEL)
                t.entrySignal = tamper.signal();
            }
        }
        pause(tamper.delayEnterMicros());
    }

    /**
     * poke_enter= or poke_exit=: writes each poke's bytes where its argument points, through
     * /proc/PID/mem (the tracee is stopped). Whether any was written; one that could not be is said
     * on stderr, as strace says it, and the call goes on.
     */
    private boolean poke(Tracee t, long[] args, Tamper tamper, boolean atEntry) {
        boolean written = false;
        for (Tamper.Poke p : tamper.pokes()) {
            if (p.atEntry() != atEntry) {
                continue;
            }
            long address = p.argument() <= args.length ? args[p.argument() - 1] : 0;
            byte[] data = p.data();
            try (var mem =
                    java.nio.channels.FileChannel.open(
                            java.nio.file.Path.of("/proc/" + t.pid + "/mem"),
                            java.nio.file.StandardOpenOption.WRITE)) {
                if (address <= 0) {
                    throw new java.io.IOException("argument " + p.argument() + " is no address");
                }
                java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(data);
                while (b.hasRemaining()) {
                    if (mem.write(b, address + b.position()) <= 0) {
                        throw new java.io.IOException("nothing written");
                    }
                }
                written = true;
            } catch (java.io.IOException | RuntimeException e) {
                diagnostic(
                        "Failed to tamper with process "
                                + t.pid
                                + ": couldn't poke ("
                                + e.getMessage()
                                + ")");
            }
        }
        return written;
    }

    private static void pause(long micros) {
        if (micros > 0) {
            java.util.concurrent.locks.LockSupport.parkNanos(micros * 1000);
        }
    }

    /** Where x86_64's struct user keeps the registers tampering writes (PTRACE_POKEUSR). */
    private static final class Registers {
        static final long ORIG_RAX = offset("orig_rax");
        static final long RAX = offset("rax");

        private static long offset(String register) {
            return Arch.of("x86_64").member("user_regs_struct", register).orElseThrow().offset();
        }
    }

    private Call newCall(
            Tracee t,
            Arch arch,
            String name,
            long[] args,
            Memory tracee,
            String previous,
            Call.Settings settings) {
        Call c = new Call(t.pid, arch, name, args, tracee, settings);
        c.stackPointer(PtraceSyscallInfo.stack_pointer(info));
        if (name.equals("restart_syscall")) {
            c.state(previous); // what it restarts, as strace shows it
        }
        return c;
    }

    /** What descriptors print with (-y, -yy). */
    private final Descriptors descriptors;

    /** -P's paths (each also resolved), or empty. */
    private Set<String> tracedPaths = Set.of();

    /**
     * -P: whether the call names one of the paths, or a descriptor open on one (strace's pathtrace,
     * from what the call's decoder printed).
     */
    private boolean usesTracedPath(int pid, Call c) {
        for (String path : c.usedPaths()) {
            if (tracedPaths.contains(path)) {
                return true;
            }
        }
        for (int fd : c.usedDescriptors()) {
            String path = descriptorPath(pid, fd);
            if (path != null && tracedPaths.contains(path)) {
                return true;
            }
        }
        return false;
    }

    /** The number of {@code pid}'s latest system call (-n), or -1 if it has made none yet. */
    long lastNumber(int pid) {
        Tracee t = tracees.get(pid);
        return t == null ? -1 : t.nr;
    }

    /** The decoders that threw, each reported once. */
    private final java.util.Set<String> failedDecoders = new java.util.HashSet<>();

    /**
     * A decoder threw (a bug: decoders must take any value a tracee passes). The trace goes on:
     * this call prints raw, and the user learns once which decoder to report.
     */
    private Decoder decoderFailed(Arch arch, String name, Throwable e) {
        if (failedDecoders.add(arch.name() + " " + name)) {
            System.err.println(
                    "rawsys trace: the "
                            + name
                            + " decoder failed ("
                            + e
                            + "); such calls print raw. Please report it with the call's"
                            + " arguments.");
        }
        return Decoders.raw(argumentCount.apply(arch, name));
    }

    private void exit(Tracee t, long result, boolean failed) {
        if (!t.inSyscall) {
            return; // an exit without its entry: attached in the middle of a call
        }
        t.inSyscall = false;
        Tamper tamper = t.tamper;
        t.tamper = null;
        boolean poked = t.poked;
        t.poked = false;
        if (tamper != null) {
            pause(tamper.delayExitMicros());
            if (t.call != null) {
                poked |= poke(t, t.call.words(), tamper, false); // poke_exit=, before it is decoded
            }
            if (tamper.replaces()) {
                // the kernel skipped the call (-ENOSYS): the result is the injected one
                result = tamper.errno() != 0 ? -tamper.errno() : tamper.returnValue();
                failed = tamper.errno() != 0;
                PtraceCalls.request(Ptrace.PTRACE_POKEUSR, t.pid, Registers.RAX, result);
            }
        }
        Call c = t.call;
        if (c == null) {
            return;
        }
        long elapsed = System.nanoTime() - t.entryNanos;
        c.exited(result, failed);
        String exit;
        String text;
        try {
            t.decoder.exit(c);
            exit = CallText.exit(c, t.decoder);
            text = CallText.result(c, t.decoder);
        } catch (RuntimeException | OutOfMemoryError e) {
            decoderFailed(t.arch, c.name(), e);
            exit = ")";
            text = failed ? CallText.error(t.arch, -result) : Long.toString(result);
        }
        events.ended(
                new CallEvent(
                        t.pid,
                        t.arch,
                        c.name(),
                        t.entryText,
                        exit,
                        c.printed(),
                        failed ? CallEvent.Outcome.FAILED : CallEvent.Outcome.RETURNED,
                        text,
                        failed ? -result : 0,
                        elapsed,
                        tamper != null && tamper.replaces(),
                        tamper != null
                                && (tamper.delayEnterMicros() > 0 || tamper.delayExitMicros() > 0),
                        poked));
        t.call = null;
        stackAfter(t, t.entryStack);
        t.entryStack = null;
        if (remainingCalls > 0
                && (!options.filter().filtersStatus() || options.filter().showsStatus(failed))
                && --remainingCalls == 0) {
            // --syscall-limit: as strace, let every tracee go on untraced, and end the trace
            attachment("System call limit has been reached, detaching tracees");
            exitStatus = 0; // the command runs on untraced: its status is not ours to report
            limitReached = true;
            detachAll();
        }
    }

    /** -k: the unwinder, or null without -k. */
    private final Unwinder unwinder;

    /**
     * The calls whose stack strace shows as it was at their entry: an exec replaced the stack by
     * its exit, and exit_group's line ends unfinished.
     */
    private static final Set<String> STACK_AT_ENTRY =
            Set.of("execve", "execveat", "exit", "exit_group");

    /** -k: thread {@code t}'s stack now; none for a call in another personality than x86_64. */
    private List<Frame> stack(Tracee t) {
        if (unwinder == null || t.arch == null || !t.arch.name().equals("x86_64")) {
            return List.of();
        }
        return unwinder.unwind(t.pid);
    }

    /**
     * -k: the stack after the line just printed for {@code t}: {@code captured} at the call's
     * entry, or as it is now.
     */
    private void stackAfter(Tracee t, List<Frame> captured) {
        if (unwinder == null) {
            return;
        }
        List<Frame> frames = captured != null ? captured : stack(t);
        if (!frames.isEmpty()) {
            List<String> lines = new ArrayList<>(frames.size());
            for (Frame f : frames) {
                lines.add(f.text(captured != null));
            }
            events.stack(t.pid, lines);
        }
    }

    /** --syscall-limit was reached: the tracees were let go. */
    private boolean limitReached;

    /** --syscall-limit: how many more calls may be shown; -1 for no limit. */
    private long remainingCalls;

    /** {@code t}'s call ends unfinished: the tracee died, or exec'd away, inside it. */
    private void unfinished(Tracee t) {
        String exit;
        try {
            exit = CallText.exit(t.call, t.decoder);
        } catch (RuntimeException e) {
            exit = ")";
        }
        events.ended(
                new CallEvent(
                        t.pid,
                        t.arch,
                        t.call.name(),
                        t.entryText,
                        exit,
                        t.call.printed(),
                        CallEvent.Outcome.UNFINISHED,
                        "?",
                        0,
                        System.nanoTime() - t.entryNanos,
                        false,
                        false,
                        false));
    }

    /**
     * An exec happened. If a thread other than the leader called it, the kernel has already given
     * it the leader's pid and ended every other thread: the call continues here, under the leader.
     */
    private void execStop(Tracee t) {
        long former = PtraceCalls.eventMessage(t.pid, scratch);
        if (former > 0 && former != t.pid) {
            Tracee exec = tracees.remove((int) former);
            if (exec != null) {
                if (t.inSyscall && t.call != null) {
                    unfinished(t); // the leader's own call ends with it
                }
                if (t.hidden) {
                    // -D: the JVM's thread became the command under the leader's pid, which the
                    // user never saw: its execve line goes on as one
                    events.renamed((int) former, t.pid);
                }
                if (!options.quiet(TraceOptions.Quiet.THREAD_EXECVE) && !t.hidden) {
                    events.note(t.pid, "+++ superseded by execve in pid " + former + " +++");
                }
                t.inSyscall = exec.inSyscall;
                t.call = exec.call;
                t.decoder = exec.decoder;
                t.entryText = exec.entryText;
                t.entryNanos = exec.entryNanos;
                t.arch = exec.arch;
                t.hidden = exec.hidden;
            }
        }
    }

    private void signalDeliveryStop(Tracee t, int signal) {
        if (!t.hidden && options.signals().test(signal)) {
            String text =
                    PtraceCalls.siginfo(t.pid, siginfo) >= 0
                            ? SigInfo.format(host, siginfo, options.decodePids())
                            : "{si_signo=" + Signals.name(host, signal) + "}";
            events.signal(t.pid, Signals.name(host, signal), text);
            stackAfter(t, null);
        }
        resume(t, signal); // deliver it, as if no one were watching
    }

    private void resume(Tracee t, int signal) {
        long r =
                t.seccomp && !t.inSyscall
                        ? PtraceCalls.cont(t.pid, signal)
                        : PtraceCalls.syscall(t.pid, signal);
        if (r < 0 && r != -Errno.ESRCH) {
            events.note(t.pid, "rawsys trace: cannot resume " + t.pid + ": " + errnoText(-r));
        }
    }

    /** Asks every tracee to stop; each is detached at its next stop. */
    private void detachAll() {
        detaching = true;
        for (Tracee t : tracees.values()) {
            t.detaching = true;
            PtraceCalls.interrupt(t.pid);
        }
    }

    private void detachAt(Tracee t, PtraceCalls.Waited w) {
        int signal = 0;
        if (w.event() == 0 && w.stopSignal() != SYSCALL_STOP) {
            signal = w.stopSignal(); // a signal on its way: deliver it on detaching
        }
        PtraceCalls.detach(t.pid, signal);
        tracees.remove(t.pid);
        if (t.attached || t.pid == initialPid) {
            attachment("Process " + t.pid + " detached");
        }
        if (t.inSyscall && t.call != null) {
            events.detached(t.pid);
        }
    }

    /** A message about attaching or detaching, unless -e quiet=attach (-q) leaves those out. */
    private void attachment(String message) {
        if (!options.quiet(TraceOptions.Quiet.ATTACH)) {
            diagnostic(message);
        }
    }

    /**
     * A message about the trace itself, as strace's "strace: Process N attached": on stderr always,
     * even when the trace goes to a file.
     */
    private void diagnostic(String message) {
        events.flush();
        System.err.println("rawsys trace: " + message);
        System.err.flush();
    }

    /** What the tracer needs of one system call of one architecture, worked out once. */
    private record Kind(
            String name,
            boolean traced,
            Decoder decoder,
            boolean carrier,
            Call.Settings settings) {}

    /** Per architecture: calls numbered below 1024 in an array, others (MIPS, x32) in a map. */
    private final Map<Arch, Kind[]> kinds = new java.util.HashMap<>();

    private final Map<Arch, Map<Long, Kind>> farKinds = new java.util.HashMap<>();

    private Kind kind(Arch arch, long nr) {
        if (nr >= 0 && nr < 1024) {
            Kind[] table = kinds.computeIfAbsent(arch, a -> new Kind[1024]);
            Kind kind = table[(int) nr];
            if (kind == null) {
                kind = table[(int) nr] = newKind(arch, nr);
            }
            return kind;
        }
        return farKinds.computeIfAbsent(arch, a -> new java.util.HashMap<>())
                .computeIfAbsent(nr, n -> newKind(arch, n));
    }

    private Kind newKind(Arch arch, long nr) {
        return newKind(arch, arch.syscalls().name(nr).orElse("syscall_0x" + Long.toHexString(nr)));
    }

    private Kind newKind(Arch arch, String name) {
        int arguments = argumentCount.apply(arch, name);
        boolean raw = options.raw().contains(arch, name);
        return new Kind(
                name,
                options.filter().traces(arch, name),
                raw ? Decoders.undecoded(arguments) : decoders.forName(name, arguments),
                decoders.carries(name) && !raw,
                new Call.Settings(
                        options.stringLimit(),
                        !options.decodeFds().isEmpty(),
                        !options.abbrev().contains(arch, name),
                        descriptors,
                        options.hexStrings(),
                        options.verbose().contains(arch, name),
                        !tracedPaths.isEmpty(),
                        options.decodePids()));
    }

    /** The calls carriers carry, by architecture and name. */
    private final Map<Arch, Map<String, Kind>> carriedKinds = new java.util.HashMap<>();

    private Kind carriedKind(Arch arch, String name) {
        return carriedKinds
                .computeIfAbsent(arch, a -> new java.util.HashMap<>())
                .computeIfAbsent(name, n -> newKind(arch, n));
    }

    private int lastAuditArch;
    private Arch lastArch;

    private Arch archOf(int auditArch, long nr) {
        if (auditArch == lastAuditArch && lastArch != null && (nr & NUMBER_BITS) == 0) {
            return lastArch;
        }
        Arch arch = personality(auditArch, nr, host);
        if (arch.auditArch() == auditArch && (nr & NUMBER_BITS) == 0) {
            lastAuditArch = auditArch;
            lastArch = arch;
        }
        return arch;
    }

    /**
     * The personality a stopped tracee makes its call in, from what PTRACE_GET_SYSCALL_INFO
     * reports: the AUDIT_ARCH_* value ({@code int 0x80} in an x86_64 process is i386's) and, for
     * x86_64, the x32 bit of the call's number; {@code host} for an audit arch this machine does
     * not know.
     */
    static Arch personality(int auditArch, long nr, Arch host) {
        return Arch.ofAudit(auditArch, nr).orElse(host);
    }

    private String mode(Arch arch) {
        return switch (arch.name()) {
            case "x32" -> "x32";
            default -> arch.wordSize() * 8 + " bit";
        };
    }

    private static boolean isStopSignal(int signal) {
        return signal == Signal.SIGSTOP
                || signal == Signal.SIGTSTP
                || signal == Signal.SIGTTIN
                || signal == Signal.SIGTTOU;
    }

    private static String errnoText(long errno) {
        return Failure.describe(new ErrnoException((int) errno));
    }

    /** What a tracee's descriptor refers to, for -y. */
    private static String descriptorPath(int pid, int fd) {
        return Descriptors.linked(pid, fd);
    }
}
