package io.rawsys.trace.decode;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * System administration: host names, supplementary groups, process accounting, reboot, swap, the
 * kernel log, modules, kexec, quotas, ustat, _sysctl, lookup_dcookie, x86's I/O port and LDT calls,
 * printed as strace 6.1 prints them (its hostname.c, uid.c, reboot.c, swapon.c, syslog.c, bjm.c,
 * kexec.c, quota.c, ustat.c, sysctl.c, lookup_dcookie.c, ioperm.c, ldt.c and syscall_dummy.h's
 * aliases: acct and swapoff print as chdir does, setdomainname as sethostname, iopl as
 * printargs_d).
 */
final class AdminDecoders {
    private AdminDecoders() {}

    static final Xlat BOOT_MAGIC1 = Xlat.load("bootflags1");

    static final Xlat BOOT_MAGIC2 = Xlat.load("bootflags2");

    static final Xlat BOOT_COMMANDS = Xlat.load("bootflags3");

    static final Xlat SWAP_FLAGS = Xlat.load("swap_flags");

    static final Xlat SYSLOG_ACTIONS = Xlat.load("syslog_action_type");

    static final Xlat CONSOLE_LEVELS = Xlat.load("syslog_console_levels");

    static final Xlat DELETE_MODULE_FLAGS = Xlat.load("delete_module_flags");

    static final Xlat MODULE_INIT_FLAGS = Xlat.load("module_init_flags");

    static final Xlat KEXEC_FLAGS = Xlat.load("kexec_load_flags");

    static final Xlat KEXEC_ARCHES = Xlat.load("kexec_arch_values");

    static final Xlat KEXEC_FILE_FLAGS = Xlat.load("kexec_file_load_flags");

    static final Xlat QUOTA_COMMANDS = Xlat.load("quotacmds");

    static final Xlat QUOTA_TYPES = Xlat.load("quotatypes");

    static final Xlat QUOTA_FORMATS = Xlat.load("quota_formats");

    static final Xlat XFS_QUOTA_FLAGS = Xlat.load("xfs_quota_flags");

    static final Xlat XFS_DQBLK_FLAGS = Xlat.load("xfs_dqblk_flags");

    static final Xlat DQBLK_VALID = Xlat.load("if_dqblk_valid");

    static final Xlat DQINFO_FLAGS = Xlat.load("if_dqinfo_flags");

    static final Xlat DQINFO_VALID = Xlat.load("if_dqinfo_valid");

    /** The longest host or domain name the kernel takes (__NEW_UTS_LEN). */
    private static final long UTS_LEN = 64;

    /** The most supplementary groups strace prints (sysconf(_SC_NGROUPS_MAX) on Linux). */
    private static final long NGROUPS_MAX = 65536;

    /** The most segments kexec_load takes (KEXEC_SEGMENT_MAX). */
    private static final long KEXEC_SEGMENT_MAX = 16;

    private static final long KEXEC_ARCH_MASK = 0xffff_0000L;

    /** swapon's priority bits (SWAP_FLAG_PRIO_MASK). */
    private static final long SWAP_PRIO_MASK = 0x7fff;

    /** The size of x86's struct user_desc, the only one modify_ldt's pointer is read as. */
    private static final long USER_DESC_SIZE = 16;

