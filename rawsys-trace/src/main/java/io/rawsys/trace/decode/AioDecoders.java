package io.rawsys.trace.decode;

import java.lang.foreign.MemorySegment;

/**
 * Linux's native AIO, as strace's aio.c prints it: io_setup, io_destroy, io_submit (each iocb with
 * its opcode and what that opcode uses: a buffer, a vector or poll events), io_cancel, io_getevents
 * and io_pgetevents (the io_events at exit, then the timeout and the signal mask the kernel read at
 * entry, printed whatever the outcome).
 *
 * <p>The iocb and io_event of {@code <linux/aio_abi.h>} have the same 64 and 32 bytes on every ABI
 * (only aio_key and aio_rw_flags swap places on a big-endian one); they are read member by member
 * at the header's offsets.
 */
final class AioDecoders {
    private AioDecoders() {}

    static final Xlat COMMANDS = Xlat.load("aio_cmds");
    static final Xlat IOCB_FLAGS = Xlat.load("aio_iocb_flags");
    static final Xlat RWF = Xlat.load("rwf_flags");
    static final Xlat POLL = Xlat.load("pollflags");

    private static final long IOCB_SIZE = 64;
    private static final long EVENT_SIZE = 32;

    // what each opcode of aio_cmds carries after the descriptor (strace's tprint_lio_opcode)
    private static final long PREAD = 0;
    private static final long PWRITE = 1;
    private static final long POLL_CMD = 5;
    private static final long PREADV = 7;
    private static final long PWRITEV = 8;
    private static final long FLAG_RESFD = 1;
    private static final long FLAG_IOPRIO = 2;

    static void register(Decoders d) {
        d.add(
                "io_setup",
                Coded.split(
                        c -> c.print(Long.toString(c.uint(0))),
                        c ->
                                c.print(
                                        UapiStructs.at(
                                                c,
                                                c.ulong(1),
                                                c.arch().wordSize(),
                                                s ->
                                                        "["
                                                                + Text.pointer(
                                                                        UapiStructs.word(c, s, 0))
                                                                + "]"))));
        d.add("io_destroy", new Signature(Args.PTR));
        d.add("io_submit", Coded.atEntry(AioDecoders::submit));
        d.add(
                "io_cancel",
                Coded.split(
                        c -> {
                            c.print(Text.pointer(c.ulong(0)));
                            c.print(
                                    UapiStructs.at(
                                            c,
                                            c.ulong(1),
                                            IOCB_SIZE,
                                            s -> {
                                                StringBuilder b = new StringBuilder("{");
                                                header(c, s, b);
                                                return b.append('}').toString();
                                            }));
                        },
                        c -> c.print(UapiStructs.at(c, c.ulong(2), EVENT_SIZE, s -> event(c, s)))));
        // io_getevents takes the tracee's own timespec (a 32-bit one on i386, whose 64-bit one is
        // io_pgetevents_time64's); the p form adds the signal mask
        d.add("io_getevents", getevents("timespec", false));
        d.add("io_pgetevents", getevents("timespec", true));
        d.add("io_pgetevents_time64", getevents("kernel_timespec", true));
    }

    private static void submit(Call c) {
        c.print(Text.pointer(c.ulong(0)));
        long nr = c.slong(1);
        c.print(Long.toString(nr));
        long address = c.ulong(2);
        if (nr < 0) {
            c.print(Text.pointer(address));
            return;
        }
        int word = c.arch().wordSize();
        c.print(
                UapiStructs.array(
                        c,
                        address,
                        nr,
                        word,
                        (e, i) -> {
                            long iocb = UapiStructs.word(c, e, 0);
                            return UapiStructs.at(c, iocb, IOCB_SIZE, s -> iocb(c, s));
                        }));
    }

    private static Decoder getevents(String timespec, boolean mask) {
        return Coded.split(
                c -> {
                    c.print(Text.pointer(c.ulong(0)));
                    c.print(Long.toString(c.slong(1)));
                    c.print(Long.toString(c.slong(2)));
                },
                c -> {
                    long count = c.failed() ? -1 : c.result();
                    c.print(
                            UapiStructs.array(
                                    c, c.ulong(3), count, (int) EVENT_SIZE, (e, i) -> event(c, e)));
                    c.print(UapiStructs.time(c, timespec, c.ulong(4)));
                    if (mask) {
                        c.print(UapiStructs.kernelSigset(c, c.ulong(5)));
                    }
                });
    }

