package io.rawsys.trace.decode;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * POSIX message queues as strace's mq.c and print_mq_attr.c print them: mq_open (its mode and
 * attributes only with O_CREAT), mq_unlink, mq_timedsend and mq_timedreceive (and i386's *_time64
 * ones), mq_notify with its sigevent, and mq_getsetattr.
 *
 * <p>A {@code struct mq_attr} (linux/mqueue.h) is eight {@code __kernel_long_t}s, of which strace
 * prints the first four; it is not among rawsys's generated layouts, so it is read here as eight
 * words of the tracee's kernel long (8 bytes on x32, whose words are 4).
 */
final class MqDecoders {
    private MqDecoders() {}

    static final Xlat MQ_FLAGS = Xlat.load("mq_attr_flags");

    static void register(Decoders d) {
        d.add(
                "mq_open",
                Coded.atEntry(
                                c -> {
                                    c.print(Args.PATH.print(c, 0));
                                    c.print(FileArgs.openFlags(c, c.uint(1)));
                                    if ((c.ulong(1) & c.arch().constants().value("O_CREAT")) != 0) {
                                        c.print(FileArgs.UMODE.print(c, 2));
                                        c.print(attr(c, c.ulong(3), false));
                                    }
                                })
                        .returning(Results.FD));
        d.add("mq_unlink", new Signature(Args.PATH));
        d.add("mq_timedsend", Coded.atEntry(c -> send(c, false)));
        d.add("mq_timedsend_time64", Coded.atEntry(c -> send(c, true)));
        d.add(
                "mq_timedreceive",
                Coded.split(c -> c.print(Args.FD.print(c, 0)), c -> receive(c, false)));
        d.add(
                "mq_timedreceive_time64",
                Coded.split(c -> c.print(Args.FD.print(c, 0)), c -> receive(c, true)));
        d.add(
                "mq_notify",
                Coded.atEntry(
                        c -> {
                            c.print(Args.FD.print(c, 0));
                            c.print(ProcessStructs.sigevent(c, c.ulong(1)));
                        }));
        d.add(
                "mq_getsetattr",
                Coded.split(
                        c -> {
                            c.print(Args.FD.print(c, 0));
                            c.print(attr(c, c.ulong(1), true));
                        },
                        c -> c.print(attr(c, c.ulong(2), true))));
    }

    private static void send(Call c, boolean time64) {
        long length = Args.kulong(c, 2);
        c.print(Args.FD.print(c, 0));
        c.print(
                FileArgs.string(
                        c,
                        c.ulong(1),
                        length < 0 ? Long.MAX_VALUE : length,
                        c.settings().stringLimit(),
                        false));
        c.print(Long.toUnsignedString(length));
        c.print(Long.toString(c.uint(3)));
        c.print(timeout(c, c.ulong(4), time64));
    }

    private static void receive(Call c, boolean time64) {
        c.print(
                c.failed()
                        ? Text.pointer(c.ulong(1))
                        : FileArgs.string(
                                c, c.ulong(1), c.result(), c.settings().stringLimit(), false));
        c.print(Long.toUnsignedString(Args.kulong(c, 2)));
        c.print(FileArgs.numberAt(c, c.ulong(3), 4, false, true));
        // the kernel read the timeout at entry: strace prints it whether or not the call failed
        c.print(timeout(c, c.ulong(4), time64));
    }

    /** The absolute timeout, read whatever the outcome: {@code {tv_sec=1, tv_nsec=0}}. */
    private static String timeout(Call c, long address, boolean time64) {
        String struct = time64 ? "kernel_timespec" : "timespec";
        if (address == 0) {
            return "NULL";
        }
        MemorySegment s = Structs.read(c, struct, address);
        return s == null ? Text.pointer(address) : ProcessStructs.timespec(c, s, struct, "");
    }

    /**
     * A struct mq_attr: {@code {mq_flags=O_NONBLOCK, mq_maxmsg=10, mq_msgsize=8192, mq_curmsgs=0}},
     * its flags in hex unless {@code named} (mq_open's); the address when it cannot be read (or at
     * the exit of a call that failed).
     */
    private static String attr(Call c, long address, boolean named) {
        int k = Args.kernelLong(c);
        if (address == 0) {
            return "NULL";
        }
        MemorySegment s = Peek.fetch(c, address, 8L * k);
        if (s == null) {
            return Text.pointer(address);
        }
        long[] v = new long[4];
        for (int i = 0; i < 4; i++) {
            v[i] =
                    k == 8
                            ? s.get(
                                    ValueLayout.JAVA_LONG_UNALIGNED.withOrder(c.arch().byteOrder()),
                                    8L * i)
                            : Peek.intAt(c, s, 4L * i);
        }
        long flags = k == 8 ? v[0] : v[0] & 0xffff_ffffL;
        return "{mq_flags="
                + (named ? MQ_FLAGS.flags(c.arch(), flags) : Text.hex(flags))
                + ", mq_maxmsg="
                + v[1]
                + ", mq_msgsize="
                + v[2]
                + ", mq_curmsgs="
                + v[3]
                + "}";
    }
}
