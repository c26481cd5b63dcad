package io.rawsys.jmh;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import io.rawsys.ErrnoException;
import io.rawsys.Syscalls;
import io.rawsys.calls.FileCalls;
import io.rawsys.linux.Fcntl;
import io.rawsys.linux.Nr;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * A call that fails, close(-1) with EBADF, and the cost of learning the errno: libc sets the
 * thread-local errno, which FFM captures into a segment after the call; rawsys's stub returns it,
 * and {@code Syscalls.invoke} throws it as an ErrnoException. Then the failure users meet most: the
 * typed layer's openat of a path that does not exist, against the same call made raw.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class ErrnoBench {
    static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    static final VarHandle ERRNO =
            CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    static final MethodHandle LIBC_CLOSE =
            Libc.function(
                    "close",
                    FunctionDescriptor.of(JAVA_INT, JAVA_INT),
                    Linker.Option.captureCallState("errno"));
    static final long CLOSE = Nr.close;
    static final String MISSING = "/nonexistent/rawsys-bench";

    final MemorySegment state = Arena.ofAuto().allocate(CAPTURE);
    final MemorySegment missing = Arena.ofAuto().allocateFrom(MISSING);

    @Benchmark
    public int libcViaFfmCapturingErrno() throws Throwable {
        int result = (int) LIBC_CLOSE.invokeExact(state, -1);
        return result == -1 ? (int) ERRNO.get(state, 0L) : 0;
    }

    @Benchmark
    public long rawsysRaw() {
        return Syscalls.raw(CLOSE, -1);
    }

    @Benchmark
    public int rawsysInvokeCatching() {
        try {
            Syscalls.invoke(CLOSE, -1);
            return 0;
        } catch (ErrnoException e) {
            return e.errno();
        }
    }

    /** openat of a missing path, raw, its path already in native memory: the floor for the next. */
    @Benchmark
    public long rawsysRawOpenatMissing() {
        return Syscalls.raw(Nr.openat, Fcntl.AT_FDCWD, missing.address(), Fcntl.O_RDONLY);
    }

    /** The typed layer: the path copied to native memory, the call, the ErrnoException caught. */
    @Benchmark
    public int typedOpenatMissingCatching() {
        try {
            return FileCalls.openat(Fcntl.AT_FDCWD, MISSING, Fcntl.O_RDONLY);
        } catch (ErrnoException e) {
            return -e.errno();
        }
    }
}
