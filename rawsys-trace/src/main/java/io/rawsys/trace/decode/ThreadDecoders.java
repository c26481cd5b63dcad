package io.rawsys.trace.decode;

import java.lang.foreign.MemorySegment;

/**
 * Threads: the tid address and robust list, rseq (which strace 6.1 prints as raw words), futex by
 * operation, x86's thread-local storage descriptors (set_thread_area, get_thread_area), CPU
 * affinity and sched_yield.
 */
final class ThreadDecoders {
    private ThreadDecoders() {}

    /**
     * futex2's flags: always the size (FUTEX2_SIZE_U8 for 0), then the other bits strace 6.12
     * names, then the rest in hex without a comment (its futex2_flags table has no default).
     */
    static String futex2Flags(Call c, long flags) {
        var k = c.arch().constants();
        String[] sizes = {
            "FUTEX2_SIZE_U8", "FUTEX2_SIZE_U16", "FUTEX2_SIZE_U32", "FUTEX2_SIZE_U64"
        };
        StringBuilder s = new StringBuilder(sizes[(int) (flags & 3)]);
        long rest = flags & ~3L;
        for (String name : new String[] {"FUTEX2_NUMA", "FUTEX2_PRIVATE"}) {
            long bit = k.find(name).orElse(0);
            if (bit != 0 && (rest & bit) == bit) {
                s.append('|').append(name);
                rest &= ~bit;
            }
        }
        return rest == 0 ? s.toString() : s.append('|').append(Text.hex(rest)).toString();
    }

    static final Arg FUTEX2_FLAGS = (c, at) -> futex2Flags(c, c.uint(at));

    /** A {@code struct __kernel_timespec} (futex2's timeouts): strace's print_timespec64. */
    private static final Arg TIMESPEC64 =
            (c, at) ->
                    ProcessStructs.struct(
                            c,
                            c.ulong(at),
                            "kernel_timespec",
                            s -> ProcessStructs.timespec(c, s, "kernel_timespec", ""));

    /** A futex2 mask: FUTEX_BITSET_MATCH_ANY, or the 64-bit value in hex, no comment. */
    static final Arg FUTEX2_MASK =
            (c, at) -> {
                long mask = c.ulong(at);
                return mask == c.arch().constants().find("FUTEX_BITSET_MATCH_ANY").orElse(-1)
                                && mask != 0
                        ? "FUTEX_BITSET_MATCH_ANY"
                        : Text.hex(mask);
            };

    /**
     * {@code count} {@code struct futex_waitv}s (futex_requeue's two, futex_waitv's list): {@code
     * [{val=…, uaddr=…, flags=…}, {…}]}, {@code __reserved} only when not 0.
     */
    private static String waiters(Call c, long address, long count) {
        long size = c.arch().layout("futex_waitv").orElseThrow().byteSize();
        return FileArgs.array(
                c,
                address,
                count,
                (int) size,
                (s, i) -> {
                    String w =
                            "{val="
                                    + Text.hex(Structs.get(c, s, "futex_waitv", "val"))
                                    + ", uaddr="
                                    + Text.pointer(Structs.get(c, s, "futex_waitv", "uaddr"))
                                    + ", flags="
                                    + futex2Flags(
                                            c,
                                            Structs.get(c, s, "futex_waitv", "flags")
                                                    & 0xffff_ffffL);
                    long reserved = Structs.get(c, s, "futex_waitv", "__reserved");
                    return w + (reserved != 0 ? ", __reserved=" + Text.hex(reserved) : "") + "}";
                });
    }

    static final Xlat FUTEX_COMMANDS = Xlat.load("futexops");

    static final Xlat WAKE_OPS = Xlat.load("futexwakeops");
    static final Xlat WAKE_COMPARISONS = Xlat.load("futexwakecmps");
    static final Xlat BITSET = Xlat.load("futexbitset");

