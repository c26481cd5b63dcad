package io.rawsys.vdso;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.rawsys.Syscalls;
import io.rawsys.internal.Auxv;
import io.rawsys.linux.Elf;
import io.rawsys.linux.Nr;
import io.rawsys.linux.struct.VgetrandomOpaqueParams;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

/**
 * The vDSO's getrandom (Linux 6.11 and later): random bytes from a per-thread state the kernel
 * keeps fresh, with no system call once the thread has its state.
 *
 * <p>The kernel says how big a state is and how to map it: a first call with {@code opaque_len} of
 * ~0 fills a {@code struct vgetrandom_opaque_params}. States are then carved out of pages mapped
 * with exactly the protection and flags it asked for (they must not straddle a page), one per
 * thread that calls. A thread's state is not reused after the thread ends.
 *
 * <p>C: {@code ssize_t vgetrandom(void *buf, size_t len, unsigned int flags, void *opaque_state,
 * size_t opaque_len)}
 */
final class VdsoRandom {
    private static final FunctionDescriptor VGETRANDOM =
            FunctionDescriptor.of(JAVA_LONG, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG);

    private VdsoRandom() {}

    static long getrandom(MemorySegment buffer, int flags) {
        if (!buffer.isNative()) {
            throw new IllegalArgumentException(
                    "getrandom writes through a pointer: pass a native segment, not a heap one");
        }
        long result;
        if (State.HANDLE != null) {
            MemorySegment state = State.PER_THREAD.get();
            try {
                result =
                        (long)
                                State.HANDLE.invokeExact(
                                        buffer, buffer.byteSize(), flags, state, State.SIZE);
            } catch (Throwable t) {
                throw Bound.rethrow(t);
            }
        } else {
            result = Syscalls.raw(Nr.getrandom, buffer.address(), buffer.byteSize(), flags);
        }
        return Syscalls.check(result, Nr.getrandom);
    }

    static Vdso.Binding binding() {
        return new Vdso.Binding(
                "getrandom", State.HANDLE == null ? Optional.empty() : Bound.find("getrandom"));
    }

    /** The vDSO function, the kernel's parameters, and the per-thread states. */
    private static final class State {
        static final MethodHandle HANDLE;
        static final long SIZE;
        static final int PROT;
        static final int FLAGS;
        static final long PAGE = Auxv.get(Elf.AT_PAGESZ).orElse(4096);
        static final ThreadLocal<MemorySegment> PER_THREAD =
                ThreadLocal.withInitial(State::allocate);

        private static MemorySegment page;
        private static long used;

        static {
            MethodHandle handle = null;
            long size = 0;
            int prot = 0;
            int flags = 0;
            Optional<ElfImage.Symbol> symbol = Bound.find("getrandom");
            if (symbol.isPresent()) {
                MethodHandle candidate =
                        Bound.link(
                                MemorySegment.ofAddress(
                                        VdsoMapping.current().orElseThrow().address(symbol.get())),
                                VGETRANDOM);
                MemorySegment params = VgetrandomOpaqueParams.allocate(Arena.global());
                try {
                    long asked =
                            (long) candidate.invokeExact(MemorySegment.NULL, 0L, 0, params, -1L);
                    size =
                            Integer.toUnsignedLong(
                                    VgetrandomOpaqueParams.size_of_opaque_state(params));
                    if (asked == 0 && size > 0) {
                        handle = candidate;
                        prot = VgetrandomOpaqueParams.mmap_prot(params);
                        flags = VgetrandomOpaqueParams.mmap_flags(params);
                    }
                } catch (Throwable t) {
                    handle = null; // the system call serves
                }
            }
            HANDLE = handle;
            SIZE = size;
            PROT = prot;
            FLAGS = flags;
        }

        /**
         * A state for the calling thread: the next free slot of a page mapped as the kernel asked,
         * or a new page.
         */
        @SuppressWarnings("restricted") // memory this class maps itself
        private static synchronized MemorySegment allocate() {
            long mapping = Math.max(PAGE, (SIZE + PAGE - 1) / PAGE * PAGE);
            if (page == null || used + SIZE > page.byteSize()) {
                long address = Syscalls.invoke(Nr.mmap, 0, mapping, PROT, FLAGS, -1, 0);
                page = MemorySegment.ofAddress(address).reinterpret(mapping);
                used = 0;
            }
            MemorySegment state = page.asSlice(used, SIZE);
            used += SIZE;
            return state;
        }
    }
}
