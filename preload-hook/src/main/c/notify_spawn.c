/*
 * The C half of `rawsys preload --seccomp`: starting the program under a seccomp filter whose
 * user notifications go to the supervisor (this process). A forked copy of the JVM may only make
 * async-signal-safe calls until it execs, so the child's side lives here.
 *
 *   parent: socketpair(hand)  fork() ─────────► child: an empty signal mask;
 *                                                       fds >= 3 close-on-exec (but hand[1]);
 *                                                       no_new_privs; seccomp(NEW_LISTENER) → L;
 *   parent: recvmsg(hand[0]) ◄── SCM_RIGHTS(L) ─ sendmsg(hand[1]);
 *                                                       execve(path, argv, envp)
 *
 * L is close-on-exec, so the program holds no reference to its own listener: when the supervisor
 * closes it (or dies), the kernel fails the pending and later notified calls with ENOSYS.
 * Nothing the child does between seccomp() and sendmsg() may be notified (no one listens yet):
 * the filter never notifies sendmsg.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/close_range.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <stddef.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "notify_spawn.h"
#include "rawsys_child.h"

static void report(const char *what, int error) {
    rawsys_child_report("rawsys preload", what, error);
}

/* One byte and room for one descriptor: the message the listener travels in. */
struct hand {
    char byte;
    struct iovec iov;
    union {
        struct cmsghdr header;
        char space[CMSG_SPACE(sizeof(int))];
    } control;
    struct msghdr message;
};

static void hand_init(struct hand *h) {
    memset(h, 0, sizeof *h);
    h->byte = 'L';
    h->iov.iov_base = &h->byte;
    h->iov.iov_len = 1;
    h->message.msg_iov = &h->iov;
    h->message.msg_iovlen = 1;
    h->message.msg_control = h->control.space;
    h->message.msg_controllen = sizeof h->control.space;
}

/* Hands fd over the socket; 0 or -errno. */
static int send_fd(int socket, int fd) {
    struct hand h;
    hand_init(&h);
    struct cmsghdr *c = CMSG_FIRSTHDR(&h.message);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(sizeof(int));
    memcpy(CMSG_DATA(c), &fd, sizeof(int));
    ssize_t n;
    do {
        n = sendmsg(socket, &h.message, MSG_NOSIGNAL);
    } while (n < 0 && errno == EINTR);
    return n == 1 ? 0 : -errno;
}

/* Receives a descriptor, close-on-exec; the descriptor, 0 at EOF (the child failed), or -errno. */
static int receive_fd(int socket) {
    struct hand h;
    hand_init(&h);
    ssize_t n;
    do {
        n = recvmsg(socket, &h.message, MSG_CMSG_CLOEXEC);
    } while (n < 0 && errno == EINTR);
    if (n < 0) {
        return -errno;
    }
    struct cmsghdr *c = CMSG_FIRSTHDR(&h.message);
    if (n == 0 || c == NULL || c->cmsg_type != SCM_RIGHTS) {
        return 0;
    }
    int fd;
    memcpy(&fd, CMSG_DATA(c), sizeof(int));
    return fd;
}

static void child(const char *path, char *const argv[], char *const envp[],
                  const struct sock_fprog *filter, int hand) {
    /* The JVM thread's mask is not the program's. Its dispositions are: the JVM ignores no signal
       itself, so a signal ignored here was ignored by whoever started rawsys (nohup), and stays
       so across execve, as it would without rawsys; caught ones are reset by execve. */
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    rawsys_child_cloexec_from_3();
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) {
        report("prctl(PR_SET_NO_NEW_PRIVS)", errno);
        _exit(RAWSYS_NOTIFY_SPAWN_FAILED);
    }
    /* WAIT_KILLABLE_RECV (Linux 5.19+): once the supervisor has taken a call, only a fatal signal
       interrupts the wait, so a program's timer (SA_RESTART) cannot restart the call, and ask the
       hook again, for ever while the hook takes longer than the timer's period. */
    long listener =
        syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER,
                SECCOMP_FILTER_FLAG_NEW_LISTENER | SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV, filter);
    if (listener < 0 && errno == EINVAL) {
        listener =
            syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_NEW_LISTENER, filter);
    }
    if (listener < 0) {
        report("seccomp(SECCOMP_FILTER_FLAG_NEW_LISTENER)", errno);
        _exit(RAWSYS_NOTIFY_SPAWN_FAILED);
    }
    int sent = send_fd(hand, (int)listener);
    if (sent != 0) {
        report("handing the listener over", -sent);
        _exit(RAWSYS_NOTIFY_SPAWN_FAILED);
    }
    execve(path, argv, envp);
    report(path, errno);
    _exit(RAWSYS_NOTIFY_SPAWN_FAILED);
}

long rawsys_notify_spawn(const char *path, char *const argv[], char *const envp[],
                         const struct sock_fprog *filter, int *listener) {
    int hand[2];
    if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, hand) != 0) {
        return -errno;
    }
    pid_t pid = fork();
    if (pid < 0) {
        int error = errno;
        close(hand[0]);
        close(hand[1]);
        return -error;
    }
    if (pid == 0) {
        close(hand[0]);
        child(path, argv, envp, filter, hand[1]);
    }
    close(hand[1]);
    int fd = receive_fd(hand[0]);
    close(hand[0]);
    if (fd <= 0) {
        /* the child said why on stderr and exits 127; reap it, so nothing is left behind */
        int status;
        while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
        }
        return fd < 0 ? fd : -ECHILD;
    }
    *listener = fd;
    return pid;
}
