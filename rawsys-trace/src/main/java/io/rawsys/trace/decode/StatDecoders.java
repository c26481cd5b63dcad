package io.rawsys.trace.decode;

import static io.rawsys.trace.decode.Arg.atExit;
import static io.rawsys.trace.decode.Args.DIRFD;
import static io.rawsys.trace.decode.Args.FD;
import static io.rawsys.trace.decode.Args.PATH;

import java.lang.foreign.MemorySegment;

/**
 * The stat family (stat, fstat, lstat, newfstatat, and i386's stat64 forms), statx, and statfs and
 * fstatfs (with their 64 forms): the structs the kernel fills, abbreviated as strace abbreviates
 * them without -v.
 */
final class StatDecoders {
    private StatDecoders() {}

    static void register(Decoders d) {
        for (String struct : new String[] {"stat", "stat64"}) {
            String suffix = struct.equals("stat") ? "" : "64";
            Arg buffer = atExit((c, at) -> stat(c, struct, c.ulong(at)));
            d.add("stat" + suffix, new Signature(PATH, buffer));
            d.add("lstat" + suffix, new Signature(PATH, buffer));
            d.add("fstat" + suffix, new Signature(FD, buffer));
        }
        Arg stat = atExit((c, at) -> stat(c, "stat", c.ulong(at)));
        Arg stat64 = atExit((c, at) -> stat(c, "stat64", c.ulong(at)));
        d.add("newfstatat", new Signature(DIRFD, PATH, stat, atExit(FileArgs.AT_FLAGS)));
        d.add("fstatat64", new Signature(DIRFD, PATH, stat64, atExit(FileArgs.AT_FLAGS)));
        d.add(
                "statx",
                new Signature(
                        DIRFD,
                        PATH,
                        STATX_FLAGS,
                        FileArgs.flags(FileTables.STATX_MASKS, "STATX_???"),
                        atExit((c, at) -> statx(c, c.ulong(at)))));
        Arg statfs = atExit((c, at) -> statfs(c, "statfs", c.ulong(at)));
        Arg statfs64 = atExit((c, at) -> statfs(c, "statfs64", c.ulong(at)));
        d.add("statfs", new Signature(PATH, statfs));
        d.add("fstatfs", new Signature(FD, statfs));
        d.add("statfs64", new Signature(PATH, Args.ULONG, statfs64));
        d.add("fstatfs64", new Signature(FD, Args.ULONG, statfs64));
    }

    /** statx's flags: the sync type first, then the *at flags. */
    private static final Arg STATX_FLAGS =
            (c, at) -> {
                long flags = c.uint(at);
                long syncType = c.arch().constants().value("AT_STATX_SYNC_TYPE");
                String sync = FileTables.STATX_SYNC.flags(c.arch(), flags & syncType);
                long rest = flags & ~syncType;
                return rest == 0 ? sync : sync + "|" + FileTables.AT_FLAGS.flags(c.arch(), rest);
            };

    /**
     * {@code {st_mode=S_IFREG|0644, st_size=12, ...}}: the mode, the device of a device file or the
     * size of any other, then {@code ...}; the address if the call failed.
     */
    static String stat(Call c, String struct, long address) {
        MemorySegment st = c.failed() ? null : Structs.read(c, struct, address);
        if (st == null) {
            return Text.pointer(address);
        }
        long mode = Structs.get(c, st, struct, "st_mode");
        String sizeOrDevice =
                sizeOrDevice(
                        c,
                        mode,
                        Structs.get(c, st, struct, "st_rdev"),
                        Structs.get(c, st, struct, "st_size"));
        if (!c.settings().verbose()) {
            return "{st_mode=" + FileArgs.symbolicMode(c, mode) + ", " + sizeOrDevice + ", ...}";
        }
        // -v: every field, as strace's print_struct_stat, the times with their dates
        StringBuilder b = new StringBuilder("{st_dev=");
        b.append(device(c, Structs.get(c, st, struct, "st_dev")));
        b.append(", st_ino=").append(unsigned(c, st, struct, "st_ino"));
        b.append(", st_mode=").append(FileArgs.symbolicMode(c, mode));
        for (String field :
                new String[] {"st_nlink", "st_uid", "st_gid", "st_blksize", "st_blocks"}) {
            b.append(", ").append(field).append('=').append(unsigned(c, st, struct, field));
        }
        b.append(", ").append(sizeOrDevice);
        for (String time : new String[] {"st_atime", "st_mtime", "st_ctime"}) {
            long seconds = signed(c, st, struct, time);
            long nanos =
                    Structs.get(c, st, struct, time + "_nsec") & mask(c, struct, time + "_nsec");
            b.append(", ").append(time).append('=').append(seconds);
            if ((seconds != 0 || nanos != 0) && nanos <= 999_999_999) {
                b.append(TimeArgs.commented(seconds, nanos, 9));
            }
            b.append(", ").append(time).append("_nsec=").append(nanos);
        }
        return b.append('}').toString();
    }

