package io.rawsys.trace;

import io.rawsys.Arch;
import io.rawsys.trace.decode.OpenFlags;

/**
 * The tracer's names for values, as strace prints them, for other tools that print calls the way
 * strace does (the preload call logger): the public face of the decoders' tables, so that no tool
 * outside the tracer reaches into {@code io.rawsys.trace.decode}.
 */
public final class StraceNames {
    private StraceNames() {}

    /**
     * open's flags: {@code O_RDWR|O_CREAT|…}, the access mode first, then the other flags, with
     * {@code arch}'s values; bits without a name are shown in hex.
     */
    public static String openFlags(Arch arch, long flags) {
        return OpenFlags.text(arch, flags);
    }
}
