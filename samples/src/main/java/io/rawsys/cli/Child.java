package io.rawsys.cli;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import io.rawsys.ErrnoException;
import io.rawsys.Syscalls;
import io.rawsys.calls.ProcessCalls;
import io.rawsys.linux.Errno;
import io.rawsys.linux.Nr;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A command run in the foreground as {@code env} or {@code timeout} runs it: the signals sent to
 * this process go on to the child, and when the child ends this process ends the same way — with
 * its exit status, or killed by its signal, so that a shell reports "Terminated" as it would
 * without rawsys in between.
 *
 * <p>The child is started with libc's {@code posix_spawnp}, not {@link ProcessBuilder}: the JDK
 * reaps its own children and keeps only "128 + signal" of a killed one, which cannot be told from
 * an exit with that status. The child gets an empty signal mask, the signals ignored when rawsys
 * started still ignored (nohup), every other with its default disposition (the JVM blocks SIGQUIT
 * in its threads) and none of the JVM's descriptors beyond 0, 1 and 2.
 */
final class Child {
    /** The signals passed on: those a user or a supervisor sends to stop or notify a command. */
    private static final List<String> FORWARDED =
            List.of("HUP", "INT", "QUIT", "TERM", "USR1", "USR2", "ALRM", "WINCH", "CONT");

    // glibc's <spawn.h>, the same on every Linux ABI
    private static final short POSIX_SPAWN_SETSIGMASK = 0x08;

    /** Generous sizes for glibc's opaque types (336, 80 and 128 bytes on x86_64). */
    private static final long ATTR_SIZE = 1024;

    private static final long ACTIONS_SIZE = 512;
    private static final long SIGSET_SIZE = 128;

    private Child() {}

    /**
     * Runs {@code command} (looked up in PATH) with exactly {@code environment}, passing the
     * forwarded signals on to it, and returns its wait status (as wait4 gives it). The handlers are
     * in place before the command starts: a signal that comes while it starts is passed on once it
     * has a pid, never left to the JVM's default (which would exit and leave the command running).
     *
     * @throws ErrnoException when it cannot be started (ENOENT: no such command)
     */
    static int run(List<String> command, Map<String, String> environment) {
        return run(() -> spawn(command, environment));
    }

    /**
     * As {@link #run(List, Map)}, with the child started by {@code start} (which returns its pid),
     * after the forwarding handlers are in place.
     */
    static int run(java.util.function.IntSupplier start) {
        Forwarder forwarder = new Forwarder();
        List<Object[]> installed = new ArrayList<>(); // {signal, previous handler}
        long ignored = ignoredSignals();
        for (String name : FORWARDED) {
            Optional<Object> signal = Signals.named(name);
            if (signal.isEmpty()) {
                continue;
            }
            if ((ignored & (1L << (Signals.number(signal.get()) - 1))) != 0) {
                continue; // ignored by whoever started rawsys: the command inherits that
            }
            try {
                Object previous = Signals.handle(signal.get(), Signals.handler(forwarder::signal));
                installed.add(new Object[] {signal.get(), previous});
            } catch (IllegalArgumentException reservedByTheJvm) {
                // SIGQUIT (the thread dump) or SIGUSR1/2 on some JVMs: left to the JVM
            }
        }
        try {
            int pid = start.getAsInt();
            forwarder.started(pid);
            return waitFor(pid);
        } finally {
            for (Object[] i : installed) {
                Signals.handle(i[0], i[1]);
            }
        }
    }

    /** The signals this process ignores (SigIgn of /proc/self/status), as a mask of bit N-1. */
    private static long ignoredSignals() {
        try {
            for (String line :
                    java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                if (line.startsWith("SigIgn:")) {
                    return Long.parseUnsignedLong(line.substring(7).strip(), 16);
                }
            }
        } catch (java.io.IOException | NumberFormatException e) {
            // no /proc: forward them all
        }
        return 0;
    }

    /** Sends the signals on to the child; holds those that come before it has a pid. */
    private static final class Forwarder {
        private int pid;
        private final List<Integer> pending = new ArrayList<>();

        synchronized void signal(int signal) {
            if (pid == 0) {
                pending.add(signal);
            } else {
                forward(pid, signal);
            }
        }

        synchronized void started(int child) {
            pid = child;
            pending.forEach(signal -> forward(pid, signal));
            pending.clear();
        }

        private static void forward(int pid, int signal) {
            try {
                ProcessCalls.kill(pid, signal);
            } catch (ErrnoException e) {
                // ESRCH: it has just ended; wait4 will say how
            }
        }
    }

