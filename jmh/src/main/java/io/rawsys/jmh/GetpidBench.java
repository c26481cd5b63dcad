package io.rawsys.jmh;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import com.sun.jna.Native;
import io.rawsys.Syscalls;
import io.rawsys.linux.Nr;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.invoke.MethodHandle;
import java.util.concurrent.TimeUnit;
import jnr.posix.POSIX;
import jnr.posix.POSIXFactory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * getpid(2) through every road Java has to the kernel. glibc has not cached the pid since 2.25, so
 * every variant makes the system call; the differences are the roads.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class GetpidBench {
    static final MethodHandle LIBC_GETPID =
            Libc.function("getpid", FunctionDescriptor.of(JAVA_INT));
    static final MethodHandle LIBC_GETPID_CRITICAL =
            Libc.function("getpid", FunctionDescriptor.of(JAVA_INT), Linker.Option.critical(false));

    /** libc's variadic syscall(long number, ...), called with the number alone. */
    static final MethodHandle LIBC_SYSCALL =
            Libc.function(
                    "syscall",
                    FunctionDescriptor.of(JAVA_LONG, JAVA_LONG),
                    Linker.Option.firstVariadicArg(1));

    static final POSIX JNR = POSIXFactory.getNativePOSIX();
    static final long GETPID = Nr.getpid;

    /** JNA's direct mapping: a native method bound by Native.register, JNA's fastest kind. */
    static final class JnaDirect {
        static {
            Native.register("c");
        }

        static native int getpid();
    }

    @Benchmark
    public int libcViaFfm() throws Throwable {
        return (int) LIBC_GETPID.invokeExact();
    }

    @Benchmark
    public int libcViaFfmCritical() throws Throwable {
        return (int) LIBC_GETPID_CRITICAL.invokeExact();
    }

    @Benchmark
    public long libcSyscallViaFfm() throws Throwable {
        return (long) LIBC_SYSCALL.invokeExact(GETPID);
    }

    @Benchmark
    public long rawsysRaw() {
        return Syscalls.raw(GETPID);
    }

    @Benchmark
    public long rawsysCritical() {
        return Syscalls.Critical.raw(GETPID);
    }

    @Benchmark
    public long rawsysInvoke() {
        return Syscalls.invoke(GETPID);
    }

    @Benchmark
    public int jnaDirect() {
        return JnaDirect.getpid();
    }

    @Benchmark
    public int jnrPosix() {
        return JNR.getpid();
    }

    @Benchmark
    public int jni() {
        return JniGetpid.getpid();
    }
}