    /** {@code {data=0x1, obj=0x7f…, res=5, res2=0}}. */
    private static String event(Call c, MemorySegment s) {
        return "{data="
                + Text.hex(UapiStructs.u64(c, s, 0))
                + ", obj="
                + Text.hex(UapiStructs.u64(c, s, 8))
                + ", res="
                + UapiStructs.u64(c, s, 16)
                + ", res2="
                + UapiStructs.u64(c, s, 24)
                + "}";
    }

    private static long key(Call c, MemorySegment s) {
        return UapiStructs.u32(c, s, littleEndian(c) ? 8 : 12);
    }

    private static long rwFlags(Call c, MemorySegment s) {
        return UapiStructs.u32(c, s, littleEndian(c) ? 12 : 8);
    }

    private static boolean littleEndian(Call c) {
        return c.arch().byteOrder() == java.nio.ByteOrder.LITTLE_ENDIAN;
    }

    private static long opcode(Call c, MemorySegment s) {
        return UapiStructs.u16(c, s, 16);
    }

    private static long flags(Call c, MemorySegment s) {
        return UapiStructs.u32(c, s, 56);
    }

    /**
     * The members every iocb prints, io_cancel's whole iocb: aio_data, aio_key and aio_rw_flags
     * when set, the opcode, the priority when set, the descriptor.
     */
    private static void header(Call c, MemorySegment s, StringBuilder b) {
        b.append("aio_data=").append(Text.hex(UapiStructs.u64(c, s, 0)));
        long key = key(c, s);
        if (key != 0) {
            b.append(", aio_key=").append(key);
        }
        long rw = rwFlags(c, s);
        if (rw != 0) {
            b.append(", aio_rw_flags=").append(FileArgs.flags(c, RWF, rw, "RWF_???"));
        }
        b.append(", aio_lio_opcode=").append(COMMANDS.decimal(c.arch(), opcode(c, s)));
        short priority = UapiStructs.s16(c, s, 18);
        if ((flags(c, s) & FLAG_IOPRIO) != 0) {
            b.append(", aio_reqprio=").append(ioprio(c, priority));
        } else if (priority != 0) {
            b.append(", aio_reqprio=").append(priority);
        }
        b.append(", aio_fildes=").append(Args.fdText(c, UapiStructs.s32(c, s, 20)));
    }

    /** The 16-bit aio_reqprio taken unsigned, as strace's print_ioprio. */
    private static String ioprio(Call c, short priority) {
        return ProcessStructs.ioprio(c, priority & 0xffffL);
    }

    /** A whole iocb: the header, then what its opcode uses. */
    private static String iocb(Call c, MemorySegment s) {
        StringBuilder b = new StringBuilder("{");
        header(c, s, b);
        long op = opcode(c, s);
        long buf = UapiStructs.u64(c, s, 24);
        long nbytes = UapiStructs.u64(c, s, 32);
        long offset = UapiStructs.u64(c, s, 40);
        // strace's iocb_is_valid: a length that is a non-negative ssize_t
        boolean valid = nbytes >= 0;
        if (op == PREAD || op == PWRITE) {
            b.append(", aio_buf=")
                    .append(
                            op == PWRITE && valid
                                    ? Args.buffer(c, buf, nbytes, false)
                                    : Text.hex(buf));
            b.append(", aio_nbytes=").append(Long.toUnsignedString(nbytes));
            b.append(", aio_offset=").append(offset);
            commonFlags(c, s, b);
        } else if (op == PREADV || op == PWRITEV) {
            if (valid) {
                b.append(", aio_buf=").append(FileArgs.iovecs(c, buf, nbytes, -1, op == PREADV));
            } else {
                b.append(", aio_buf=").append(Text.hex(buf));
                b.append(", aio_nbytes=").append(Long.toUnsignedString(nbytes));
            }
            b.append(", aio_offset=").append(offset);
            commonFlags(c, s, b);
        } else if (op == POLL_CMD) {
            b.append(", aio_buf=").append(FileArgs.flags(c, POLL, buf, "POLL???"));
            commonFlags(c, s, b);
        }
        return b.append('}').toString();
    }

    /** aio_flags when set, and aio_resfd: a descriptor with IOCB_FLAG_RESFD, else in hex if set. */
    private static void commonFlags(Call c, MemorySegment s, StringBuilder b) {
        long flags = flags(c, s);
        if (flags != 0) {
            b.append(", aio_flags=").append(FileArgs.flags(c, IOCB_FLAGS, flags, "IOCB_FLAG_???"));
        }
        long resfd = UapiStructs.u32(c, s, 60);
        if ((flags & FLAG_RESFD) != 0) {
            b.append(", aio_resfd=").append(Args.fdText(c, (int) resfd));
        } else if (resfd != 0) {
            b.append(", aio_resfd=").append(Text.hex(resfd));
        }
    }
}
