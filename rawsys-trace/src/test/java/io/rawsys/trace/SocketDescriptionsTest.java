package io.rawsys.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.rawsys.calls.FileCalls;
import io.rawsys.calls.SocketCalls;
import io.rawsys.linux.Netlink;
import io.rawsys.linux.Socket;
import io.rawsys.netlink.NetlinkSocket;
import io.rawsys.testing.ProcessTree;
import io.rawsys.trace.decode.Text;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SocketDescriptions} against strace 6.1's -yy: a C program's sockets of every kind strace
 * describes, described by strace and by SocketDescriptions while the program holds them open; then
 * the test JVM's own sockets (java.nio channels, rawsys's netlink sockets) against the formats
 * strace prints for them, as the C comparison shows them.
 */
class SocketDescriptionsTest {
    static final Path SOURCE = Path.of("src/test/c/socket_descriptions.c");
    static final int PID = (int) ProcessHandle.current().pid();

    /** {@code fcntl(FD<TEXT>, F_GETFD) = 0}: what strace printed of the descriptor. */
    static final Pattern TOUCHED = Pattern.compile("^fcntl\\((\\d+)<(.*)>, F_GETFD\\) += 0$");

    @TempDir Path dir;

    @Test
    void describesTheSocketsOfAProgramAsStrace61Does() throws Exception {
        Compared c = compareWithStrace(false);
        // and each kind is there (a missing one would pass silently above)
        for (String kind :
                List.of(
                        "UNIX-STREAM:[",
                        "->",
                        ",\"" + dir,
                        ",@\"rawsys-sd-",
                        "UNIX:[",
                        "TCP:[127.0.0.1:",
                        "UDP:[0.0.0.0:",
                        "NETLINK:[ROUTE:",
                        "NETLINK:[KOBJECT_UEVENT:")) {
            assertTrue(c.strace().contains(kind), kind + " in\n" + c.strace());
        }
        if (!c.skipped().contains("ipv6 (no ::1)")) {
            assertTrue(c.strace().contains("TCPv6:[[::1]:"), c.strace());
            assertTrue(c.strace().contains("UDPv6:[[::]:"), c.strace());
        }
    }

    /**
     * A tracee in a network namespace of its own: strace asks the diagnostics of its own namespace,
     * which do not know the tracee's sockets, and prints each as {@code PROTO:[INODE]}; so does
     * SocketDescriptions.
     */
    @Test
    void aTraceeInAnotherNetworkNamespaceShowsOnlyTheInodes() throws Exception {
        Compared c = compareWithStrace(true);
        for (String line : c.strace().lines().toList()) {
            assertTrue(line.matches("\\d+ [A-Za-z0-9/-]+:\\[\\d+\\]"), line);
        }
    }

    /** What strace printed and what SocketDescriptions said, one {@code FD TEXT} line each. */
    record Compared(String strace, List<String> skipped) {}

