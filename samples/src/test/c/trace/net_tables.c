/*
 * Every value of the socket, poll and time tables rawsys trace names, and the values around them,
 * passed to calls that fail at once (a bad descriptor, a bad address), so that the comparison
 * with strace covers each table's names, its order where two names share a value, and how it
 * prints what it does not know.
 */
#define _GNU_SOURCE
#include <linux/netlink.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

/* A type bit no socket has: socket fails before it looks at the protocol. */
#define BAD_TYPE 0x100

/*
 * The levels whose option names come from headers every build machine has (IP, socket, TCP,
 * UDP, IPv6, ICMPv6, raw, packet, netlink), and one unknown level. The other protocols' option
 * names (SCTP, IrDA, Bluetooth, RDS, CAN ...) come from headers that are not installed here or
 * from strace's own tables, so they are swept only by level, with a name no level has.
 */
static const int levels[] = {0, 1, 6, 17, 41, 58, 255, 263, 270, 40};
/* An option name no level has, and a protocol no family has. */
#define NO_NAME     12345
#define NO_PROTOCOL 12345

int main(void) {
    for (unsigned i = 0; i < sizeof levels / sizeof levels[0]; i++) {
        for (int name = 0; name < 100; name++) {
            syscall(SYS_setsockopt, -1, levels[i], name, 0, 0);
            syscall(SYS_getsockopt, -1, levels[i], name, 0, 0);
        }
    }
    for (int level = 0; level < 300; level++) {
        syscall(SYS_setsockopt, -1, level, NO_NAME, 0, 0);
    }
    int families[] = {AF_INET, AF_INET6, AF_NETLINK, AF_PACKET, AF_UNIX};
    for (unsigned f = 0; f < sizeof families / sizeof families[0]; f++) {
        for (int protocol = 0; protocol < 300; protocol++) {
            syscall(SYS_socket, families[f], SOCK_STREAM | BAD_TYPE, protocol);
        }
    }
    for (int family = 0; family < 50; family++) {
        syscall(SYS_socket, family, SOCK_STREAM | BAD_TYPE, NO_PROTOCOL);
    }
    for (int type = 0; type < 16; type++) {
        syscall(SYS_socket, AF_UNIX, type | BAD_TYPE, 0);
    }
    for (int bit = 0; bit < 32; bit++) {
        syscall(SYS_socket, AF_UNIX, 1u << bit | 1 | BAD_TYPE, 0);
        syscall(SYS_sendto, -1, 0, 0, 1u << bit, 0, 0);
        syscall(SYS_accept4, -1, 0, 0, 1u << bit);
        syscall(SYS_poll, 1, 0, 0);
        syscall(SYS_epoll_create1, 1u << bit);
        syscall(SYS_eventfd2, 0, 1u << bit);
        syscall(SYS_timerfd_create, 0, 1u << bit);
        syscall(SYS_timerfd_settime, -1, 1u << bit, 0, 0);
        syscall(SYS_clock_nanosleep, 0, 1u << bit, 0, 0);
        syscall(SYS_timer_settime, -1, 1u << bit, 0, 0);
    }
    for (int value = 0; value < 5; value++) {
        syscall(SYS_shutdown, -1, value);
        syscall(SYS_epoll_ctl, -1, value, -1, 0);
        syscall(SYS_getitimer, value, 0);
    }
    for (int clock = -1; clock < 16; clock++) {
        syscall(SYS_clock_getres, clock, 1);
        syscall(SYS_timerfd_create, clock, 0);
    }
    /* Values with high bits set, as 64-bit words and as 32-bit ones: how wide each argument is. */
    long wide[] = {-1L, 0xffffffffL, 0x100000002L};
    for (unsigned i = 0; i < sizeof wide / sizeof wide[0]; i++) {
        long v = wide[i];
        syscall(SYS_socket, v, SOCK_STREAM | BAD_TYPE, 0);
        syscall(SYS_socket, AF_INET, v, 0);
        syscall(SYS_socket, AF_INET, SOCK_STREAM | BAD_TYPE, v);
        syscall(SYS_socket, AF_NETLINK, SOCK_STREAM | BAD_TYPE, v);
        syscall(SYS_socketpair, AF_UNIX, SOCK_STREAM | BAD_TYPE, v, 0);
        syscall(SYS_socketpair, v, SOCK_STREAM | BAD_TYPE, 0, 0);
        syscall(SYS_shutdown, -1, v);
        syscall(SYS_listen, -1, v);
        syscall(SYS_setsockopt, -1, v, 1, 0, v);
        syscall(SYS_setsockopt, -1, SOL_SOCKET, v, 0, 0);
        syscall(SYS_getsockopt, -1, v, v, 0, 0);
        syscall(SYS_sendto, -1, 0, v, v, 0, v);
        syscall(SYS_recvfrom, -1, 0, v, v, 0, 0);
        syscall(SYS_bind, -1, 0, v);
        syscall(SYS_connect, v, 0, 0);
        syscall(SYS_accept4, -1, 0, 0, v);
        syscall(SYS_sendmsg, -1, 0, v);
        syscall(SYS_recvmsg, -1, 0, v);
        syscall(SYS_sendmmsg, -1, 0, v, v);
        syscall(SYS_recvmmsg, -1, 0, v, v, 0);
        syscall(SYS_poll, 0, v, v);
        syscall(SYS_ppoll, 0, v, 0, 0, v);
        syscall(SYS_select, v, 0, 0, 0, 1);
        syscall(SYS_epoll_create, v);
        syscall(SYS_epoll_create1, v);
        syscall(SYS_epoll_ctl, v, v, v, 0);
        syscall(SYS_epoll_wait, v, 0, v, v);
        syscall(SYS_epoll_pwait, v, 0, v, v, 0, v);
        syscall(SYS_eventfd, v);
        syscall(SYS_eventfd2, v, v);
        syscall(SYS_clock_gettime, v, 0);
        syscall(SYS_clock_nanosleep, v, v, 0, 0);
        syscall(SYS_timer_settime, v, v, 0, 0);
        syscall(SYS_timer_gettime, v, 0);
        syscall(SYS_timer_delete, v);
        syscall(SYS_timer_getoverrun, v);
        syscall(SYS_timerfd_create, v, v);
        syscall(SYS_timerfd_settime, v, v, 0, 0);
        syscall(SYS_getitimer, v, 0);
        syscall(SYS_setitimer, v, 1, 0); /* 1, not NULL: see time_clocks.c */
        syscall(SYS_alarm, v);
    }
    return 0;
}
