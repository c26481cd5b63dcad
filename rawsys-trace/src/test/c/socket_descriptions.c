/*
 * Sockets of many kinds for SocketDescriptionsTest: each is shown to strace once, in its final
 * state, by fcntl(FD, F_GETFD) (so that strace -yy prints the descriptor as it sees it; unlike a
 * write, it binds nothing and leaves the socket as it was, and strace 6.1 keeps what it found of a
 * socket for the rest of the trace), then the program says "ready PID" and waits until its
 * standard input closes, so that the test can describe the same descriptors while they are still
 * open. argv[1] is a directory for the UNIX socket's path; with argv[2] "netns", the
 * program first moves to a network namespace of its own (in a user namespace of its own, so that
 * no privilege is needed), whose loopback it brings up: its sockets are then out of reach of the
 * socket diagnostics of the tracer's namespace.
 *
 * Nothing here changes the machine: every socket is the program's own, bound to loopback, an
 * ephemeral port, a path in the test's temporary directory or a unique abstract name, and all of
 * them close when the program exits. The only interface it changes is the loopback of the network
 * namespace it creates, which goes away with it. A kind the kernel refuses (no IPv6, no AF_PACKET
 * without CAP_NET_RAW, no vsock) is left out and named on standard output ("skipped ...").
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <fcntl.h>
#include <linux/netlink.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sched.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

static void touch(int fd) {
    if (fcntl(fd, F_GETFD) < 0) {
        perror("fcntl");
        exit(1);
    }
}

static int must(int fd, const char *what) {
    if (fd < 0) {
        perror(what);
        exit(1);
    }
    return fd;
}

static void skipped(const char *what) {
    printf("skipped %s\n", what);
}

static void unix_sockets(const char *dir) {
    int pair[2];
    must(socketpair(AF_UNIX, SOCK_STREAM, 0, pair), "socketpair stream");
    touch(pair[0]);
    touch(pair[1]);
    must(socketpair(AF_UNIX, SOCK_DGRAM, 0, pair), "socketpair dgram");
    touch(pair[0]);
    must(socketpair(AF_UNIX, SOCK_SEQPACKET, 0, pair), "socketpair seqpacket");
    touch(pair[0]);

    /* a path with a quote and a newline: strace quotes it as a C string */
    struct sockaddr_un path = {.sun_family = AF_UNIX};
    snprintf(path.sun_path, sizeof(path.sun_path), "%s/s\"o\nck", dir);
    touch(must(socket(AF_UNIX, SOCK_STREAM, 0), "unix socket")); /* UNIX-STREAM:[INODE] */
    int server = must(socket(AF_UNIX, SOCK_STREAM, 0), "unix socket");
    must(bind(server, (struct sockaddr *)&path, sizeof(path)), "unix bind");
    must(listen(server, 1), "unix listen");
    int client = must(socket(AF_UNIX, SOCK_STREAM, 0), "unix client");
    must(connect(client, (struct sockaddr *)&path, sizeof(path)), "unix connect");
    int accepted = must(accept(server, NULL, NULL), "unix accept");
    touch(server);
    touch(client);
    touch(accepted);

    /* an abstract name, unique to this process, with a NUL inside that strace stops at */
    struct sockaddr_un abstract = {.sun_family = AF_UNIX};
    int n = snprintf(abstract.sun_path + 1, sizeof(abstract.sun_path) - 1, "rawsys-sd-%d",
                     (int)getpid());
    int named = must(socket(AF_UNIX, SOCK_DGRAM, 0), "unix dgram");
    must(bind(named, (struct sockaddr *)&abstract,
              offsetof(struct sockaddr_un, sun_path) + 1 + n + 3),
         "abstract bind");
    touch(named);
}

