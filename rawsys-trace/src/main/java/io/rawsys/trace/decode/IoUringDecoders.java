package io.rawsys.trace.decode;

import java.lang.foreign.MemorySegment;

/**
 * io_uring, as strace 6.1's io_uring.c prints it: io_uring_setup (the io_uring_params the kernel
 * reads at entry, what it filled in at exit), io_uring_enter, and io_uring_register with the
 * argument each opcode takes (buffers, descriptors, a probe the kernel fills, restrictions, the
 * resource registrations and updates, an affinity mask, the worker counts it reads and writes back,
 * registered ring descriptors, buffer rings).
 *
 * <p>The structs of {@code <linux/io_uring.h>} have the same layout on every ABI; they are read
 * member by member at the header's offsets.
 */
final class IoUringDecoders {
    private IoUringDecoders() {}

    static final Xlat SETUP_FLAGS = Xlat.load("uring_setup_flags");
    static final Xlat FEATURES = Xlat.load("uring_setup_features");
    static final Xlat ENTER_FLAGS = Xlat.load("uring_enter_flags");
    static final Xlat OPCODES = Xlat.load("uring_register_opcodes");
    static final Xlat OPS = Xlat.load("uring_ops");
    static final Xlat OP_FLAGS = Xlat.load("uring_op_flags");
    static final Xlat SQE_FLAGS = Xlat.load("uring_sqe_flags");
    static final Xlat RESTRICTIONS = Xlat.load("uring_restriction_opcodes");
    static final Xlat RSRC_FLAGS = Xlat.load("uring_register_rsrc_flags");
    static final Xlat UPDATE_FDS = Xlat.load("uring_files_update_fds");
    static final Xlat IOWQ = Xlat.load("uring_iowq_acct");

    private static final long PARAMS_SIZE = 120;

    // io_uring_register's opcodes, the header's values (uring_register_opcodes)
    private static final int REGISTER_BUFFERS = 0;
    private static final int REGISTER_FILES = 2;
    private static final int REGISTER_EVENTFD = 4;
    private static final int REGISTER_FILES_UPDATE = 6;
    private static final int REGISTER_EVENTFD_ASYNC = 7;
    private static final int REGISTER_PROBE = 8;
    private static final int REGISTER_RESTRICTIONS = 11;
    private static final int REGISTER_FILES2 = 13;
    private static final int REGISTER_FILES_UPDATE2 = 14;
    private static final int REGISTER_BUFFERS2 = 15;
    private static final int REGISTER_BUFFERS_UPDATE = 16;
    private static final int REGISTER_IOWQ_AFF = 17;
    private static final int REGISTER_IOWQ_MAX_WORKERS = 19;
    private static final int REGISTER_RING_FDS = 20;
    private static final int UNREGISTER_RING_FDS = 21;
    private static final int REGISTER_PBUF_RING = 22;
    private static final int UNREGISTER_PBUF_RING = 23;

    private static final long SETUP_ATTACH_WQ = 1 << 5;

    /** What io_uring_register printed at entry that its exit must know. */
    private enum Pending {
        /** Everything, the count included, was printed at entry. */
        DONE,
        /** Nothing of the argument yet: it and the count follow at exit. */
        ARGUMENT,
        /** The argument as the kernel read it: {@code " => "} and what it wrote follow. */
        CHANGED
    }

    static void register(Decoders d) {
        d.add(
                "io_uring_setup",
                new Coded(
                        IoUringDecoders::setupEntry,
                        c -> false,
                        IoUringDecoders::setupExit,
                        Results.FD,
                        c -> ""));
        d.add(
                "io_uring_enter",
                Coded.atEntry(
                        c -> {
                            c.print(Args.fdText(c, c.sint(0)));
                            c.print(Long.toString(c.uint(1)));
                            c.print(Long.toString(c.uint(2)));
                            c.print(FileArgs.flags(c, ENTER_FLAGS, c.uint(3), "IORING_ENTER_???"));
                            c.print(SigSets.at(c, c.ulong(4), c.ulong(5)));
                            c.print(Long.toUnsignedString(c.ulong(5)));
                        }));
        d.add(
                "io_uring_register",
                new Coded(
                        IoUringDecoders::registerEntry,
                        c -> c.state() == Pending.ARGUMENT,
                        IoUringDecoders::registerExit,
                        Results.DECIMAL,
                        IoUringDecoders::registerSeparator));
    }