    static void register(Decoders d) {
        d.add("set_tid_address", new Signature(Args.PTR).returning(Results.PID));
        d.add("set_robust_list", new Signature(Args.PTR, Args.ULONG));
        d.add(
                "get_robust_list",
                Coded.separatedAtExit(
                        c -> c.print(Integer.toString(c.sint(0))),
                        c -> {
                            c.print(ProcessStructs.wordAt(c, c.ulong(1), true));
                            c.print(ProcessStructs.wordAt(c, c.ulong(2), false));
                        }));
        d.add("rseq", new Signature(Args.HEX, Args.HEX, Args.HEX, Args.HEX));
        d.add("futex", Coded.atEntry(ThreadDecoders::futex));
        // i386's futex_time64: the same, its timeout a struct __kernel_timespec
        d.add("futex_time64", d.forName("futex", 6));
        // futex2 (strace 6.7+, src/futex2.c): everything at entry
        d.add("futex_wake", new Signature(Args.PTR, FUTEX2_MASK, Args.INT, FUTEX2_FLAGS));
        d.add(
                "futex_wait",
                new Signature(
                        Args.PTR,
                        Args.ULONG,
                        FUTEX2_MASK,
                        FUTEX2_FLAGS,
                        TIMESPEC64,
                        TimeArgs.CLOCK));
        d.add(
                "futex_requeue",
                new Signature(
                        (c, at) -> waiters(c, c.ulong(at), 2), Args.HEX32, Args.INT, Args.INT));
        // strace 5.16+ (src/futex2.c): the waiters, their count, flags in hex, the absolute
        // timeout, the clock
        d.add(
                "futex_waitv",
                new Signature(
                        (c, at) -> waiters(c, c.ulong(at), c.uint(1)),
                        Args.UINT,
                        Args.HEX32,
                        TIMESPEC64,
                        TimeArgs.CLOCK));
        d.add(
                "set_thread_area",
                Coded.atEntry(c -> c.print(ProcessStructs.userDesc(c, c.ulong(0))))
                        .returning(
                                c -> {
                                    MemorySegment s = Structs.bytes(c, c.ulong(0), 4);
                                    return s == null
                                            ? Results.DECIMAL.apply(c)
                                            : c.result()
                                                    + " (entry_number="
                                                    + Integer.toUnsignedString(
                                                            ProcessStructs.uint32(c, s, 0))
                                                    + ")";
                                }));
        d.add(
                "get_thread_area",
                new Coded(
                                ThreadDecoders::getThreadAreaEntry,
                                c -> false,
                                ThreadDecoders::getThreadAreaExit)
                        .joinedBy(c -> c.state() instanceof Integer changed ? " => " : ", "));
        d.add(
                "sched_getaffinity",
                Coded.split(
                        c -> {
                            c.print(Integer.toString(c.sint(0)));
                            c.print(Long.toString(c.uint(1)));
                        },
                        c -> c.print(affinity(c, c.ulong(2), c.result()))));
        d.add(
                "sched_setaffinity",
                Coded.atEntry(
                        c -> {
                            c.print(Integer.toString(c.sint(0)));
                            c.print(Long.toString(c.uint(1)));
                            c.print(affinity(c, c.ulong(2), c.uint(1)));
                        }));
        d.add("sched_yield", new Signature());
    }

    private static void futex(Call c) {
        int op = c.sint(1);
        int cmd = op & 127;
        long val = c.uint(2);
        long val2 = c.uint(3);
        long val3 = c.uint(5);
        c.print(Text.pointer(c.ulong(0)));
        c.print(futexOp(c, op));
        String name = FUTEX_COMMANDS.name(c.arch(), cmd);
        if (name == null) {
            name = "";
        }
        switch (name) {
            case "FUTEX_WAIT" -> {
                c.print(Long.toString(val));
                c.print(ProcessStructs.callTimespec(c, c.ulong(3)));
            }
            case "FUTEX_LOCK_PI", "FUTEX_LOCK_PI2" ->
                    c.print(ProcessStructs.callTimespec(c, c.ulong(3)));
            case "FUTEX_WAIT_BITSET" -> {
                c.print(Long.toString(val));
                c.print(ProcessStructs.callTimespec(c, c.ulong(3)));
                c.print(bitset(c, val3));
            }
            case "FUTEX_WAKE_BITSET" -> {
                c.print(Long.toString(val));
                c.print(bitset(c, val3));
            }
            case "FUTEX_REQUEUE" -> {
                c.print(Long.toString(val));
                c.print(Long.toString(val2));
                c.print(Text.pointer(c.ulong(4)));
            }
            case "FUTEX_CMP_REQUEUE", "FUTEX_CMP_REQUEUE_PI" -> {
                c.print(Long.toString(val));
                c.print(Long.toString(val2));
                c.print(Text.pointer(c.ulong(4)));
                c.print(Long.toString(val3));
            }
            case "FUTEX_WAKE_OP" -> {
                c.print(Long.toString(val));
                c.print(Long.toString(val2));
                c.print(Text.pointer(c.ulong(4)));
                c.print(wakeOp(c, val3));
            }
            case "FUTEX_WAIT_REQUEUE_PI" -> {
                c.print(Long.toString(val));
                c.print(ProcessStructs.callTimespec(c, c.ulong(3)));
                c.print(Text.pointer(c.ulong(4)));
            }
            case "FUTEX_FD", "FUTEX_WAKE" -> c.print(Long.toString(val));
            case "FUTEX_UNLOCK_PI", "FUTEX_TRYLOCK_PI" -> {}
            default -> {
                c.print(Long.toString(val));
                c.print(Text.pointer(c.ulong(3)));
                c.print(Text.pointer(c.ulong(4)));
                c.print(Text.hex(val3));
            }
        }
    }