static void inet_sockets(void) {
    struct sockaddr_in loopback = {.sin_family = AF_INET,
                                   .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t length = sizeof(loopback);
    touch(must(socket(AF_INET, SOCK_STREAM, 0), "tcp socket")); /* unbound: TCP:[INODE] */
    int tcp = must(socket(AF_INET, SOCK_STREAM, 0), "tcp socket");
    must(bind(tcp, (struct sockaddr *)&loopback, sizeof(loopback)), "tcp bind");
    must(listen(tcp, 1), "tcp listen");
    must(getsockname(tcp, (struct sockaddr *)&loopback, &length), "getsockname");
    int client = must(socket(AF_INET, SOCK_STREAM, 0), "tcp client");
    must(connect(client, (struct sockaddr *)&loopback, sizeof(loopback)), "tcp connect");
    int accepted = must(accept(tcp, NULL, NULL), "tcp accept");
    touch(tcp);
    touch(client);
    touch(accepted);

    touch(must(socket(AF_INET, SOCK_DGRAM, 0), "udp socket")); /* unbound: UDP:[INODE] */
    int bound = must(socket(AF_INET, SOCK_DGRAM, 0), "udp socket");
    struct sockaddr_in any = {.sin_family = AF_INET};
    must(bind(bound, (struct sockaddr *)&any, sizeof(any)), "udp bind"); /* 0.0.0.0:PORT */
    touch(bound);
    int connected = must(socket(AF_INET, SOCK_DGRAM, 0), "udp socket");
    must(connect(connected, (struct sockaddr *)&loopback, sizeof(loopback)), "udp connect");
    touch(connected);
}

static void inet6_sockets(void) {
    struct sockaddr_in6 loopback = {.sin6_family = AF_INET6, .sin6_addr = IN6ADDR_LOOPBACK_INIT};
    socklen_t length = sizeof(loopback);
    int tcp = socket(AF_INET6, SOCK_STREAM, 0);
    if (tcp < 0 || bind(tcp, (struct sockaddr *)&loopback, sizeof(loopback)) < 0) {
        skipped("ipv6 (no ::1)");
        return;
    }
    must(listen(tcp, 1), "tcp6 listen");
    must(getsockname(tcp, (struct sockaddr *)&loopback, &length), "getsockname6");
    int client = must(socket(AF_INET6, SOCK_STREAM, 0), "tcp6 client");
    must(connect(client, (struct sockaddr *)&loopback, sizeof(loopback)), "tcp6 connect");
    touch(tcp);
    touch(client);

    touch(must(socket(AF_INET6, SOCK_DGRAM, 0), "udp6 socket")); /* UDPv6:[INODE] */
    int udp = must(socket(AF_INET6, SOCK_DGRAM, 0), "udp6 socket");
    struct sockaddr_in6 any = {.sin6_family = AF_INET6};
    must(bind(udp, (struct sockaddr *)&any, sizeof(any)), "udp6 bind");
    touch(udp);
}

static void netlink_sockets(void) {
    /* unbound: NETLINK:[INODE] */
    touch(must(socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE), "netlink socket"));
    int bound = must(socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE), "netlink socket");
    struct sockaddr_nl nl = {.nl_family = AF_NETLINK};
    must(bind(bound, (struct sockaddr *)&nl, sizeof(nl)), "netlink bind");
    touch(bound);
    int uevent = socket(AF_NETLINK, SOCK_RAW, NETLINK_KOBJECT_UEVENT);
    if (uevent >= 0 && bind(uevent, (struct sockaddr *)&nl, sizeof(nl)) == 0)
        touch(uevent);
    else
        skipped("netlink uevent");
}

static void other_sockets(void) {
    /* no diagnostics for these: strace prints socket:[INODE] */
    int packet = socket(AF_PACKET, SOCK_DGRAM, 0); /* needs CAP_NET_RAW */
    if (packet >= 0)
        touch(packet);
    else
        skipped("packet");
    int vsock = socket(AF_VSOCK, SOCK_STREAM, 0);
    if (vsock >= 0)
        touch(vsock);
    else
        skipped("vsock");
}

static void own_network_namespace(void) {
    /* the new namespaces are this process's own and vanish with it */
    if (unshare(CLONE_NEWUSER | CLONE_NEWNET) < 0) {
        perror("unshare");
        printf("no netns\n"); /* no unprivileged user namespaces here: the test skips */
        exit(3);
    }
    int fd = must(socket(AF_INET, SOCK_DGRAM, 0), "socket for ioctl");
    struct ifreq ifr = {.ifr_name = "lo"};
    must(ioctl(fd, SIOCGIFFLAGS, &ifr), "SIOCGIFFLAGS");
    ifr.ifr_flags |= IFF_UP;
    must(ioctl(fd, SIOCSIFFLAGS, &ifr), "SIOCSIFFLAGS"); /* the new namespace's loopback */
    close(fd);
}

int main(int argc, char **argv) {
    if (argc == 3 && strcmp(argv[2], "netns") == 0) {
        own_network_namespace();
    } else if (argc != 2) {
        fprintf(stderr, "usage: %s DIRECTORY [netns]\n", argv[0]);
        return 2;
    }
    unix_sockets(argv[1]);
    inet_sockets();
    inet6_sockets();
    netlink_sockets();
    other_sockets();
    printf("ready %d\n", (int)getpid());
    fflush(stdout);
    char c;
    while (read(0, &c, 1) > 0) {
    }
    return 0;
}
