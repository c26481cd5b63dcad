package io.rawsys.calls;

import io.rawsys.Syscalls;
import io.rawsys.internal.StubLoader;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * The typed calls' road to the kernel: one stub handle per argument shape, where {@code l} is a
 * {@code long} and {@code p} a pointer passed as a {@link MemorySegment} (so FFM keeps it alive and
 * refuses a heap or closed one), and one method per shape that makes the call and turns an error
 * into {@link io.rawsys.ErrnoException} through {@link Syscalls#check}. Each handle sits in a
 * holder of its own, so a program links only the shapes it calls.
 */
final class Shapes {
    private Shapes() {}

    private static final class NONE {
        static final MethodHandle HANDLE = StubLoader.syscall("", false);
    }

    static long none(long nr) {
        try {
            return Syscalls.check((long) NONE.HANDLE.invokeExact(nr), nr);
        } catch (Throwable t) {
            throw Calls.rethrow(t);
        }
    }

    private static final class L {
        static final MethodHandle HANDLE = StubLoader.syscall("l", false);
    }

    static long l(long nr, long a1) {
        try {
            return Syscalls.check((long) L.HANDLE.invokeExact(nr, a1), nr);
        } catch (Throwable t) {
            throw Calls.rethrow(t);
        }
    }

    private static final class LL {
        static final MethodHandle HANDLE = StubLoader.syscall("ll", false);
    }

    static long ll(long nr, long a1, long a2) {
        try {
            return Syscalls.check((long) LL.HANDLE.invokeExact(nr, a1, a2), nr);
        } catch (Throwable t) {
            throw Calls.rethrow(t);
        }
    }

    private static final class LLL {
        static final MethodHandle HANDLE = StubLoader.syscall("lll", false);
    }

    static long lll(long nr, long a1, long a2, long a3) {
        try {
            return Syscalls.check((long) LLL.HANDLE.invokeExact(nr, a1, a2, a3), nr);
        } catch (Throwable t) {
            throw Calls.rethrow(t);
        }
    }

    private static final class LLLLLL {
        static final MethodHandle HANDLE = StubLoader.syscall("llllll", false);
    }

    static long llllll(long nr, long a1, long a2, long a3, long a4, long a5, long a6) {
        try {
            return Syscalls.check((long) LLLLLL.HANDLE.invokeExact(nr, a1, a2, a3, a4, a5, a6), nr);
        } catch (Throwable t) {
            throw Calls.rethrow(t);
        }
    }

    private static final class P {
        static final MethodHandle HANDLE = StubLoader.syscall("p", false);
    }

    static long p(long nr, MemorySegment a1) {
        try {
            return Syscalls.check((long) P.HANDLE.invokeExact(nr, a1), nr);
        } catch (Throwable t) {
            throw Calls.rethrow(t);
        }
    }

    private static final class PP {
        static final MethodHandle HANDLE = StubLoader.syscall("pp", false);
    }

    static long pp(long nr, MemorySegment a1, MemorySegment a2) {
        try {
            return Syscalls.check((long) PP.HANDLE.invokeExact(nr, a1, a2), nr);
        } catch (Throwable t) {
            throw Calls.rethrow(t);
        }
    }

    private static final class PL {
        static final MethodHandle HANDLE = StubLoader.syscall("pl", false);
    }

    static long pl(long nr, MemorySegment a1, long a2) {
        try {
            return Syscalls.check((long) PL.HANDLE.invokeExact(nr, a1, a2), nr);
        } catch (Throwable t) {
            throw Calls.rethrow(t);
        }
    }

    private static final class LP {
        static final MethodHandle HANDLE = StubLoader.syscall("lp", false);
    }

    static long lp(long nr, long a1, MemorySegment a2) {
        try {
            return Syscalls.check((long) LP.HANDLE.invokeExact(nr, a1, a2), nr);
        } catch (Throwable t) {
            throw Calls.rethrow(t);
        }
    }

    private static final class LPL {
        static final MethodHandle HANDLE = StubLoader.syscall("lpl", false);
    }

    static long lpl(long nr, long a1, MemorySegment a2, long a3) {
        try {
            return Syscalls.check((long) LPL.HANDLE.invokeExact(nr, a1, a2, a3), nr);
        } catch (Throwable t) {
            throw Calls.rethrow(t);
        }
    }

    private static final class LPP {
        static final MethodHandle HANDLE = StubLoader.syscall("lpp", false);
    }

    static long lpp(long nr, long a1, MemorySegment a2, MemorySegment a3) {
        try {
            return Syscalls.check((long) LPP.HANDLE.invokeExact(nr, a1, a2, a3), nr);
        } catch (Throwable t) {
            throw Calls.rethrow(t);
        }
    }

    private static final class LPLL {
        static final MethodHandle HANDLE = StubLoader.syscall("lpll", false);
    }

    static long lpll(long nr, long a1, MemorySegment a2, long a3, long a4) {
        try {
            return Syscalls.check((long) LPLL.HANDLE.invokeExact(nr, a1, a2, a3, a4), nr);
        } catch (Throwable t) {
            throw Calls.rethrow(t);
        }
    }

    private static final class LPLPL {
        static final MethodHandle HANDLE = StubLoader.syscall("lplpl", false);
    }

    static long lplpl(long nr, long a1, MemorySegment a2, long a3, MemorySegment a4, long a5) {
        try {
            return Syscalls.check((long) LPLPL.HANDLE.invokeExact(nr, a1, a2, a3, a4, a5), nr);
        } catch (Throwable t) {
            throw Calls.rethrow(t);
        }
    }

    private static final class LPPL {
        static final MethodHandle HANDLE = StubLoader.syscall("lppl", false);
    }

    static long lppl(long nr, long a1, MemorySegment a2, MemorySegment a3, long a4) {
        try {
            return Syscalls.check((long) LPPL.HANDLE.invokeExact(nr, a1, a2, a3, a4), nr);
        } catch (Throwable t) {
            throw Calls.rethrow(t);
        }
    }

    private static final class LPLLP {
        static final MethodHandle HANDLE = StubLoader.syscall("lpllp", false);
    }

    static long lpllp(long nr, long a1, MemorySegment a2, long a3, long a4, MemorySegment a5) {
        try {
            return Syscalls.check((long) LPLLP.HANDLE.invokeExact(nr, a1, a2, a3, a4, a5), nr);
        } catch (Throwable t) {
            throw Calls.rethrow(t);
        }
    }

    private static final class LLP {
        static final MethodHandle HANDLE = StubLoader.syscall("llp", false);
    }

    static long llp(long nr, long a1, long a2, MemorySegment a3) {
        try {
            return Syscalls.check((long) LLP.HANDLE.invokeExact(nr, a1, a2, a3), nr);
        } catch (Throwable t) {
            throw Calls.rethrow(t);
        }
    }

    private static final class LLPP {
        static final MethodHandle HANDLE = StubLoader.syscall("llpp", false);
    }

    static long llpp(long nr, long a1, long a2, MemorySegment a3, MemorySegment a4) {
        try {
            return Syscalls.check((long) LLPP.HANDLE.invokeExact(nr, a1, a2, a3, a4), nr);
        } catch (Throwable t) {
            throw Calls.rethrow(t);
        }
    }

    private static final class LLLP {
        static final MethodHandle HANDLE = StubLoader.syscall("lllp", false);
    }

    static long lllp(long nr, long a1, long a2, long a3, MemorySegment a4) {
        try {
            return Syscalls.check((long) LLLP.HANDLE.invokeExact(nr, a1, a2, a3, a4), nr);
        } catch (Throwable t) {
            throw Calls.rethrow(t);
        }
    }

    private static final class LLLPL {
        static final MethodHandle HANDLE = StubLoader.syscall("lllpl", false);
    }

    static long lllpl(long nr, long a1, long a2, long a3, MemorySegment a4, long a5) {
        try {
            return Syscalls.check((long) LLLPL.HANDLE.invokeExact(nr, a1, a2, a3, a4, a5), nr);
        } catch (Throwable t) {
            throw Calls.rethrow(t);
        }
    }

    private static final class LLLPP {
        static final MethodHandle HANDLE = StubLoader.syscall("lllpp", false);
    }

    static long lllpp(long nr, long a1, long a2, long a3, MemorySegment a4, MemorySegment a5) {
        try {
            return Syscalls.check((long) LLLPP.HANDLE.invokeExact(nr, a1, a2, a3, a4, a5), nr);
        } catch (Throwable t) {
            throw Calls.rethrow(t);
        }
    }

    private static final class LPLLPL {
        static final MethodHandle HANDLE = StubLoader.syscall("lpllpl", false);
    }

    static long lpllpl(
            long nr, long a1, MemorySegment a2, long a3, long a4, MemorySegment a5, long a6) {
        try {
            return Syscalls.check((long) LPLLPL.HANDLE.invokeExact(nr, a1, a2, a3, a4, a5, a6), nr);
        } catch (Throwable t) {
            throw Calls.rethrow(t);
        }
    }

    private static final class LPLLPP {
        static final MethodHandle HANDLE = StubLoader.syscall("lpllpp", false);
    }

    static long lpllpp(
            long nr,
            long a1,
            MemorySegment a2,
            long a3,
            long a4,
            MemorySegment a5,
            MemorySegment a6) {
        try {
            return Syscalls.check((long) LPLLPP.HANDLE.invokeExact(nr, a1, a2, a3, a4, a5, a6), nr);
        } catch (Throwable t) {
            throw Calls.rethrow(t);
        }
    }

    private static final class PPLL {
        static final MethodHandle HANDLE = StubLoader.syscall("ppll", false);
    }

    static long ppll(long nr, MemorySegment a1, MemorySegment a2, long a3, long a4) {
        try {
            return Syscalls.check((long) PPLL.HANDLE.invokeExact(nr, a1, a2, a3, a4), nr);
        } catch (Throwable t) {
            throw Calls.rethrow(t);
        }
    }

    private static final class PLLL {
        static final MethodHandle HANDLE = StubLoader.syscall("plll", false);
    }

    static long plll(long nr, MemorySegment a1, long a2, long a3, long a4) {
        try {
            return Syscalls.check((long) PLLL.HANDLE.invokeExact(nr, a1, a2, a3, a4), nr);
        } catch (Throwable t) {
            throw Calls.rethrow(t);
        }
    }

    private static final class PLLLPL {
        static final MethodHandle HANDLE = StubLoader.syscall("plllpl", false);
    }

    static long plllpl(
            long nr, MemorySegment a1, long a2, long a3, long a4, MemorySegment a5, long a6) {
        try {
            return Syscalls.check((long) PLLLPL.HANDLE.invokeExact(nr, a1, a2, a3, a4, a5, a6), nr);
        } catch (Throwable t) {
            throw Calls.rethrow(t);
        }
    }
}
