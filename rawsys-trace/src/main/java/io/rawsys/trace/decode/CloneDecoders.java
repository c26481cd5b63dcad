package io.rawsys.trace.decode;

import java.lang.foreign.MemorySegment;

/**
 * New processes and threads: clone (named arguments, in the architecture's argument order; the ones
 * the kernel writes or reads back printed at exit), clone3 (struct clone_args, and what the kernel
 * wrote into it after {@code =>}), fork and vfork.
 */
final class CloneDecoders {
    private CloneDecoders() {}

    static final Xlat FLAGS = Xlat.load("clone_flags");

    static final Xlat CLONE3_FLAGS = Xlat.load("clone3_flags");

    /** Where clone's arguments are: x86_64 passes the child's tid before the TLS, i386 after. */
    private record Order(int flags, int stack, int parentTid, int childTid, int tls) {
        static Order of(Call c) {
            return switch (c.arch().cloneArguments()) {
                case NONE -> new Order(0, 1, 2, 3, 4);
                case BACKWARDS -> new Order(0, 1, 2, 4, 3);
                case BACKWARDS2 -> new Order(1, 0, 2, 3, 4);
            };
        }
    }

    static void register(Decoders d) {
        d.add(
                "clone",
                Coded.separatedAtExit(CloneDecoders::cloneEntry, CloneDecoders::cloneExit)
                        .returning(Results.PID));
        d.add(
                "clone3",
                new Coded(CloneDecoders::clone3Entry, c -> false, CloneDecoders::clone3Exit)
                        .joinedBy(c -> c.<Clone3>state().changes() && !c.failed() ? "" : ", ")
                        .returning(Results.PID));
        d.add("fork", new Signature().returning(Results.PID));
        d.add("vfork", new Signature().returning(Results.PID));
    }

    private static long flag(Call c, String name) {
        return c.arch().constants().find(name).orElse(0);
    }

    private static void cloneEntry(Call c) {
        Order o = Order.of(c);
        long csignal = flag(c, "CSIGNAL");
        long all = c.ulong(o.flags());
        long flags = all & ~csignal;
        long signal = all & csignal;
        c.print("child_stack=" + Text.pointer(c.ulong(o.stack())));
        String text;
        if (flags != 0) {
            text = FLAGS.flags(c.arch(), flags);
            if (signal != 0) {
                text += "|" + Signals.styled(c.arch(), signal);
            }
        } else {
            text = Signals.styled(c.arch(), signal);
        }
        c.print("flags=" + text);
    }

    private static void cloneExit(Call c) {
        Order o = Order.of(c);
        long flags = c.ulong(o.flags()) & ~flag(c, "CSIGNAL");
        long parentSetTid = flag(c, "CLONE_PARENT_SETTID");
        long pidfd = flag(c, "CLONE_PIDFD");
        if ((flags & (parentSetTid | pidfd)) != 0) {
            long address = c.ulong(o.parentTid());
            c.print("parent_tid=" + ProcessStructs.intAt(c, address));
        }
        if ((flags & flag(c, "CLONE_SETTLS")) != 0) {
            c.print("tls=" + tls(c, c.ulong(o.tls())));
        }
        if ((flags & (flag(c, "CLONE_CHILD_SETTID") | flag(c, "CLONE_CHILD_CLEARTID"))) != 0) {
            c.print("child_tidptr=" + Text.pointer(c.ulong(o.childTid())));
        }
    }

    /** The TLS: i386's is a struct user_desc, the others' an address. */
    private static String tls(Call c, long address) {
        return c.arch().name().equals("i386")
                ? ProcessStructs.userDesc(c, address)
                : Text.pointer(address);
    }

    /** What clone3's entry read: the struct, and whether its exit prints what changed. */
    private record Clone3(MemorySegment args, boolean changes) {}

    private static final String ARGS = "clone_args";

    private static long get(Call c, MemorySegment s, String member) {
        return Structs.get(c, s, ARGS, member);
    }