    @SuppressWarnings("restricted") // libc's spawn functions, bound once
    private static final class Libc {
        static final Linker LINKER = Linker.nativeLinker();
        static final MethodHandle SPAWNP =
                bind("posix_spawnp", ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS);
        static final MethodHandle ATTR_INIT = bind("posix_spawnattr_init", ADDRESS);
        static final MethodHandle ATTR_DESTROY = bind("posix_spawnattr_destroy", ADDRESS);
        static final MethodHandle ATTR_SETFLAGS =
                LINKER.downcallHandle(
                        LINKER.defaultLookup().findOrThrow("posix_spawnattr_setflags"),
                        FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_SHORT));
        static final MethodHandle ATTR_SETSIGMASK =
                bind("posix_spawnattr_setsigmask", ADDRESS, ADDRESS);
        static final MethodHandle ACTIONS_INIT = bind("posix_spawn_file_actions_init", ADDRESS);
        static final MethodHandle ACTIONS_DESTROY =
                bind("posix_spawn_file_actions_destroy", ADDRESS);

        /** glibc 2.34 and later; without it the JVM's descriptors rely on close-on-exec. */
        static final Optional<MethodHandle> ADD_CLOSEFROM =
                LINKER.defaultLookup()
                        .find("posix_spawn_file_actions_addclosefrom_np")
                        .map(
                                f ->
                                        LINKER.downcallHandle(
                                                f,
                                                FunctionDescriptor.of(
                                                        JAVA_INT, ADDRESS, JAVA_INT)));

        static final MethodHandle SIGEMPTYSET = bind("sigemptyset", ADDRESS);