    private static void setupEntry(Call c) {
        c.print(Long.toString(c.uint(0)));
        long address = c.ulong(1);
        MemorySegment p = Peek.peek(c, address, PARAMS_SIZE);
        if (p == null) {
            c.print(Text.pointer(address));
            return;
        }
        c.state(Boolean.TRUE);
        long flags = UapiStructs.u32(c, p, 8);
        StringBuilder b =
                new StringBuilder("{flags=")
                        .append(FileArgs.flags(c, SETUP_FLAGS, flags, "IORING_SETUP_???"))
                        .append(", sq_thread_cpu=")
                        .append(Text.hex(UapiStructs.u32(c, p, 12)))
                        .append(", sq_thread_idle=")
                        .append(UapiStructs.u32(c, p, 16));
        if ((flags & SETUP_ATTACH_WQ) != 0) {
            b.append(", wq_fd=").append(Args.fdText(c, UapiStructs.s32(c, p, 24)));
        }
        appendArray(c, p, 28, 3, "resv", b);
        c.print(b.toString());
    }

    private static void setupExit(Call c) {
        if (c.state() == null) {
            return; // the params could not be read: printed as an address at entry
        }
        MemorySegment p = Peek.fetch(c, c.ulong(1), PARAMS_SIZE);
        if (p == null) {
            c.print("}");
            return;
        }
        StringBuilder b =
                new StringBuilder(", sq_entries=")
                        .append(UapiStructs.u32(c, p, 0))
                        .append(", cq_entries=")
                        .append(UapiStructs.u32(c, p, 4))
                        .append(", features=")
                        .append(
                                FileArgs.flags(
                                        c, FEATURES, UapiStructs.u32(c, p, 20), "IORING_FEAT_???"))
                        .append(", sq_off=");
        offsets(
                c,
                p,
                40,
                new String[] {
                    "head", "tail", "ring_mask", "ring_entries", "flags", "dropped", "array"
                },
                b);
        b.append(", cq_off=");
        offsets(
                c,
                p,
                80,
                new String[] {
                    "head", "tail", "ring_mask", "ring_entries", "overflow", "cqes", "flags"
                },
                b);
        c.print(b.append('}').toString());
    }

    /** An io_sqring_offsets or io_cqring_offsets: seven u32s, then resv1 and resv2 when set. */
    private static void offsets(Call c, MemorySegment p, long at, String[] names, StringBuilder b) {
        b.append('{');
        for (int i = 0; i < names.length; i++) {
            b.append(i == 0 ? "" : ", ")
                    .append(names[i])
                    .append('=')
                    .append(UapiStructs.u32(c, p, at + 4L * i));
        }
        long resv1 = UapiStructs.u32(c, p, at + 28);
        if (resv1 != 0) {
            b.append(", resv1=").append(Text.hex(resv1));
        }
        long resv2 = UapiStructs.u64(c, p, at + 32);
        if (resv2 != 0) {
            b.append(", resv2=").append(Text.hex(resv2));
        }
        b.append('}');
    }

