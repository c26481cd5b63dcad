package io.rawsys.trace.decode;

import static io.rawsys.trace.decode.Arg.atExit;
import static io.rawsys.trace.decode.Args.FD;
import static io.rawsys.trace.decode.Args.LONG;
import static io.rawsys.trace.decode.Args.OUT_BUFFER;
import static io.rawsys.trace.decode.Args.PATH;
import static io.rawsys.trace.decode.Args.ULONG;
import static io.rawsys.trace.decode.Args.WIDE;

import java.lang.foreign.MemorySegment;

/**
 * Reading and writing: read, write and their positioned and vectored forms, lseek, the copies
 * between descriptors (sendfile, copy_file_range, splice, tee, vmsplice), and the calls that flush,
 * advise, read ahead, allocate and truncate.
 */
final class ReadWriteDecoders {
    private ReadWriteDecoders() {}

    /**
     * A 64-bit offset split into a low and a high word whatever the ABI (preadv's {@code pos_l,
     * pos_h}): the first word alone on a 64-bit ABI, both on a 32-bit one; two words either way.
     */
    static final Arg LOW_HIGH =
            new Arg() {
                @Override
                public String print(Call c, int at) {
                    long low = c.word(at);
                    long value =
                            c.arch().wordSize() == 8
                                    ? low
                                    : (low & 0xffff_ffffL) | c.word(at + 1) << 32;
                    return Long.toString(value);
                }

                @Override
                public int words(Call c, int at) {
                    return 2;
                }
            };

    /** An iovec array the kernel reads: each buffer up to its length (and -s). */
    static final Arg IOV_IN =
            (c, at) -> FileArgs.iovecs(c, c.ulong(at), c.ulong(at + 1), -1, false);

    /**
     * An iovec array the kernel fills, printed at exit: the buffers up to the bytes the call
     * returned, or their addresses if it failed.
     */
    static final Arg IOV_OUT =
            atExit(
                    (c, at) ->
                            FileArgs.iovecs(
                                    c,
                                    c.ulong(at),
                                    c.ulong(at + 1),
                                    c.failed() ? -1 : c.result(),
                                    c.failed()));

    /** An loff_t behind a pointer, read when the call starts: {@code [3]}. */
    static final Arg OFFSET_POINTER = (c, at) -> FileArgs.longAt(c, c.ulong(at), false);

    static final Arg RWF_FLAGS = FileArgs.flags(FileTables.RWF, "RWF_???");
    static final Arg SPLICE_FLAGS = FileArgs.flags(FileTables.SPLICE, "SPLICE_F_???");
    static final Arg WHENCE = FileArgs.xval(FileTables.WHENCE, "SEEK_???");
    static final Arg ADVICE = FileArgs.xval(FileTables.FADVISE, "POSIX_FADV_???");

