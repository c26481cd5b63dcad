package io.rawsys.trace;

import io.rawsys.Arch;
import io.rawsys.Syscalls;
import io.rawsys.linux.Netlink;
import io.rawsys.linux.Nr;
import io.rawsys.linux.Socket;
import io.rawsys.netlink.NetlinkMessage;
import io.rawsys.netlink.NetlinkRequest;
import io.rawsys.netlink.NetlinkSocket;
import io.rawsys.tool.AddressText;
import io.rawsys.trace.decode.Text;
import io.rawsys.trace.decode.Xlat;
import java.lang.foreign.Arena;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemoryLayout.PathElement;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * What strace 6.1's {@code -yy} ({@code --decode-fds=socket}) prints between the angle brackets of
 * a socket descriptor: {@code TCP:[127.0.0.1:40000->127.0.0.1:80]}, {@code
 * UNIX-STREAM:[6434490->6434491,"/tmp/sock"]}, {@code NETLINK:[ROUTE:1234]}, or the protocol and
 * the inode, {@code UDP:[6434493]}, when the kernel's socket diagnostics do not know the socket.
 *
 * <p>As strace does (its {@code src/socketutils.c}, {@code getfdproto} in {@code src/util.c}): the
 * protocol's name is the {@code system.sockprotoname} extended attribute of {@code
 * /proc/PID/fd/FD}; then one NETLINK_SOCK_DIAG socket asks SOCK_DIAG_BY_FAMILY about the inode — a
 * dump of the protocol's family and protocol for the inet ones (inet_diag_req_v2, every state), the
 * exact socket for UNIX (unix_diag_req with the inode, name and peer asked for), a dump of every
 * netlink protocol for NETLINK (netlink_diag_req) — and the first answer with the inode is the
 * socket. A name strace does not list (PACKET, AF_VSOCK …), or no name, has every one of these
 * asked in strace's order; if none knows the inode, {@link #describe} returns null and the caller
 * prints {@code socket:[INODE]}, as strace does.
 *
 * <p>The diagnostics are asked in the tracer's own network namespace, as strace asks in its own: a
 * socket of a tracee in another network namespace is not found there, and prints as {@code
 * PROTO:[INODE]} (or {@code socket:[INODE]}).
 *
 * <p>Nothing is cached: each call asks the kernel afresh, through one netlink socket it closes
 * before returning. (strace 6.1 keeps what it found per inode for the rest of the trace, so it goes
 * on printing a socket as it first found it — a UDP socket connected after it was printed bound
 * keeps its old text there; here it shows its peer.)
 *
 * <p>The diag structs are not among rawsys's generated layouts, nor the sock_diag constants among
 * its generated constants (bindgen's Netlink group reads linux/netlink.h and linux/rtnetlink.h
 * only): both are written here, from linux/sock_diag.h, linux/inet_diag.h, linux/unix_diag.h and
 * linux/netlink_diag.h, whose layouts are the same on every architecture (u8, u16 and u32 fields
 * only, in the host's byte order, the ports and addresses in network order).
 */
final class SocketDescriptions {
    private SocketDescriptions() {}

    // linux/sock_diag.h
    private static final int SOCK_DIAG_BY_FAMILY = 20;
    // linux/unix_diag.h
    private static final int UDIAG_SHOW_NAME = 0x1;
    private static final int UDIAG_SHOW_PEER = 0x4;
    private static final int UNIX_DIAG_NAME = 0;
    private static final int UNIX_DIAG_PEER = 2;
    // linux/netlink_diag.h
    private static final int NDIAG_PROTO_ALL = 0xff;

    /** sizeof(((struct sockaddr_un *) 0)->sun_path). */
    private static final int UNIX_PATH_MAX = 108;

    private static final ValueLayout.OfByte U8 = ValueLayout.JAVA_BYTE;
    private static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT;
    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT;
    private static final ValueLayout.OfShort BE16 =
            ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    /** struct inet_diag_sockid: ports and addresses in network order. */
    private static final StructLayout INET_DIAG_SOCKID =
            MemoryLayout.structLayout(
                    BE16.withByteAlignment(2).withName("idiag_sport"),
                    BE16.withByteAlignment(2).withName("idiag_dport"),
                    MemoryLayout.sequenceLayout(16, U8).withName("idiag_src"),
                    MemoryLayout.sequenceLayout(16, U8).withName("idiag_dst"),
                    U32.withName("idiag_if"),
                    MemoryLayout.sequenceLayout(2, U32).withName("idiag_cookie"));

    /** struct inet_diag_req_v2 (56 bytes). */
    private static final StructLayout INET_DIAG_REQ_V2 =
            MemoryLayout.structLayout(
                    U8.withName("sdiag_family"),
                    U8.withName("sdiag_protocol"),
                    U8.withName("idiag_ext"),
                    U8.withName("pad"),
                    U32.withName("idiag_states"),
                    INET_DIAG_SOCKID.withName("id"));

    /** struct inet_diag_msg (72 bytes). */
    private static final StructLayout INET_DIAG_MSG =
            MemoryLayout.structLayout(
                    U8.withName("idiag_family"),
                    U8.withName("idiag_state"),
                    U8.withName("idiag_timer"),
                    U8.withName("idiag_retrans"),
                    INET_DIAG_SOCKID.withName("id"),
                    U32.withName("idiag_expires"),
                    U32.withName("idiag_rqueue"),
                    U32.withName("idiag_wqueue"),
                    U32.withName("idiag_uid"),
                    U32.withName("idiag_inode"));

    /** struct unix_diag_req (24 bytes). */
    private static final StructLayout UNIX_DIAG_REQ =
            MemoryLayout.structLayout(
                    U8.withName("sdiag_family"),
                    U8.withName("sdiag_protocol"),
                    U16.withName("pad"),
                    U32.withName("udiag_states"),
                    U32.withName("udiag_ino"),
                    U32.withName("udiag_show"),
                    MemoryLayout.sequenceLayout(2, U32).withName("udiag_cookie"));

    /** struct unix_diag_msg (16 bytes). */
    private static final StructLayout UNIX_DIAG_MSG =
            MemoryLayout.structLayout(
                    U8.withName("udiag_family"),
                    U8.withName("udiag_type"),
                    U8.withName("udiag_state"),
                    U8.withName("pad"),
                    U32.withName("udiag_ino"),
                    MemoryLayout.sequenceLayout(2, U32).withName("udiag_cookie"));

    /** struct netlink_diag_req (24 bytes). */
    private static final StructLayout NETLINK_DIAG_REQ =
            MemoryLayout.structLayout(
                    U8.withName("sdiag_family"),
                    U8.withName("sdiag_protocol"),
                    U16.withName("pad"),
                    U32.withName("ndiag_ino"),
                    U32.withName("ndiag_show"),
                    MemoryLayout.sequenceLayout(2, U32).withName("ndiag_cookie"));

    /** struct netlink_diag_msg (28 bytes). */
    private static final StructLayout NETLINK_DIAG_MSG =
            MemoryLayout.structLayout(
                    U8.withName("ndiag_family"),
                    U8.withName("ndiag_type"),
                    U8.withName("ndiag_protocol"),
                    U8.withName("ndiag_state"),
                    U32.withName("ndiag_portid"),
                    U32.withName("ndiag_dst_portid"),
                    U32.withName("ndiag_dst_group"),
                    U32.withName("ndiag_ino"),
                    MemoryLayout.sequenceLayout(2, U32).withName("ndiag_cookie"));

    /** How a protocol's sockets are looked up. */
    private enum Lookup {
        UNIX,
        INET,
        NETLINK
    }

    /** One protocol strace knows by its sockprotoname: how to ask about it, and with what. */
    private record Protocol(String name, Lookup lookup, int family, int protocol) {}

    /** strace 6.1's table (enum sock_proto's order), which is also the order of a blind search. */
    private static final List<Protocol> PROTOCOLS =
            List.of(
                    new Protocol("UNIX", Lookup.UNIX, Socket.AF_UNIX, 0),
                    new Protocol("UNIX-STREAM", Lookup.UNIX, Socket.AF_UNIX, 0),
                    new Protocol("TCP", Lookup.INET, Socket.AF_INET, Socket.IPPROTO_TCP),
                    new Protocol("UDP", Lookup.INET, Socket.AF_INET, Socket.IPPROTO_UDP),
                    new Protocol("UDPLITE", Lookup.INET, Socket.AF_INET, Socket.IPPROTO_UDPLITE),
                    new Protocol("DCCP", Lookup.INET, Socket.AF_INET, Socket.IPPROTO_DCCP),
                    new Protocol("SCTP", Lookup.INET, Socket.AF_INET, Socket.IPPROTO_SCTP),
                    new Protocol("L2TP/IP", Lookup.INET, Socket.AF_INET, Socket.IPPROTO_L2TP),
                    new Protocol("PING", Lookup.INET, Socket.AF_INET, Socket.IPPROTO_ICMP),
                    new Protocol("RAW", Lookup.INET, Socket.AF_INET, Socket.IPPROTO_RAW),
                    new Protocol("TCPv6", Lookup.INET, Socket.AF_INET6, Socket.IPPROTO_TCP),
                    new Protocol("UDPv6", Lookup.INET, Socket.AF_INET6, Socket.IPPROTO_UDP),
                    new Protocol("UDPLITEv6", Lookup.INET, Socket.AF_INET6, Socket.IPPROTO_UDPLITE),
                    new Protocol("DCCPv6", Lookup.INET, Socket.AF_INET6, Socket.IPPROTO_DCCP),
                    new Protocol("SCTPv6", Lookup.INET, Socket.AF_INET6, Socket.IPPROTO_SCTP),
                    new Protocol("L2TP/IPv6", Lookup.INET, Socket.AF_INET6, Socket.IPPROTO_L2TP),
                    new Protocol("PINGv6", Lookup.INET, Socket.AF_INET6, Socket.IPPROTO_ICMP),
                    new Protocol("RAWv6", Lookup.INET, Socket.AF_INET6, Socket.IPPROTO_RAW),
                    new Protocol("NETLINK", Lookup.NETLINK, Socket.AF_NETLINK, 0));

    /** As {@link #describe(int, int, long, Text.Hex)} with strings quoted without -x. */
    static String describe(int pid, int fd, long inode) {
        return describe(pid, fd, inode, Text.Hex.NONE);
    }

    /**
     * What strace -yy prints between the angle brackets for descriptor {@code fd} of process {@code
     * pid} (as the tracer's /proc sees it), the socket whose inode is {@code inode} (the number in
     * its {@code socket:[INODE]} link): {@code PROTO:[DETAILS]}, {@code PROTO:[INODE]} when the
     * diagnostics do not know it, or null when strace would print {@code socket:[INODE]} (a
     * protocol strace does not know that no diagnostics know either). A UNIX socket's path is
     * quoted as strace quotes strings under {@code hex} (-x, -xx). Never throws: any failure is
     * null.
     */
    static String describe(int pid, int fd, long inode, Text.Hex hex) {
        try {
            if (inode <= 0 || fd < 0) {
                return null;
            }
            Protocol known = protocol(pid, fd);
            String details = null;
            try (NetlinkSocket diag = NetlinkSocket.open(Netlink.NETLINK_SOCK_DIAG)) {
                for (Protocol p : known != null ? List.of(known) : PROTOCOLS) {
                    details = lookup(diag, p, inode, hex);
                    if (details != null) {
                        break;
                    }
                }
            } catch (RuntimeException e) {
                // no diagnostics socket (as strace, the protocol's name and the inode)
            }
            if (details != null || known == null) {
                return details;
            }
            return known.name() + ":[" + inode + "]";
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }

    /**
     * The protocol strace knows by the descriptor's {@code system.sockprotoname} attribute, or null
     * (no attribute, or a name not in strace's table).
     */
    private static Protocol protocol(int pid, int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment path = arena.allocateFrom("/proc/" + pid + "/fd/" + fd);
            MemorySegment name = arena.allocateFrom("system.sockprotoname");
            int size = 256;
            MemorySegment value = arena.allocate(size);
            // strace asks for 255 bytes and ends them with a NUL itself
            long n =
                    Syscalls.raw(
                            Nr.getxattr, path.address(), name.address(), value.address(), size - 1);
            if (n <= 0) {
                return null;
            }
            byte[] bytes = value.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE);
            int end = 0;
            while (end < bytes.length && bytes[end] != 0) {
                end++;
            }
            String text = new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
            for (Protocol p : PROTOCOLS) {
                if (p.name().equals(text)) {
                    return p;
                }
            }
            return null;
        }
    }

    /** The socket's details as protocol {@code p}'s diagnostics tell them, or null. */
    private static String lookup(NetlinkSocket diag, Protocol p, long inode, Text.Hex hex) {
        try {
            return switch (p.lookup()) {
                case INET -> inet(diag, p, inode);
                case UNIX -> unix(diag, p, inode, hex);
                case NETLINK -> netlink(diag, p, inode);
            };
        } catch (RuntimeException e) {
            return null; // an error answer (ENOENT, a protocol without diagnostics …)
        }
    }

    private static long offset(StructLayout layout, String... path) {
        PathElement[] elements =
                Arrays.stream(path).map(PathElement::groupElement).toArray(PathElement[]::new);
        return layout.byteOffset(elements);
    }

    private static int u8(MemorySegment s, StructLayout layout, String... path) {
        return Byte.toUnsignedInt(s.get(U8, offset(layout, path)));
    }

    private static long u32(MemorySegment s, StructLayout layout, String... path) {
        return Integer.toUnsignedLong(s.get(ValueLayout.JAVA_INT_UNALIGNED, offset(layout, path)));
    }

    private static void put8(MemorySegment s, StructLayout layout, String field, int value) {
        s.set(U8, offset(layout, field), (byte) value);
    }

    private static void put32(MemorySegment s, StructLayout layout, String field, int value) {
        s.set(ValueLayout.JAVA_INT_UNALIGNED, offset(layout, field), value);
    }

    /**
     * What one answer says: not the socket asked about ({@link #OTHER}), the socket's details, or
     * the socket but nothing strace would print of it (a {@code null} text: the search ends).
     */
    private record Verdict(boolean mine, String text) {
        static final Verdict OTHER = new Verdict(false, null);
        static final Verdict GIVE_UP = new Verdict(true, null);

        static Verdict found(String text) {
            return new Verdict(true, text);
        }
    }

    /**
     * The details the first answer about the socket gives, or null: as strace's receive_responses,
     * an answer of another type, or one its parser gives up on, ends the search.
     */
    private static String first(
            List<NetlinkMessage> answers, Function<NetlinkMessage, Verdict> parse) {
        for (NetlinkMessage m : answers) {
            if (m.type() != SOCK_DIAG_BY_FAMILY) {
                return null;
            }
            Verdict v = parse.apply(m);
            if (v.mine()) {
                return v.text();
            }
        }
        return null;
    }

    // ---- inet: TCP, UDP, UDPLITE, DCCP, SCTP, L2TP, PING, RAW, v4 and v6 ----

    private static String inet(NetlinkSocket diag, Protocol p, long inode) {
        NetlinkRequest request =
                NetlinkRequest.of(SOCK_DIAG_BY_FAMILY, 0)
                        .struct(
                                INET_DIAG_REQ_V2.byteSize(),
                                r -> {
                                    put8(r, INET_DIAG_REQ_V2, "sdiag_family", p.family());
                                    put8(r, INET_DIAG_REQ_V2, "sdiag_protocol", p.protocol());
                                    put32(r, INET_DIAG_REQ_V2, "idiag_states", -1);
                                });
        return first(diag.dump(request), m -> inetAnswer(m, p, inode));
    }

    private static Verdict inetAnswer(NetlinkMessage m, Protocol p, long inode) {
        MemorySegment payload = m.payload();
        if (payload.byteSize() < INET_DIAG_MSG.byteSize()) {
            return Verdict.GIVE_UP;
        }
        if (u32(payload, INET_DIAG_MSG, "idiag_inode") != inode) {
            return Verdict.OTHER;
        }
        int family = u8(payload, INET_DIAG_MSG, "idiag_family");
        int size;
        if (family == Socket.AF_INET) {
            size = 4;
        } else if (family == Socket.AF_INET6) {
            size = 16;
        } else {
            return Verdict.GIVE_UP;
        }
        long id = offset(INET_DIAG_MSG, "id");
        int sport =
                Short.toUnsignedInt(
                        payload.get(BE16, id + offset(INET_DIAG_SOCKID, "idiag_sport")));
        int dport =
                Short.toUnsignedInt(
                        payload.get(BE16, id + offset(INET_DIAG_SOCKID, "idiag_dport")));
        byte[] src = bytes(payload, id + offset(INET_DIAG_SOCKID, "idiag_src"), size);
        byte[] dst = bytes(payload, id + offset(INET_DIAG_SOCKID, "idiag_dst"), size);
        StringBuilder s = new StringBuilder(p.name()).append(":[");
        endpoint(s, family, src, sport);
        if (dport != 0 || !Arrays.equals(dst, new byte[size])) {
            endpoint(s.append("->"), family, dst, dport);
        }
        return Verdict.found(s.append(']').toString());
    }

    /** {@code 1.2.3.4:80}, or {@code [::1]:80}: the address as inet_ntop writes it. */
    private static void endpoint(StringBuilder s, int family, byte[] address, int port) {
        if (family == Socket.AF_INET6) {
            s.append('[').append(AddressText.ipv6(address, 0)).append(']');
        } else {
            s.append(AddressText.ipv4(address, 0));
        }
        s.append(':').append(port);
    }

    private static byte[] bytes(MemorySegment s, long at, int size) {
        return s.asSlice(at, size).toArray(ValueLayout.JAVA_BYTE);
    }

    // ---- UNIX ----

    private static String unix(NetlinkSocket diag, Protocol p, long inode, Text.Hex hex) {
        NetlinkRequest request =
                NetlinkRequest.of(SOCK_DIAG_BY_FAMILY, 0)
                        .struct(
                                UNIX_DIAG_REQ.byteSize(),
                                r -> {
                                    put8(r, UNIX_DIAG_REQ, "sdiag_family", Socket.AF_UNIX);
                                    put32(r, UNIX_DIAG_REQ, "udiag_states", -1);
                                    put32(r, UNIX_DIAG_REQ, "udiag_ino", (int) inode);
                                    put32(
                                            r,
                                            UNIX_DIAG_REQ,
                                            "udiag_show",
                                            UDIAG_SHOW_NAME | UDIAG_SHOW_PEER);
                                    // no cookie to check: both words all ones
                                    long cookie = offset(UNIX_DIAG_REQ, "udiag_cookie");
                                    r.set(ValueLayout.JAVA_LONG_UNALIGNED, cookie, -1L);
                                });
        // the exact socket (a request, not a dump), as strace asks since Linux 4.4.4
        return first(diag.request(request), m -> unixAnswer(m, p, inode, hex));
    }

    private static Verdict unixAnswer(NetlinkMessage m, Protocol p, long inode, Text.Hex hex) {
        MemorySegment payload = m.payload();
        if (payload.byteSize() < UNIX_DIAG_MSG.byteSize()) {
            return Verdict.GIVE_UP;
        }
        if (u32(payload, UNIX_DIAG_MSG, "udiag_ino") != inode) {
            return Verdict.OTHER;
        }
        if (u8(payload, UNIX_DIAG_MSG, "udiag_family") != Socket.AF_UNIX) {
            return Verdict.GIVE_UP;
        }
        long peer = 0;
        byte[] path = null;
        for (var attribute : m.attributes(UNIX_DIAG_MSG.byteSize())) {
            if (attribute.type() == UNIX_DIAG_NAME) {
                if (path == null || path.length == 0) {
                    byte[] name = attribute.bytes();
                    path = Arrays.copyOf(name, Math.min(name.length, UNIX_PATH_MAX));
                }
            } else if (attribute.type() == UNIX_DIAG_PEER) {
                if (attribute.bytes().length >= 4) {
                    peer = attribute.u32AsLong();
                }
            }
        }
        boolean named = path != null && path.length > 0;
        if (peer == 0 && !named) {
            return Verdict.GIVE_UP; // strace's PROTO:[INODE]
        }
        StringBuilder s = new StringBuilder(p.name()).append(":[").append(inode);
        if (peer != 0) {
            s.append("->").append(peer);
        }
        if (named) {
            s.append(',');
            if (path[0] == 0) { // an abstract name: @ then what follows the NUL, up to the next
                s.append('@').append(quoteUpToNul(Arrays.copyOfRange(path, 1, path.length), hex));
            } else {
                s.append(quoteUpToNul(path, hex));
            }
        }
        return Verdict.found(s.append(']').toString());
    }

    private static String quoteUpToNul(byte[] bytes, Text.Hex hex) {
        int end = 0;
        while (end < bytes.length && bytes[end] != 0) {
            end++;
        }
        return Text.quote(bytes, end, hex);
    }

    // ---- NETLINK ----

    private static String netlink(NetlinkSocket diag, Protocol p, long inode) {
        NetlinkRequest request =
                NetlinkRequest.of(SOCK_DIAG_BY_FAMILY, 0)
                        .struct(
                                NETLINK_DIAG_REQ.byteSize(),
                                r -> {
                                    put8(r, NETLINK_DIAG_REQ, "sdiag_family", Socket.AF_NETLINK);
                                    put8(r, NETLINK_DIAG_REQ, "sdiag_protocol", NDIAG_PROTO_ALL);
                                });
        return first(diag.dump(request), m -> netlinkAnswer(m, p, inode));
    }

    private static Verdict netlinkAnswer(NetlinkMessage m, Protocol p, long inode) {
        MemorySegment payload = m.payload();
        if (payload.byteSize() < NETLINK_DIAG_MSG.byteSize()) {
            return Verdict.GIVE_UP;
        }
        if (u32(payload, NETLINK_DIAG_MSG, "ndiag_ino") != inode) {
            return Verdict.OTHER;
        }
        if (u8(payload, NETLINK_DIAG_MSG, "ndiag_family") != Socket.AF_NETLINK) {
            return Verdict.GIVE_UP;
        }
        int protocol = u8(payload, NETLINK_DIAG_MSG, "ndiag_protocol");
        String name = Xlat.load("netlink_protocols").name(Arch.current(), protocol);
        StringBuilder s = new StringBuilder(p.name()).append(":[");
        if (name != null) {
            s.append(name.startsWith("NETLINK_") ? name.substring("NETLINK_".length()) : name)
                    .append(':')
                    .append(u32(payload, NETLINK_DIAG_MSG, "ndiag_portid"));
        } else {
            s.append(protocol);
        }
        return Verdict.found(s.append(']').toString());
    }
}