    /** A dev_t as strace prints it: {@code makedev(0x8, 0x1)}, or with -X its number. */
    private static String device(Call c, long dev) {
        return Xlat.composite(Text.hex(dev), () -> FileArgs.makedev(dev));
    }

    /** A member as C's signed type of its size: the times a 32-bit stat keeps as unsigned long. */
    private static long signed(Call c, MemorySegment s, String struct, String field) {
        long value = Structs.get(c, s, struct, field);
        int size = Structs.member(c, struct, field).size();
        return size >= 8 ? value : (value << (64 - 8 * size)) >> (64 - 8 * size);
    }

    private static String sizeOrDevice(Call c, long mode, long rdev, long size) {
        long type = mode & c.arch().constants().value("S_IFMT");
        if (type == c.arch().constants().value("S_IFCHR")
                || type == c.arch().constants().value("S_IFBLK")) {
            return "st_rdev=" + device(c, rdev);
        }
        return "st_size=" + size;
    }

    /** statx's struct: mask, attributes, mode and size, then {@code ...}. */
    private static String statx(Call c, long address) {
        MemorySegment s = c.failed() ? null : Structs.read(c, "statx", address);
        if (s == null) {
            return Text.pointer(address);
        }
        return "{stx_mask="
                + FileArgs.flags(
                        c,
                        FileTables.STATX_MASKS,
                        Structs.get(c, s, "statx", "stx_mask"),
                        "STATX_???")
                + ", stx_attributes="
                + FileArgs.flags(
                        c,
                        FileTables.STATX_ATTRIBUTES,
                        Structs.get(c, s, "statx", "stx_attributes"),
                        "STATX_ATTR_???")
                + ", stx_mode="
                + FileArgs.symbolicMode(c, Structs.get(c, s, "statx", "stx_mode"))
                + ", stx_size="
                + Long.toUnsignedString(Structs.get(c, s, "statx", "stx_size"))
                + ", ...}";
    }

    /** statfs's struct, whole: strace abbreviates none of it. */
    private static String statfs(Call c, String struct, long address) {
        MemorySegment s = c.failed() ? null : Structs.read(c, struct, address);
        if (s == null) {
            return Text.pointer(address);
        }
        StringBuilder b = new StringBuilder("{f_type=");
        long type = Structs.get(c, s, struct, "f_type") & mask(c, struct, "f_type");
        String magic = FileTables.FS_MAGIC.name(c.arch(), type);
        b.append(magic != null ? magic : Text.hex(type));
        for (String field :
                new String[] {"f_bsize", "f_blocks", "f_bfree", "f_bavail", "f_files", "f_ffree"}) {
            b.append(", ").append(field).append('=').append(unsigned(c, s, struct, field));
        }
        MemorySegment fsid = s;
        var val = Structs.member(c, struct, "f_fsid.val");
        b.append(", f_fsid={val=[")
                .append(Text.hex(val.get(fsid, 0) & 0xffff_ffffL))
                .append(", ")
                .append(Text.hex(val.get(fsid, 1) & 0xffff_ffffL))
                .append("]}");
        b.append(", f_namelen=").append(unsigned(c, s, struct, "f_namelen"));
        b.append(", f_frsize=").append(unsigned(c, s, struct, "f_frsize"));
        b.append(", f_flags=")
                .append(
                        FileArgs.flags(
                                c,
                                FileTables.STATFS_FLAGS,
                                Structs.get(c, s, struct, "f_flags") & mask(c, struct, "f_flags"),
                                "ST_???"));
        return b.append('}').toString();
    }

    private static String unsigned(Call c, MemorySegment s, String struct, String field) {
        return Long.toUnsignedString(Structs.get(c, s, struct, field) & mask(c, struct, field));
    }

    /** The bits a member holds: its value as unsigned, whatever its C signedness. */
    private static long mask(Call c, String struct, String field) {
        int size = Structs.member(c, struct, field).size();
        return size >= 8 ? -1L : (1L << (8 * size)) - 1;
    }
}
