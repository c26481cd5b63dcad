package io.rawsys.trace.decode;

import static io.rawsys.trace.decode.Args.FD;
import static io.rawsys.trace.decode.Args.PATH;

import java.lang.foreign.MemorySegment;

/**
 * Making and closing descriptors: open, openat, openat2, creat, close, close_range, dup, dup2,
 * dup3, pipe, pipe2, memfd_create, the inotify calls; and umask and flock.
 */
final class OpenDecoders {
    private OpenDecoders() {}

    static void register(Decoders d) {
        d.add("open", Coded.atEntry(c -> open(c, 0), Results.FD));
        d.add(
                "openat",
                Coded.atEntry(
                        c -> {
                            c.print(Args.DIRFD.print(c, 0));
                            open(c, 1);
                        },
                        Results.FD));
        d.add(
                "openat2",
                Coded.atEntry(
                        c -> {
                            c.print(Args.DIRFD.print(c, 0));
                            c.print(PATH.print(c, 1));
                            c.print(openHow(c, c.ulong(2), c.ulong(3)));
                            c.print(Args.ULONG.print(c, 3));
                        },
                        Results.FD));
        d.add("creat", new Signature(PATH, FileArgs.UMODE).returning(Results.FD));
        d.add("close", new Signature(FD));
        d.add(
                "close_range",
                new Signature(
                        Args.UINT,
                        Args.UINT,
                        FileArgs.flags(FileTables.CLOSE_RANGE, "CLOSE_RANGE_???")));
        d.add("dup", new Signature(FD).returning(Results.FD));
        d.add("dup2", new Signature(FD, FD).returning(Results.FD));
        d.add("dup3", new Signature(FD, FD, FileArgs.DESCRIPTOR_FLAGS).returning(Results.FD));
        d.add("pipe", new Signature(FileArgs.PIPE_FDS));
        d.add("pipe2", new Signature(FileArgs.PIPE_FDS, FileArgs.DESCRIPTOR_FLAGS));
        d.add("memfd_create", new Signature(Args.STRING, MEMFD_FLAGS).returning(Results.FD));
        d.add("inotify_init", new Signature().returning(Results.FD));
        d.add(
                "inotify_init1",
                new Signature(FileArgs.flags(FileTables.INOTIFY_INIT, "IN_???"))
                        .returning(Results.FD));
        d.add(
                "inotify_add_watch",
                new Signature(FD, PATH, FileArgs.flags(FileTables.INOTIFY_EVENTS, "IN_???")));
        d.add("inotify_rm_watch", new Signature(FD, Args.INT));
        d.add("umask", new Signature(FileArgs.UMODE).returning(Results.OCTAL));
        d.add("flock", new Signature(FD, FileArgs.flags(FileTables.FLOCK, "LOCK_???")));
    }

    /** open's path, flags, and its mode when the flags make it read one. */
    private static void open(Call c, int at) {
        c.print(PATH.print(c, at));
        long flags = c.uint(at + 1);
        c.print(FileArgs.openFlags(c, flags));
        if (FileArgs.takesMode(c, flags)) {
            c.print(FileArgs.UMODE.print(c, at + 2));
        }
    }

    /** {@code {flags=O_RDONLY, mode=0600, resolve=RESOLVE_BENEATH}}, or the address. */
    private static String openHow(Call c, long address, long size) {
        long known = c.arch().layout("open_how").map(l -> l.byteSize()).orElse(24L);
        if (size < known) {
            return Text.pointer(address);
        }
        MemorySegment how = Structs.read(c, "open_how", address);
        if (how == null) {
            return Text.pointer(address);
        }
        long flags = Structs.get(c, how, "open_how", "flags");
        long mode = Structs.get(c, how, "open_how", "mode");
        long resolve = Structs.get(c, how, "open_how", "resolve");
        StringBuilder s = new StringBuilder("{flags=").append(FileArgs.openFlags(c, flags));
        if (FileArgs.takesMode(c, flags) || mode != 0) {
            s.append(", mode=").append(Text.octal(mode));
        }
        s.append(", resolve=")
                .append(FileArgs.flags(c, FileTables.RESOLVE, resolve, "RESOLVE_???"));
        if (size > known) {
            s.append(FileArgs.nonzeroBytes(c, address, known, Math.min(size, FileArgs.PAGE_SIZE)));
        }
        return s.append('}').toString();
    }

    /**
     * memfd_create's flags: the huge page size as {@code 21<<MFD_HUGE_SHIFT} after the flags, as
     * strace prints it.
     */
    private static final Arg MEMFD_FLAGS =
            (c, at) -> {
                long flags = c.uint(at);
                if (flags == 0) {
                    return "0";
                }
                long shift = c.arch().constants().value("MFD_HUGE_SHIFT");
                long mask = c.arch().constants().value("MFD_HUGE_MASK") << shift;
                long huge = flags & mask;
                flags &= ~mask;
                StringBuilder s = new StringBuilder();
                if (flags != 0 || huge == 0) {
                    s.append(FileArgs.flags(c, FileTables.MEMFD, flags, "MFD_???"));
                }
                if (huge != 0) {
                    if (flags != 0) {
                        s.append('|');
                    }
                    s.append(huge >>> shift).append("<<MFD_HUGE_SHIFT");
                }
                return s.toString();
            };
}
