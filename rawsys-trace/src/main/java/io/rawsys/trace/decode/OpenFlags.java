package io.rawsys.trace.decode;

import io.rawsys.Arch;

/** open's flags as strace and ltrace show them. */
public final class OpenFlags {
    private OpenFlags() {}

    /** {@code O_RDWR|O_CREAT|…}: the access mode first, then the other flags, on {@code arch}. */
    public static String text(Arch arch, long flags) {
        return Xlat.composite(Text.hex(flags), () -> names(arch, flags));
    }

    private static String names(Arch arch, long flags) {
        String access = FileTables.OPEN_ACCESS.name(arch, flags & 3);
        long rest = flags & ~3L;
        if (access == null) {
            return FileTables.OPEN_FLAGS.flags(arch, flags);
        }
        // after the access mode, bits no flag names print bare, as strace's sprint_open_modes
        return rest == 0 ? access : access + "|" + FileTables.OPEN_FLAGS.flags(arch, rest, "");
    }
}
