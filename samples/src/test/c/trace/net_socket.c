/*
 * Sockets for rawsys trace's comparison with strace: socket, socketpair, bind, connect, listen,
 * accept, accept4, getsockname, getpeername, shutdown, sendto, recvfrom, setsockopt, getsockopt,
 * on local unix, netlink and loopback sockets the program makes itself, on success and failure
 * paths. Every call is made through syscall(2), so the C library chooses none of them.
 * argv[1]: a directory to work in (unix socket paths are relative to it).
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <linux/netlink.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stddef.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/un.h>
#include <unistd.h>

#define BAD ((void *)1)

static long sys(long nr, long a, long b, long c, long d, long e, long f) {
    return syscall(nr, a, b, c, d, e, f);
}

static void unix_sockets(void) {
    int sv[2], unused[2];
    sys(SYS_socketpair, AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0, (long)BAD, 0, 0);
    sys(SYS_socketpair, AF_INET, SOCK_STREAM, 0, (long)unused, 0, 0);
    sys(SYS_socketpair, AF_UNIX, SOCK_STREAM, 0, (long)sv, 0, 0);
    sys(SYS_sendto, sv[0], (long)"hello\0world\n", 12, MSG_DONTWAIT | MSG_NOSIGNAL, 0, 0);
    char buf[64];
    sys(SYS_recvfrom, sv[1], (long)buf, sizeof buf, 0, 0, 0);
    sys(SYS_recvfrom, sv[1], (long)buf, sizeof buf, MSG_DONTWAIT, 0, 0);
    sys(SYS_shutdown, sv[0], SHUT_RDWR, 0, 0, 0, 0);
    sys(SYS_shutdown, sv[1], 7, 0, 0, 0, 0);
    close(sv[0]);
    close(sv[1]);

    int server = sys(SYS_socket, AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0, 0, 0, 0);
    struct sockaddr_un path = {.sun_family = AF_UNIX};
    strcpy(path.sun_path, "net.sock");
    unlink(path.sun_path);
    sys(SYS_bind, server, (long)&path, sizeof path, 0, 0, 0);
    sys(SYS_bind, server, (long)&path, offsetof(struct sockaddr_un, sun_path) + 9, 0, 0, 0);
    sys(SYS_listen, server, 5, 0, 0, 0, 0);
    struct sockaddr_un peer;
    socklen_t len = sizeof peer;
    sys(SYS_accept4, server, (long)&peer, (long)&len, SOCK_CLOEXEC, 0, 0);
    int client = sys(SYS_socket, AF_UNIX, SOCK_STREAM, 0, 0, 0, 0);
    sys(SYS_connect, client, (long)&path, offsetof(struct sockaddr_un, sun_path) + 9, 0, 0, 0);
    len = sizeof peer;
    int accepted =
        sys(SYS_accept4, server, (long)&peer, (long)&len, SOCK_CLOEXEC | SOCK_NONBLOCK, 0, 0);
    len = sizeof peer;
    sys(SYS_getsockname, server, (long)&peer, (long)&len, 0, 0, 0);
    len = 4;
    sys(SYS_getsockname, server, (long)&peer, (long)&len, 0, 0, 0);
    len = sizeof peer;
    sys(SYS_getpeername, client, (long)&peer, (long)&len, 0, 0, 0);
    sys(SYS_getpeername, server, (long)&peer, (long)&len, 0, 0, 0);
    sys(SYS_getsockname, server, (long)&peer, 0, 0, 0, 0);
    sys(SYS_getsockname, server, (long)BAD, (long)&len, 0, 0, 0);
    sys(SYS_getsockname, 99, (long)&peer, (long)&len, 0, 0, 0);
    close(accepted);
    close(client);

    /* An unnamed client: accept sees a bare family. */
    client = sys(SYS_socket, AF_UNIX, SOCK_STREAM, 0, 0, 0, 0);
    sys(SYS_connect, client, (long)&path, sizeof path, 0, 0, 0);
    len = sizeof peer;
    accepted = sys(SYS_accept, server, (long)&peer, (long)&len, 0, 0, 0);
    close(accepted);
    close(client);
    client = sys(SYS_socket, AF_UNIX, SOCK_STREAM, 0, 0, 0, 0);
    sys(SYS_connect, client, (long)&path, sizeof path, 0, 0, 0);
    accepted = sys(SYS_accept, server, 0, 0, 0, 0, 0);
    close(accepted);
    close(client);
    close(server);
    unlink(path.sun_path);

    /* Abstract names, with a NUL inside and odd bytes. */
    int abstract = sys(SYS_socket, AF_UNIX, SOCK_DGRAM, 0, 0, 0, 0);
    struct sockaddr_un name = {.sun_family = AF_UNIX};
    memcpy(name.sun_path, "\0rawsys-net\0x\n\"\xff", 17);
    sys(SYS_bind, abstract, (long)&name, offsetof(struct sockaddr_un, sun_path) + 17, 0, 0, 0);
    len = sizeof peer;
    sys(SYS_getsockname, abstract, (long)&peer, (long)&len, 0, 0, 0);
    sys(SYS_sendto, abstract, (long)"to myself", 9, 0, (long)&name,
        offsetof(struct sockaddr_un, sun_path) + 17);
    len = sizeof peer;
    sys(SYS_recvfrom, abstract, (long)buf, 4, MSG_TRUNC, (long)&peer, (long)&len);
    sys(SYS_recvfrom, abstract, (long)buf, 4, MSG_DONTWAIT, (long)&peer, (long)&len);
    sys(SYS_recvfrom, abstract, (long)buf, 4, MSG_DONTWAIT, (long)&peer, 0);
    close(abstract);

    /* Odd addresses: short, empty path, unknown family, too long, unreadable. */
    int s = sys(SYS_socket, AF_UNIX, SOCK_DGRAM, 0, 0, 0, 0);
    sys(SYS_connect, s, (long)&path, 1, 0, 0, 0);
    sys(SYS_connect, s, (long)&path, 2, 0, 0, 0);
    struct sockaddr_storage raw;
    memset(&raw, 0, sizeof raw);
    raw.ss_family = 12345;
    memcpy(((char *)&raw) + 2, "abc\001\002", 5);
    sys(SYS_connect, s, (long)&raw, 9, 0, 0, 0);
    sys(SYS_connect, s, (long)&raw, sizeof raw + 8, 0, 0, 0);
    memset(&name, 'A', sizeof name);
    name.sun_family = AF_UNIX;
    sys(SYS_connect, s, (long)&name, sizeof name, 0, 0, 0);
    sys(SYS_connect, s, (long)BAD, 16, 0, 0, 0);
    sys(SYS_connect, s, 0, 16, 0, 0, 0);
    sys(SYS_bind, -1, (long)&path, -1, 0, 0, 0);
    close(s);
}