    private static void clone3Entry(Call c) {
        long address = c.ulong(0);
        long size = c.ulong(1);
        long full = c.arch().layout(ARGS).orElseThrow().byteSize();
        var tls = Structs.member(c, ARGS, "tls");
        long fetch = Math.min(size, full);
        MemorySegment s =
                fetch < tls.offset() + tls.size() ? null : Structs.bytes(c, address, fetch);
        if (s == null) {
            c.print(Text.pointer(address));
            c.print(Long.toUnsignedString(size));
            c.state(new Clone3(null, false));
            return;
        }
        MemorySegment args = MemorySegment.ofArray(new byte[(int) full]);
        args.copyFrom(s);
        long flags = get(c, args, "flags");
        StringBuilder b = new StringBuilder("{flags=").append(CLONE3_FLAGS.flags(c.arch(), flags));
        if ((flags & flag(c, "CLONE_PIDFD")) != 0) {
            b.append(", pidfd=").append(Text.pointer(get(c, args, "pidfd")));
        }
        if ((flags & (flag(c, "CLONE_CHILD_SETTID") | flag(c, "CLONE_CHILD_CLEARTID"))) != 0) {
            b.append(", child_tid=").append(Text.pointer(get(c, args, "child_tid")));
        }
        if ((flags & flag(c, "CLONE_PARENT_SETTID")) != 0) {
            b.append(", parent_tid=").append(Text.pointer(get(c, args, "parent_tid")));
        }
        long exitSignal = get(c, args, "exit_signal");
        b.append(", exit_signal=")
                .append(
                        Long.compareUnsigned(exitSignal, Integer.MAX_VALUE) < 0
                                ? Signals.styled(c.arch(), exitSignal)
                                : Long.toUnsignedString(exitSignal));
        b.append(", stack=").append(Text.pointer(get(c, args, "stack")));
        b.append(", stack_size=").append(Text.hex(get(c, args, "stack_size")));
        if ((flags & flag(c, "CLONE_SETTLS")) != 0) {
            b.append(", tls=").append(tls(c, get(c, args, "tls")));
        }
        long setTid = get(c, args, "set_tid");
        long setTidSize = get(c, args, "set_tid_size");
        if (setTid != 0 || setTidSize != 0) {
            b.append(", set_tid=");
            if (setTid == 0 || setTidSize == 0 || Long.compareUnsigned(setTidSize, 32) > 0) {
                b.append(Text.pointer(setTid));
            } else {
                b.append(ProcessStructs.array(c, setTid, setTidSize, 4, Long::toString));
            }
            b.append(", set_tid_size=").append(Long.toUnsignedString(setTidSize));
        }
        long cgroupOffset = Structs.member(c, ARGS, "cgroup").offset();
        long cgroup = get(c, args, "cgroup");
        if (fetch > cgroupOffset && (cgroup != 0 || (flags & flag(c, "CLONE_INTO_CGROUP")) != 0)) {
            b.append(", cgroup=").append(Long.toUnsignedString(cgroup));
        }
        if (Long.compareUnsigned(size, full) > 0) {
            // a bigger struct than the kernel's headers here know: its tail, as strace shows it
            b.append(FileArgs.nonzeroBytes(c, address, full, Math.min(size, FileArgs.PAGE_SIZE)));
        }
        c.print(b.append('}').toString());
        boolean changes = (flags & (flag(c, "CLONE_PIDFD") | flag(c, "CLONE_PARENT_SETTID"))) != 0;
        c.state(new Clone3(args, changes));
        if (!changes) {
            c.print(Long.toUnsignedString(size));
        }
    }

    private static void clone3Exit(Call c) {
        Clone3 entry = c.state();
        if (!entry.changes()) {
            return;
        }
        if (!c.failed()) {
            long flags = get(c, entry.args(), "flags");
            StringBuilder b = new StringBuilder(" => {");
            boolean first = true;
            if ((flags & flag(c, "CLONE_PIDFD")) != 0) {
                b.append("pidfd=").append(ProcessStructs.intAt(c, get(c, entry.args(), "pidfd")));
                first = false;
            }
            if ((flags & flag(c, "CLONE_PARENT_SETTID")) != 0) {
                b.append(first ? "" : ", ")
                        .append("parent_tid=")
                        .append(ProcessStructs.intAt(c, get(c, entry.args(), "parent_tid")));
            }
            c.print(b.append('}').toString());
        }
        c.print(Long.toUnsignedString(c.ulong(1)));
    }
}