    /**
     * {@code , NAME=[0x1, 0, 0]}: a reserved array of {@code count} u32s from {@code at}, when any
     * is set (strace's print_xint_array_member).
     */
    private static void appendArray(
            Call c, MemorySegment s, long at, int count, String name, StringBuilder b) {
        boolean zero = true;
        for (int i = 0; i < count; i++) {
            zero &= UapiStructs.u32(c, s, at + 4L * i) == 0;
        }
        if (zero) {
            return;
        }
        b.append(", ").append(name).append("=[");
        for (int i = 0; i < count; i++) {
            b.append(i == 0 ? "" : ", ").append(Text.hex(UapiStructs.u32(c, s, at + 4L * i)));
        }
        b.append(']');
    }

    private static void registerEntry(Call c) {
        c.print(Args.fdText(c, c.sint(0)));
        int opcode = c.sint(1);
        c.print(OPCODES.value(c.arch(), Integer.toUnsignedLong(opcode)));
        long arg = c.ulong(2);
        long nargs = c.uint(3);
        Pending pending = Pending.DONE;
        switch (opcode) {
            case REGISTER_BUFFERS -> c.print(FileArgs.iovecs(c, arg, nargs, -1, true));
            case REGISTER_FILES, REGISTER_EVENTFD, REGISTER_EVENTFD_ASYNC ->
                    c.print(fds(c, arg, nargs, false));
            case REGISTER_FILES_UPDATE -> c.print(filesUpdate(c, arg, nargs));
            case REGISTER_PROBE -> pending = probeEntry(c, arg, nargs);
            case REGISTER_RESTRICTIONS ->
                    c.print(UapiStructs.array(c, arg, nargs, 16, (e, i) -> restriction(c, e)));
            case REGISTER_FILES2, REGISTER_BUFFERS2 -> c.print(registerRsrc(c, arg, nargs, opcode));
            case REGISTER_FILES_UPDATE2, REGISTER_BUFFERS_UPDATE ->
                    c.print(updateRsrc(c, arg, nargs, opcode));
            case REGISTER_IOWQ_AFF -> c.print(UapiStructs.affinity(c, arg, nargs));
            case REGISTER_IOWQ_MAX_WORKERS -> {
                c.print(workers(c, arg, nargs));
                // strace waits for the counts the kernel writes back only when it printed all
                if (UapiStructs.wholeArray(c, arg, nargs, 4)) {
                    pending = Pending.CHANGED;
                }
            }
            case REGISTER_RING_FDS ->
                    c.print(UapiStructs.array(c, arg, nargs, 16, (e, i) -> ringFd(c, e)));
            case UNREGISTER_RING_FDS ->
                    c.print(UapiStructs.array(c, arg, nargs, 16, (e, i) -> ringFdGone(c, e)));
            case REGISTER_PBUF_RING, UNREGISTER_PBUF_RING -> c.print(bufReg(c, arg));
            default -> c.print(Text.pointer(arg));
        }
        c.state(pending);
        if (pending == Pending.DONE) {
            c.print(Long.toString(nargs));
        }
    }

    /**
     * {@code " => "} before what the kernel wrote back: the worker counts' is printed at entry,
     * whatever the outcome; the probe's only when the kernel filled it.
     */
    private static String registerSeparator(Call c) {
        if (c.state() != Pending.CHANGED) {
            return c.state() == Pending.ARGUMENT ? "" : ", ";
        }
        return c.sint(1) == REGISTER_IOWQ_MAX_WORKERS || !c.failed() ? " => " : ", ";
    }

    private static void registerExit(Call c) {
        Pending pending = c.state();
        if (pending == Pending.DONE) {
            return;
        }
        long arg = c.ulong(2);
        long nargs = c.uint(3);
        int opcode = c.sint(1);
        if (opcode == REGISTER_PROBE) {
            if (c.failed()) {
                if (pending == Pending.ARGUMENT) {
                    c.print(Text.pointer(arg));
                }
            } else {
                c.print(probe(c, arg, nargs));
            }
        } else if (!c.failed() || pending == Pending.CHANGED) {
            c.print(workers(c, arg, nargs));
        }
        c.print(Long.toString(nargs));
    }

