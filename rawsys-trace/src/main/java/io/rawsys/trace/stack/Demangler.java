package io.rawsys.trace.stack;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * C++ names as strace prints them: strace 6.1 ({@code stack-demangle}) passes each symbol to
 * libiberty's {@code cplus_demangle} with {@code DMGL_AUTO | DMGL_PARAMS}; this asks the same GNU
 * demangler as the C++ runtime exports it, libstdc++'s {@code __cxa_demangle} (its parameters are
 * {@code DMGL_PARAMS | DMGL_TYPES}, which print an {@code _Z} name alike), for names that start
 * with {@code _Z} only. Without libstdc++.so.6, or for a name it refuses, the name is kept as it
 * is. One difference is known: a legacy Rust name ({@code _ZN…17h<hash>E}) is printed by strace's
 * {@code DMGL_AUTO} as Rust ({@code core::fmt::write}), here as C++ with the hash as a last part.
 */
final class Demangler {
    private Demangler() {}

    private static final MethodHandle DEMANGLE;
    private static final MethodHandle FREE;

    static {
        MethodHandle demangle = null;
        MethodHandle free = null;
        try {
            Linker linker = Linker.nativeLinker();
            @SuppressWarnings("restricted") // libstdc++'s demangler: its purpose
            SymbolLookup libstdcxx = SymbolLookup.libraryLookup("libstdc++.so.6", Arena.global());
            @SuppressWarnings("restricted")
            MethodHandle d =
                    linker.downcallHandle(
                            libstdcxx.findOrThrow("__cxa_demangle"),
                            FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
            @SuppressWarnings("restricted")
            MethodHandle f =
                    linker.downcallHandle(
                            linker.defaultLookup().findOrThrow("free"),
                            FunctionDescriptor.ofVoid(ADDRESS));
            demangle = d;
            free = f;
        } catch (RuntimeException | LinkageError e) {
            // no libstdc++ (or no native access): names stay mangled
        }
        DEMANGLE = demangle;
        FREE = free;
    }

    private static final Map<String, String> CACHE =
            new LinkedHashMap<>(256, 0.75f, true) {
                private static final long serialVersionUID = 1;

                @Override
                protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                    return size() > 4096;
                }
            };

    /** {@code name} demangled, or {@code name} itself. */
    static synchronized String demangle(String name) {
        if (!name.startsWith("_Z") || DEMANGLE == null) {
            return name;
        }
        String known = CACHE.get(name);
        if (known == null) {
            known = call(name);
            CACHE.put(name, known);
        }
        return known;
    }

    @SuppressWarnings("restricted") // the demangler's malloc'd string, read up to its NUL
    private static String call(String name) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment status = arena.allocate(JAVA_INT);
            status.set(JAVA_INT, 0, -1);
            MemorySegment out =
                    (MemorySegment)
                            DEMANGLE.invokeExact(
                                    arena.allocateFrom(name),
                                    MemorySegment.NULL,
                                    MemorySegment.NULL,
                                    status);
            if (out.equals(MemorySegment.NULL)) {
                return name;
            }
            try {
                return status.get(JAVA_INT, 0) == 0
                        ? out.reinterpret(Integer.MAX_VALUE).getString(0)
                        : name;
            } finally {
                FREE.invokeExact(out);
            }
        } catch (Throwable t) {
            return name;
        }
    }
}
