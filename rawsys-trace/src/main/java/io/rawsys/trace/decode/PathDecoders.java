package io.rawsys.trace.decode;

import static io.rawsys.trace.decode.Arg.atExit;
import static io.rawsys.trace.decode.Args.DIRFD;
import static io.rawsys.trace.decode.Args.FD;
import static io.rawsys.trace.decode.Args.OUT_BUFFER;
import static io.rawsys.trace.decode.Args.PATH;
import static io.rawsys.trace.decode.Args.ULONG;
import static io.rawsys.trace.decode.FileArgs.AT_FLAGS;
import static io.rawsys.trace.decode.FileArgs.UMODE;

/**
 * Calls on names and their attributes: access, readlink, mkdir, rmdir, unlink, rename, link,
 * symlink, chdir, chroot, getcwd, chmod, chown and mknod, with their *at forms.
 */
final class PathDecoders {
    private PathDecoders() {}

    static final Arg ACCESS_MODE = FileArgs.flags(FileTables.ACCESS_MODES, "?_OK");

    static final Xlat FCHMODAT_FLAGS = Xlat.load("fchmodat_flags");

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
        // strace 6.5+ (src/chmod.c): the flags are its fchmodat_flags, AT_SYMLINK_NOFOLLOW first
        d.add(
                "fchmodat2",
                new Signature(DIRFD, PATH, UMODE, FileArgs.flags(FCHMODAT_FLAGS, "AT_???")));
        for (String bits : new String[] {"", "32"}) {
            Arg id = bits.isEmpty() ? ID : ID32;
            d.add("chown" + bits, new Signature(PATH, id, id));
            d.add("lchown" + bits, new Signature(PATH, id, id));
            d.add("fchown" + bits, new Signature(FD, id, id));
        }
        d.add("fchownat", new Signature(DIRFD, PATH, ID32, ID32, AT_FLAGS));
        d.add("chroot", new Signature(PATH));
        d.add("mknod", Coded.atEntry(c -> mknod(c, 0), Results.DECIMAL));
        d.add(
                "mknodat",
                Coded.atEntry(
                        c -> {
                            c.print(DIRFD.print(c, 0));
                            mknod(c, 1);
                        },
                        Results.DECIMAL));
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

    /**
     * mknod's path and mode, and its device as {@code makedev(0x1, 0x3)} when it makes a character
     * or block device: the mode's low 16 bits and the device's low 32, as strace 6.1 reads them.
     */
    private static void mknod(Call c, int at) {
        c.print(PATH.print(c, at));
        long mode = c.uint(at + 1) & 0xffff; // strace 6.1 reads it as an unsigned short
        c.print(FileArgs.symbolicMode(c, mode));
        long type = mode & c.arch().constants().value("S_IFMT");
        if (type == c.arch().constants().value("S_IFCHR")
                || type == c.arch().constants().value("S_IFBLK")) {
            c.print(FileArgs.makedev(c.uint(at + 2)));
        }
    }
}