    static void register(Decoders d) {
        // strace 6.5+ (src/cachestat.c): the range at entry (off in hex, len in decimal), the
        // counts at exit, the flags in hex
        d.add(
                "cachestat",
                Coded.split(
                        c -> {
                            c.print(FD.print(c, 0));
                            c.print(
                                    ProcessStructs.struct(
                                            c,
                                            c.ulong(1),
                                            "cachestat_range",
                                            r ->
                                                    "{off="
                                                            + Text.hex(
                                                                    get(
                                                                            c,
                                                                            r,
                                                                            "cachestat_range",
                                                                            "off"))
                                                            + ", len="
                                                            + Long.toUnsignedString(
                                                                    get(
                                                                            c,
                                                                            r,
                                                                            "cachestat_range",
                                                                            "len"))
                                                            + "}"));
                        },
                        c -> {
                            c.print(
                                    ProcessStructs.struct(
                                            c,
                                            c.ulong(2),
                                            "cachestat",
                                            r -> {
                                                StringBuilder t = new StringBuilder("{");
                                                for (String m :
                                                        new String[] {
                                                            "nr_cache",
                                                            "nr_dirty",
                                                            "nr_writeback",
                                                            "nr_evicted",
                                                            "nr_recently_evicted"
                                                        }) {
                                                    t.append(t.length() > 1 ? ", " : "")
                                                            .append(m)
                                                            .append('=')
                                                            .append(
                                                                    Long.toUnsignedString(
                                                                            get(
                                                                                    c,
                                                                                    r,
                                                                                    "cachestat",
                                                                                    m)));
                                                }
                                                return t.append('}').toString();
                                            }));
                            c.print(Text.hex(c.uint(3)));
                        }));
        d.add("read", new Signature(FD, OUT_BUFFER, atExit(ULONG)));
        d.add("write", new Signature(FD, Args.inBuffer(2), ULONG));
        d.add("pread64", new Signature(FD, OUT_BUFFER, atExit(ULONG), atExit(WIDE)));
        d.add("pwrite64", new Signature(FD, Args.inBuffer(2), ULONG, WIDE));
        d.add("readv", new Signature(FD, IOV_OUT, atExit(ULONG)));
        d.add("writev", new Signature(FD, IOV_IN, ULONG));
        d.add("preadv", new Signature(FD, IOV_OUT, atExit(ULONG), atExit(LOW_HIGH)));
        d.add("pwritev", new Signature(FD, IOV_IN, ULONG, LOW_HIGH));
        d.add(
                "preadv2",
                new Signature(FD, IOV_OUT, atExit(ULONG), atExit(LOW_HIGH), atExit(RWF_FLAGS)));
        d.add("pwritev2", new Signature(FD, IOV_IN, ULONG, LOW_HIGH, RWF_FLAGS));
        d.add("lseek", new Signature(FD, LONG, WHENCE));
        d.add("_llseek", LLSEEK);
        d.add("sendfile", sendfile(false));
        d.add("sendfile64", sendfile(true));
        d.add(
                "copy_file_range",
                new Signature(FD, OFFSET_POINTER, FD, OFFSET_POINTER, ULONG, Args.UINT));
        d.add("splice", new Signature(FD, OFFSET_POINTER, FD, OFFSET_POINTER, ULONG, SPLICE_FLAGS));
        d.add("tee", new Signature(FD, FD, ULONG, SPLICE_FLAGS));
        d.add("vmsplice", new Signature(FD, IOV_IN, ULONG, SPLICE_FLAGS));
        d.add("readahead", new Signature(FD, WIDE, ULONG));
        d.add(
                "sync_file_range",
                new Signature(
                        FD,
                        WIDE,
                        WIDE,
                        FileArgs.flags(FileTables.SYNC_FILE_RANGE, "SYNC_FILE_RANGE_???")));
        d.add("fsync", new Signature(FD));
        d.add("fdatasync", new Signature(FD));
        d.add("syncfs", new Signature(FD));
        d.add("sync", new Signature());
        d.add("fadvise64", new Signature(FD, WIDE, LONG, ADVICE));
        d.add("fadvise64_64", new Signature(FD, WIDE, WIDE, ADVICE));
        d.add(
                "fallocate",
                new Signature(
                        FD, FileArgs.flags(FileTables.FALLOCATE, "FALLOC_FL_???"), WIDE, WIDE));
        d.add("truncate", new Signature(PATH, LONG));
        d.add("ftruncate", new Signature(FD, LONG));
        d.add("truncate64", new Signature(PATH, WIDE));
        d.add("ftruncate64", new Signature(FD, WIDE));
    }

    /**
     * {@code _llseek(fd, high, low, result, whence)}: the offset joined, the new position as {@code
     * [n]} at exit.
     */
    private static final Decoder LLSEEK =
            new Coded(
                    c -> {
                        c.print(FD.print(c, 0));
                        long offset = c.word(1) << 32 | (c.word(2) & 0xffff_ffffL);
                        c.print(Long.toString(offset));
                    },
                    c -> true,
                    c -> {
                        c.print(FileArgs.longAt(c, c.ulong(3), true));
                        c.print(WHENCE.print(c, 4));
                    });

    /**
     * sendfile: the offset (a long, or with {@code large} a 64-bit one) as {@code [3]} when the
     * call starts and {@code [3] => [10]} once it has moved it. strace prints the first part at
     * entry; here both wait for the exit, so only an {@code <unfinished ...>} line differs.
     */
    private static Decoder sendfile(boolean large) {
        return new Coded(
                c -> {
                    c.print(FD.print(c, 0));
                    c.print(FD.print(c, 1));
                    long pointer = c.ulong(2);
                    String before = offset(c, large, false);
                    if (pointer == 0 || !before.startsWith("[")) {
                        c.print(before);
                        c.print(ULONG.print(c, 3));
                    } else {
                        c.state(before);
                    }
                },
                c -> c.state() != null,
                c -> {
                    String before = c.state();
                    if (before == null) {
                        return; // all printed at entry
                    }
                    if (!c.failed() && c.result() != 0) {
                        before += " => " + offset(c, large, true);
                    }
                    c.print(before);
                    c.print(ULONG.print(c, 3));
                });
    }

    private static String offset(Call c, boolean large, boolean atExit) {
        return FileArgs.numberAt(c, c.ulong(2), large ? 8 : c.arch().wordSize(), false, atExit);
    }

    private static long get(Call c, MemorySegment s, String struct, String member) {
        return Structs.get(c, s, struct, member);
    }
}
