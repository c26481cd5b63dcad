package io.rawsys.trace.decode;

import java.lang.foreign.MemorySegment;

/**
 * seccomp, by operation: SECCOMP_SET_MODE_FILTER's flags and program (its instructions with -v),
 * SECCOMP_GET_ACTION_AVAIL's action, SECCOMP_GET_NOTIF_SIZES's sizes (written by the kernel, so
 * printed at exit), and for the others the flags in hex and the argument's address, as strace 6.1
 * prints them.
 */
final class SeccompDecoders {
    private SeccompDecoders() {}

    private static final Xlat OPS = Xlat.load("seccomp_ops");
    private static final Xlat FILTER_FLAGS = Xlat.load("seccomp_filter_flags");
    private static final Xlat ACTIONS = Xlat.load("seccomp_ret_action");

    static void register(Decoders d) {
        d.add(
                "seccomp",
                new Coded(SeccompDecoders::enter, SeccompDecoders::sizes, SeccompDecoders::exit));
    }

    private static String op(Call c) {
        String name = OPS.name(c.arch(), c.uint(0));
        return name != null ? name : "";
    }

    /** Whether the kernel writes the argument: SECCOMP_GET_NOTIF_SIZES's struct. */
    private static boolean sizes(Call c) {
        return op(c).equals("SECCOMP_GET_NOTIF_SIZES");
    }

    private static void enter(Call c) {
        c.print(OPS.value(c.arch(), c.uint(0)));
        long flags = c.uint(1);
        long arg = c.ulong(2);
        switch (op(c)) {
            case "SECCOMP_GET_ACTION_AVAIL" -> {
                c.print(Text.hex(flags));
                MemorySegment s = Peek.fetch(c, arg, 4);
                c.print(
                        s == null
                                ? Text.pointer(arg)
                                : "["
                                        + ACTIONS.value(
                                                c.arch(),
                                                Integer.toUnsignedLong(Peek.intAt(c, s, 0)))
                                        + "]");
            }
            case "SECCOMP_GET_NOTIF_SIZES" -> c.print(Text.hex(flags));
            case "SECCOMP_SET_MODE_FILTER" -> {
                c.print(FILTER_FLAGS.flags(c.arch(), flags));
                c.print(BpfPrograms.fprog(c, arg, true));
            }
            default -> {
                c.print(Text.hex(flags));
                c.print(Text.pointer(arg));
            }
        }
    }

    private static void exit(Call c) {
        if (!sizes(c)) {
            return;
        }
        long arg = c.ulong(2);
        MemorySegment s = Peek.fetch(c, "seccomp_notif_sizes", arg);
        if (s == null) {
            c.print(Text.pointer(arg));
            return;
        }
        c.print(
                "{seccomp_notif="
                        + unsigned(c, s, "seccomp_notif")
                        + ", seccomp_notif_resp="
                        + unsigned(c, s, "seccomp_notif_resp")
                        + ", seccomp_data="
                        + unsigned(c, s, "seccomp_data")
                        + "}");
    }

    private static String unsigned(Call c, MemorySegment s, String member) {
        return Long.toString(Peek.get(c, s, "seccomp_notif_sizes", member) & 0xffff);
    }
}
