package io.rawsys.netlink;

import io.rawsys.ErrnoException;
import io.rawsys.calls.FileCalls;
import io.rawsys.calls.Received;
import io.rawsys.calls.SocketAddresses;
import io.rawsys.calls.SocketCalls;
import io.rawsys.linux.Errno;
import io.rawsys.linux.Netlink;
import io.rawsys.linux.Socket;
import io.rawsys.linux.struct.Nlmsghdr;
import io.rawsys.linux.struct.SockaddrNl;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * A netlink socket: requests to the kernel and its answers, or the notifications of the multicast
 * groups it joined. Every call goes through rawsys's typed socket calls; nothing here uses libc.
 *
 * <pre>{@code
 * try (NetlinkSocket rtnl = NetlinkSocket.open(Netlink.NETLINK_ROUTE)) {
 *     for (NetlinkMessage link : rtnl.dump(dumpLinks)) { ... }     // RTM_NEWLINK, one per interface
 * }
 * }</pre>
 *
 * <p>Answers are read whole: each datagram is peeked at with MSG_PEEK|MSG_TRUNC, which tells its
 * full length, the buffer grows to fit it if it must (it starts at 32 KiB, what the kernel uses for
 * a dump's datagrams), and a datagram longer than the buffer is refused rather than cut. Each
 * datagram is copied to the heap, so the messages returned stay valid after the next receive.
 *
 * <p>The socket asks for extended acknowledgements (NETLINK_EXT_ACK): a request the kernel refuses
 * throws an {@link ErrnoException} whose message has the kernel's explanation after strerror's
 * ("Operation not supported: Unknown device type"). Not thread-safe: one thread per socket.
 */
public final class NetlinkSocket implements AutoCloseable {
    private static final long INITIAL_BUFFER = 32 * 1024;
    private static final int SEND_BUFFER = 32 * 1024;

    /** As iproute2's rtnl_open: room for a burst of notifications. */
    private static final int RECEIVE_BUFFER = 1024 * 1024;

    /** How often a dump the kernel's tables changed under (NLM_F_DUMP_INTR) is asked again. */
    private static final int DUMP_ATTEMPTS = 3;

    private final int fd;
    private final int protocol;
    private final int portId;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment kernel;
    private final MemorySegment sender;
    private MemorySegment buffer;
    private int sequence;
    private boolean closed;

    private NetlinkSocket(int fd, int protocol) {
        this.fd = fd;
        this.protocol = protocol;
        this.kernel = SocketAddresses.netlink(arena, 0, 0);
        this.sender = SockaddrNl.allocate(arena);
        this.buffer = arena.allocate(INITIAL_BUFFER, 8);
        try {
            SocketCalls.bind(fd, SocketAddresses.netlink(arena, 0, 0));
            MemorySegment bound = SockaddrNl.allocate(arena);
            SocketCalls.getsockname(fd, bound);
            this.portId = SockaddrNl.nl_pid(bound);
        } catch (RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    /**
     * Opens a netlink socket of {@code protocol} (NETLINK_ROUTE, NETLINK_KOBJECT_UEVENT …), bound
     * to a port the kernel picks, with extended acknowledgements on where the kernel has them.
     *
     * @throws ErrnoException EPROTONOSUPPORT for a protocol this kernel lacks
     */
    public static NetlinkSocket open(int protocol) {
        int fd =
                SocketCalls.socket(
                        Socket.AF_NETLINK, Socket.SOCK_RAW | Socket.SOCK_CLOEXEC, protocol);
        NetlinkSocket socket;
        try {
            SocketCalls.setsockopt(fd, Socket.SOL_SOCKET, Socket.SO_SNDBUF, SEND_BUFFER);
            SocketCalls.setsockopt(fd, Socket.SOL_SOCKET, Socket.SO_RCVBUF, RECEIVE_BUFFER);
            socket = new NetlinkSocket(fd, protocol);
        } catch (RuntimeException e) {
            closeQuietly(fd);
            throw e;
        }
        try {
            SocketCalls.setsockopt(fd, Socket.SOL_NETLINK, Netlink.NETLINK_EXT_ACK, 1);
        } catch (ErrnoException e) {
            if (e.errno() != Errno.ENOPROTOOPT) { // ENOPROTOOPT before Linux 4.12: plain errors
                socket.close();
                throw e;
            }
        }
        return socket;
    }

    /**
     * Joins multicast group {@code group} (a number, such as RTNLGRP_LINK, not an RTMGRP_ mask):
     * from now on the kernel's notifications to it arrive through {@link #receive}.
     */
    public void joinGroup(int group) {
        SocketCalls.setsockopt(fd, Socket.SOL_NETLINK, Netlink.NETLINK_ADD_MEMBERSHIP, group);
    }

    /**
     * Asks the kernel to check requests strictly (NETLINK_GET_STRICT_CHK, Linux 4.20+): a dump
     * request with unexpected header fields or attributes is refused with an explanation instead of
     * being served in full.
     */
    public void enableStrictChecking() {
        SocketCalls.setsockopt(fd, Socket.SOL_NETLINK, Netlink.NETLINK_GET_STRICT_CHK, 1);
    }

    /**
     * Sets the socket's receive buffer (SO_RCVBUF; the kernel doubles it and caps it at {@code
     * net.core.rmem_max}): the room notifications have before the kernel drops them.
     */
    public void setReceiveBufferSize(int bytes) {
        SocketCalls.setsockopt(fd, Socket.SOL_SOCKET, Socket.SO_RCVBUF, bytes);
    }

    /** The port id the kernel gave the socket: replies are addressed to it. */
    public int portId() {
        return portId;
    }

    /** The netlink protocol the socket speaks. */
    public int protocol() {
        return protocol;
    }

    /** The file descriptor, for poll or epoll. */
    public int fd() {
        return fd;
    }

    /**
     * Sends {@code request} to the kernel with the next sequence number and returns that number;
     * its answers carry it.
     */
    public int send(NetlinkRequest request) {
        return send(request, 0);
    }

    /**
     * Sends a dump request (NLM_F_DUMP added) and returns every message of the multi-part answer up
     * to NLMSG_DONE, which is not included. A dump the kernel's tables changed under
     * (NLM_F_DUMP_INTR) is asked again, a few times.
     *
     * @throws ErrnoException what the kernel answered instead, with its explanation
     */
    public List<NetlinkMessage> dump(NetlinkRequest request) {
        for (int attempt = 1; ; attempt++) {
            int seq = send(request, Netlink.NLM_F_DUMP);
            List<NetlinkMessage> answer = answer(seq, false);
            boolean interrupted =
                    answer.stream().anyMatch(m -> (m.flags() & Netlink.NLM_F_DUMP_INTR) != 0);
            if (!interrupted) {
                return answer;
            }
            if (attempt == DUMP_ATTEMPTS) {
                throw new ErrnoException(
                        Errno.EINTR,
                        -1,
                        "the kernel's tables changed during each of "
                                + DUMP_ATTEMPTS
                                + " dumps (NLM_F_DUMP_INTR)");
            }
        }
    }

    /**
     * Sends a request that asks for an acknowledgement (NLM_F_ACK added) and returns the messages
     * that came before it: none for a change, the answer for a single get.
     *
     * @throws ErrnoException what the kernel answered instead, with its explanation
     */
    public List<NetlinkMessage> request(NetlinkRequest request) {
        return answer(send(request, Netlink.NLM_F_ACK), true);
    }

    /**
     * The messages of the next datagram the kernel sends this socket: notifications of the groups
     * it joined, or answers. Blocks until one arrives; datagrams from other processes are skipped.
     *
     * @throws NetlinkOverrunException if the kernel dropped messages for lack of buffer space
     */
    public List<NetlinkMessage> receive() {
        while (true) {
            Datagram datagram = receiveDatagram();
            if (datagram.senderPort() != 0) {
                continue; // only the kernel speaks for itself
            }
            List<NetlinkMessage> messages = NetlinkMessage.split(datagram.bytes());
            for (NetlinkMessage m : messages) {
                if (m.type() == Netlink.NLMSG_OVERRUN) {
                    throw new NetlinkOverrunException(
                            "the kernel reported an overrun (NLMSG_OVERRUN): messages were lost");
                }
            }
            return messages;
        }
    }

    /**
     * One datagram as it arrived, before any parsing: for protocols whose messages are not netlink
     * messages, such as NETLINK_KOBJECT_UEVENT's text.
     *
     * @param bytes a heap copy of the datagram
     * @param senderPort the sender's port id: 0 for the kernel
     * @param groups the multicast groups it was sent to, as a mask (0 for a unicast)
     */
    public record Datagram(MemorySegment bytes, int senderPort, int groups) {}

    /**
     * The next datagram, whole. Blocks until one arrives.
     *
     * @throws NetlinkOverrunException if the kernel dropped messages for lack of buffer space
     */
    public Datagram receiveDatagram() {
        while (true) {
            try {
                // MSG_TRUNC makes the kernel return the datagram's real length, cut or not.
                long length =
                        SocketCalls.recvfrom(fd, buffer, Socket.MSG_PEEK | Socket.MSG_TRUNC, null)
                                .bytes();
                if (length > buffer.byteSize()) {
                    buffer = arena.allocate(Long.highestOneBit(length) * 2, 8);
                }
                Received received = SocketCalls.recvfrom(fd, buffer, Socket.MSG_TRUNC, sender);
                if (received.bytes() > buffer.byteSize()) {
                    throw new NetlinkFormatException(
                            "a datagram of "
                                    + received.bytes()
                                    + " bytes arrived after one of "
                                    + length
                                    + " was announced; it was cut to "
                                    + buffer.byteSize());
                }
                byte[] copy = buffer.asSlice(0, received.bytes()).toArray(ValueLayout.JAVA_BYTE);
                return new Datagram(
                        MemorySegment.ofArray(copy),
                        SockaddrNl.nl_pid(sender),
                        SockaddrNl.nl_groups(sender));
            } catch (ErrnoException e) {
                if (e.errno() == Errno.ENOBUFS) {
                    throw new NetlinkOverrunException(
                            "the kernel dropped messages: the socket's receive buffer was full"
                                    + " (ENOBUFS)");
                }
                if (e.errno() != Errno.EINTR) {
                    throw e;
                }
            }
        }
    }

    /** Closes the socket; closing it again does nothing. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            try {
                FileCalls.close(fd);
            } finally {
                arena.close();
            }
        }
    }

    private int send(NetlinkRequest request, int extraFlags) {
        sequence = sequence == -1 ? 1 : sequence + 1;
        MemorySegment heap = request.toSegment();
        try (Arena call = Arena.ofConfined()) {
            MemorySegment message = call.allocate(heap.byteSize(), 8);
            message.copyFrom(heap);
            Nlmsghdr.nlmsg_flags(message, (short) (request.flags() | extraFlags));
            Nlmsghdr.nlmsg_seq(message, sequence);
            Nlmsghdr.nlmsg_pid(message, 0);
            while (true) {
                try {
                    long sent = SocketCalls.sendto(fd, message, 0, kernel);
                    if (sent != message.byteSize()) {
                        throw new IllegalStateException(
                                "the kernel took "
                                        + sent
                                        + " of a "
                                        + message.byteSize()
                                        + "-byte request");
                    }
                    return sequence;
                } catch (ErrnoException e) {
                    if (e.errno() != Errno.EINTR) {
                        throw e;
                    }
                }
            }
        }
    }

    /**
     * The answer to request {@code seq}: the messages up to NLMSG_DONE, or up to the
     * acknowledgement when {@code untilAck}. Messages of other requests and notifications are
     * skipped.
     */
    private List<NetlinkMessage> answer(int seq, boolean untilAck) {
        List<NetlinkMessage> answer = new ArrayList<>();
        while (true) {
            for (NetlinkMessage m : receive()) {
                if (m.sequence() != seq || m.portId() != portId) {
                    continue;
                }
                int type = m.type();
                if (type == Netlink.NLMSG_ERROR) {
                    if (Acknowledgement.errno(m) != 0) {
                        throw Acknowledgement.failure(m);
                    }
                    return answer; // the acknowledgement
                }
                if (type == Netlink.NLMSG_DONE) {
                    if (Acknowledgement.doneErrno(m) != 0) {
                        throw Acknowledgement.doneFailure(m);
                    }
                    if (!untilAck) {
                        return answer;
                    }
                } else if (type != Netlink.NLMSG_NOOP) {
                    answer.add(m);
                }
            }
        }
    }

    private static void closeQuietly(int fd) {
        try {
            FileCalls.close(fd);
        } catch (ErrnoException ignored) {
            // already failing; the first error is the one to report
        }
    }
}
