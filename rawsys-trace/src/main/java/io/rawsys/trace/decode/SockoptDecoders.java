package io.rawsys.trace.decode;

import io.rawsys.Arch;
import io.rawsys.StructMember;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;

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
                            : struct(c, "linger", address, Integer.MAX_VALUE, LINGER);
                }
                if (is(arch, level, "SOL_IP")
                        && (is(arch, name, "IP_ADD_MEMBERSHIP")
                                || is(arch, name, "IP_DROP_MEMBERSHIP"))) {
                    return length < Peek.size(c, "ip_mreq")
                            ? Text.pointer(address)
                            : struct(c, "ip_mreq", address, Integer.MAX_VALUE, IP_MREQ);
                }
                if (is(arch, level, "SOL_IPV6")
                        && (is(arch, name, "IPV6_ADD_MEMBERSHIP")
                                || is(arch, name, "IPV6_DROP_MEMBERSHIP")
                                || is(arch, name, "IPV6_JOIN_ANYCAST")
                                || is(arch, name, "IPV6_LEAVE_ANYCAST"))) {
                    return length < Peek.size(c, "ipv6_mreq")
                            ? Text.pointer(address)
                            : struct(c, "ipv6_mreq", address, Integer.MAX_VALUE, IPV6_MREQ);
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
            Integer before = c.state();
            if (before == null) {
                return;
            }
            Integer after = c.failed() ? null : Peek.peekInt(c, c.ulong(4));
            if (after == null) {
                c.print(Text.pointer(c.ulong(3)));
                c.print("[" + before + "]");
                return;
            }
            c.print(value(c, c.uint(1), c.uint(2), c.ulong(3), before, after));
            c.print(SocketDecoders.lengths(before, after));
        }

        private static String value(
                Call c, long level, long name, long address, int before, int after) {
            if (before <= 0 || after <= 0) {
                return Text.pointer(address); // lengths the kernel never returns: forged
            }
            Arch arch = c.arch();
            if (address != 0 && is(arch, level, "SOL_SOCKET")) {
                if (is(arch, name, "SO_LINGER")) {
                    return struct(c, "linger", address, after, LINGER);
                }
                if (is(arch, name, "SO_PEERCRED")) {
                    return struct(c, "ucred", address, after, UCRED);
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

    /** One member of a struct strace prints, and how. */
    private record Field(String member, Format format) {}

    /** How a field prints, its name included: {@code l_onoff=1}. */
    @FunctionalInterface
    private interface Format {
        String print(Call c, MemorySegment struct, String name, String member);
    }

    private static final Format DECIMAL =
            (c, s, struct, member) -> member + "=" + Peek.get(c, s, struct, member);

    /** A uid or gid: -1 as such, others unsigned. */
    private static final Format ID =
            (c, s, struct, member) -> {
                long id = Peek.get(c, s, struct, member);
                return member + "=" + (id == 0xffff_ffffL ? "-1" : Long.toString(id));
            };

    private static final List<Field> LINGER =
            List.of(new Field("l_onoff", DECIMAL), new Field("l_linger", DECIMAL));

    private static final List<Field> UCRED =
            List.of(new Field("pid", DECIMAL), new Field("uid", ID), new Field("gid", ID));

    private static final List<Field> IP_MREQ =
            List.of(
                    new Field("imr_multiaddr", inetAddr("imr_multiaddr")),
                    new Field("imr_interface", inetAddr("imr_interface")));

    private static final List<Field> IPV6_MREQ =
            List.of(
                    new Field(
                            "ipv6mr_multiaddr",
                            (c, s, struct, member) ->
                                    InetAddresses.inetPton(
                                            member,
                                            Peek.array(s, 0, s.byteSize()),
                                            offset(c, struct, member))),
                    new Field(
                            "ipv6mr_interface",
                            (c, s, struct, member) ->
                                    "ipv6mr_interface="
                                            + InetAddresses.ifindex(
                                                    Peek.get(c, s, struct, member))));

    private static Format inetAddr(String member) {
        return (c, s, struct, m) ->
                InetAddresses.inetAddr(
                        member, Peek.array(s, 0, s.byteSize()), offset(c, struct, member));
    }

    private static int offset(Call c, String struct, String member) {
        return (int) Structs.member(c, struct, member).offset();
    }

    /**
     * The {@code struct} at {@code address}, its fields as far as {@code length} bytes reach (the
     * kernel may return fewer): a field cut short prints its bytes in hex, as strace's
     * MAYBE_PRINT_FIELD_LEN does.
     */
    private static String struct(
            Call c, String struct, long address, int length, List<Field> fields) {
        int size = (int) Math.min(length, Peek.size(c, struct));
        MemorySegment s = Peek.fetch(c, address, size);
        if (s == null) {
            return Text.pointer(address);
        }
        return format(c, struct, s, fields);
    }

    /** SCM_CREDENTIALS' {@code {pid=1, uid=0, gid=0}}, from a whole ucred in {@code s}. */
    static String ucred(Call c, MemorySegment s) {
        return format(c, "ucred", s, UCRED);
    }

    /**
     * The {@code fields} of {@code struct} that the {@code s.byteSize()} bytes of {@code s} hold.
     */
    private static String format(Call c, String struct, MemorySegment s, List<Field> fields) {
        int size = (int) Math.min(s.byteSize(), Peek.size(c, struct));
        MemorySegment whole = Arena.ofAuto().allocate(Peek.size(c, struct));
        whole.copyFrom(s.asSlice(0, size));
        StringBuilder text = new StringBuilder("{");
        for (Field f : fields) {
            StructMember member = Structs.member(c, struct, f.member());
            long end = member.offset() + member.size() * Math.max(1, member.count());
            if (size < end) {
                if (size > member.offset()) {
                    byte[] part = Peek.array(whole, member.offset(), size - member.offset());
                    text.append(text.length() > 1 ? ", " : "")
                            .append(f.member())
                            .append('=')
                            .append(Text.quote(part, part.length, true));
                }
                break;
            }
            text.append(text.length() > 1 ? ", " : "")
                    .append(f.format().print(c, whole, struct, f.member()));
        }
        return text.append('}').toString();
    }
}