    static void register(Decoders d) {
        Decoder name =
                Coded.atEntry(
                        c -> {
                            long length = c.uint(1);
                            c.print(
                                    length > UTS_LEN
                                            ? Text.pointer(c.ulong(0))
                                            : Args.stringOfLength(c, c.ulong(0), length));
                            c.print(Long.toString(length));
                        });
        d.add("sethostname", name);
        d.add("setdomainname", name);
        for (String call : new String[] {"getgroups", "getgroups32"}) {
            d.add(
                    call,
                    Coded.split(
                            c -> c.print(Integer.toString(c.sint(0))),
                            c -> c.print(groups(c, c.failed() ? -1 : c.result(), c.ulong(1)))));
        }
        for (String call : new String[] {"setgroups", "setgroups32"}) {
            d.add(
                    call,
                    Coded.atEntry(
                            c -> {
                                c.print(Integer.toString(c.sint(0)));
                                c.print(groups(c, c.sint(0), c.ulong(1)));
                            }));
        }
        d.add("acct", new Signature(Args.PATH));
        d.add("swapoff", new Signature(Args.PATH));
        d.add("reboot", Coded.atEntry(AdminDecoders::reboot));
        d.add(
                "swapon",
                new Signature(
                        Args.PATH,
                        (c, at) -> {
                            long flags = c.uint(at);
                            long priority = flags & SWAP_PRIO_MASK;
                            flags &= ~SWAP_PRIO_MASK;
                            return (flags != 0 ? SWAP_FLAGS.flags(c.arch(), flags) + "|" : "")
                                    + priority;
                        }));
        d.add(
                "syslog",
                new Coded(
                        c -> {
                            c.print(verbose(SYSLOG_ACTIONS, c.arch(), c.sint(0)));
                            if (!syslogReads(c)) {
                                syslogRest(c);
                            }
                        },
                        AdminDecoders::syslogReads,
                        c -> {
                            if (syslogReads(c)) {
                                syslogRest(c);
                            }
                        }));
        d.add("init_module", new Signature(Args.PTR, Args.ULONG, Args.STRING));
        d.add(
                "finit_module",
                new Signature(
                        Args.FD,
                        Args.STRING,
                        (c, at) -> MODULE_INIT_FLAGS.flags(c.arch(), c.uint(at))));
        d.add(
                "delete_module",
                new Signature(
                        Args.STRING, (c, at) -> DELETE_MODULE_FLAGS.flags(c.arch(), c.uint(at))));
        d.add("kexec_load", Coded.atEntry(AdminDecoders::kexecLoad));
        d.add(
                "kexec_file_load",
                new Signature(
                        Args.FD,
                        Args.FD,
                        Args.ULONG,
                        (c, at) -> Args.stringOfLength(c, c.ulong(at), c.ulong(at - 1)),
                        (c, at) -> KEXEC_FILE_FLAGS.flags(c.arch(), c.ulong(at))));
        d.add(
                "quotactl",
                new Coded(
                        c -> {
                            c.print(qcmd(c, c.uint(0)));
                            c.print(Args.PATH.print(c, 1));
                            quotaEntry(c, c.uint(0) >>> 8, c.uint(2), c.ulong(3));
                        },
                        c -> quotaAtExit(c, c.uint(0) >>> 8),
                        c -> {
                            if (quotaAtExit(c, c.uint(0) >>> 8)) {
                                c.print(quotaData(c, c.uint(0) >>> 8, c.ulong(3)));
                            }
                        }));
        d.add(
                "quotactl_fd",
                new Coded(
                        c -> {
                            c.print(Args.fdText(c, c.sint(0)));
                            c.print(qcmd(c, c.uint(1)));
                            quotaEntry(c, c.uint(1) >>> 8, c.uint(2), c.ulong(3));
                        },
                        c -> quotaAtExit(c, c.uint(1) >>> 8),
                        c -> {
                            if (quotaAtExit(c, c.uint(1) >>> 8)) {
                                c.print(quotaData(c, c.uint(1) >>> 8, c.ulong(3)));
                            }
                        }));
        d.add(
                "ustat",
                Coded.split(
                        c -> c.print(FileArgs.makedev(c.uint(0))),
                        // strace built without <ustat.h> (glibc 2.28 dropped it: Debian's 6.1,
                        // the oracle here) prints the struct's address, even after a success
                        c -> c.print(Text.pointer(c.ulong(1)))));
        d.add("_sysctl", Coded.atEntry(c -> c.print(sysctl(c, c.ulong(0)))));
        d.add("lookup_dcookie", Coded.split(c -> {}, AdminDecoders::lookupDcookie));
        d.add("iopl", new Signature(Args.INT));
        d.add("ioperm", new Signature(Args.HEX, Args.HEX, Args.INT));
        d.add(
                "modify_ldt",
                new Signature(
                                Args.INT,
                                (c, at) ->
                                        c.ulong(at + 1) != USER_DESC_SIZE
                                                ? Text.pointer(c.ulong(at))
                                                : ProcessStructs.userDesc(c, c.ulong(at)),
                                Args.ULONG)
                        .returning(AdminDecoders::modifyLdtResult));
    }

