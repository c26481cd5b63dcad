package io.rawsys.trace.decode;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Mounting: {@code mount}, {@code umount2} (and i386's {@code umount}), the mount API of Linux 5.2
 * ({@code fsopen}, {@code fsconfig}, {@code fsmount}, {@code fspick}, {@code open_tree}, {@code
 * move_mount}) and {@code mount_setattr}, printed as strace 6.1 prints them (its mount.c, umount.c,
 * fsopen.c, fsconfig.c, fsmount.c, fspick.c, open_tree.c, move_mount.c, mount_setattr.c); and
 * mounts by id (Linux 6.8+), {@code statmount} and {@code listmount}, printed as strace 6.12 prints
 * them (src/statmount.c, src/listmount.c at its v6.12 tag; strace 6.1, this machine's, does not
 * know the calls). The request is read at entry, the kernel's answer at exit; a struct member is
 * printed only where the mask says the kernel filled it.
 */
final class MountDecoders {
    private MountDecoders() {}

    static final Xlat STATMOUNT_MASK = Xlat.load("statmount_mask");

    static final Xlat SB_FLAGS = Xlat.load("statmount_sb_flags");

    static final Xlat PROPAGATION = Xlat.load("mount_attr_propagation");

    static final Xlat MOUNT_ATTR = Xlat.load("mount_attr_attr");

    static final Xlat LISTMOUNT_FLAGS = Xlat.load("listmount_flags");

    static final Xlat MOUNT_FLAGS = Xlat.load("mount_flags");

    static final Xlat OLD_MAGIC = Xlat.load("mount_old_magic");

    static final Xlat UMOUNT_FLAGS = Xlat.load("umount_flags");

    static final Xlat FSOPEN_FLAGS = Xlat.load("fsopen_flags");

    static final Xlat FSCONFIG_CMDS = Xlat.load("fsconfig_cmds");

    static final Xlat FSMOUNT_FLAGS = Xlat.load("fsmount_flags");

    static final Xlat FSMOUNT_ATTR = Xlat.load("fsmount_attr_flags");

    static final Xlat FSPICK_FLAGS = Xlat.load("fspick_flags");

    static final Xlat OPEN_TREE_FLAGS = Xlat.load("open_tree_flags");

    static final Xlat MOVE_MOUNT_FLAGS = Xlat.load("move_mount_flags");

    static final Xlat SETATTR_FLAGS = Xlat.load("mount_setattr_flags");

    /** strace's printflags: an {@code unsigned int} argument's flags. */
    private static Arg flags(Xlat table) {
        return (c, at) -> table.flags(c.arch(), c.uint(at));
    }

    /** The request's size before mnt_ns_id, and with it. */
    private static final int VER0 = 24;

    private static final int VER1 = 32;

    /** How much of a statmount reply's strings strace reads: 3 * PATH_MAX. */
    private static final int STRINGS_MAX = 3 * 4096;

    static void register(Decoders d) {
        d.add("mount", Coded.atEntry(MountDecoders::mount));
        d.add("umount2", new Signature(Args.PATH, flags(UMOUNT_FLAGS)));
        d.add("umount", new Signature(Args.PATH));
        d.add("fsopen", new Signature(Args.STRING, flags(FSOPEN_FLAGS)).returning(Results.FD));
        d.add("fsconfig", Coded.atEntry(MountDecoders::fsconfig));
        d.add(
                "fsmount",
                new Signature(Args.FD, flags(FSMOUNT_FLAGS), flags(FSMOUNT_ATTR))
                        .returning(Results.FD));
        d.add(
                "fspick",
                new Signature(Args.DIRFD, Args.PATH, flags(FSPICK_FLAGS)).returning(Results.FD));
        d.add(
                "open_tree",
                new Signature(Args.DIRFD, Args.PATH, flags(OPEN_TREE_FLAGS)).returning(Results.FD));
        d.add(
                "move_mount",
                new Signature(
                        Args.DIRFD, Args.PATH, Args.DIRFD, Args.PATH, flags(MOVE_MOUNT_FLAGS)));
        // strace 6.1 prints mount_setattr's result as a descriptor (RVAL_FD): 0 with -y's path
        d.add(
                "mount_setattr",
                new Signature(
                                Args.DIRFD,
                                Args.PATH,
                                flags(SETATTR_FLAGS),
                                (c, at) -> mountAttr(c, c.ulong(at), c.ulong(at + 1)),
                                Args.ULONG)
                        .returning(Results.FD));
        d.add(
                "statmount",
                Coded.split(
                        c -> c.print(request(c, c.ulong(0), true)),
                        c -> {
                            c.print(statmount(c, c.ulong(1), c.ulong(2)));
                            c.print(Long.toUnsignedString(c.ulong(2)));
                            c.print(Text.hex(c.uint(3)));
                        }));
        d.add(
                "listmount",
                Coded.split(
                        c -> c.print(request(c, c.ulong(0), false)),
                        c -> {
                            long wanted = c.ulong(2);
                            long count =
                                    c.failed() || Long.compareUnsigned(c.result(), wanted) > 0
                                            ? wanted
                                            : c.result();
                            c.print(ids(c, c.ulong(1), count));
                            c.print(Long.toUnsignedString(wanted));
                            c.print(FileArgs.flags(c, LISTMOUNT_FLAGS, c.uint(3), "LISTMOUNT_???"));
                        }));
    }

    /**
     * mount(2): the filesystem type printed as an address where the kernel ignores it (a remount, a
     * bind, a move, a propagation change), the data too where it ignores that; the old magic in the
     * flags' high half by name, before the flags that remain.
     */
    private static void mount(Call c) {
        long flags = c.ulong(3);
        var k = c.arch().constants();
        long magicMask = k.value("MS_MGC_MSK");
        long magic = k.value("MS_MGC_VAL");
        boolean oldMagic = (flags & magicMask) == magic;
        if (oldMagic) {
            flags &= ~magicMask;
        }
        boolean ignoreType = false;
        boolean ignoreData = false;
        long tree =
                k.value("MS_BIND")
                        | k.value("MS_MOVE")
                        | k.value("MS_SHARED")
                        | k.value("MS_PRIVATE")
                        | k.value("MS_SLAVE")
                        | k.value("MS_UNBINDABLE");
        if ((flags & k.value("MS_REMOUNT")) != 0) {
            ignoreType = true;
        } else if ((flags & tree) != 0) {
            ignoreType = true;
            ignoreData = true;
        }
        c.print(Args.PATH.print(c, 0));
        c.print(Args.PATH.print(c, 1));
        c.print(ignoreType ? Text.pointer(c.ulong(2)) : Args.STRING.print(c, 2));
        String text = "";
        if (oldMagic) {
            text = OLD_MAGIC.flags(c.arch(), magic);
            if (flags != 0) {
                text += "|";
            }
        }
        if (flags != 0 || !oldMagic) {
            text += MOUNT_FLAGS.flags(c.arch(), flags);
        }
        c.print(text);
        c.print(ignoreData ? Text.pointer(c.ulong(4)) : Args.STRING.print(c, 4));
    }

    /**
     * fsconfig(2): what the key, the value and the auxiliary argument are depends on the command (a
     * string, a path, bytes in hex, a descriptor, a directory descriptor, or nothing).
     */
    private static void fsconfig(Call c) {
        long cmd = c.uint(1);
        String command = FSCONFIG_CMDS.name(c.arch(), cmd);
        String known = command == null ? "" : command;
        c.print(Args.FD.print(c, 0));
        c.print(FSCONFIG_CMDS.value(c.arch(), cmd));
        boolean keyed =
                switch (known) {
                    case "FSCONFIG_SET_FLAG",
                            "FSCONFIG_SET_STRING",
                            "FSCONFIG_SET_BINARY",
                            "FSCONFIG_SET_PATH",
                            "FSCONFIG_SET_PATH_EMPTY",
                            "FSCONFIG_SET_FD" ->
                            true;
                    default -> false;
                };
        c.print(keyed ? Args.boundedString(c, c.ulong(2), 256) : Text.pointer(c.ulong(2)));
        int aux = c.sint(4);
        String value =
                switch (known) {
                    case "FSCONFIG_SET_STRING" -> Args.boundedString(c, c.ulong(3), 256);
                    case "FSCONFIG_SET_PATH", "FSCONFIG_SET_PATH_EMPTY" -> Args.PATH.print(c, 3);
                    case "FSCONFIG_SET_BINARY" ->
                            aux >= 0 && aux <= 1024 * 1024
                                    ? Args.buffer(c, c.ulong(3), aux, true)
                                    : Text.pointer(c.ulong(3));
                    default -> Text.pointer(c.ulong(3));
                };
        c.print(value);
        c.print(
                switch (known) {
                    case "FSCONFIG_SET_PATH", "FSCONFIG_SET_PATH_EMPTY" -> Args.DIRFD.print(c, 4);
                    case "FSCONFIG_SET_FD" -> Args.fdText(c, aux);
                    default -> Integer.toString(aux);
                });
    }

    /**
     * {@code struct mount_attr} of {@code size} bytes: the address when the size is below the first
     * version's; the bytes past the struct that are not 0; userns_fd as a descriptor only when the
     * attributes ask for an id mapping.
     */
    private static String mountAttr(Call c, long address, long size) {
        long known = c.arch().constants().value("MOUNT_ATTR_SIZE_VER0");
        if (Long.compareUnsigned(size, known) < 0) {
            return Text.pointer(address);
        }
        if (address == 0) {
            return "NULL";
        }
        MemorySegment attr = Structs.bytes(c, address, known);
        if (attr == null) {
            return Text.pointer(address);
        }
        long set = u64(c, attr, 0);
        long clear = u64(c, attr, 8);
        long propagation = u64(c, attr, 16);
        long userns = u64(c, attr, 24);
        StringBuilder s = new StringBuilder("{attr_set=");
        s.append(MOUNT_ATTR.flags(c.arch(), set));
        s.append(", attr_clr=").append(MOUNT_ATTR.flags(c.arch(), clear));
        s.append(", propagation=").append(PROPAGATION.value(c.arch(), propagation));
        s.append(", userns_fd=");
        long idmap = c.arch().constants().value("MOUNT_ATTR_IDMAP");
        if (Long.compareUnsigned(userns, Integer.MAX_VALUE) > 0 || ((set | clear) & idmap) == 0) {
            s.append(Long.toUnsignedString(userns));
        } else {
            s.append(Args.fdText(c, (int) userns));
        }
        if (Long.compareUnsigned(size, known) > 0) {
            long end =
                    Long.compareUnsigned(size, FileArgs.PAGE_SIZE) < 0 ? size : FileArgs.PAGE_SIZE;
            s.append(FileArgs.nonzeroBytes(c, address, known, end));
        }
        return s.append('}').toString();
    }

    /**
     * {@code struct mnt_id_req}: {@code {size=24, mnt_id=…, param=…}}, {@code spare} only when not
     * 0, {@code mnt_ns_id} once the size holds it, and the bytes past it that are not 0.
     *
     * @param stat statmount's (param is a mask, mnt_id hex) or listmount's (param is the last id
     *     seen, hex; mnt_id may be LSMT_ROOT)
     */
    private static String request(Call c, long address, boolean stat) {
        MemorySegment head = Structs.bytes(c, address, 4);
        if (head == null) {
            return Text.pointer(address);
        }
        long size = u32(c, head, 0);
        StringBuilder s = new StringBuilder("{size=").append(size);
        if (size < VER0) {
            return s.append('}').toString();
        }
        MemorySegment req = Structs.bytes(c, address, Math.min(size, VER1));
        if (req == null) {
            return s.append(", ???}").toString();
        }
        long spare = u32(c, req, 4);
        if (spare != 0) {
            s.append(", spare=").append(Text.hex(spare));
        }
        long mntId = u64(c, req, 8);
        long param = u64(c, req, 16);
        if (stat) {
            s.append(", mnt_id=").append(Text.hex(mntId));
            s.append(", param=").append(FileArgs.flags(c, STATMOUNT_MASK, param, "STATMOUNT_???"));
        } else {
            boolean root = c.arch().constants().find("LSMT_ROOT").orElse(0) == mntId;
            s.append(", mnt_id=").append(root ? "LSMT_ROOT" : Text.hex(mntId));
            s.append(", param=").append(Text.hex(param));
        }
        if (size >= VER1) {
            s.append(", mnt_ns_id=").append(Text.hex(u64(c, req, 24)));
        }
        if (size > VER1) {
            s.append(FileArgs.nonzeroBytes(c, address, VER1, Math.min(size, FileArgs.PAGE_SIZE)));
        }
        return s.append('}').toString();
    }

    /** {@code struct statmount} as the kernel filled it: the members its mask names. */
    private static String statmount(Call c, long address, long bufsize) {
        long structSize = c.arch().layout("statmount").orElseThrow().byteSize();
        long fetch = Long.compareUnsigned(bufsize, structSize) < 0 ? bufsize : structSize;
        if (fetch < 4) {
            return Text.pointer(address);
        }
        if (address == 0) {
            return "NULL";
        }
        if (c.failed()) {
            return Text.pointer(address);
        }
        MemorySegment read = Structs.bytes(c, address, fetch);
        if (read == null) {
            return Text.pointer(address);
        }
        MemorySegment st = java.lang.foreign.Arena.ofAuto().allocate(structSize, 8);
        st.copyFrom(read);
        long size = get(c, st, "size");
        byte[] strings = new byte[0];
        if (size > structSize && Long.compareUnsigned(size, bufsize) <= 0) {
            MemorySegment area =
                    Structs.bytes(
                            c, address + structSize, Math.min(size - structSize, STRINGS_MAX));
            if (area != null) {
                strings = area.toArray(ValueLayout.JAVA_BYTE);
            }
        }
        long mask = get(c, st, "mask");
        StringBuilder s = new StringBuilder("{size=").append(size);
        if (has(c, mask, "STATMOUNT_MNT_OPTS")) {
            s.append(", mnt_opts=").append(string(c, strings, get(c, st, "mnt_opts")));
        }
        s.append(", mask=").append(FileArgs.flags(c, STATMOUNT_MASK, mask, "STATMOUNT_???"));
        if (has(c, mask, "STATMOUNT_SB_BASIC")) {
            s.append(", sb_dev_major=").append(get(c, st, "sb_dev_major"));
            s.append(", sb_dev_minor=").append(get(c, st, "sb_dev_minor"));
            long magic = get(c, st, "sb_magic");
            String name = FileTables.FS_MAGIC.name(c.arch(), magic);
            s.append(", sb_magic=").append(name != null ? name : Text.hex(magic));
            s.append(", sb_flags=")
                    .append(FileArgs.flags(c, SB_FLAGS, get(c, st, "sb_flags"), "MS_???"));
        }
        if (has(c, mask, "STATMOUNT_FS_TYPE")) {
            s.append(", fs_type=").append(string(c, strings, get(c, st, "fs_type")));
        }
        if (has(c, mask, "STATMOUNT_MNT_BASIC")) {
            for (String id : new String[] {"mnt_id", "mnt_parent_id", "mnt_id_old"}) {
                s.append(", ").append(id).append('=').append(Text.hex(get(c, st, id)));
            }
            s.append(", mnt_parent_id_old=").append(Text.hex(get(c, st, "mnt_parent_id_old")));
            s.append(", mnt_attr=")
                    .append(
                            FileArgs.flags(
                                    c, MOUNT_ATTR, get(c, st, "mnt_attr"), "MOUNT_ATTR_???"));
            s.append(", mnt_propagation=")
                    .append(
                            FileArgs.flags(
                                    c, PROPAGATION, get(c, st, "mnt_propagation"), "MS_???"));
            s.append(", mnt_peer_group=").append(Text.hex(get(c, st, "mnt_peer_group")));
            s.append(", mnt_master=").append(Text.hex(get(c, st, "mnt_master")));
        }
        if (has(c, mask, "STATMOUNT_PROPAGATE_FROM")) {
            s.append(", propagate_from=").append(Text.hex(get(c, st, "propagate_from")));
        }
        if (has(c, mask, "STATMOUNT_MNT_ROOT")) {
            s.append(", mnt_root=").append(string(c, strings, get(c, st, "mnt_root")));
        }
        if (has(c, mask, "STATMOUNT_MNT_POINT")) {
            s.append(", mnt_point=").append(string(c, strings, get(c, st, "mnt_point")));
        }
        if (has(c, mask, "STATMOUNT_MNT_NS_ID")) {
            s.append(", mnt_ns_id=").append(Text.hex(get(c, st, "mnt_ns_id")));
        }
        return s.append('}').toString();
    }

    private static long get(Call c, MemorySegment st, String member) {
        return Structs.get(c, st, "statmount", member);
    }

    private static boolean has(Call c, long mask, String bit) {
        return (mask & c.arch().constants().find(bit).orElse(0)) != 0;
    }

    /**
     * A string of the reply at {@code offset} into its string area, as strace's
     * print_quoted_cstring: up to its NUL, or all that is there and {@code ...}; the offset in hex
     * where it lies outside the area.
     */
    private static String string(Call c, byte[] strings, long offset) {
        long off = offset & 0xffff_ffffL;
        if (off >= strings.length) {
            return Text.hex(off);
        }
        int end = (int) off;
        while (end < strings.length && strings[end] != 0) {
            end++;
        }
        byte[] text = java.util.Arrays.copyOfRange(strings, (int) off, end);
        return Text.quote(text, text.length, c.settings().hex())
                + (end == strings.length ? "..." : "");
    }

    /** listmount's ids: 64-bit words in hex, strace's print_array (none read after a failure). */
    private static String ids(Call c, long address, long count) {
        if (address != 0 && count != 0 && c.failed()) {
            return Text.pointer(address);
        }
        return FileArgs.array(c, address, count, 8, (bytes, i) -> Text.hex(u64(c, bytes, 0)));
    }

    /** The request's members, at their fixed offsets (the struct is the same on every ABI). */
    private static long u32(Call c, MemorySegment s, long offset) {
        return Integer.toUnsignedLong(
                s.get(ValueLayout.JAVA_INT_UNALIGNED.withOrder(c.arch().byteOrder()), offset));
    }

    private static long u64(Call c, MemorySegment s, long offset) {
        return s.get(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(c.arch().byteOrder()), offset);
    }
}
