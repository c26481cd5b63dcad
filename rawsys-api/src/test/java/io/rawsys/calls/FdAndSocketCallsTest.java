package io.rawsys.calls;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rawsys.ErrnoException;
import io.rawsys.linux.Errno;
import io.rawsys.linux.Fcntl;
import io.rawsys.linux.Netlink;
import io.rawsys.linux.Poll;
import io.rawsys.linux.Socket;
import io.rawsys.linux.struct.SockaddrNl;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FdAndSocketCallsTest {
    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void pipesDupsEventfdsAndFcntl() {
        try (Arena arena = Arena.ofConfined()) {
            Pipe pipe = FdCalls.pipe2(Fcntl.O_CLOEXEC | Fcntl.O_NONBLOCK);
            assertTrue((FdCalls.fcntl(pipe.readEnd(), Fcntl.F_GETFL) & Fcntl.O_NONBLOCK) != 0);
            assertEquals(Fcntl.FD_CLOEXEC, FdCalls.fcntl(pipe.writeEnd(), Fcntl.F_GETFD));
            int copy = FdCalls.dup3(pipe.writeEnd(), 100, 0);
            assertEquals(100, copy);
            assertEquals(0, FdCalls.fcntl(copy, Fcntl.F_GETFD), "dup3 without O_CLOEXEC");
            FileCalls.write(copy, arena.allocateFrom(JAVA_BYTE, bytes("via dup")));
            assertEquals(7, IoctlCalls.bytesReadable(pipe.readEnd()));
            MemorySegment in = arena.allocate(16);
            assertEquals(7, FileCalls.read(pipe.readEnd(), in));
            ErrnoException empty =
                    assertThrows(ErrnoException.class, () -> FileCalls.read(pipe.readEnd(), in));
            assertEquals(Errno.EAGAIN, empty.errno());
            for (int fd : new int[] {copy, pipe.readEnd(), pipe.writeEnd()}) {
                FileCalls.close(fd);
            }
            int event = FdCalls.eventfd2(5, Poll.EFD_CLOEXEC);
            MemorySegment counter = arena.allocate(JAVA_LONG);
            assertEquals(8, FileCalls.read(event, counter));
            assertEquals(5, counter.get(JAVA_LONG, 0));
            FileCalls.close(event);
        }
    }

    @Test
    void udpOverLoopback() throws Exception {
        try (Arena arena = Arena.ofConfined()) {
            int receiver =
                    SocketCalls.socket(Socket.AF_INET, Socket.SOCK_DGRAM | Socket.SOCK_CLOEXEC, 0);
            SocketCalls.bind(
                    receiver,
                    SocketAddresses.inet(
                            arena, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)));
            MemorySegment bound = arena.allocate(128);
            SocketCalls.getsockname(receiver, bound);
            InetSocketAddress where = SocketAddresses.toInet(bound);
            assertTrue(where.getPort() > 0);
            int sender =
                    SocketCalls.socket(Socket.AF_INET, Socket.SOCK_DGRAM | Socket.SOCK_CLOEXEC, 0);
            assertEquals(
                    5,
                    SocketCalls.sendto(
                            sender,
                            arena.allocateFrom(JAVA_BYTE, bytes("ping!")),
                            0,
                            SocketAddresses.inet(arena, where)));
            MemorySegment buffer = arena.allocate(64);
            MemorySegment from = arena.allocate(128);
            Received r = SocketCalls.recvfrom(receiver, buffer, 0, from);
            assertEquals(5, r.bytes());
            assertEquals(16, r.addressLength(), "sizeof(struct sockaddr_in)");
            MemorySegment senderAddress = arena.allocate(128);
            SocketCalls.getsockname(sender, senderAddress);
            // The unbound sender got an ephemeral port on the wildcard address; the receiver sees
            // it from 127.0.0.1.
            assertEquals(
                    SocketAddresses.toInet(senderAddress).getPort(),
                    SocketAddresses.toInet(from).getPort());
            assertEquals(
                    InetAddress.getLoopbackAddress(), SocketAddresses.toInet(from).getAddress());
            FileCalls.close(sender);
            FileCalls.close(receiver);
        }
    }

    @Test
    void tcpConnectAcceptAndOptions() throws Exception {
        try (Arena arena = Arena.ofConfined()) {
            int server =
                    SocketCalls.socket(
                            Socket.AF_INET6, Socket.SOCK_STREAM | Socket.SOCK_CLOEXEC, 0);
            SocketCalls.setsockopt(server, Socket.SOL_SOCKET, Socket.SO_REUSEADDR, 1);
            assertEquals(1, SocketCalls.getsockopt(server, Socket.SOL_SOCKET, Socket.SO_REUSEADDR));
            SocketCalls.bind(
                    server,
                    SocketAddresses.inet(
                            arena, new InetSocketAddress(InetAddress.getByName("::1"), 0)));
            SocketCalls.listen(server, 1);
            MemorySegment address = arena.allocate(128);
            SocketCalls.getsockname(server, address);
            int client =
                    SocketCalls.socket(
                            Socket.AF_INET6, Socket.SOCK_STREAM | Socket.SOCK_CLOEXEC, 0);
            SocketCalls.connect(
                    client, SocketAddresses.inet(arena, SocketAddresses.toInet(address)));
            int accepted = SocketCalls.accept4(server, Socket.SOCK_CLOEXEC);
            FileCalls.write(client, arena.allocateFrom(JAVA_BYTE, bytes("over tcp")));
            SocketCalls.shutdown(client, Socket.SHUT_WR);
            MemorySegment in = arena.allocate(32);
            assertEquals(8, FileCalls.read(accepted, in));
            assertEquals(0, FileCalls.read(accepted, in), "the client shut down its side");
            for (int fd : new int[] {accepted, client, server}) {
                FileCalls.close(fd);
            }
        }
    }

    @Test
    void fileDescriptorsTravelOverAUnixSocket() {
        try (Arena arena = Arena.ofConfined()) {
            int[] pair =
                    SocketCalls.socketpair(
                            Socket.AF_UNIX, Socket.SOCK_STREAM | Socket.SOCK_CLOEXEC, 0);
            Pipe pipe = FdCalls.pipe2(Fcntl.O_CLOEXEC);
            assertEquals(
                    4,
                    SocketCalls.sendFds(
                            pair[0],
                            arena.allocateFrom(JAVA_BYTE, bytes("fds!")),
                            pipe.writeEnd()));
            FileCalls.close(pipe.writeEnd());
            MemorySegment data = arena.allocate(16);
            ReceivedMessage message = SocketCalls.receiveFds(pair[1], data, 4);
            assertEquals(4, message.bytes());
            assertEquals(1, message.fds().length);
            int received = message.fds()[0];
            assertEquals(
                    Fcntl.FD_CLOEXEC,
                    FdCalls.fcntl(received, Fcntl.F_GETFD),
                    "received close-on-exec (MSG_CMSG_CLOEXEC)");
            FileCalls.write(
                    received, arena.allocateFrom(JAVA_BYTE, bytes("through the passed fd")));
            FileCalls.close(received);
            MemorySegment out = arena.allocate(64);
            long n = FileCalls.read(pipe.readEnd(), out);
            assertArrayEquals(bytes("through the passed fd"), out.asSlice(0, n).toArray(JAVA_BYTE));
            for (int fd : new int[] {pipe.readEnd(), pair[0], pair[1]}) {
                FileCalls.close(fd);
            }
        }
    }

    /**
     * Issue 12, item 9: the count is bounded by what the kernel passes (SCM_MAX_FD); asking for
     * Integer.MAX_VALUE sized an 8 GiB control buffer and did not return.
     */
    @Test
    void theDescriptorCountIsBoundedByWhatTheKernelPasses() {
        try (Arena arena = Arena.ofConfined()) {
            int[] pair =
                    SocketCalls.socketpair(
                            Socket.AF_UNIX, Socket.SOCK_STREAM | Socket.SOCK_CLOEXEC, 0);
            MemorySegment data = arena.allocate(16);
            for (int count : new int[] {Integer.MAX_VALUE, SocketCalls.MAX_FDS + 1, -1}) {
                IllegalArgumentException e =
                        assertThrows(
                                IllegalArgumentException.class,
                                () -> SocketCalls.receiveFds(pair[1], data, count));
                assertEquals(
                        "maxFds is "
                                + count
                                + "; one message carries from 0 to 253 descriptors (the kernel's"
                                + " SCM_MAX_FD)",
                        e.getMessage());
            }
            Pipe pipe = FdCalls.pipe2(Fcntl.O_CLOEXEC);
            int[] many = new int[SocketCalls.MAX_FDS + 1];
            java.util.Arrays.fill(many, pipe.writeEnd());
            assertThrows(
                    IllegalArgumentException.class,
                    () -> SocketCalls.sendFds(pair[0], data.asSlice(0, 1), many));
            // the most one message carries, there and back
            int[] most = java.util.Arrays.copyOf(many, SocketCalls.MAX_FDS);
            assertEquals(1, SocketCalls.sendFds(pair[0], data.asSlice(0, 1), most));
            ReceivedMessage message = SocketCalls.receiveFds(pair[1], data, SocketCalls.MAX_FDS);
            assertEquals(SocketCalls.MAX_FDS, message.fds().length);
            for (int fd : message.fds()) {
                FileCalls.close(fd);
            }
            for (int fd : new int[] {pipe.readEnd(), pipe.writeEnd(), pair[0], pair[1]}) {
                FileCalls.close(fd);
            }
        }
    }

    @Test
    void abstractUnixAndNetlinkAddresses() {
        try (Arena arena = Arena.ofConfined()) {
            int a = SocketCalls.socket(Socket.AF_UNIX, Socket.SOCK_DGRAM | Socket.SOCK_CLOEXEC, 0);
            String name = "@rawsys-test-" + ProcessCalls.getpid();
            SocketCalls.bind(a, SocketAddresses.unix(arena, name));
            int b = SocketCalls.socket(Socket.AF_UNIX, Socket.SOCK_DGRAM | Socket.SOCK_CLOEXEC, 0);
            assertEquals(
                    3,
                    SocketCalls.sendto(
                            b,
                            arena.allocateFrom(JAVA_BYTE, bytes("abc")),
                            0,
                            SocketAddresses.unix(arena, name)));
            assertEquals(3, SocketCalls.recvfrom(a, arena.allocate(8), 0, null).bytes());
            FileCalls.close(a);
            FileCalls.close(b);
            int nl =
                    SocketCalls.socket(
                            Socket.AF_NETLINK,
                            Socket.SOCK_RAW | Socket.SOCK_CLOEXEC,
                            Netlink.NETLINK_ROUTE);
            SocketCalls.bind(nl, SocketAddresses.netlink(arena, 0, 0));
            MemorySegment bound = SockaddrNl.allocate(arena);
            SocketCalls.getsockname(nl, bound);
            assertTrue(SockaddrNl.nl_pid(bound) != 0, "the kernel assigned a port id");
            FileCalls.close(nl);
            assertThrows(
                    IllegalArgumentException.class,
                    () -> SocketAddresses.unix(arena, "x".repeat(200)));
        }
    }
}