    /**
     * strace's XLAT_STYLE_VERBOSE with a decimal value: {@code 10 /* SYSLOG_ACTION_SIZE_BUFFER
     * *}{@code /}, or the table's {@code /* …_??? *}{@code /} for a value it does not name.
     */
    private static String verbose(Xlat table, io.rawsys.Arch arch, int value) {
        String known = table.name(arch, value);
        return known != null ? value + " /* " + known + " */" : table.decimal(arch, value);
    }

    /**
     * A list of group ids, {@code count} of them: the address when the count is more than Linux's
     * NGROUPS_MAX (or negative); 16-bit ids for i386's calls without the {@code 32}.
     */
    private static String groups(Call c, long count, long address) {
        if (Long.compareUnsigned(count & 0xffff_ffffL, NGROUPS_MAX) > 0) {
            return Text.pointer(address);
        }
        boolean narrow = c.arch().name().equals("i386") && !c.name().endsWith("32");
        int size = narrow ? 2 : 4;
        return FileArgs.array(
                c,
                address,
                count,
                size,
                (bytes, i) -> {
                    long id =
                            narrow
                                    ? Short.toUnsignedLong(
                                            bytes.get(
                                                    ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(
                                                            c.arch().byteOrder()),
                                                    0))
                                    : Integer.toUnsignedLong(Peek.intAt(c, bytes, 0));
                    return id == (narrow ? 0xffffL : 0xffff_ffffL) ? "-1" : Long.toString(id);
                });
    }

    /** reboot: both magic numbers, the command, and RESTART2's argument string. */
    private static void reboot(Call c) {
        long command = c.uint(2);
        c.print(BOOT_MAGIC1.value(c.arch(), c.uint(0)));
        c.print(BOOT_MAGIC2.value(c.arch(), c.uint(1)));
        c.print(BOOT_COMMANDS.value(c.arch(), command));
        if ("LINUX_REBOOT_CMD_RESTART2".equals(BOOT_COMMANDS.name(c.arch(), command))) {
            // the kernel copies at most 255 bytes of it
            c.print(Args.boundedString(c, c.ulong(3), 255));
        }
    }

    /** The syslog action strace names by number, or null. */
    private static String action(Call c) {
        String known = SYSLOG_ACTIONS.name(c.arch(), c.sint(0));
        return known == null ? "" : known;
    }

    /** Whether the action reads the log: its buffer and length print at exit. */
    private static boolean syslogReads(Call c) {
        return switch (action(c)) {
            case "SYSLOG_ACTION_READ", "SYSLOG_ACTION_READ_ALL", "SYSLOG_ACTION_READ_CLEAR" -> true;
            default -> false;
        };
    }

    /**
     * syslog after its action: nothing for the actions that take no buffer, the buffer as read and
     * the length at exit for the reads, the address and the level (CONSOLE_LEVEL) or length else.
     */
    private static void syslogRest(Call c) {
        String action = action(c);
        switch (action) {
            case "SYSLOG_ACTION_CLOSE",
                    "SYSLOG_ACTION_OPEN",
                    "SYSLOG_ACTION_CLEAR",
                    "SYSLOG_ACTION_CONSOLE_OFF",
                    "SYSLOG_ACTION_CONSOLE_ON",
                    "SYSLOG_ACTION_SIZE_UNREAD",
                    "SYSLOG_ACTION_SIZE_BUFFER" -> {}
            case "SYSLOG_ACTION_READ", "SYSLOG_ACTION_READ_ALL", "SYSLOG_ACTION_READ_CLEAR" -> {
                c.print(
                        c.failed()
                                ? Text.pointer(c.ulong(1))
                                : Args.stringOfLength(c, c.ulong(1), c.result()));
                c.print(Integer.toString(c.sint(2)));
            }
            case "SYSLOG_ACTION_CONSOLE_LEVEL" -> {
                c.print(Text.pointer(c.ulong(1)));
                c.print(verbose(CONSOLE_LEVELS, c.arch(), c.sint(2)));
            }
            default -> {
                c.print(Text.pointer(c.ulong(1)));
                c.print(Integer.toString(c.sint(2)));
            }
        }
    }

