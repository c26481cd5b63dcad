package io.rawsys.calls;

import io.rawsys.linux.Socket;
import io.rawsys.linux.struct.SockaddrIn;
import io.rawsys.linux.struct.SockaddrIn6;
import io.rawsys.linux.struct.SockaddrNl;
import io.rawsys.linux.struct.SockaddrUn;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Socket addresses as the kernel reads them: each method returns a segment exactly as long as its
 * {@code sockaddr}, which is the length {@link SocketCalls#bind} and friends pass along.
 */
public final class SocketAddresses {
    private SocketAddresses() {}

    /** A {@code sockaddr_in} or {@code sockaddr_in6} for {@code address}. */
    public static MemorySegment inet(Arena arena, InetSocketAddress address) {
        InetAddress ip = address.getAddress();
        if (ip == null) {
            throw new IllegalArgumentException(
                    address + " is unresolved; resolve it before binding or connecting");
        }
        if (ip instanceof Inet4Address) {
            MemorySegment sa = SockaddrIn.allocate(arena);
            SockaddrIn.sin_family(sa, (short) Socket.AF_INET);
            SockaddrIn.sin_port(sa, networkOrder(address.getPort()));
            MemorySegment.copy(
                    ip.getAddress(), 0, SockaddrIn.sin_addr(sa), ValueLayout.JAVA_BYTE, 0, 4);
            return sa;
        }
        MemorySegment sa = SockaddrIn6.allocate(arena);
        SockaddrIn6.sin6_family(sa, (short) Socket.AF_INET6);
        SockaddrIn6.sin6_port(sa, networkOrder(address.getPort()));
        MemorySegment.copy(
                ip.getAddress(), 0, SockaddrIn6.sin6_addr(sa), ValueLayout.JAVA_BYTE, 0, 16);
        SockaddrIn6.sin6_scope_id(sa, ((Inet6Address) ip).getScopeId());
        return sa;
    }

    /**
     * A {@code sockaddr_un} for a path, or for a name in the abstract namespace when {@code path}
     * starts with {@code @} (as ss and systemd write them).
     */
    public static MemorySegment unix(Arena arena, String path) {
        byte[] name = path.getBytes(StandardCharsets.UTF_8);
        boolean abstractName = path.startsWith("@");
        long room = SockaddrUn.sun_path(SockaddrUn.allocate(arena)).byteSize();
        if (name.length >= room) {
            throw new IllegalArgumentException(
                    "a unix socket path holds at most "
                            + (room - 1)
                            + " bytes, and '"
                            + path
                            + "' has "
                            + name.length);
        }
        if (!abstractName && path.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(
                    "the path '" + path.replace("\0", "\\0") + "' contains a NUL byte");
        }
        MemorySegment sa = SockaddrUn.allocate(arena);
        SockaddrUn.sun_family(sa, (short) Socket.AF_UNIX);
        MemorySegment.copy(name, 0, SockaddrUn.sun_path(sa), ValueLayout.JAVA_BYTE, 0, name.length);
        long pathOffset = SockaddrUn.sun_path(sa).address() - sa.address();
        if (abstractName) {
            SockaddrUn.sun_path(sa).set(ValueLayout.JAVA_BYTE, 0, (byte) 0);
            return sa.asSlice(
                    0,
                    pathOffset + name.length); // an abstract name is exactly as long as its bytes
        }
        return sa.asSlice(0, pathOffset + name.length + 1);
    }

    /** A {@code sockaddr_nl}: a netlink port id (0 lets the kernel pick) and multicast groups. */
    public static MemorySegment netlink(Arena arena, int portId, int groups) {
        MemorySegment sa = SockaddrNl.allocate(arena);
        SockaddrNl.nl_family(sa, (short) Socket.AF_NETLINK);
        SockaddrNl.nl_pid(sa, portId);
        SockaddrNl.nl_groups(sa, groups);
        return sa;
    }

    /** A port, or back, between host and network (big-endian) byte order: htons and ntohs. */
    static short networkOrder(int port) {
        short value = (short) port;
        return ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN ? value : Short.reverseBytes(value);
    }

    /** The address in a {@code sockaddr_in} or {@code sockaddr_in6} the kernel filled. */
    public static InetSocketAddress toInet(MemorySegment sockaddr) {
        short family = SockaddrIn.sin_family(sockaddr);
        try {
            if (family == Socket.AF_INET) {
                byte[] ip = SockaddrIn.sin_addr(sockaddr).toArray(ValueLayout.JAVA_BYTE);
                return new InetSocketAddress(
                        InetAddress.getByAddress(ip),
                        Short.toUnsignedInt(networkOrder(SockaddrIn.sin_port(sockaddr))));
            }
            if (family == Socket.AF_INET6) {
                byte[] ip = SockaddrIn6.sin6_addr(sockaddr).toArray(ValueLayout.JAVA_BYTE);
                return new InetSocketAddress(
                        Inet6Address.getByAddress(null, ip, SockaddrIn6.sin6_scope_id(sockaddr)),
                        Short.toUnsignedInt(networkOrder(SockaddrIn6.sin6_port(sockaddr))));
            }
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
        throw new IllegalArgumentException(
                "address family " + family + " is neither AF_INET nor AF_INET6");
    }
}