    /** An array of {@code count} ints, each a descriptor (or, for an update, a special value). */
    private static String fds(Call c, long address, long count, boolean update) {
        return UapiStructs.array(
                c,
                address,
                count,
                4,
                (e, i) -> {
                    int fd = UapiStructs.s32(c, e, 0);
                    if (update && fd < -1) {
                        String name = UPDATE_FDS.name(c.arch(), fd);
                        return name != null ? name : Integer.toString(fd);
                    }
                    return Args.fdText(c, fd);
                });
    }

    /** A struct io_uring_files_update: {@code {offset=0, fds=[3, 4]}}. */
    private static String filesUpdate(Call c, long address, long nargs) {
        return UapiStructs.at(
                c,
                address,
                16,
                s -> {
                    StringBuilder b =
                            new StringBuilder("{offset=").append(UapiStructs.u32(c, s, 0));
                    long resv = UapiStructs.u32(c, s, 4);
                    if (resv != 0) {
                        b.append(", resv=").append(Text.hex(resv));
                    }
                    return b.append(", fds=")
                            .append(fds(c, UapiStructs.u64(c, s, 8), nargs, true))
                            .append('}')
                            .toString();
                });
    }

    /**
     * IORING_REGISTER_PROBE at entry: the probe if the program filled any of it (then {@code =>}
     * and what the kernel wrote at exit), else nothing until the exit.
     */
    private static Pending probeEntry(Call c, long address, long nargs) {
        if (nargs > 256) {
            c.print(Text.pointer(address));
            return Pending.DONE;
        }
        MemorySegment s = Peek.peek(c, address, 16 + 8 * nargs);
        if (s == null) {
            c.print(Text.pointer(address));
            return Pending.DONE;
        }
        for (long i = 0; i < s.byteSize(); i++) {
            if (UapiStructs.u8(s, i) != 0) {
                c.print(probe(c, address, nargs));
                return Pending.CHANGED;
            }
        }
        return Pending.ARGUMENT;
    }

    /** A struct io_uring_probe and its ops: as many as asked for at entry, as filled at exit. */
    private static String probe(Call c, long address, long nargs) {
        if (nargs > 256) {
            return Text.pointer(address);
        }
        return UapiStructs.at(
                c,
                address,
                16 + 8 * nargs,
                s -> {
                    long opsLen = UapiStructs.u8(s, 1);
                    StringBuilder b =
                            new StringBuilder("{last_op=")
                                    .append(OPS.decimal(c.arch(), UapiStructs.u8(s, 0)))
                                    .append(", ops_len=")
                                    .append(opsLen);
                    long resv = UapiStructs.u16(c, s, 2);
                    if (resv != 0) {
                        b.append(", resv=").append(Text.hex(resv));
                    }
                    appendArray(c, s, 4, 3, "resv2", b);
                    long shown = c.hasExited() ? Math.min(opsLen, nargs) : nargs;
                    boolean truncated = c.hasExited() && nargs < opsLen;
                    b.append(", ops=");
                    localArray(c, s, 16, shown, truncated, b);
                    return b.append('}').toString();
                });
    }

    /** strace's print_local_array_ex of probe ops already read: at most -s of them. */
    private static void localArray(
            Call c, MemorySegment s, long at, long count, boolean truncated, StringBuilder b) {
        b.append('[');
        long limit = c.settings().stringLimit();
        boolean cut = false;
        for (long i = 0; i < count; i++) {
            if (i > 0) {
                b.append(", ");
            }
            if (i >= limit) {
                b.append("...");
                cut = true;
                break;
            }
            long e = at + 8 * i;
            b.append("{op=").append(OPS.decimal(c.arch(), UapiStructs.u8(s, e)));
            int resv = UapiStructs.u8(s, e + 1);
            if (resv != 0) {
                b.append(", resv=").append(Text.hex(resv));
            }
            b.append(", flags=")
                    .append(
                            FileArgs.flags(
                                    c, OP_FLAGS, UapiStructs.u16(c, s, e + 2), "IO_URING_OP_???"));
            long resv2 = UapiStructs.u32(c, s, e + 4);
            if (resv2 != 0) {
                b.append(", resv2=").append(Text.hex(resv2));
            }
            b.append('}');
        }
        if (truncated && !cut) {
            b.append(count > 0 ? ", ..." : "...");
        }
        b.append(']');
    }