    /** kexec_load: entry, the segments (four words each), the architecture and flags. */
    private static void kexecLoad(Call c) {
        long count = c.ulong(1);
        c.print(Text.pointer(c.ulong(0)));
        c.print(Long.toUnsignedString(count));
        int word = c.arch().wordSize();
        c.print(
                Long.compareUnsigned(count, KEXEC_SEGMENT_MAX) > 0
                        ? Text.pointer(c.ulong(2))
                        : FileArgs.array(
                                c,
                                c.ulong(2),
                                count,
                                4 * word,
                                (bytes, i) ->
                                        "{buf="
                                                + Text.pointer(Peek.wordAt(c, bytes, 0))
                                                + ", bufsz="
                                                + Long.toUnsignedString(Peek.wordAt(c, bytes, word))
                                                + ", mem="
                                                + Text.pointer(Peek.wordAt(c, bytes, 2L * word))
                                                + ", memsz="
                                                + Long.toUnsignedString(
                                                        Peek.wordAt(c, bytes, 3L * word))
                                                + "}"));
        long flags = c.ulong(3);
        String text = KEXEC_ARCHES.value(c.arch(), flags & KEXEC_ARCH_MASK);
        flags &= ~KEXEC_ARCH_MASK;
        if (flags != 0) {
            text += "|" + KEXEC_FLAGS.flags(c.arch(), flags);
        }
        c.print(text);
    }

    /** {@code QCMD(Q_GETQUOTA, USRQUOTA)}: quotactl's command and quota type. */
    private static String qcmd(Call c, long qcmd) {
        return "QCMD("
                + QUOTA_COMMANDS.value(c.arch(), qcmd >>> 8)
                + ", "
                + QUOTA_TYPES.value(c.arch(), qcmd & 0xff)
                + ")";
    }

    private static String quotaCommand(Call c, long cmd) {
        String known = QUOTA_COMMANDS.name(c.arch(), cmd);
        return known == null ? "" : known;
    }

    /** Whether quotactl's data is what the kernel writes: printed at exit. */
    private static boolean quotaAtExit(Call c, long cmd) {
        return switch (quotaCommand(c, cmd)) {
            case "Q_GETQUOTA",
                    "Q_GETNEXTQUOTA",
                    "Q_XGETQUOTA",
                    "Q_XGETNEXTQUOTA",
                    "Q_GETFMT",
                    "Q_GETINFO",
                    "Q_XGETQSTAT",
                    "Q_XGETQSTATV" ->
                    true;
            default -> false;
        };
    }

    /** quotactl's id and data as far as they print at entry (all of them for most commands). */
    private static void quotaEntry(Call c, long cmd, long id, long data) {
        String command = quotaCommand(c, cmd);
        switch (command) {
            case "Q_QUOTAOFF", "Q_SYNC", "Q_XQUOTASYNC" -> {}
            case "Q_QUOTAON" -> {
                c.print(QUOTA_FORMATS.value(c.arch(), id));
                c.print(Args.PATH.print(c, 3));
            }
            case "Q_GETQUOTA", "Q_GETNEXTQUOTA", "Q_XGETQUOTA", "Q_XGETNEXTQUOTA" ->
                    c.print(uid(id));
            case "Q_SETQUOTA", "Q_XSETQLIM" -> {
                c.print(uid(id));
                c.print(quotaData(c, cmd, data));
            }
            case "Q_GETFMT", "Q_GETINFO", "Q_XGETQSTAT", "Q_XGETQSTATV" -> {}
            case "Q_SETINFO", "Q_XQUOTAON", "Q_XQUOTAOFF", "Q_XQUOTARM" ->
                    c.print(quotaData(c, cmd, data));
            default -> {
                c.print(uid(id));
                c.print(Text.pointer(data));
            }
        }
    }

