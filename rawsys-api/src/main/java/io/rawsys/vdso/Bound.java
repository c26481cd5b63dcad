package io.rawsys.vdso;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.rawsys.Syscalls;
import io.rawsys.linux.Nr;
import io.rawsys.linux.Time;
import io.rawsys.linux.struct.Timespec;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Optional;

/**
 * The vDSO functions rawsys binds, each to the vDSO's code where it exports the function, else to a
 * Java method making the system call: the same {@link MethodHandle} type either way, so callers
 * never branch. vdso(7) names each architecture's symbols: {@code __vdso_} on x86, ARM, RISC-V and
 * MIPS, {@code __kernel_} on arm64, PowerPC and s390.
 */
enum Bound {
    CLOCK_GETTIME(
            "clock_gettime",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS),
            "clockGettimeSyscall"),
    CLOCK_GETRES(
            "clock_getres",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS),
            "clockGetresSyscall"),
    GETTIMEOFDAY(
            "gettimeofday",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS),
            "gettimeofdaySyscall"),
    TIME("time", FunctionDescriptor.of(JAVA_LONG, ADDRESS), "timeFallback"),
    GETCPU("getcpu", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS), "getcpuSyscall");

    final String function;
    final Optional<ElfImage.Symbol> symbol;
    final MethodHandle handle;
    final MethodHandle critical;

    Bound(String function, FunctionDescriptor descriptor, String fallback) {
        this.function = function;
        this.symbol = find(function);
        if (symbol.isPresent()) {
            MemorySegment code =
                    MemorySegment.ofAddress(
                            VdsoMapping.current().orElseThrow().address(symbol.get()));
            this.handle = link(code, descriptor);
            this.critical = link(code, descriptor, Linker.Option.critical(false));
        } else {
            this.handle = this.critical = fallback(fallback, descriptor);
        }
    }

    Vdso.Binding binding() {
        return new Vdso.Binding(function, symbol);
    }

    /**
     * The vDSO's symbol for {@code function}: {@code __vdso_<f>} or {@code __kernel_<f>}, any
     * version.
     */
    static Optional<ElfImage.Symbol> find(String function) {
        return VdsoMapping.current()
                .flatMap(
                        m ->
                                m.image()
                                        .find("__vdso_" + function, null)
                                        .or(() -> m.image().find("__kernel_" + function, null)));
    }

    @SuppressWarnings(
            "restricted") // a function of the vDSO the kernel mapped, found by its symbol table
    static MethodHandle link(
            MemorySegment code, FunctionDescriptor descriptor, Linker.Option... options) {
        return Linker.nativeLinker().downcallHandle(code, descriptor, options);
    }

    private static MethodHandle fallback(String name, FunctionDescriptor descriptor) {
        try {
            MethodType type = descriptor.toMethodType();
            return MethodHandles.lookup().findStatic(Bound.class, name, type);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * What to throw for a throwable out of {@code invokeExact}: errors and runtime exceptions as
     * they are.
     */
    static RuntimeException rethrow(Throwable t) {
        if (t instanceof Error e) {
            throw e;
        }
        return t instanceof RuntimeException r ? r : new IllegalStateException(t);
    }

    // The system calls behind each function, for a vDSO that lacks it. They return what the vDSO
    // function would: the kernel's result, -errno included.

    @SuppressWarnings("unused")
    private static int clockGettimeSyscall(int clock, MemorySegment ts) {
        return (int) Syscalls.raw(Nr.clock_gettime, clock, ts.address());
    }

    @SuppressWarnings("unused")
    private static int clockGetresSyscall(int clock, MemorySegment ts) {
        return (int) Syscalls.raw(Nr.clock_getres, clock, ts.address());
    }

    @SuppressWarnings("unused")
    private static int gettimeofdaySyscall(MemorySegment tv, MemorySegment tz) {
        return (int) Syscalls.raw(Nr.gettimeofday, tv.address(), tz.address());
    }

    /** time(2) is missing on arm64 and RISC-V: the realtime clock's seconds serve everywhere. */
    @SuppressWarnings("unused")
    private static long timeFallback(MemorySegment tloc) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ts = Timespec.allocate(arena);
            long result = Syscalls.raw(Nr.clock_gettime, Time.CLOCK_REALTIME, ts.address());
            return Syscalls.isError(result) ? result : Timespec.tv_sec(ts);
        }
    }

    @SuppressWarnings("unused")
    private static int getcpuSyscall(MemorySegment cpu, MemorySegment node, MemorySegment cache) {
        return (int) Syscalls.raw(Nr.getcpu, cpu.address(), node.address(), cache.address());
    }
}