    /** A struct io_uring_restriction. */
    private static String restriction(Call c, MemorySegment s) {
        int opcode = UapiStructs.u16(c, s, 0);
        int op = UapiStructs.u8(s, 2);
        StringBuilder b =
                new StringBuilder("{opcode=").append(RESTRICTIONS.value(c.arch(), opcode));
        String kind = RESTRICTIONS.name(c.arch(), opcode);
        if ("IORING_RESTRICTION_REGISTER_OP".equals(kind)) {
            b.append(", register_op=").append(OPCODES.value(c.arch(), op));
        } else if ("IORING_RESTRICTION_SQE_OP".equals(kind)) {
            b.append(", sqe_op=").append(OPS.value(c.arch(), op));
        } else if (kind != null) {
            b.append(", sqe_flags=").append(FileArgs.flags(c, SQE_FLAGS, op, "IOSQE_???"));
        } else {
            b.append(" /* op: ").append(Text.hex(op)).append(" */");
        }
        int resv = UapiStructs.u8(s, 3);
        if (resv != 0) {
            b.append(", resv=").append(Text.hex(resv));
        }
        appendArray(c, s, 4, 3, "resv2", b);
        return b.append('}').toString();
    }

    /** A struct io_uring_rsrc_register (FILES2, BUFFERS2) of {@code size} bytes. */
    private static String registerRsrc(Call c, long address, long size, int opcode) {
        if (size < 32) {
            return Text.pointer(address);
        }
        return UapiStructs.at(
                c,
                address,
                32,
                s -> {
                    long nr = UapiStructs.u32(c, s, 0);
                    StringBuilder b =
                            new StringBuilder("{nr=")
                                    .append(nr)
                                    .append(", flags=")
                                    .append(
                                            FileArgs.flags(
                                                    c,
                                                    RSRC_FLAGS,
                                                    UapiStructs.u32(c, s, 4),
                                                    "IORING_RSRC_REGISTER_???"));
                    long resv2 = UapiStructs.u64(c, s, 8);
                    if (resv2 != 0) {
                        b.append(", resv2=").append(Text.hex(resv2));
                    }
                    rsrcData(c, UapiStructs.u64(c, s, 16), nr, opcode, b);
                    tags(c, UapiStructs.u64(c, s, 24), nr, b);
                    tail(c, address, size, b);
                    return b.append('}').toString();
                });
    }

    /** A struct io_uring_rsrc_update2 (FILES_UPDATE2, BUFFERS_UPDATE) of {@code size} bytes. */
    private static String updateRsrc(Call c, long address, long size, int opcode) {
        if (size < 32) {
            return Text.pointer(address);
        }
        return UapiStructs.at(
                c,
                address,
                32,
                s -> {
                    long nr = UapiStructs.u32(c, s, 24);
                    StringBuilder b =
                            new StringBuilder("{offset=").append(UapiStructs.u32(c, s, 0));
                    long resv = UapiStructs.u32(c, s, 4);
                    if (resv != 0) {
                        b.append(", resv=").append(Text.hex(resv));
                    }
                    rsrcData(c, UapiStructs.u64(c, s, 8), nr, opcode, b);
                    tags(c, UapiStructs.u64(c, s, 16), nr, b);
                    b.append(", nr=").append(nr);
                    long resv2 = UapiStructs.u32(c, s, 28);
                    if (resv2 != 0) {
                        b.append(", resv2=").append(Text.hex(resv2));
                    }
                    tail(c, address, size, b);
                    return b.append('}').toString();
                });
    }