    /** A uid: {@code -1} for (uid_t) -1, else unsigned. */
    private static String uid(long id) {
        return id == 0xffff_ffffL ? "-1" : Long.toString(id);
    }

    /** The struct quotactl's data points to, for {@code cmd}. */
    private static String quotaData(Call c, long cmd, long address) {
        String command = quotaCommand(c, cmd);
        boolean full = c.settings().verbose();
        return switch (command) {
            case "Q_GETQUOTA", "Q_SETQUOTA" ->
                    struct(c, address, 68, s -> dqblk(c, s, full, false));
            case "Q_GETNEXTQUOTA" -> struct(c, address, 72, s -> dqblk(c, s, full, true));
            case "Q_XGETQUOTA", "Q_XGETNEXTQUOTA", "Q_XSETQLIM" ->
                    struct(c, address, 112, s -> diskQuota(c, s, full));
            case "Q_GETFMT" ->
                    struct(
                            c,
                            address,
                            4,
                            s -> "[" + QUOTA_FORMATS.value(c.arch(), u32(c, s, 0)) + "]");
            case "Q_GETINFO", "Q_SETINFO" ->
                    struct(
                            c,
                            address,
                            24,
                            s ->
                                    "{dqi_bgrace="
                                            + Long.toUnsignedString(u64(c, s, 0))
                                            + ", dqi_igrace="
                                            + Long.toUnsignedString(u64(c, s, 8))
                                            + ", dqi_flags="
                                            + DQINFO_FLAGS.flags(c.arch(), u32(c, s, 16))
                                            + ", dqi_valid="
                                            + DQINFO_VALID.flags(c.arch(), u32(c, s, 20))
                                            + "}");
            case "Q_XQUOTAON", "Q_XQUOTAOFF" ->
                    struct(
                            c,
                            address,
                            4,
                            s -> "[" + XFS_QUOTA_FLAGS.flags(c.arch(), u32(c, s, 0)) + "]");
            case "Q_XQUOTARM" ->
                    struct(
                            c,
                            address,
                            4,
                            s -> "[" + XFS_DQBLK_FLAGS.flags(c.arch(), u32(c, s, 0)) + "]");
            case "Q_XGETQSTAT" -> quotaStat(c, address, full);
            case "Q_XGETQSTATV" -> struct(c, address, 160, st -> quotaStatv(c, st, full));
            default -> Text.pointer(address);
        };
    }

    /** {@code size} bytes at {@code address}, formatted, or the address (umove_or_printaddr). */
    private static String struct(
            Call c, long address, long size, java.util.function.Function<MemorySegment, String> f) {
        MemorySegment s = Peek.fetch(c, address, size);
        return s == null ? Text.pointer(address) : f.apply(s);
    }

