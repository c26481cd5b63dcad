package io.rawsys.jmh;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import io.rawsys.Syscalls;
import io.rawsys.linux.Nr;
import io.rawsys.linux.Time;
import io.rawsys.linux.struct.Timespec;
import io.rawsys.vdso.Vdso;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * clock_gettime(CLOCK_MONOTONIC): the JDK's intrinsic, libc, the system call, and rawsys's direct
 * vDSO calls.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class ClockBench {
    static final MethodHandle LIBC_CLOCK_GETTIME =
            Libc.function("clock_gettime", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
    static final MethodHandle LIBC_CLOCK_GETTIME_CRITICAL =
            Libc.function(
                    "clock_gettime",
                    FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS),
                    Linker.Option.critical(false));
    static final int MONOTONIC = Time.CLOCK_MONOTONIC;

    final MemorySegment timespec = Timespec.allocate(Arena.ofAuto());
    final long timespecAddress = timespec.address();

    @Benchmark
    public long systemNanoTime() {
        return System.nanoTime();
    }

    @Benchmark
    public long libcViaFfm() throws Throwable {
        int ignored = (int) LIBC_CLOCK_GETTIME.invokeExact(MONOTONIC, timespec);
        return Timespec.tv_nsec(timespec);
    }

    @Benchmark
    public long libcViaFfmCritical() throws Throwable {
        int ignored = (int) LIBC_CLOCK_GETTIME_CRITICAL.invokeExact(MONOTONIC, timespec);
        return Timespec.tv_nsec(timespec);
    }

    @Benchmark
    public long rawsysSyscall() {
        Syscalls.raw(Nr.clock_gettime, MONOTONIC, timespecAddress);
        return Timespec.tv_nsec(timespec);
    }

    @Benchmark
    public long rawsysVdso() {
        return Vdso.clockGettime(MONOTONIC);
    }

    @Benchmark
    public long rawsysVdsoCritical() {
        return Vdso.Critical.clockGettime(MONOTONIC);
    }
}