    /** The bytes of a resource struct past its 32 known ones, when the program set any. */
    private static void tail(Call c, long address, long size, StringBuilder b) {
        if (size > 32) {
            b.append(FileArgs.nonzeroBytes(c, address, 32, Math.min(size, FileArgs.PAGE_SIZE)));
        }
    }

    private static void rsrcData(Call c, long data, long nr, int opcode, StringBuilder b) {
        b.append(", data=");
        switch (opcode) {
            case REGISTER_FILES2 -> b.append(fds(c, data, nr, false));
            case REGISTER_FILES_UPDATE2 -> b.append(fds(c, data, nr, true));
            default -> b.append(FileArgs.iovecs(c, data, nr, -1, true));
        }
    }

    private static void tags(Call c, long tags, long nr, StringBuilder b) {
        b.append(", tags=")
                .append(
                        UapiStructs.array(
                                c, tags, nr, 8, (e, i) -> Text.hex(UapiStructs.u64(c, e, 0))));
    }

    /** IORING_REGISTER_IOWQ_MAX_WORKERS's counts: {@code [[IO_WQ_BOUND]=1, [IO_WQ_UNBOUND]=2]}. */
    private static String workers(Call c, long address, long count) {
        return UapiStructs.array(
                c,
                address,
                count,
                4,
                (e, i) -> "[" + IOWQ.decimal(c.arch(), i) + "]=" + UapiStructs.u32(c, e, 0));
    }

    /** A ring descriptor to register: {@code {offset=-1, data=3}}. */
    private static String ringFd(Call c, MemorySegment s) {
        long offset = UapiStructs.u32(c, s, 0);
        StringBuilder b =
                new StringBuilder("{offset=")
                        .append(offset == 0xffff_ffffL ? "-1" : Long.toString(offset));
        long resv = UapiStructs.u32(c, s, 4);
        if (resv != 0) {
            b.append(", resv=").append(Text.hex(resv));
        }
        return b.append(", data=")
                .append(Args.fdText(c, (int) UapiStructs.u64(c, s, 8)))
                .append('}')
                .toString();
    }

    /** A ring descriptor to unregister: {@code {offset=0}}. */
    private static String ringFdGone(Call c, MemorySegment s) {
        StringBuilder b = new StringBuilder("{offset=").append(UapiStructs.u32(c, s, 0));
        long resv = UapiStructs.u32(c, s, 4);
        if (resv != 0) {
            b.append(", resv=").append(Text.hex(resv));
        }
        long data = UapiStructs.u64(c, s, 8);
        if (data != 0) {
            b.append(", data=").append(Text.hex(data));
        }
        return b.append('}').toString();
    }

    /** A struct io_uring_buf_reg. */
    private static String bufReg(Call c, long address) {
        return UapiStructs.at(
                c,
                address,
                40,
                s -> {
                    StringBuilder b =
                            new StringBuilder("{ring_addr=")
                                    .append(Text.pointer(UapiStructs.u64(c, s, 0)))
                                    .append(", ring_entries=")
                                    .append(UapiStructs.u32(c, s, 8))
                                    .append(", bgid=")
                                    .append(UapiStructs.u16(c, s, 12));
                    int pad = UapiStructs.u16(c, s, 14);
                    if (pad != 0) {
                        b.append(", pad=").append(Text.hex(pad));
                    }
                    boolean zero = true;
                    for (int i = 0; i < 3; i++) {
                        zero &= UapiStructs.u64(c, s, 16 + 8L * i) == 0;
                    }
                    if (!zero) {
                        b.append(", resv=[");
                        for (int i = 0; i < 3; i++) {
                            b.append(i == 0 ? "" : ", ")
                                    .append(Text.hex(UapiStructs.u64(c, s, 16 + 8L * i)));
                        }
                        b.append(']');
                    }
                    return b.append('}').toString();
                });
    }
}