    /**
     * {@code FUTEX_WAIT_BITSET_PRIVATE|FUTEX_CLOCK_REALTIME}: strace's futexops names the command
     * with its private variant, and the realtime clock only for the waits that take it.
     */
    private static String futexOp(Call c, int op) {
        var k = c.arch().constants();
        long privateFlag = k.value("FUTEX_PRIVATE_FLAG");
        long realtime = k.value("FUTEX_CLOCK_REALTIME");
        long rest = op & ~(127 | privateFlag | realtime) & 0xffff_ffffL;
        String cmd = FUTEX_COMMANDS.name(c.arch(), op & 127);
        if (cmd == null || rest != 0) {
            return unknownOp(op);
        }
        String name = cmd;
        if ((op & privateFlag) != 0) {
            name =
                    k.find(cmd + "_PRIVATE").isPresent()
                            ? cmd + "_PRIVATE"
                            : cmd.equals("FUTEX_FD") ? cmd + "|FUTEX_PRIVATE_FLAG" : null;
        }
        if (name != null && (op & realtime) != 0) {
            name =
                    cmd.equals("FUTEX_WAIT")
                                    || cmd.equals("FUTEX_WAIT_BITSET")
                                    || cmd.equals("FUTEX_WAIT_REQUEUE_PI")
                            ? name + "|FUTEX_CLOCK_REALTIME"
                            : null;
        }
        return name != null ? Xlat.styled(Text.hex(op & 0xffff_ffffL), name) : unknownOp(op);
    }

    private static String unknownOp(int op) {
        return Text.hex(Integer.toUnsignedLong(op)) + " /* FUTEX_??? */";
    }

    private static String bitset(Call c, long val3) {
        String name = BITSET.name(c.arch(), val3);
        return name != null ? name : Text.hex(val3);
    }

    /** {@code FUTEX_OP_ADD<<28|0x1<<12|FUTEX_OP_CMP_GT<<24|0}: FUTEX_WAKE_OP's encoded val3. */
    private static String wakeOp(Call c, long val3) {
        StringBuilder s = new StringBuilder();
        long shiftFlag = c.arch().constants().value("FUTEX_OP_OPARG_SHIFT");
        if (((val3 >>> 28) & shiftFlag) != 0) {
            s.append("FUTEX_OP_OPARG_SHIFT<<28|");
        }
        long op = (val3 >>> 28) & 7;
        String opName = WAKE_OPS.name(c.arch(), op);
        s.append(opName != null ? opName : Text.hex(op)).append("<<28");
        if (opName == null) {
            s.append(" /* FUTEX_OP_??? */");
        }
        s.append('|').append(Text.hex((val3 >>> 12) & 0xfff)).append("<<12|");
        long cmp = (val3 >>> 24) & 0xf;
        String cmpName = WAKE_COMPARISONS.name(c.arch(), cmp);
        s.append(cmpName != null ? cmpName : Text.hex(cmp)).append("<<24");
        if (cmpName == null) {
            s.append(" /* FUTEX_OP_CMP_??? */");
        }
        return s.append('|').append(Text.hex(val3 & 0xfff)).toString();
    }

    private static void getThreadAreaEntry(Call c) {
        MemorySegment s = Structs.bytes(c, c.ulong(0), 4);
        if (s == null) {
            c.print(Text.pointer(c.ulong(0)));
            c.state(null);
        } else {
            c.print("{entry_number=" + ProcessStructs.uint32(c, s, 0));
            c.state(new int[] {ProcessStructs.uint32(c, s, 0)});
        }
    }

    private static void getThreadAreaExit(Call c) {
        if (!(c.state() instanceof int[] entry)) {
            return;
        }
        MemorySegment s = c.failed() ? null : Structs.bytes(c, c.ulong(0), 16);
        if (s == null) {
            c.print("...}");
            return;
        }
        String rest = ProcessStructs.userDescRest(c, s).substring(2) + "}";
        if (ProcessStructs.uint32(c, s, 0) != entry[0]) {
            c.state(Integer.valueOf(ProcessStructs.uint32(c, s, 0)));
            c.print(ProcessStructs.uint32(c, s, 0) + ", " + rest);
        } else {
            c.print(rest);
        }
    }

    /** strace's print_affinitylist, shared with the families that print CPU masks. */
    private static String affinity(Call c, long address, long length) {
        return UapiStructs.affinity(c, address, length);
    }
}