    /**
     * Runs the C program under strace -yy (in a network namespace of its own with {@code netns}),
     * describes each of its sockets while it holds them, and checks that strace printed the same.
     */
    Compared compareWithStrace(boolean netns) throws Exception {
        String version = run(List.of("strace", "-V")).lines().findFirst().orElse("");
        assumeTrue(
                version.equals("strace -- version 6.1"),
                "the oracle is strace 6.1 (Debian bookworm's; .ci/install-deps), not " + version);
        Path program = dir.resolve("socket_descriptions");
        run(
                List.of(
                        "gcc",
                        "-Wall",
                        "-Wextra",
                        "-Werror",
                        "-O2",
                        "-o",
                        program.toString(),
                        SOURCE.toString()));
        Path trace = dir.resolve("trace");
        List<String> command =
                new ArrayList<>(
                        List.of(
                                "strace",
                                "-qq",
                                "-yy",
                                "-e",
                                "trace=fcntl",
                                "-e",
                                "signal=none",
                                "-o",
                                trace.toString(),
                                program.toString(),
                                dir.toString()));
        if (netns) {
            command.add("netns");
        }
        Process strace =
                new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Map<Integer, String> ours = new HashMap<>();
        Map<Integer, Long> inodes = new HashMap<>();
        List<String> skipped = new ArrayList<>();
        try {
            BufferedReader out =
                    new BufferedReader(
                            new InputStreamReader(
                                    strace.getInputStream(), StandardCharsets.ISO_8859_1));
            int child = -1;
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith("skipped ")) {
                    skipped.add(line.substring("skipped ".length()));
                } else if (line.equals("no netns")) {
                    assumeTrue(false, "no unprivileged user and network namespaces here");
                } else if (line.startsWith("ready ")) {
                    child = Integer.parseInt(line.substring("ready ".length()));
                    break;
                }
            }
            assertTrue(child > 0, "the program never said it was ready");
            // while the program holds its sockets: describe each as the tracer would
            for (var socket : sockets(child).entrySet()) {
                int fd = socket.getKey();
                inodes.put(fd, socket.getValue());
                ours.put(fd, SocketDescriptions.describe(child, fd, socket.getValue()));
            }
            strace.getOutputStream().close(); // the program's stdin: it exits
            if (!strace.waitFor(20, TimeUnit.SECONDS)) {
                fail("strace and the program still run after 20 s");
            }
        } finally {
            ProcessTree.kill(strace);
        }
        assertEquals(0, strace.exitValue(), "strace's status");

        Map<Integer, String> theirs = new LinkedHashMap<>();
        for (String line : Files.readAllLines(trace, StandardCharsets.ISO_8859_1)) {
            Matcher m = TOUCHED.matcher(line);
            if (m.matches()) {
                theirs.put(Integer.parseInt(m.group(1)), m.group(2));
            }
        }
        // the program's sockets, but for the ones the kernel refused it
        assertTrue(theirs.size() >= 19, "strace printed too few sockets: " + theirs);
        StringBuilder expected = new StringBuilder();
        StringBuilder actual = new StringBuilder();
        for (var e : theirs.entrySet()) {
            int fd = e.getKey();
            String text = ours.get(fd);
            expected.append(fd).append(' ').append(e.getValue()).append('\n');
            actual.append(fd)
                    .append(' ')
                    .append(text != null ? text : "socket:[" + inodes.get(fd) + "]")
                    .append('\n');
        }
        assertEquals(expected.toString(), actual.toString(), "skipped: " + skipped);
        return new Compared(expected.toString(), skipped);
    }

    // ---- the JVM's own sockets, against the formats strace prints ----

    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    /**
     * Opens a channel of each kind once: the JDK keeps a descriptor or two of its own from the
     * first (a UNIX SocketChannel brings two sockets), which {@link #opened} would otherwise count.
     */
    @BeforeAll
    static void warmUp() throws IOException {
        SocketChannel.open(StandardProtocolFamily.UNIX).close();
        SocketChannel.open(StandardProtocolFamily.INET).close();
        DatagramChannel.open(StandardProtocolFamily.INET).close();
        ServerSocketChannel.open(StandardProtocolFamily.INET).close();
        try {
            SocketChannel.open(StandardProtocolFamily.INET6).close();
        } catch (UnsupportedOperationException | IOException e) {
            // no IPv6: its tests say so
        }
    }

    @Test
    void tcpListeningConnectedAndAccepted() throws Exception {
        try (Opened<ServerSocketChannel> server =
                opened(() -> ServerSocketChannel.open(StandardProtocolFamily.INET))) {
            server.channel().bind(new InetSocketAddress(LOOPBACK, 0));
            int port = port(server.channel().getLocalAddress());
            assertEquals("TCP:[127.0.0.1:" + port + "]", describe(server));
            try (Opened<SocketChannel> client =
                            opened(() -> connected(server.channel().getLocalAddress()));
                    Opened<SocketChannel> accepted = opened(() -> server.channel().accept())) {
                int clientPort = port(client.channel().getLocalAddress());
                assertEquals(
                        "TCP:[127.0.0.1:" + clientPort + "->127.0.0.1:" + port + "]",
                        describe(client));
                assertEquals(
                        "TCP:[127.0.0.1:" + port + "->127.0.0.1:" + clientPort + "]",
                        describe(accepted));
            }
        }
    }

    @Test
    void tcpUnboundIsTheProtocolAndTheInode() throws Exception {
        try (Opened<SocketChannel> unbound =
                opened(() -> SocketChannel.open(StandardProtocolFamily.INET))) {
            assertEquals("TCP:[" + unbound.inode() + "]", describe(unbound));
        }
    }

    @Test
    void udpUnboundBoundAndConnected() throws Exception {
        try (Opened<DatagramChannel> udp =
                opened(() -> DatagramChannel.open(StandardProtocolFamily.INET))) {
            assertEquals("UDP:[" + udp.inode() + "]", describe(udp));
            udp.channel().bind(new InetSocketAddress(LOOPBACK, 0));
            int port = port(udp.channel().getLocalAddress());
            // nothing cached: the same inode, bound since (strace 6.1 would keep UDP:[INODE]
            // only if it had found nothing before; once found, it keeps what it found)
            assertEquals("UDP:[127.0.0.1:" + port + "]", describe(udp));
            udp.channel().connect(new InetSocketAddress(LOOPBACK, 9));
            assertEquals("UDP:[127.0.0.1:" + port + "->127.0.0.1:9]", describe(udp));
        }
    }

    @Test
    void ipv6AddressesInBrackets() throws Exception {
        InetAddress loopback6 = InetAddress.getByName("::1");
        try (Opened<ServerSocketChannel> server = openedIpv6(ServerSocketChannel::open)) {
            try {
                server.channel().bind(new InetSocketAddress(loopback6, 0));
            } catch (IOException e) {
                assumeTrue(false, "::1 is not available here: " + e);
            }
            int port = port(server.channel().getLocalAddress());
            assertEquals("TCPv6:[[::1]:" + port + "]", describe(server));
            try (Opened<SocketChannel> client =
                    opened(() -> SocketChannel.open(server.channel().getLocalAddress()))) {
                int clientPort = port(client.channel().getLocalAddress());
                assertEquals(
                        "TCPv6:[[::1]:" + clientPort + "->[::1]:" + port + "]", describe(client));
            }
        }
        try (Opened<DatagramChannel> udp = openedIpv6(DatagramChannel::open)) {
            assertEquals("UDPv6:[" + udp.inode() + "]", describe(udp));
            udp.channel().bind(new InetSocketAddress(loopback6, 0));
            int port = port(udp.channel().getLocalAddress());
            assertEquals("UDPv6:[[::1]:" + port + "]", describe(udp));
        }
        // an IPv4 address on a dual-stack socket: inet_ntop's ::ffff:a.b.c.d
        try (Opened<DatagramChannel> dual = openedIpv6(DatagramChannel::open)) {
            dual.channel().bind(new InetSocketAddress(LOOPBACK, 0));
            int port = port(dual.channel().getLocalAddress());
            assertEquals("UDPv6:[[::ffff:127.0.0.1]:" + port + "]", describe(dual));
        }
    }

    @Test
    void unixStreamWithAPathAndPeers() throws Exception {
        Path path = dir.resolve("sock");
        try (Opened<ServerSocketChannel> server =
                opened(() -> ServerSocketChannel.open(StandardProtocolFamily.UNIX))) {
            server.channel().bind(UnixDomainSocketAddress.of(path));
            assertEquals("UNIX-STREAM:[" + server.inode() + ",\"" + path + "\"]", describe(server));
            try (Opened<SocketChannel> client =
                            opened(() -> SocketChannel.open(UnixDomainSocketAddress.of(path)));
                    Opened<SocketChannel> accepted = opened(() -> server.channel().accept())) {
                assertEquals(
                        "UNIX-STREAM:[" + client.inode() + "->" + accepted.inode() + "]",
                        describe(client));
                assertEquals(
                        "UNIX-STREAM:["
                                + accepted.inode()
                                + "->"
                                + client.inode()
                                + ",\""
                                + path
                                + "\"]",
                        describe(accepted));
            }
            // -xx: the path all in hex, as strace quotes it
            StringBuilder hex = new StringBuilder();
            for (byte b : path.toString().getBytes(StandardCharsets.UTF_8)) {
                hex.append(String.format("\\x%02x", b));
            }
            assertEquals(
                    "UNIX-STREAM:[" + server.inode() + ",\"" + hex + "\"]",
                    SocketDescriptions.describe(PID, server.fd(), server.inode(), Text.Hex.ALL));
        }
    }

    @Test
    void unixUnboundIsTheProtocolAndTheInode() throws Exception {
        try (Opened<SocketChannel> unbound =
                opened(() -> SocketChannel.open(StandardProtocolFamily.UNIX))) {
            assertEquals("UNIX-STREAM:[" + unbound.inode() + "]", describe(unbound));
        }
    }

    @Test
    void netlinkBoundAndUnbound() {
        try (NetlinkSocket route = NetlinkSocket.open(Netlink.NETLINK_ROUTE)) {
            long inode = inode(PID, route.fd());
            assertEquals(
                    "NETLINK:[ROUTE:" + Integer.toUnsignedString(route.portId()) + "]",
                    SocketDescriptions.describe(PID, route.fd(), inode));
        }
        int fd =
                SocketCalls.socket(
                        Socket.AF_NETLINK,
                        Socket.SOCK_RAW | Socket.SOCK_CLOEXEC,
                        Netlink.NETLINK_ROUTE);
        try {
            long inode = inode(PID, fd);
            // unbound: not in the netlink diagnostics' tables
            assertEquals("NETLINK:[" + inode + "]", SocketDescriptions.describe(PID, fd, inode));
        } finally {
            FileCalls.close(fd);
        }
    }

    @Test
    void whatIsNoSocketOrNoLongerThereIsNull() throws Exception {
        // a descriptor that is not open, with an inode no socket has: socket:[INODE] for the caller
        // (beyond 32 bits, so that no socket of this machine has it)
        long none = (1L << 32) + 12345;
        assertNull(SocketDescriptions.describe(PID, 1 << 20, none));
        assertNull(SocketDescriptions.describe(PID, -1, none));
        assertNull(SocketDescriptions.describe(PID, 0, 0));
        assertNull(SocketDescriptions.describe(-5, 3, none));
        // a descriptor that is no socket: no sockprotoname, and no socket has the inode
        assertNull(SocketDescriptions.describe(PID, 0, none));
        // an inode beyond the diagnostics' 32 bits is never found, as in strace
        try (Opened<DatagramChannel> udp =
                opened(() -> DatagramChannel.open(StandardProtocolFamily.INET))) {
            udp.channel().bind(new InetSocketAddress(LOOPBACK, 0));
            long wide = udp.inode() + (1L << 32);
            assertEquals("UDP:[" + wide + "]", SocketDescriptions.describe(PID, udp.fd(), wide));
        }
    }

    // ---- helpers ----

    /** A channel just opened, with the descriptor and inode it brought to /proc/self/fd. */
    record Opened<C extends Closeable>(C channel, int fd, long inode) implements Closeable {
        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    interface Open<C> {
        C open() throws IOException;
    }

    /** Runs {@code open} and finds the one socket descriptor it added to this process. */
    static synchronized <C extends Closeable> Opened<C> opened(Open<C> open) throws IOException {
        Map<Integer, Long> before = sockets(PID);
        C channel = open.open();
        Map<Integer, Long> after = sockets(PID);
        after.keySet().removeAll(before.keySet());
        if (after.size() != 1) {
            channel.close();
            fail("expected one new socket descriptor, found " + after);
        }
        var e = after.entrySet().iterator().next();
        return new Opened<>(channel, e.getKey(), e.getValue());
    }

    /** As {@link #opened}, for an IPv6 channel; skipped, saying so, where there is no IPv6. */
    static <C extends Closeable> Opened<C> openedIpv6(OpenFamily<C> open) throws IOException {
        try {
            return opened(() -> open.open(StandardProtocolFamily.INET6));
        } catch (UnsupportedOperationException | IOException e) {
            assumeTrue(false, "no IPv6 sockets here: " + e);
            throw e;
        }
    }

    interface OpenFamily<C> {
        C open(ProtocolFamily family) throws IOException;
    }

    static String describe(Opened<?> socket) {
        return SocketDescriptions.describe(PID, socket.fd(), socket.inode());
    }

    /** The socket descriptors of process {@code pid} and their inodes. */
    static Map<Integer, Long> sockets(int pid) throws IOException {
        Map<Integer, Long> sockets = new HashMap<>();
        try (DirectoryStream<Path> fds =
                Files.newDirectoryStream(Path.of("/proc/" + pid + "/fd"))) {
            for (Path fd : fds) {
                int n = Integer.parseInt(fd.getFileName().toString());
                long inode = inode(pid, n);
                if (inode > 0) {
                    sockets.put(n, inode);
                }
            }
        }
        return sockets;
    }

    /** The inode of {@code socket:[INODE]}, or 0 for a descriptor that is no socket (or gone). */
    static long inode(int pid, int fd) {
        try {
            String target = FileCalls.readlinkat(-100, "/proc/" + pid + "/fd/" + fd);
            if (target.startsWith("socket:[") && target.endsWith("]")) {
                return Long.parseLong(target, "socket:[".length(), target.length() - 1, 10);
            }
        } catch (RuntimeException e) {
            // closed meanwhile
        }
        return 0;
    }

    /** An IPv4 socket connected to {@code address} (SocketChannel.open(address) would be IPv6). */
    static SocketChannel connected(SocketAddress address) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.INET);
        try {
            channel.connect(address);
            return channel;
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    static int port(SocketAddress address) {
        return ((InetSocketAddress) address).getPort();
    }

    /** Runs a command to completion (20 s at most) and returns its output. */
    static String run(List<String> command) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeTrue(false, command.get(0) + " is not installed: " + e.getMessage());
            throw e;
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            ProcessTree.kill(p);
            fail(command.get(0) + " still runs after 20 s");
        }
        assertEquals(0, p.exitValue(), command + ":\n" + output);
        return output;
    }
}
