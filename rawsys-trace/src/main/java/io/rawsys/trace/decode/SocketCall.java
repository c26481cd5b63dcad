package io.rawsys.trace.decode;

import io.rawsys.Arch;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Locale;

/**
 * i386's {@code socketcall(call, args)} as strace's decode_socket_subcall reads it: the call named
 * by {@code SYS_<NAME>}, its arguments the words {@code args} points to, so that it is filtered and
 * printed as that call ({@code bind(3, …)}). A call number socketcall does not know, or arguments
 * that cannot be read, leave the carrier as it is.
 */
final class SocketCall implements Decoders.Carrier {
    /** The calls, in socketcall's order, with the words each takes (the kernel's nargs). */
    private static final String[] NAMES = {
        "socket", "bind", "connect", "listen", "accept", "getsockname", "getpeername",
        "socketpair", "send", "recv", "sendto", "recvfrom", "shutdown", "setsockopt",
        "getsockopt", "sendmsg", "recvmsg", "accept4", "recvmmsg", "sendmmsg"
    };

    private static final int[] WORDS = {3, 3, 3, 2, 3, 3, 3, 4, 4, 4, 6, 6, 2, 5, 5, 3, 3, 4, 5, 4};

    /** socketcall itself, when it carries nothing: {@code socketcall(SYS_BIND, 0x1)}. */
    static final Decoder CARRIER =
            new Signature(
                    (c, at) -> {
                        String name = callName(c.arch(), c.sint(at));
                        return name != null ? name : Integer.toString(c.sint(at));
                    },
                    Args.PTR);

    private static String callName(Arch arch, int call) {
        for (String name : NAMES) {
            String constant = "SYS_" + name.toUpperCase(Locale.ROOT);
            if (arch.constants().find(constant).orElse(-1) == call) {
                return constant;
            }
        }
        return null;
    }

    @Override
    public java.util.Set<String> carries() {
        return java.util.Set.of(NAMES);
    }

    @Override
    public Decoders.Carried carried(Arch arch, long[] args, Memory memory) {
        String name = callName(arch, (int) args[0]);
        for (int i = 0; i < NAMES.length; i++) {
            if (!("SYS_" + NAMES[i].toUpperCase(Locale.ROOT)).equals(name)) {
                continue;
            }
            int word = arch.wordSize();
            byte[] read = args[1] == 0 ? null : memory.bytes(args[1], WORDS[i] * word);
            if (read == null) {
                return null;
            }
            MemorySegment bytes = MemorySegment.ofArray(read);
            long[] carried = new long[WORDS[i]];
            for (int a = 0; a < carried.length; a++) {
                carried[a] =
                        word == 4
                                ? Integer.toUnsignedLong(
                                        bytes.get(
                                                ValueLayout.JAVA_INT_UNALIGNED.withOrder(
                                                        arch.byteOrder()),
                                                (long) a * word))
                                : bytes.get(
                                        ValueLayout.JAVA_LONG_UNALIGNED.withOrder(arch.byteOrder()),
                                        (long) a * word);
            }
            return new Decoders.Carried(NAMES[i], carried);
        }
        return null;
    }
}
