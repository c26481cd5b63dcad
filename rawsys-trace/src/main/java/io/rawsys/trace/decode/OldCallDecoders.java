package io.rawsys.trace.decode;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The old calls of the i386 personality, as strace 6.1 prints them: oldstat, oldlstat and oldfstat
 * with their {@code struct __old_kernel_stat} (src/oldstat.c), readdir with its one {@code struct
 * old_linux_dirent} (src/dirent.c), stime as strace's time decoder prints it, uselib as chdir, nice
 * as printargs_d; and those strace prints as printargs (src/syscall_dummy.h: unimplemented,
 * deprecated or "still unfinished"), with strace's count of arguments: break, stty, gtty, ftime,
 * prof, lock, mpx, ulimit, profil, idle, olduname, oldolduname, bdflush, vm86old, vm86, vhangup.
 * uselib and vhangup are x86_64 calls too.
 *
 * <p>rawsys's generated layouts have none of these old structs; their layouts follow from the
 * tracee's word size: {@code __old_kernel_stat} is seven {@code unsigned short}s (dev, ino, mode,
 * nlink, uid, gid, rdev) then four {@code unsigned long}s (size, atime, mtime, ctime) from offset
 * 16; {@code old_linux_dirent} two {@code unsigned long}s (ino, offset), an {@code unsigned short}
 * (the name's length, which strace calls d_reclen) and the name.
 */
final class OldCallDecoders {
    private OldCallDecoders() {}

    /** The most of a readdir name strace prints (its D_NAME_LEN_MAX). */
    private static final int NAME_MAX = 256;

    static void register(Decoders d) {
        Arg oldStat = Arg.atExit((c, at) -> oldStat(c, c.ulong(at)));
        d.add("oldstat", new Signature(Args.PATH, oldStat));
        d.add("oldlstat", new Signature(Args.PATH, oldStat));
        d.add("oldfstat", new Signature(Args.FD, oldStat));
        d.add(
                "readdir",
                Coded.split(c -> c.print(Args.fdText(c, c.sint(0))), OldCallDecoders::readdir));
        d.add("stime", new Signature(Arg.atExit((c, at) -> timeAt(c, c.ulong(at)))));
        d.add("uselib", new Signature(Args.PATH));
        d.add("nice", new Signature(Args.INT));
        String[] printargs = {
            "break",
            "0",
            "stty",
            "2",
            "gtty",
            "2",
            "ftime",
            "0",
            "prof",
            "0",
            "lock",
            "0",
            "mpx",
            "0",
            "ulimit",
            "2",
            "profil",
            "4",
            "idle",
            "0",
            "olduname",
            "1",
            "oldolduname",
            "1",
            "bdflush",
            "2",
            "vm86old",
            "1",
            "vm86",
            "5",
            "vhangup",
            "0"
        };
        for (int i = 0; i < printargs.length; i += 2) {
            d.add(printargs[i], Decoders.raw(Integer.parseInt(printargs[i + 1])));
        }
    }

    /** An unsigned member of {@code size} bytes at {@code offset}. */
    private static long unsigned(Call c, MemorySegment s, long offset, int size) {
        var order = c.arch().byteOrder();
        return switch (size) {
            case 2 -> s.get(ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(order), offset) & 0xffffL;
            case 4 -> s.get(ValueLayout.JAVA_INT_UNALIGNED.withOrder(order), offset) & 0xffff_ffffL;
            default -> s.get(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(order), offset);
        };
    }

    /** A signed {@code unsigned long} of the tracee, as strace's sign_extend_unsigned_to_ll. */
    private static long signedWord(Call c, MemorySegment s, long offset) {
        int word = c.arch().wordSize();
        long v = unsigned(c, s, offset, word);
        return word >= 8 ? v : (int) v;
    }

    /** A dev_t as strace prints it: {@code makedev(0x8, 0x1)}, or with -X its number. */
    private static String device(long dev) {
        return Xlat.composite(Text.hex(dev), () -> FileArgs.makedev(dev));
    }

    /**
     * A {@code struct __old_kernel_stat} as strace's print_struct_stat prints it: the mode, the
     * device or the size, then {@code ...}; with -v every field, st_blksize and st_blocks 0 (the
     * struct has neither) and the times without nanoseconds.
     */
    private static String oldStat(Call c, long address) {
        int word = c.arch().wordSize();
        long sizeOffset = 16;
        long structSize = sizeOffset + 4L * word;
        return ProcessStructs.bytes(
                c,
                address,
                structSize,
                s -> {
                    long mode = unsigned(c, s, 4, 2);
                    long type = mode & c.arch().constants().value("S_IFMT");
                    String sizeOrDevice =
                            type == c.arch().constants().value("S_IFCHR")
                                            || type == c.arch().constants().value("S_IFBLK")
                                    ? "st_rdev=" + device(unsigned(c, s, 12, 2))
                                    : "st_size=" + Long.toUnsignedString(unsigned(c, s, 16, word));
                    if (!c.settings().verbose()) {
                        return "{st_mode="
                                + FileArgs.symbolicMode(c, mode)
                                + ", "
                                + sizeOrDevice
                                + ", ...}";
                    }
                    StringBuilder b = new StringBuilder("{st_dev=");
                    b.append(device(unsigned(c, s, 0, 2)));
                    b.append(", st_ino=").append(unsigned(c, s, 2, 2));
                    b.append(", st_mode=").append(FileArgs.symbolicMode(c, mode));
                    b.append(", st_nlink=").append(unsigned(c, s, 6, 2));
                    b.append(", st_uid=").append(unsigned(c, s, 8, 2));
                    b.append(", st_gid=").append(unsigned(c, s, 10, 2));
                    b.append(", st_blksize=0, st_blocks=0, ").append(sizeOrDevice);
                    String[] times = {"st_atime", "st_mtime", "st_ctime"};
                    for (int i = 0; i < times.length; i++) {
                        long seconds = signedWord(c, s, sizeOffset + (long) (i + 1) * word);
                        b.append(", ").append(times[i]).append('=').append(seconds);
                        if (seconds != 0) {
                            b.append(TimeArgs.commented(seconds, 0, 9));
                        }
                    }
                    return b.append('}').toString();
                });
    }

    /**
     * readdir's exit: the entry the kernel wrote ({@code {d_ino=…, d_off=…, d_reclen=…,
     * d_name="…"}}), its address when the call returned 0 (no more entries) or failed, then the
     * count if it is not 1.
     */
    private static void readdir(Call c) {
        long address = c.ulong(1);
        int word = c.arch().wordSize();
        long header = 2L * word + 2;
        if (c.failed() || c.result() == 0) {
            c.print(Text.pointer(address));
        } else {
            c.print(
                    ProcessStructs.bytes(
                            c,
                            address,
                            header,
                            s -> {
                                long length = unsigned(c, s, 2L * word, 2);
                                return "{d_ino="
                                        + Long.toUnsignedString(unsigned(c, s, 0, word))
                                        + ", d_off="
                                        + Long.toUnsignedString(unsigned(c, s, word, word))
                                        + ", d_reclen="
                                        + length
                                        + ", d_name="
                                        + Args.cString(
                                                c,
                                                address + header,
                                                (int) Math.min(length, NAME_MAX))
                                        + "}";
                            }));
        }
        long count = c.uint(2);
        if (count != 1) {
            c.print(Long.toString(count));
        }
    }

    /**
     * stime's time, as strace's time decoder prints it at exit: {@code [1700000000 /* date *}
     * {@code /]}, a {@code time_t} of the tracee's word size; its address if the call failed.
     */
    private static String timeAt(Call c, long address) {
        int word = c.arch().wordSize();
        return ProcessStructs.bytes(
                c,
                address,
                word,
                s -> {
                    long seconds = signedWord(c, s, 0);
                    return "["
                            + seconds
                            + (seconds == 0 ? "" : TimeArgs.commented(seconds, 0, 0))
                            + "]";
                });
    }
}