static void inet_sockets(void) {
    int s = sys(SYS_socket, AF_INET, SOCK_STREAM, IPPROTO_TCP, 0, 0, 0);
    struct sockaddr_in in = {.sin_family = AF_INET, .sin_port = htons(1)};
    in.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    sys(SYS_connect, s, (long)&in, sizeof in, 0, 0, 0);
    sys(SYS_connect, s, (long)&in, 8, 0, 0, 0);
    int one = 1;
    sys(SYS_setsockopt, s, SOL_SOCKET, SO_REUSEADDR, (long)&one, sizeof one, 0);
    sys(SYS_setsockopt, s, SOL_TCP, TCP_NODELAY, (long)&one, sizeof one, 0);
    sys(SYS_setsockopt, s, SOL_IP, IP_TOS, (long)&one, sizeof one, 0);
    struct linger linger = {1, 5};
    sys(SYS_setsockopt, s, SOL_SOCKET, SO_LINGER, (long)&linger, sizeof linger, 0);
    sys(SYS_setsockopt, s, SOL_SOCKET, SO_LINGER, (long)&linger, 4, 0);
    struct timeval tv = {2, 500};
    sys(SYS_setsockopt, s, SOL_SOCKET, SO_RCVTIMEO, (long)&tv, sizeof tv, 0);
    sys(SYS_setsockopt, s, SOL_SOCKET, 12345, (long)&one, sizeof one, 0);
    sys(SYS_setsockopt, s, 9999, 1, (long)&one, sizeof one, 0);
    sys(SYS_setsockopt, s, SOL_SOCKET, SO_KEEPALIVE, (long)BAD, sizeof one, 0);
    sys(SYS_setsockopt, s, SOL_SOCKET, SO_BINDTODEVICE, (long)"lo", 2, 0);
    int value;
    socklen_t len = sizeof value;
    sys(SYS_getsockopt, s, SOL_SOCKET, SO_TYPE, (long)&value, (long)&len, 0);
    len = sizeof value;
    sys(SYS_getsockopt, s, SOL_SOCKET, SO_ERROR, (long)&value, (long)&len, 0);
    len = sizeof linger;
    sys(SYS_getsockopt, s, SOL_SOCKET, SO_LINGER, (long)&linger, (long)&len, 0);
    char big[32];
    len = sizeof big;
    sys(SYS_getsockopt, s, SOL_SOCKET, SO_RCVTIMEO, (long)big, (long)&len, 0);
    len = sizeof big;
    sys(SYS_getsockopt, s, SOL_SOCKET, SO_BINDTODEVICE, (long)big, (long)&len, 0);
    len = 2;
    sys(SYS_getsockopt, s, SOL_TCP, TCP_MAXSEG, (long)&value, (long)&len, 0);
    len = sizeof value;
    sys(SYS_getsockopt, s, SOL_TCP, 9999, (long)&value, (long)&len, 0);
    sys(SYS_getsockopt, s, SOL_SOCKET, SO_TYPE, (long)&value, 0, 0);
    sys(SYS_getsockopt, s, SOL_SOCKET, SO_PEERCRED, (long)big, (long)&len, 0);
    sys(SYS_getsockopt, s, SOL_SOCKET, SO_TYPE, (long)&value, (long)BAD, 0);
    len = sizeof value;
    sys(SYS_getsockopt, s, SOL_SOCKET, SO_TYPE, (long)BAD, (long)&len, 0);
    close(s);

    /* Loopback TCP: a listener on an ephemeral port, a client, an accepted connection. */
    int listener = sys(SYS_socket, AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0, 0, 0, 0);
    in.sin_port = 0;
    sys(SYS_bind, listener, (long)&in, sizeof in, 0, 0, 0);
    sys(SYS_listen, listener, SOMAXCONN, 0, 0, 0, 0);
    len = sizeof in;
    sys(SYS_getsockname, listener, (long)&in, (long)&len, 0, 0, 0);
    int client = sys(SYS_socket, AF_INET, SOCK_STREAM, 0, 0, 0, 0);
    sys(SYS_connect, client, (long)&in, sizeof in, 0, 0, 0);
    struct sockaddr_in peer;
    len = sizeof peer + 4;
    int accepted = sys(SYS_accept, listener, (long)&peer, (long)&len, 0, 0, 0);
    sys(SYS_sendto, client, (long)"GET / HTTP/1.0\r\n\r\n", 18, 0, 0, 0);
    char buf[64];
    sys(SYS_recvfrom, accepted, (long)buf, sizeof buf, 0, 0, 0);
    sys(SYS_shutdown, client, SHUT_WR, 0, 0, 0, 0);
    close(accepted);
    close(client);
    close(listener);

    /* UDP to itself. */
    int udp = sys(SYS_socket, AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, IPPROTO_UDP, 0, 0, 0);
    in.sin_port = 0;
    sys(SYS_bind, udp, (long)&in, sizeof in, 0, 0, 0);
    len = sizeof in;
    sys(SYS_getsockname, udp, (long)&in, (long)&len, 0, 0, 0);
    sys(SYS_sendto, udp, (long)"datagram", 8, 0, (long)&in, sizeof in);
    len = sizeof peer;
    sys(SYS_recvfrom, udp, (long)buf, sizeof buf, 0, (long)&peer, (long)&len);
    struct sockaddr_in discard = {.sin_family = AF_INET, .sin_port = htons(9)};
    discard.sin_addr.s_addr = htonl(0x7f000102);
    sys(SYS_sendto, udp, (long)"x", 1, MSG_CONFIRM, (long)&discard, sizeof discard);
    sys(SYS_sendto, udp, (long)"x", 1, 0x80000000, (long)&discard, 3);
    close(udp);

    /* A refused non-blocking connection leaves its error for SO_ERROR. */
    int refused = sys(SYS_socket, AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0, 0, 0, 0);
    in.sin_port = htons(1);
    sys(SYS_connect, refused, (long)&in, sizeof in, 0, 0, 0);
    len = sizeof value;
    sys(SYS_getsockopt, refused, SOL_SOCKET, SO_ERROR, (long)&value, (long)&len, 0);
    len = sizeof value;
    sys(SYS_getsockopt, refused, SOL_SOCKET, SO_ERROR, (long)&value, (long)&len, 0);
    close(refused);

    /* IPv6: loopback, a link-local address with a scope, a flow label. */
    int six = sys(SYS_socket, AF_INET6, SOCK_STREAM, IPPROTO_TCP, 0, 0, 0);
    struct sockaddr_in6 in6 = {.sin6_family = AF_INET6, .sin6_port = htons(1)};
    in6.sin6_addr = in6addr_loopback;
    sys(SYS_connect, six, (long)&in6, sizeof in6, 0, 0, 0);
    close(six);
    six = sys(SYS_socket, AF_INET6, SOCK_DGRAM, 0, 0, 0, 0);
    inet_pton(AF_INET6, "fe80::1", &in6.sin6_addr);
    in6.sin6_scope_id = 1;
    in6.sin6_flowinfo = htonl(0x12345);
    sys(SYS_connect, six, (long)&in6, sizeof in6, 0, 0, 0);
    inet_pton(AF_INET6, "2001:db8::ff00:42:8329", &in6.sin6_addr);
    in6.sin6_scope_id = 7;
    sys(SYS_connect, six, (long)&in6, sizeof in6, 0, 0, 0);
    sys(SYS_connect, six, (long)&in6, 24, 0, 0, 0);
    sys(SYS_connect, six, (long)&in6, 20, 0, 0, 0);
    inet_pton(AF_INET6, "::ffff:127.0.0.1", &in6.sin6_addr);
    sys(SYS_connect, six, (long)&in6, 24, 0, 0, 0);
    close(six);
}