        private static MethodHandle bind(String name, java.lang.foreign.MemoryLayout... args) {
            return LINKER.downcallHandle(
                    LINKER.defaultLookup().findOrThrow(name),
                    FunctionDescriptor.of(JAVA_INT, args));
        }
    }

    /** posix_spawnp: the child's pid. */
    private static int spawn(List<String> command, Map<String, String> environment) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment argv = strings(arena, command);
            List<String> env = new ArrayList<>();
            environment.forEach((k, v) -> env.add(k + "=" + v));
            MemorySegment envp = strings(arena, env);
            MemorySegment attr = arena.allocate(ATTR_SIZE, 16);
            MemorySegment actions = arena.allocate(ACTIONS_SIZE, 16);
            MemorySegment empty = arena.allocate(SIGSET_SIZE, 16);
            MemorySegment pid = arena.allocate(JAVA_INT);
            int error;
            try {
                check((int) Libc.ATTR_INIT.invokeExact(attr));
                check((int) Libc.ACTIONS_INIT.invokeExact(actions));
                check((int) Libc.SIGEMPTYSET.invokeExact(empty));
                check((int) Libc.ATTR_SETSIGMASK.invokeExact(attr, empty));
                // no SETSIGDEF: the JVM ignores no signal itself, so an ignored one was ignored by
                // whoever started rawsys (nohup) and stays ignored, as without rawsys
                check((int) Libc.ATTR_SETFLAGS.invokeExact(attr, POSIX_SPAWN_SETSIGMASK));
                if (Libc.ADD_CLOSEFROM.isPresent()) {
                    check((int) Libc.ADD_CLOSEFROM.get().invokeExact(actions, 3));
                }
                error =
                        (int)
                                Libc.SPAWNP.invokeExact(
                                        pid,
                                        arena.allocateFrom(command.getFirst()),
                                        actions,
                                        attr,
                                        argv,
                                        envp);
                int ignored = (int) Libc.ATTR_DESTROY.invokeExact(attr);
                ignored = (int) Libc.ACTIONS_DESTROY.invokeExact(actions);
            } catch (ErrnoException e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException("posix_spawnp", t);
            }
            if (error != 0) {
                throw new ErrnoException(error);
            }
            return pid.get(JAVA_INT, 0);
        }
    }

    private static void check(int error) {
        if (error != 0) {
            throw new ErrnoException(error);
        }
    }

    /** A NULL-terminated array of C strings. */
    private static MemorySegment strings(Arena arena, List<String> values) {
        MemorySegment array = arena.allocate(ADDRESS, values.size() + 1L);
        for (int i = 0; i < values.size(); i++) {
            array.setAtIndex(ADDRESS, i, arena.allocateFrom(values.get(i)));
        }
        array.setAtIndex(ADDRESS, values.size(), MemorySegment.NULL);
        return array;
    }

    /** wait4 for the child, through the EINTRs the forwarding handlers cause. */
    private static int waitFor(int pid) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment status = arena.allocate(JAVA_INT);
            while (true) {
                long r = Syscalls.raw(Nr.wait4, pid, status.address(), 0, 0);
                if (r == pid) {
                    return status.get(JAVA_INT, 0);
                }
                if (r != -Errno.EINTR) {
                    throw new ErrnoException((int) -r, Nr.wait4);
                }
            }
        }
    }

    /**
     * Ends this process as the child ended: {@code status} is a wait status. Killed by a signal,
     * this process kills itself with the same signal, its disposition made the default first; where
     * the JVM does not let that signal go (SIGSEGV, SIGBUS, SIGFPE, SIGILL: its own), or the signal
     * does not end a process, it returns 128 + the signal, as a shell would report it.
     *
     * @return the exit status to end with, when this process did not end here
     */
    static int endAs(int status) {
        int signal = status & 0x7f;
        if (signal == 0) {
            return (status >> 8) & 0xff;
        }
        boolean defaulted = signal == SIGKILL; // no handler can catch it
        if (!defaulted) {
            Optional<Object> s = Signals.numbered(signal);
            try {
                if (s.isPresent()) {
                    Signals.handle(s.get(), Signals.DEFAULT);
                    defaulted = true;
                }
            } catch (IllegalArgumentException theJvmsOwn) {
                // SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGQUIT: the JVM keeps them
            }
        }
        if (defaulted) {
            System.out.flush();
            System.err.flush();
            try {
                ProcessCalls.kill(ProcessCalls.getpid(), signal);
                Thread.sleep(1000); // the default action ends us meanwhile, if it ends processes
            } catch (ErrnoException | InterruptedException e) {
                // then the status will do
            }
        }
        return 128 + signal;
    }

    private static final int SIGKILL = 9;

    /**
     * sun.misc.Signal (module jdk.unsupported), reached by reflection: naming it in source makes
     * javac warn that it is internal, a warning this build treats as an error, and it is the one
     * supported way for a Java program to handle a signal.
     */
    private static final class Signals {
        private static final Class<?> SIGNAL;
        private static final Class<?> HANDLER;
        private static final java.lang.reflect.Method HANDLE;
        private static final java.lang.reflect.Method NUMBER;
        static final Object DEFAULT;

        static {
            try {
                SIGNAL = Class.forName("sun.misc.Signal");
                HANDLER = Class.forName("sun.misc.SignalHandler");
                HANDLE = SIGNAL.getMethod("handle", SIGNAL, HANDLER);
                NUMBER = SIGNAL.getMethod("getNumber");
                DEFAULT = HANDLER.getField("SIG_DFL").get(null);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        /** The signal {@code name} (without SIG), if this platform has it. */
        static Optional<Object> named(String name) {
            try {
                return Optional.of(SIGNAL.getConstructor(String.class).newInstance(name));
            } catch (java.lang.reflect.InvocationTargetException unknown) {
                return Optional.empty(); // IllegalArgumentException: no such signal here
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }

        static Optional<Object> numbered(int number) {
            for (String name : SIGNAL_NAMES) {
                Optional<Object> s = named(name);
                if (s.isPresent() && number(s.get()) == number) {
                    return s;
                }
            }
            return Optional.empty();
        }

        static int number(Object signal) {
            try {
                return (int) NUMBER.invoke(signal);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }

        /**
         * Installs {@code handler}; returns the one it replaces.
         *
         * @throws IllegalArgumentException for a signal the JVM keeps for itself
         */
        static Object handle(Object signal, Object handler) {
            try {
                return HANDLE.invoke(null, signal, handler);
            } catch (java.lang.reflect.InvocationTargetException e) {
                if (e.getCause() instanceof IllegalArgumentException iae) {
                    throw iae;
                }
                throw new IllegalStateException(e.getCause());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }

        /** A SignalHandler that calls {@code action} with the signal's number. */
        static Object handler(java.util.function.IntConsumer action) {
            return java.lang.reflect.Proxy.newProxyInstance(
                    HANDLER.getClassLoader(),
                    new Class<?>[] {HANDLER},
                    (proxy, method, args) -> {
                        switch (method.getName()) {
                            case "handle" -> action.accept(number(args[0]));
                            case "hashCode" -> {
                                return System.identityHashCode(proxy);
                            }
                            case "equals" -> {
                                return proxy == args[0];
                            }
                            case "toString" -> {
                                return "rawsys: forward to the child";
                            }
                            default -> {}
                        }
                        return null;
                    });
        }
    }

    /** The names sun.misc.Signal may know, without SIG. */
    private static final List<String> SIGNAL_NAMES =
            List.of(
                    "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "USR1", "SEGV",
                    "USR2", "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "TSTP", "TTIN",
                    "TTOU", "URG", "XCPU", "XFSZ", "VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS");
}
