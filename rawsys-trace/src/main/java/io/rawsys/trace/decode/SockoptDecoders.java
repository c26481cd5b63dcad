package io.rawsys.trace.decode;

import io.rawsys.Arch;
import java.lang.foreign.MemorySegment;

/**
 * setsockopt and getsockopt, as strace's net.c prints them: the level and the option by name, the
 * value as an int ({@code [1]}), as one of the structs strace decodes (linger, ucred, ip_mreq,
 * ipv6_mreq, SO_ERROR's errno), or as a string of bytes; getsockopt's length as a value-result
 * pair.
 */
final class SockoptDecoders {
    private SockoptDecoders() {}

    static void register(Decoders d) {
        d.add("setsockopt", new Setsockopt());
        d.add("getsockopt", new Getsockopt());
    }

    /** The descriptor, the level, and the option's name. */
    private static void head(Call c, boolean get) {
        c.print(Args.fdText(c, c.sint(0)));
        c.print(SocketTables.optionLevel(c.arch(), c.uint(1)));
        c.print(SockoptTables.name(c.arch(), c.uint(1), c.uint(2), get));
    }

    private static boolean is(Arch arch, long value, String name) {
        return arch.constants().find(name).orElse(Long.MIN_VALUE) == value;
    }

    /** Everything at entry: the value as the kernel will read it. */
    private static final class Setsockopt implements Decoder {
        @Override
        public void enter(Call c) {
            head(c, false);
            c.print(value(c, c.uint(1), c.uint(2), c.ulong(3), c.sint(4)));
            c.print(Integer.toString(c.sint(4)));
        }

        private static String value(Call c, long level, long name, long address, int length) {
            Arch arch = c.arch();
            if (address != 0) {
                if (is(arch, level, "SOL_SOCKET") && is(arch, name, "SO_LINGER")) {
                    return length < Peek.size(c, "linger")
                            ? Text.pointer(address)
                            : NetStructs.struct(
                                    c, "linger", address, Integer.MAX_VALUE, NetStructs.LINGER);
                }
                if (is(arch, level, "SOL_IP")
                        && (is(arch, name, "IP_ADD_MEMBERSHIP")
                                || is(arch, name, "IP_DROP_MEMBERSHIP"))) {
                    return length < Peek.size(c, "ip_mreq")
                            ? Text.pointer(address)
                            : NetStructs.struct(
                                    c, "ip_mreq", address, Integer.MAX_VALUE, NetStructs.IP_MREQ);
                }
                if (is(arch, level, "SOL_IPV6")
                        && (is(arch, name, "IPV6_ADD_MEMBERSHIP")
                                || is(arch, name, "IPV6_DROP_MEMBERSHIP")
                                || is(arch, name, "IPV6_JOIN_ANYCAST")
                                || is(arch, name, "IPV6_LEAVE_ANYCAST"))) {
                    return length < Peek.size(c, "ipv6_mreq")
                            ? Text.pointer(address)
                            : NetStructs.struct(
                                    c,
                                    "ipv6_mreq",
                                    address,
                                    Integer.MAX_VALUE,
                                    NetStructs.IPV6_MREQ);
                }
                if (is(arch, level, "SOL_NETLINK")) {
                    return length < Integer.BYTES ? Text.pointer(address) : intIn(c, address);
                }
            }
            return length == Integer.BYTES
                    ? intIn(c, address)
                    : Args.buffer(c, address, Integer.toUnsignedLong(length), false);
        }

        @Override
        public boolean moreAtExit(Call c) {
            return false;
        }

        @Override
        public void exit(Call c) {}

        @Override
        public String result(Call c) {
            return Long.toString(c.result());
        }
    }

    /**
     * The head at entry; if the length can be read then, the value and both lengths at exit,
     * otherwise both pointers at entry.
     */
    private static final class Getsockopt implements Decoder {
        @Override
        public void enter(Call c) {
            head(c, true);
            Integer length = Peek.peekInt(c, c.ulong(4));
            if (length != null) {
                c.state(length);
                return;
            }
            c.print(Text.pointer(c.ulong(3)));
            c.print(Text.pointer(c.ulong(4)));
        }

        @Override
        public boolean moreAtExit(Call c) {
            return c.state() != null;
        }

        @Override
        public void exit(Call c) {
            NetArgs.valueResult(
                    c,
                    3,
                    4,
                    (asked, after) -> value(c, c.uint(1), c.uint(2), c.ulong(3), asked, after));
        }

        private static String value(
                Call c, long level, long name, long address, int before, int after) {
            if (before <= 0 || after <= 0) {
                return Text.pointer(address); // lengths the kernel never returns: forged
            }
            Arch arch = c.arch();
            if (address != 0 && is(arch, level, "SOL_SOCKET")) {
                if (is(arch, name, "SO_LINGER")) {
                    return NetStructs.struct(c, "linger", address, after, NetStructs.LINGER);
                }
                if (is(arch, name, "SO_PEERCRED")) {
                    return NetStructs.struct(c, "ucred", address, after, NetStructs.UCRED);
                }
                if (is(arch, name, "SO_ERROR")) {
                    MemorySegment s = Peek.fetch(c, address, Math.min(after, Integer.BYTES));
                    if (s == null) {
                        return Text.pointer(address);
                    }
                    int error =
                            Math.min(after, Integer.BYTES) == Integer.BYTES
                                    ? Peek.intAt(c, s, 0)
                                    : 0;
                    return "[" + arch.errnos().name(error).orElse(Integer.toString(error)) + "]";
                }
            }
            if (address != 0 && is(arch, level, "SOL_NETLINK")) {
                if (is(arch, name, "NETLINK_LIST_MEMBERSHIPS")) {
                    return FileArgs.array(
                            c,
                            address,
                            Math.min(before, after) / Integer.BYTES,
                            Integer.BYTES,
                            (e, i) -> Integer.toUnsignedString(Peek.intAt(c, e, 0)));
                }
                return intIn(c, address);
            }
            return after == Integer.BYTES
                    ? intIn(c, address)
                    : Args.buffer(c, address, after, false);
        }

        @Override
        public String result(Call c) {
            return Long.toString(c.result());
        }
    }

    /** strace's printnum_int: {@code [1]}, or the address. */
    static String intIn(Call c, long address) {
        MemorySegment s = Peek.fetch(c, address, Integer.BYTES);
        return s == null ? Text.pointer(address) : "[" + Peek.intAt(c, s, 0) + "]";
    }
}