    /** struct if_dqblk (packed), or if_nextdqblk with its id. */
    private static String dqblk(Call c, MemorySegment s, boolean full, boolean next) {
        String[] names = {
            "dqb_bhardlimit",
            "dqb_bsoftlimit",
            "dqb_curspace",
            "dqb_ihardlimit",
            "dqb_isoftlimit",
            "dqb_curinodes"
        };
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < names.length; i++) {
            b.append(i == 0 ? "" : ", ")
                    .append(names[i])
                    .append('=')
                    .append(Long.toUnsignedString(u64(c, s, 8L * i)));
        }
        if (full) {
            b.append(", dqb_btime=").append(Long.toUnsignedString(u64(c, s, 48)));
            b.append(", dqb_itime=").append(Long.toUnsignedString(u64(c, s, 56)));
            b.append(", dqb_valid=").append(DQBLK_VALID.flags(c.arch(), u32(c, s, 64)));
            if (next) {
                b.append(", dqb_id=").append(u32(c, s, 68));
            }
        } else {
            if (next) {
                b.append(", dqb_id=").append(u32(c, s, 68));
            }
            b.append(", ...");
        }
        return b.append('}').toString();
    }

    /** XFS's struct fs_disk_quota. */
    private static String diskQuota(Call c, MemorySegment s, boolean full) {
        StringBuilder b = new StringBuilder("{d_version=").append(s.get(ValueLayout.JAVA_BYTE, 0));
        b.append(", d_flags=")
                .append(XFS_DQBLK_FLAGS.flags(c.arch(), s.get(ValueLayout.JAVA_BYTE, 1) & 0xff));
        b.append(", d_fieldmask=").append(Text.hex(u16(c, s, 2)));
        b.append(", d_id=").append(u32(c, s, 4));
        String[] limits = {
            "d_blk_hardlimit",
            "d_blk_softlimit",
            "d_ino_hardlimit",
            "d_ino_softlimit",
            "d_bcount",
            "d_icount"
        };
        for (int i = 0; i < limits.length; i++) {
            b.append(", ")
                    .append(limits[i])
                    .append('=')
                    .append(Long.toUnsignedString(u64(c, s, 8 + 8L * i)));
        }
        if (!full) {
            return b.append(", ...}").toString();
        }
        b.append(", d_itimer=").append(Peek.intAt(c, s, 56));
        b.append(", d_btimer=").append(Peek.intAt(c, s, 60));
        b.append(", d_iwarns=").append(u16(c, s, 64));
        b.append(", d_bwarns=").append(u16(c, s, 66));
        b.append(", d_rtb_hardlimit=").append(Long.toUnsignedString(u64(c, s, 72)));
        b.append(", d_rtb_softlimit=").append(Long.toUnsignedString(u64(c, s, 80)));
        b.append(", d_rtbcount=").append(Long.toUnsignedString(u64(c, s, 88)));
        b.append(", d_rtbtimer=").append(Peek.intAt(c, s, 96));
        b.append(", d_rtbwarns=").append(u16(c, s, 100));
        return b.append('}').toString();
    }

    /**
     * XFS's struct fs_quota_stat, whose 64-bit members i386 aligns at 4 bytes: its qfilestats are
     * 20 bytes there and start at 8 either way.
     */
    private static String quotaStat(Call c, long address, boolean full) {
        boolean packed = c.arch().name().equals("i386");
        long file = packed ? 20 : 24;
        long rest = 8 + 2 * file;
        return struct(
                c,
                address,
                packed ? 68 : 80,
                s -> {
                    StringBuilder b =
                            new StringBuilder("{qs_version=")
                                    .append(s.get(ValueLayout.JAVA_BYTE, 0));
                    if (!full) {
                        return b.append(", ...}").toString();
                    }
                    b.append(", qs_flags=").append(XFS_QUOTA_FLAGS.flags(c.arch(), u16(c, s, 2)));
                    b.append(", qs_uquota=").append(fileStat(c, s, 8));
                    b.append(", qs_gquota=").append(fileStat(c, s, 8 + file));
                    b.append(", qs_incoredqs=").append(u32(c, s, rest));
                    b.append(", qs_btimelimit=").append(Peek.intAt(c, s, rest + 4));
                    b.append(", qs_itimelimit=").append(Peek.intAt(c, s, rest + 8));
                    b.append(", qs_rtbtimelimit=").append(Peek.intAt(c, s, rest + 12));
                    b.append(", qs_bwarnlimit=").append(u16(c, s, rest + 16));
                    b.append(", qs_iwarnlimit=").append(u16(c, s, rest + 18));
                    return b.append('}').toString();
                });
    }

    /** XFS's struct fs_quota_statv, the same on every ABI. */
    private static String quotaStatv(Call c, MemorySegment s, boolean full) {
        StringBuilder b = new StringBuilder("{qs_version=").append(s.get(ValueLayout.JAVA_BYTE, 0));
        if (!full) {
            return b.append(", ...}").toString();
        }
        b.append(", qs_flags=").append(XFS_QUOTA_FLAGS.flags(c.arch(), u16(c, s, 2)));
        b.append(", qs_incoredqs=").append(u32(c, s, 4));
        b.append(", qs_uquota=").append(fileStat(c, s, 8));
        b.append(", qs_gquota=").append(fileStat(c, s, 32));
        b.append(", qs_pquota=").append(fileStat(c, s, 56));
        b.append(", qs_btimelimit=").append(Peek.intAt(c, s, 80));
        b.append(", qs_itimelimit=").append(Peek.intAt(c, s, 84));
        b.append(", qs_rtbtimelimit=").append(Peek.intAt(c, s, 88));
        b.append(", qs_bwarnlimit=").append(u16(c, s, 92));
        b.append(", qs_iwarnlimit=").append(u16(c, s, 94));
        return b.append('}').toString();
    }

    /** {@code {qfs_ino=…, qfs_nblks=…, qfs_nextents=…}} at {@code offset}. */
    private static String fileStat(Call c, MemorySegment s, long offset) {
        return "{qfs_ino="
                + Long.toUnsignedString(u64(c, s, offset))
                + ", qfs_nblks="
                + Long.toUnsignedString(u64(c, s, offset + 8))
                + ", qfs_nextents="
                + u32(c, s, offset + 16)
                + "}";
    }

    /** struct __sysctl_args: pointers and sizes of the tracee's word. */
    private static String sysctl(Call c, long address) {
        int word = c.arch().wordSize();
        return struct(
                c,
                address,
                10L * word,
                s ->
                        "{name="
                                + Text.pointer(Peek.wordAt(c, s, 0))
                                + ", nlen="
                                + Peek.intAt(c, s, word)
                                + ", oldval="
                                + Text.pointer(Peek.wordAt(c, s, 2L * word))
                                + ", oldlenp="
                                + Text.pointer(Peek.wordAt(c, s, 3L * word))
                                + ", newval="
                                + Text.pointer(Peek.wordAt(c, s, 4L * word))
                                + ", newlen="
                                + Long.toUnsignedString(Peek.wordAt(c, s, 5L * word))
                                + "}");
    }

    /**
     * lookup_dcookie, all at exit: the 64-bit cookie (two words on a 32-bit ABI), the path as the
     * call returned it, the length.
     */
    private static void lookupDcookie(Call c) {
        c.print(Long.toUnsignedString(Args.wide(c, 0)));
        int at = Args.WIDE.words(c, 0);
        c.print(
                c.failed()
                        ? Text.pointer(c.ulong(at))
                        : Args.stringOfLength(c, c.ulong(at), c.result()));
        c.print(Long.toUnsignedString(c.ulong(at + 1)));
    }

    /**
     * modify_ldt returns an int, which x86_64 (and x32, whose registers are as wide) does not
     * sign-extend: a result from 0xfffff000 up is an error, printed as strace prints it, the value
     * then the error's name and text.
     */
    private static String modifyLdtResult(Call c) {
        long result = c.result();
        boolean wideRegisters = c.arch().abi().pairs() == io.rawsys.SyscallAbi.Pairs.NONE;
        if (wideRegisters && result >= 0xffff_f000L && result <= 0xffff_ffffL) {
            int errno = -(int) result;
            return result
                    + " "
                    + c.arch().errnos().name(errno).orElse(Integer.toString(errno))
                    + " ("
                    + c.arch().errnos().message(errno)
                    + ")";
        }
        return Long.toString(result);
    }

    private static long u16(Call c, MemorySegment s, long offset) {
        return Short.toUnsignedLong(
                s.get(ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(c.arch().byteOrder()), offset));
    }

    private static long u32(Call c, MemorySegment s, long offset) {
        return Integer.toUnsignedLong(Peek.intAt(c, s, offset));
    }

    private static long u64(Call c, MemorySegment s, long offset) {
        return s.get(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(c.arch().byteOrder()), offset);
    }
}
