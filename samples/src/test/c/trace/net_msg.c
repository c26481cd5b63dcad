/*
 * Messages for rawsys trace's comparison with strace: sendmsg, recvmsg, sendmmsg, recvmmsg on a
 * unix socket pair and a loopback UDP socket, with names, several iovecs, control messages
 * (SCM_RIGHTS, SCM_CREDENTIALS, IP_TTL), truncated payloads and control data, and bad
 * addresses. Every call is made through syscall(2).
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#define BAD 1L

static void rights_and_credentials(void) {
    int sv[2];
    syscall(SYS_socketpair, AF_UNIX, SOCK_DGRAM, 0, sv);
    int on = 1;
    syscall(SYS_setsockopt, sv[1], SOL_SOCKET, SO_PASSCRED, &on, sizeof on);
    syscall(SYS_getpid);

    char first[] = "first part, ", second[] = "second\n";
    struct iovec iov[2] = {{first, sizeof first - 1}, {second, sizeof second - 1}};
    union {
        char buf[CMSG_SPACE(2 * sizeof(int))];
        struct cmsghdr align;
    } control;
    memset(&control, 0, sizeof control);
    struct msghdr msg = {.msg_iov = iov, .msg_iovlen = 2};
    msg.msg_control = control.buf;
    msg.msg_controllen = sizeof control.buf;
    struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(2 * sizeof(int));
    int fds[2] = {0, 2};
    memcpy(CMSG_DATA(c), fds, sizeof fds);
    syscall(SYS_sendmsg, sv[0], &msg, MSG_DONTWAIT);

    char in[64];
    struct iovec in_iov[2] = {{in, 8}, {in + 8, sizeof in - 8}};
    union {
        char buf[256];
        struct cmsghdr align;
    } in_control;
    struct msghdr in_msg = {.msg_iov = in_iov, .msg_iovlen = 2};
    in_msg.msg_control = in_control.buf;
    in_msg.msg_controllen = sizeof in_control.buf;
    syscall(SYS_recvmsg, sv[1], &in_msg, MSG_CMSG_CLOEXEC);

    /* Too little room for the control data: MSG_CTRUNC. Too little for the data: MSG_TRUNC. */
    syscall(SYS_sendmsg, sv[0], &msg, 0);
    in_msg.msg_controllen = CMSG_SPACE(sizeof(int));
    in_iov[0].iov_len = 4;
    in_msg.msg_iovlen = 1;
    syscall(SYS_recvmsg, sv[1], &in_msg, 0);

    /* Nothing waiting; then bad addresses. */
    syscall(SYS_recvmsg, sv[1], &in_msg, MSG_DONTWAIT);
    syscall(SYS_recvmsg, sv[1], BAD, 0);
    syscall(SYS_sendmsg, sv[0], BAD, 0);
    syscall(SYS_sendmsg, sv[0], NULL, 0);
    struct msghdr empty = {0};
    syscall(SYS_sendmsg, sv[0], &empty, MSG_NOSIGNAL);
    struct msghdr bad_iov = {.msg_iov = (void *)BAD, .msg_iovlen = 1};
    syscall(SYS_sendmsg, sv[0], &bad_iov, 0);

    /* Credentials of our own, and a control message of an unknown level. */
    union {
        char buf[CMSG_SPACE(sizeof(struct ucred)) + CMSG_SPACE(4)];
        struct cmsghdr align;
    } creds;
    memset(&creds, 0, sizeof creds);
    msg.msg_control = creds.buf;
    msg.msg_controllen = sizeof creds.buf;
    c = CMSG_FIRSTHDR(&msg);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_CREDENTIALS;
    c->cmsg_len = CMSG_LEN(sizeof(struct ucred));
    struct ucred me = {getpid(), getuid(), getgid()};
    memcpy(CMSG_DATA(c), &me, sizeof me);
    c = CMSG_NXTHDR(&msg, c);
    c->cmsg_level = 9999;
    c->cmsg_type = 7;
    c->cmsg_len = CMSG_LEN(4);
    syscall(SYS_sendmsg, sv[0], &msg, 0);
    msg.msg_controllen = CMSG_SPACE(sizeof(struct ucred));
    syscall(SYS_sendmsg, sv[0], &msg, 0);
    in_msg.msg_controllen = sizeof in_control.buf;
    in_iov[0].iov_len = sizeof in;
    syscall(SYS_recvmsg, sv[1], &in_msg, 0);

    /* Several messages at once. */
    struct mmsghdr out[2];
    memset(out, 0, sizeof out);
    struct iovec one = {"one", 3}, two = {"two!", 4};
    out[0].msg_hdr.msg_iov = &one;
    out[0].msg_hdr.msg_iovlen = 1;
    out[1].msg_hdr.msg_iov = &two;
    out[1].msg_hdr.msg_iovlen = 1;
    syscall(SYS_sendmmsg, sv[0], out, 2, MSG_DONTWAIT);
    struct mmsghdr got[3];
    memset(got, 0, sizeof got);
    char a[8], b[8], d[8];
    struct iovec ia = {a, sizeof a}, ib = {b, sizeof b}, id = {d, sizeof d};
    got[0].msg_hdr.msg_iov = &ia;
    got[0].msg_hdr.msg_iovlen = 1;
    got[1].msg_hdr.msg_iov = &ib;
    got[1].msg_hdr.msg_iovlen = 1;
    got[2].msg_hdr.msg_iov = &id;
    got[2].msg_hdr.msg_iovlen = 1;
    struct timespec zero = {0, 0};
    syscall(SYS_recvmmsg, sv[1], got, 3, MSG_DONTWAIT, &zero);
    syscall(SYS_recvmmsg, sv[1], got, 3, MSG_DONTWAIT, NULL);
    syscall(SYS_sendmmsg, sv[0], BAD, 2, 0);
    syscall(SYS_recvmmsg, sv[1], BAD, 2, MSG_DONTWAIT, NULL);
    close(sv[0]);
    close(sv[1]);
}

static void datagrams(void) {
    int udp = syscall(SYS_socket, AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in self = {.sin_family = AF_INET};
    self.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    syscall(SYS_bind, udp, &self, sizeof self);
    socklen_t len = sizeof self;
    syscall(SYS_getsockname, udp, &self, &len);
    int on = 1;
    syscall(SYS_setsockopt, udp, SOL_IP, IP_RECVTTL, &on, sizeof on);
    struct iovec iov = {"ping", 4};
    struct msghdr msg = {
        .msg_name = &self, .msg_namelen = sizeof self, .msg_iov = &iov, .msg_iovlen = 1};
    syscall(SYS_sendmsg, udp, &msg, 0);
    char in[16];
    struct sockaddr_in from;
    struct iovec in_iov = {in, sizeof in};
    union {
        char buf[64];
        struct cmsghdr align;
    } control;
    struct msghdr in_msg = {
        .msg_name = &from, .msg_namelen = sizeof from + 4, .msg_iov = &in_iov, .msg_iovlen = 1};
    in_msg.msg_control = control.buf;
    in_msg.msg_controllen = sizeof control.buf;
    syscall(SYS_recvmsg, udp, &in_msg, 0);
    close(udp);
}

int main(void) {
    rights_and_credentials();
    datagrams();
    return 0;
}
