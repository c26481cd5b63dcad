package io.rawsys.trace.decode;

/**
 * Calls on the system as a whole, as strace 6.1 prints them: membarrier (the command, the flags,
 * the CPU when MEMBARRIER_CMD_FLAG_CPU asks for one, and MEMBARRIER_CMD_QUERY's result as the set
 * of commands it names), pivot_root (two paths, as strace's link) and set_mempolicy_home_node
 * (address, length, node, flags in hex). sysfs has no decoder: strace 6.1 prints its words raw.
 */
final class SystemDecoders {
    private SystemDecoders() {}

    private static final Xlat MEMBARRIER_CMDS = Xlat.load("membarrier_cmds");
    private static final Xlat MEMBARRIER_FLAGS = Xlat.load("membarrier_flags");

    /** MEMBARRIER_CMD_FLAG_CPU: a CPU follows the flags. */
    private static final long FLAG_CPU = 1;

    static void register(Decoders d) {
        d.add(
                "membarrier",
                Coded.atEntry(SystemDecoders::membarrier).returning(SystemDecoders::commands));
        d.add("pivot_root", new Signature(Args.PATH, Args.PATH));
        d.add("set_mempolicy_home_node", new Signature(Args.PTR, Args.ULONG, Args.ULONG, Args.HEX));
    }

    private static void membarrier(Call c) {
        c.print(MEMBARRIER_CMDS.value(c.arch(), c.uint(0)));
        long flags = c.uint(1);
        c.print(MEMBARRIER_FLAGS.flags(c.arch(), flags));
        if ((flags & FLAG_CPU) != 0) {
            c.print(Integer.toString(c.sint(2)));
        }
    }

    /** MEMBARRIER_CMD_QUERY's nonzero result: {@code 0x3ff (MEMBARRIER_CMD_GLOBAL|…)}. */
    private static String commands(Call c) {
        if (c.sint(0) != 0 || c.result() == 0) {
            return Long.toString(c.result());
        }
        return Text.hex(c.result()) + " (" + MEMBARRIER_CMDS.flags(c.arch(), c.result()) + ")";
    }
}
