package io.rawsys.trace.decode;

import static io.rawsys.trace.decode.Arg.atExit;
import static io.rawsys.trace.decode.Args.DIRFD;
import static io.rawsys.trace.decode.Args.FD;
import static io.rawsys.trace.decode.Args.OUT_BUFFER;
import static io.rawsys.trace.decode.Args.PATH;
import static io.rawsys.trace.decode.Args.ULONG;
import static io.rawsys.trace.decode.FileArgs.AT_FLAGS;
import static io.rawsys.trace.decode.FileArgs.UMODE;

import java.lang.foreign.MemorySegment;

/**
 * Calls on names and their attributes: access, readlink, mkdir, rmdir, unlink, rename, link,
 * symlink, chdir, getcwd, chmod, chown and utimensat, with their *at forms.
 */
final class PathDecoders {
    private PathDecoders() {}

    static final Arg ACCESS_MODE = FileArgs.flags(FileTables.ACCESS_MODES, "?_OK");

    static void register(Decoders d) {
        d.add("access", new Signature(PATH, ACCESS_MODE));
        d.add("faccessat", new Signature(DIRFD, PATH, ACCESS_MODE));
        d.add(
                "faccessat2",
                new Signature(
                        DIRFD,
                        PATH,
                        ACCESS_MODE,
                        FileArgs.flags(FileTables.FACCESSAT_FLAGS, "AT_???")));
        d.add("readlink", new Signature(PATH, OUT_BUFFER, atExit(ULONG)));
        d.add("readlinkat", new Signature(DIRFD, PATH, OUT_BUFFER, atExit(ULONG)));
        d.add("mkdir", new Signature(PATH, UMODE));
        d.add("mkdirat", new Signature(DIRFD, PATH, UMODE));
        d.add("rmdir", new Signature(PATH));
        d.add("unlink", new Signature(PATH));
        d.add("unlinkat", new Signature(DIRFD, PATH, AT_FLAGS));
        d.add("rename", new Signature(PATH, PATH));
        d.add("renameat", new Signature(DIRFD, PATH, DIRFD, PATH));
        d.add(
                "renameat2",
                new Signature(
                        DIRFD, PATH, DIRFD, PATH, FileArgs.flags(FileTables.RENAME, "RENAME_???")));
        d.add("link", new Signature(PATH, PATH));
        d.add("linkat", new Signature(DIRFD, PATH, DIRFD, PATH, AT_FLAGS));
        d.add("symlink", new Signature(PATH, PATH));
        d.add("symlinkat", new Signature(PATH, DIRFD, PATH));
        d.add("chdir", new Signature(PATH));
        d.add("fchdir", new Signature(FD));
        d.add("getcwd", new Signature(CWD, atExit(ULONG)));
        d.add("chmod", new Signature(PATH, UMODE));
        d.add("fchmod", new Signature(FD, UMODE));
        d.add("fchmodat", new Signature(DIRFD, PATH, UMODE));
        for (String bits : new String[] {"", "32"}) {
            Arg id = bits.isEmpty() ? ID : ID32;
            d.add("chown" + bits, new Signature(PATH, id, id));
            d.add("lchown" + bits, new Signature(PATH, id, id));
            d.add("fchown" + bits, new Signature(FD, id, id));
        }
        d.add("fchownat", new Signature(DIRFD, PATH, ID32, ID32, AT_FLAGS));
        d.add("utimensat", new Signature(DIRFD, PATH, TIMES, AT_FLAGS));
        d.add("utimensat_time64", new Signature(DIRFD, PATH, TIMES64, AT_FLAGS));
    }

    /**
     * A user or group id: {@code -1} for "unchanged", otherwise unsigned. On a 32-bit ABI the calls
     * without the 32 suffix take 16-bit ids.
     */
    private static final Arg ID =
            (c, at) -> {
                long id = c.uint(at);
                boolean narrow = c.arch().wordSize() == 4 && !c.arch().name().equals("x32");
                return id == 0xffff_ffffL || (narrow && id == 0xffff) ? "-1" : Long.toString(id);
            };

    private static final Arg ID32 =
            (c, at) -> c.uint(at) == 0xffff_ffffL ? "-1" : Long.toString(c.uint(at));

    /** getcwd's path, as long as the call returned (less its NUL), or the address. */
    private static final Arg CWD =
            atExit(
                    (c, at) ->
                            c.failed()
                                    ? Text.pointer(c.ulong(at))
                                    : FileArgs.string(
                                            c, c.ulong(at), c.result() - 1, Args.PATH_MAX, false));

    private static final Arg TIMES = (c, at) -> timePair(c, c.ulong(at), false);
    private static final Arg TIMES64 = (c, at) -> timePair(c, c.ulong(at), true);

    /**
     * utimensat's two times: {@code [UTIME_NOW, {tv_sec=1, tv_nsec=2} /* … *}{@code /]}; with
     * {@code wide}, the two 64-bit words of the kernel's {@code __kernel_timespec} (the _time64
     * calls of 32-bit ABIs).
     */
    private static String timePair(Call c, long address, boolean wide) {
        if (address == 0) {
            return "NULL";
        }
        long size = wide ? 16 : c.arch().layout("timespec").map(l -> l.byteSize()).orElse(16L);
        MemorySegment both = Structs.bytes(c, address, 2 * size);
        if (both == null) {
            return Text.pointer(address);
        }
        return "["
                + timespec(c, both.asSlice(0, size), wide)
                + ", "
                + timespec(c, both.asSlice(size, size), wide)
                + "]";
    }

    private static String timespec(Call c, MemorySegment t, boolean wide) {
        var longs =
                java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED.withOrder(c.arch().byteOrder());
        long seconds = wide ? t.get(longs, 0) : Structs.get(c, t, "timespec", "tv_sec");
        long nanos = wide ? t.get(longs, 8) : Structs.get(c, t, "timespec", "tv_nsec");
        if (nanos == c.arch().constants().value("UTIME_NOW")) {
            return "UTIME_NOW";
        }
        if (nanos == c.arch().constants().value("UTIME_OMIT")) {
            return "UTIME_OMIT";
        }
        String text = "{tv_sec=" + seconds + ", tv_nsec=" + nanos + "}";
        String time = FileArgs.time(seconds, nanos);
        return time.isEmpty() ? text : text + " /* " + time + " */";
    }
}
