package io.rawsys.calls;

import io.rawsys.linux.Nr;
import io.rawsys.linux.Socket;
import io.rawsys.linux.struct.Cmsghdr;
import io.rawsys.linux.struct.Iovec;
import io.rawsys.linux.struct.Msghdr;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Sockets. Addresses are segments holding a {@code sockaddr}, as long as the address (build them
 * with {@link SocketAddresses}); data goes in and out of segments.
 */
public final class SocketCalls {
    private SocketCalls() {}

    /**
     * A socket.
     *
     * <p>C: {@code int socket(int domain, int type, int protocol)}
     *
     * @param domain {@code AF_INET}, {@code AF_UNIX}, {@code AF_NETLINK} … from {@link Socket}
     * @param type {@code SOCK_STREAM}, {@code SOCK_DGRAM}, {@code SOCK_RAW}, or'ed with {@code
     *     SOCK_CLOEXEC} and {@code SOCK_NONBLOCK}
     */
    public static int socket(int domain, int type, int protocol) {
        return (int) Checked.lll(Nr.socket, domain, type, protocol);
    }

    /**
     * Two connected sockets.
     *
     * <p>C: {@code int socketpair(int domain, int type, int protocol, int sv[2])}
     */
    public static int[] socketpair(int domain, int type, int protocol) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment sv = arena.allocate(ValueLayout.JAVA_INT, 2);
            Checked.lllp(Nr.socketpair, domain, type, protocol, sv);
            return sv.toArray(ValueLayout.JAVA_INT);
        }
    }

    /**
     * Gives a socket its address.
     *
     * <p>C: {@code int bind(int sockfd, const struct sockaddr *addr, socklen_t addrlen)}
     */
    public static void bind(int fd, MemorySegment address) {
        Checked.lpl(Nr.bind, fd, Check.segment(address, "the address"), address.byteSize());
    }

    /**
     * Connects a socket.
     *
     * <p>C: {@code int connect(int sockfd, const struct sockaddr *addr, socklen_t addrlen)}
     */
    public static void connect(int fd, MemorySegment address) {
        Checked.lpl(Nr.connect, fd, Check.segment(address, "the address"), address.byteSize());
    }

    /**
     * Marks a socket as accepting connections.
     *
     * <p>C: {@code int listen(int sockfd, int backlog)}
     */
    public static void listen(int fd, int backlog) {
        Checked.ll(Nr.listen, fd, backlog);
    }

    /**
     * Accepts a connection.
     *
     * <p>C: {@code int accept4(int sockfd, struct sockaddr *addr, socklen_t *addrlen, int flags)}
     *
     * @param flags {@code SOCK_CLOEXEC}, {@code SOCK_NONBLOCK}
     * @return the connected socket
     */
    public static int accept4(int fd, int flags) {
        return (int) Checked.lppl(Nr.accept4, fd, MemorySegment.NULL, MemorySegment.NULL, flags);
    }

    /**
     * Sends {@code buffer}, to {@code address} or, when it is null, to the connected peer.
     *
     * <p>C: {@code ssize_t sendto(int sockfd, const void *buf, size_t len, int flags, const struct
     * sockaddr *dest_addr, socklen_t addrlen)}
     */
    public static long sendto(int fd, MemorySegment buffer, int flags, MemorySegment address) {
        Check.segment(buffer, "the buffer");
        MemorySegment to =
                address == null ? MemorySegment.NULL : Check.segment(address, "the address");
        return Checked.lpllpl(
                Nr.sendto,
                fd,
                buffer,
                buffer.byteSize(),
                flags,
                to,
                address == null ? 0 : address.byteSize());
    }

    /**
     * Receives into {@code buffer}, and the sender's address into {@code address} unless it is
     * null.
     *
     * <p>C: {@code ssize_t recvfrom(int sockfd, void *buf, size_t len, int flags, struct sockaddr
     * *src_addr, socklen_t *addrlen)}
     */
    public static Received recvfrom(
            int fd, MemorySegment buffer, int flags, MemorySegment address) {
        Check.segment(buffer, "the buffer");
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment length = arena.allocate(ValueLayout.JAVA_INT);
            MemorySegment from = MemorySegment.NULL;
            if (address != null) {
                from = Check.segment(address, "the address");
                length.set(
                        ValueLayout.JAVA_INT,
                        0,
                        (int) Math.min(Integer.MAX_VALUE, address.byteSize()));
            }
            long bytes =
                    Checked.lpllpp(
                            Nr.recvfrom,
                            fd,
                            buffer,
                            buffer.byteSize(),
                            flags,
                            from,
                            address == null ? MemorySegment.NULL : length);
            return new Received(bytes, address == null ? 0 : length.get(ValueLayout.JAVA_INT, 0));
        }
    }

    /**
     * Sends a message described by a {@code struct msghdr} (data buffers, control messages,
     * address).
     *
     * <p>C: {@code ssize_t sendmsg(int sockfd, const struct msghdr *msg, int flags)}
     */
    public static long sendmsg(int fd, MemorySegment msghdr, int flags) {
        return Checked.lpl(
                Nr.sendmsg, fd, Check.struct(msghdr, Msghdr.sizeof(), "struct msghdr"), flags);
    }

    /**
     * Receives a message into what a {@code struct msghdr} describes.
     *
     * <p>C: {@code ssize_t recvmsg(int sockfd, struct msghdr *msg, int flags)}
     */
    public static long recvmsg(int fd, MemorySegment msghdr, int flags) {
        return Checked.lpl(
                Nr.recvmsg, fd, Check.struct(msghdr, Msghdr.sizeof(), "struct msghdr"), flags);
    }

    /**
     * The most descriptors one SCM_RIGHTS message carries: the kernel's {@code SCM_MAX_FD} ({@code
     * include/net/scm.h}, not part of its user-space headers). sendmsg fails with EINVAL beyond it,
     * and a receiver never gets more.
     */
    public static final int MAX_FDS = 253;

    private static void checkFdCount(int count, String name) {
        if (count < 0 || count > MAX_FDS) {
            throw new IllegalArgumentException(
                    name
                            + " is "
                            + count
                            + "; one message carries from 0 to "
                            + MAX_FDS
                            + " descriptors (the kernel's SCM_MAX_FD)");
        }
    }

    /**
     * Sends {@code data} with file descriptors attached (an SCM_RIGHTS control message): the
     * receiver gets its own descriptors for the same open files. Only over a unix socket; at most
     * {@link #MAX_FDS} descriptors.
     *
     * <p>C: {@code sendmsg(sockfd, &(struct msghdr){.msg_iov = data, .msg_control =
     * SCM_RIGHTS(fds)}, 0)}
     */
    public static long sendFds(int fd, MemorySegment data, int... fds) {
        Check.segment(data, "the data");
        checkFdCount(fds.length, "fds.length");
        try (Arena arena = Arena.ofConfined()) {
            Message message = message(arena, data, fds.length);
            MemorySegment cmsg = message.control();
            Cmsghdr.cmsg_len(cmsg, cmsgLength(fds.length * 4L));
            Cmsghdr.cmsg_level(cmsg, Socket.SOL_SOCKET);
            Cmsghdr.cmsg_type(cmsg, Socket.SCM_RIGHTS);
            MemorySegment.copy(fds, 0, cmsg, ValueLayout.JAVA_INT, cmsgHeader(), fds.length);
            return sendmsg(fd, message.header(), 0);
        }
    }

    /**
     * Receives data into {@code data} and up to {@code maxFds} file descriptors sent with it; the
     * descriptors arrive close-on-exec.
     *
     * @param maxFds from 0 to {@link #MAX_FDS}: the kernel passes no more in one message
     *     <p>C: {@code recvmsg(sockfd, &(struct msghdr){.msg_iov = data, .msg_control = room for
     *     SCM_RIGHTS(maxFds)}, MSG_CMSG_CLOEXEC)}
     */
    public static ReceivedMessage receiveFds(int fd, MemorySegment data, int maxFds) {
        Check.segment(data, "the data");
        checkFdCount(maxFds, "maxFds");
        try (Arena arena = Arena.ofConfined()) {
            Message message = message(arena, data, maxFds);
            MemorySegment msg = message.header();
            long bytes = recvmsg(fd, msg, Socket.MSG_CMSG_CLOEXEC);
            // The kernel sets msg_controllen to the length of the control messages it wrote.
            MemorySegment control =
                    message.control()
                            .asSlice(
                                    0,
                                    Math.min(
                                            message.control().byteSize(),
                                            Msghdr.msg_controllen(msg)));
            int[] fds = new int[0];
            // Walk the control messages the kernel wrote (CMSG_FIRSTHDR / CMSG_NXTHDR).
            for (long at = 0; at + cmsgHeader() <= control.byteSize(); ) {
                MemorySegment cmsg = control.asSlice(at);
                long length = Cmsghdr.cmsg_len(cmsg);
                if (length < cmsgHeader() || at + length > control.byteSize()) {
                    break;
                }
                if (Cmsghdr.cmsg_level(cmsg) == Socket.SOL_SOCKET
                        && Cmsghdr.cmsg_type(cmsg) == Socket.SCM_RIGHTS) {
                    fds =
                            cmsg.asSlice(cmsgHeader(), length - cmsgHeader())
                                    .toArray(ValueLayout.JAVA_INT);
                }
                at += align(length);
            }
            return new ReceivedMessage(bytes, fds, Msghdr.msg_flags(msg));
        }
    }

    /** A msghdr, and the control buffer it points to. */
    private record Message(MemorySegment header, MemorySegment control) {}

    /**
     * A msghdr with one iovec over {@code data} and room for {@code fds} descriptors of control
     * data.
     */
    private static Message message(Arena arena, MemorySegment data, int fds) {
        MemorySegment iov = Iovec.allocate(arena);
        Iovec.iov_base(iov, data.address());
        Iovec.iov_len(iov, data.byteSize());
        long controlLength = align(cmsgHeader() + fds * 4L);
        MemorySegment control = arena.allocate(Math.max(controlLength, 1), 8);
        MemorySegment msg = Msghdr.allocate(arena);
        Msghdr.msg_iov(msg, iov.address());
        Msghdr.msg_iovlen(msg, 1);
        Msghdr.msg_control(msg, fds == 0 ? 0 : control.address());
        Msghdr.msg_controllen(msg, fds == 0 ? 0 : controlLength);
        return new Message(msg, control);
    }

    /** CMSG_ALIGN: control messages are aligned to the size of a {@code long}. */
    private static long align(long length) {
        return (length + Long.BYTES - 1) & ~(Long.BYTES - 1L);
    }

    /** CMSG_LEN(0): the aligned header before a control message's data. */
    private static long cmsgHeader() {
        return align(Cmsghdr.sizeof());
    }

    private static long cmsgLength(long dataLength) {
        return cmsgHeader() + dataLength;
    }

    /**
     * Sets a socket option to an integer value.
     *
     * <p>C: {@code int setsockopt(int sockfd, int level, int optname, const void *optval, socklen_t
     * optlen)}
     */
    public static void setsockopt(int fd, int level, int name, int value) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment v = arena.allocateFrom(ValueLayout.JAVA_INT, value);
            Checked.lllpl(Nr.setsockopt, fd, level, name, v, v.byteSize());
        }
    }

    /**
     * Reads an integer socket option.
     *
     * <p>C: {@code int getsockopt(int sockfd, int level, int optname, void *optval, socklen_t
     * *optlen)}
     */
    public static int getsockopt(int fd, int level, int name) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment v = arena.allocate(ValueLayout.JAVA_INT);
            MemorySegment length = arena.allocateFrom(ValueLayout.JAVA_INT, 4);
            Checked.lllpp(Nr.getsockopt, fd, level, name, v, length);
            return v.get(ValueLayout.JAVA_INT, 0);
        }
    }

    /**
     * The address a socket is bound to, written into {@code address}; returns its length.
     *
     * <p>C: {@code int getsockname(int sockfd, struct sockaddr *addr, socklen_t *addrlen)}
     */
    public static int getsockname(int fd, MemorySegment address) {
        Check.segment(address, "the address");
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment length =
                    arena.allocateFrom(
                            ValueLayout.JAVA_INT,
                            (int) Math.min(Integer.MAX_VALUE, address.byteSize()));
            Checked.lpp(Nr.getsockname, fd, address, length);
            return length.get(ValueLayout.JAVA_INT, 0);
        }
    }

    /**
     * Shuts down one or both directions of a connection.
     *
     * <p>C: {@code int shutdown(int sockfd, int how)}
     */
    public static void shutdown(int fd, int how) {
        Checked.ll(Nr.shutdown, fd, how);
    }
}
