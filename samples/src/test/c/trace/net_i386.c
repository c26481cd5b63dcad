/*
 * i386's socketcall for rawsys trace's comparison with strace: each socket call made through
 * socketcall(2), as a 32-bit C library of old made them, which strace prints as the call carried
 * (bind(3, …) rather than socketcall(SYS_BIND, …)); then a call number socketcall does not know
 * and arguments it cannot read, which leave socketcall as it is. Built static for i386.
 * argv[1]: a directory to work in.
 */
#define _GNU_SOURCE
#include <linux/net.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <unistd.h>

static long call(int number, unsigned long a, unsigned long b, unsigned long c, unsigned long d,
                 unsigned long e, unsigned long f) {
    unsigned long args[6] = {a, b, c, d, e, f};
    return syscall(SYS_socketcall, number, args);
}

int main(int argc, char **argv) {
    if (argc > 1 && chdir(argv[1]) != 0) {
        return 1;
    }
    int sv[2];
    call(SYS_SOCKETPAIR, AF_UNIX, SOCK_STREAM, 0, (unsigned long)sv, 0, 0);
    call(SYS_SEND, sv[0], (unsigned long)"hello", 5, MSG_DONTWAIT, 0, 0);
    char buf[16];
    call(SYS_RECV, sv[1], (unsigned long)buf, sizeof buf, 0, 0, 0);
    call(SYS_SENDTO, sv[0], (unsigned long)"again", 5, 0, 0, 0);
    call(SYS_RECVFROM, sv[1], (unsigned long)buf, sizeof buf, 0, 0, 0);
    call(SYS_SHUTDOWN, sv[0], SHUT_WR, 0, 0, 0, 0);
    int s = call(SYS_SOCKET, AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0, 0, 0, 0);
    struct sockaddr_un name = {.sun_family = AF_UNIX};
    strcpy(name.sun_path, "i386.sock");
    call(SYS_BIND, s, (unsigned long)&name, sizeof name, 0, 0, 0);
    socklen_t len = sizeof name;
    call(SYS_GETSOCKNAME, s, (unsigned long)&name, (unsigned long)&len, 0, 0, 0);
    int one = 1;
    call(SYS_SETSOCKOPT, s, SOL_SOCKET, SO_PASSCRED, (unsigned long)&one, sizeof one, 0);
    len = sizeof one;
    call(SYS_GETSOCKOPT, s, SOL_SOCKET, SO_TYPE, (unsigned long)&one, (unsigned long)&len, 0);
    struct iovec iov = {"msg", 3};
    struct msghdr msg = {
        .msg_name = &name, .msg_namelen = sizeof name, .msg_iov = &iov, .msg_iovlen = 1};
    call(SYS_SENDMSG, s, (unsigned long)&msg, 0, 0, 0, 0);
    char in[8];
    struct iovec in_iov = {in, sizeof in};
    struct msghdr in_msg = {.msg_iov = &in_iov, .msg_iovlen = 1};
    call(SYS_RECVMSG, s, (unsigned long)&in_msg, 0, 0, 0, 0);
    call(SYS_LISTEN, s, 1, 0, 0, 0, 0);
    call(SYS_CONNECT, s, (unsigned long)&name, 2, 0, 0, 0);
    call(SYS_ACCEPT4, s, 0, 0, SOCK_NONBLOCK, 0, 0);
    call(SYS_GETPEERNAME, s, 0, 0, 0, 0, 0);
    close(s);
    unlink("i386.sock");
    /* What socketcall cannot carry: an unknown call, arguments it cannot read. */
    syscall(SYS_socketcall, 99, 0);
    syscall(SYS_socketcall, SYS_BIND, 1);
    return 0;
}
