package io.rawsys.jmh;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.invoke.MethodHandle;

/**
 * Downcalls to libc's own functions through FFM: the JDK's way to a system call, for comparison.
 */
final class Libc {
    private static final Linker LINKER = Linker.nativeLinker();

    private Libc() {}

    /** A downcall to the libc function {@code name}. */
    @SuppressWarnings("restricted") // libc, through the JDK's own lookup
    static MethodHandle function(
            String name, FunctionDescriptor descriptor, Linker.Option... options) {
        return LINKER.downcallHandle(LINKER.defaultLookup().findOrThrow(name), descriptor, options);
    }
}
