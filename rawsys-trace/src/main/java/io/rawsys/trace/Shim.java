package io.rawsys.trace;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.rawsys.tool.NativeResource;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.List;

/**
 * librawsys-trace.so (rawsys-trace/src/main/c/trace_shim.c): starting a tracee without running Java
 * in the forked child, and the wake-up signal handler. Loaded from the jar on first use.
 */
final class Shim {
    private Shim() {}

    /** struct rawsys_trace_spawn of trace_shim.h. */
    static final StructLayout SPAWN =
            MemoryLayout.structLayout(
                    ADDRESS.withName("path"),
                    ADDRESS.withName("argv"),
                    ADDRESS.withName("envp"),
                    JAVA_INT.withName("release_read"),
                    JAVA_INT.withName("release_write"),
                    ADDRESS.withName("filter"),
                    ADDRESS.withName("inherit"),
                    JAVA_INT.withName("inherit_count"),
                    MemoryLayout.paddingLayout(4));

    @SuppressWarnings("restricted") // loading the shim and binding its functions: its purpose
    private static final class Library {
        static final MethodHandle SPAWN_CHILD;
        static final MethodHandle INSTALL_WAKEUP;
        static final MethodHandle DETACHED;
        static final MethodHandle BECOME;
        static final MemorySegment ENVIRON;

        /**
         * Open for the JVM's life: glibc knows a loaded library by its path, and a later dlopen of
         * a reused /proc/PID/fd/N would be answered with this one.
         */
        static final NativeResource LIBRARY =
                NativeResource.open("io/rawsys/trace", "librawsys-trace.so");

        static {
            Linker linker = Linker.nativeLinker();
            SymbolLookup lookup = LIBRARY.library(Arena.global());
            SPAWN_CHILD =
                    linker.downcallHandle(
                            lookup.findOrThrow("rawsys_trace_spawn"),
                            FunctionDescriptor.of(JAVA_LONG, ADDRESS));
            INSTALL_WAKEUP =
                    linker.downcallHandle(
                            lookup.findOrThrow("rawsys_trace_install_wakeup"),
                            FunctionDescriptor.of(JAVA_INT, JAVA_INT));
            DETACHED =
                    linker.downcallHandle(
                            lookup.findOrThrow("rawsys_trace_detached"),
                            FunctionDescriptor.of(
                                    JAVA_LONG, ADDRESS, ADDRESS, ADDRESS, JAVA_INT, JAVA_INT));
            BECOME =
                    linker.downcallHandle(
                            lookup.findOrThrow("rawsys_trace_become"),
                            FunctionDescriptor.of(
                                    JAVA_LONG, ADDRESS, ADDRESS, ADDRESS, ADDRESS, JAVA_INT));
            // glibc's char **environ: the environment as this process has it, order and bytes.
            ENVIRON = linker.defaultLookup().findOrThrow("environ").reinterpret(ADDRESS.byteSize());
        }
    }

    /**
     * Forks a child that waits until {@code releaseWrite} is closed, installs {@code filter} (a
     * {@code struct sock_fprog}, or NULL), and execs {@code path} with {@code argv} and this
     * process's environment, with descriptors 0, 1, 2 and those of {@code inherit} open.
     *
     * @return the child's pid, or -errno if fork failed
     */
    static long spawn(
            String path,
            List<String> argv,
            int releaseRead,
            int releaseWrite,
            MemorySegment filter,
            int[] inherit) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment args = strings(arena, argv);
            MemorySegment spawn = arena.allocate(SPAWN);
            spawn.set(ADDRESS, SPAWN.byteOffset(field("path")), arena.allocateFrom(path));
            spawn.set(ADDRESS, SPAWN.byteOffset(field("argv")), args);
            spawn.set(ADDRESS, SPAWN.byteOffset(field("envp")), Library.ENVIRON.get(ADDRESS, 0));
            spawn.set(JAVA_INT, SPAWN.byteOffset(field("release_read")), releaseRead);
            spawn.set(JAVA_INT, SPAWN.byteOffset(field("release_write")), releaseWrite);
            spawn.set(ADDRESS, SPAWN.byteOffset(field("filter")), filter);
            spawn.set(
                    ADDRESS,
                    SPAWN.byteOffset(field("inherit")),
                    inherit.length == 0
                            ? MemorySegment.NULL
                            : arena.allocateFrom(JAVA_INT, inherit));
            spawn.set(JAVA_INT, SPAWN.byteOffset(field("inherit_count")), inherit.length);
            return (long) Library.SPAWN_CHILD.invokeExact(spawn);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** A NULL-terminated {@code char *[]} of {@code strings}. */
    private static MemorySegment strings(Arena arena, List<String> strings) {
        MemorySegment array = arena.allocate(ADDRESS, strings.size() + 1L);
        for (int i = 0; i < strings.size(); i++) {
            array.setAtIndex(ADDRESS, i, arena.allocateFrom(strings.get(i)));
        }
        array.setAtIndex(ADDRESS, strings.size(), MemorySegment.NULL);
        return array;
    }

    /**
     * -D: starts {@code argv} at {@code path} (the tracer) as a detached grandchild, in a process
     * group of its own at {@code level} 2, a session at 3, with this process's environment and
     * descriptor {@code keep} open.
     *
     * @return 0, or -errno
     */
    static long detached(String path, List<String> argv, int level, int keep) {
        try (Arena arena = Arena.ofConfined()) {
            return (long)
                    Library.DETACHED.invokeExact(
                            arena.allocateFrom(path),
                            strings(arena, argv),
                            Library.ENVIRON.get(ADDRESS, 0),
                            level,
                            keep);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /**
     * -D: this process becomes {@code argv} at {@code path} (execve from this thread), with the
     * descriptors 0 to 2 and {@code inherit}; returns only if it could not, with -errno.
     */
    static long become(String path, List<String> argv, int[] inherit) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment kept =
                    inherit.length == 0
                            ? MemorySegment.NULL
                            : arena.allocateFrom(JAVA_INT, inherit);
            return (long)
                    Library.BECOME.invokeExact(
                            arena.allocateFrom(path),
                            strings(arena, argv),
                            Library.ENVIRON.get(ADDRESS, 0),
                            kept,
                            inherit.length);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** A do-nothing handler for {@code signo}, without SA_RESTART: it makes wait4 return EINTR. */
    static int installWakeup(int signo) {
        try {
            return (int) Library.INSTALL_WAKEUP.invokeExact(signo);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private static MemoryLayout.PathElement field(String name) {
        return MemoryLayout.PathElement.groupElement(name);
    }
}