static void netlink_sockets(void) {
    syscall(SYS_getpid);
    int nl = sys(SYS_socket, AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE, 0, 0, 0);
    struct sockaddr_nl addr = {.nl_family = AF_NETLINK};
    sys(SYS_bind, nl, (long)&addr, sizeof addr, 0, 0, 0);
    socklen_t len = sizeof addr;
    sys(SYS_getsockname, nl, (long)&addr, (long)&len, 0, 0, 0);
    int one = 1;
    sys(SYS_setsockopt, nl, SOL_NETLINK, NETLINK_EXT_ACK, (long)&one, sizeof one, 0);
    sys(SYS_setsockopt, nl, SOL_NETLINK, NETLINK_GET_STRICT_CHK, (long)&one, 2, 0);
    int value;
    len = sizeof value;
    sys(SYS_getsockopt, nl, SOL_NETLINK, NETLINK_EXT_ACK, (long)&value, (long)&len, 0);
    close(nl);
    nl = sys(SYS_socket, AF_NETLINK, SOCK_DGRAM, NETLINK_KOBJECT_UEVENT, 0, 0, 0);
    addr.nl_pid = 0;
    addr.nl_groups = 1;
    sys(SYS_bind, nl, (long)&addr, sizeof addr, 0, 0, 0);
    close(nl);
    sys(SYS_socket, AF_NETLINK, SOCK_RAW, 99, 0, 0, 0);
    sys(SYS_socket, 12345, 0xf00, 7, 0, 0, 0);
    sys(SYS_socket, AF_INET, SOCK_RAW, 200, 0, 0, 0);
    sys(SYS_socket, AF_UNIX, SOCK_SEQPACKET | 0x100, 0, 0, 0, 0);
    sys(SYS_socket, AF_PACKET, SOCK_DGRAM, htons(0x0800), 0, 0, 0);
    sys(SYS_listen, 99, -1, 0, 0, 0, 0);
}

int main(int argc, char **argv) {
    if (argc > 1 && chdir(argv[1]) != 0) {
        return 1;
    }
    unix_sockets();
    inet_sockets();
    netlink_sockets();
    return 0;
}
