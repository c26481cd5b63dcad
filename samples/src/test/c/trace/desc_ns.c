/*
 * Descriptors that stand for other things, namespaces and select, for DescriptorDecodersIT:
 * pidfd_open, pidfd_getfd, pidfd_send_signal, signalfd, signalfd4, select (and i386's old select
 * and _newselect), pselect6 (and pselect6_time64), setns and unshare, as they work and as the
 * kernel refuses them.
 *
 * The namespace calls are made only in a child this program forks (traced with -f), which leaves
 * with them: its unshare of new namespaces and its setns into a namespace it is already in change
 * nothing outside it, and the refused ones carry bad flags or descriptors. The signal sent is 0
 * (none), to this process itself. SIGCHLD is blocked before the fork, so that no signal line
 * races with the child's.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/select.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "trace_test.h"

int main(int argc, char **argv) {
    if (enter_work_dir(argc, argv) != 0) {
        return 1;
    }
    int file = open("desc", O_CREAT | O_RDWR | O_TRUNC, 0600);
    int pipes[2];
    if (file < 0 || pipe(pipes) != 0 || write(pipes[1], "x", 1) != 1) {
        return 1;
    }

    /* pidfds of this process: another descriptor of its own file, refused ones, signal 0 */
    int self = (int)sys(__NR_pidfd_open, getpid(), 0, 0, 0, 0, 0);
    long copy = sys(__NR_pidfd_getfd, self, file, 0, 0, 0, 0);
    if (copy >= 0) {
        close((int)copy);
    }
    sys(__NR_pidfd_getfd, self, 99, 0, 0, 0, 0);
    sys(__NR_pidfd_getfd, self, file, 0xf00, 0, 0, 0);
    sys(__NR_pidfd_getfd, -1, -1, 0, 0, 0, 0);
    sys(__NR_pidfd_getfd, file, 0, 0, 0, 0, 0);
    sys(__NR_pidfd_send_signal, self, 0, 0, 0, 0, 0);

    /* signalfd and signalfd4: new ones, one changed, refused ones */
    sigset_t mask;
    sigemptyset(&mask);
    sigaddset(&mask, SIGUSR1);
    sigaddset(&mask, SIGRTMIN + 1);
    long sfd = sys(__NR_signalfd4, -1, (long)&mask, 8, SFD_CLOEXEC | SFD_NONBLOCK, 0, 0);
    sys(__NR_signalfd4, sfd, (long)&mask, 8, 0, 0, 0);
#ifdef __NR_signalfd
    long old = sys(__NR_signalfd, -1, (long)&mask, 8, 0, 0, 0);
    if (old >= 0) {
        close((int)old);
    }
    sys(__NR_signalfd, sfd, (long)bad, 8, 0, 0, 0);
#endif
    sys(__NR_signalfd4, -1, (long)&mask, 8, 0xff, 0, 0);
    sys(__NR_signalfd4, -1, (long)&mask, 4, 0, 0, 0);
    sys(__NR_signalfd4, file, (long)&mask, 8, SFD_NONBLOCK, 0, 0);

    /* select: ready descriptors, a timeout, odd counts, bad sets */
    fd_set in, out, ex;
    FD_ZERO(&in);
    FD_ZERO(&out);
    FD_ZERO(&ex);
    FD_SET(pipes[0], &in);
    FD_SET(pipes[1], &in);
    FD_SET(pipes[1], &out);
    FD_SET(file, &ex);
    struct timeval tv = {1, 500};
    struct timeval zero = {0, 0};
#ifdef __NR_select
#define SELECT __NR_select
#else
#define SELECT __NR__newselect
#endif
#ifdef __i386__
    /* i386's select is the old one, its five arguments in memory; _newselect is select(2) */
    struct {
        long n;
        fd_set *in, *out, *ex;
        struct timeval *tv;
    } args = {pipes[1] + 1, &in, &out, NULL, &tv};
    sys(__NR_select, (long)&args, 0, 0, 0, 0, 0);
    sys(__NR_select, (long)bad, 0, 0, 0, 0, 0);
    args.tv = &zero;
    args.in = NULL;
    args.out = NULL;
    sys(__NR_select, (long)&args, 0, 0, 0, 0, 0);
#undef SELECT
#define SELECT __NR__newselect
#endif
    tv.tv_sec = 1; /* the kernel wrote back the time left */
    tv.tv_usec = 500;
    sys(SELECT, pipes[1] + 1, (long)&in, (long)&out, (long)&ex, (long)&tv, 0);
    FD_ZERO(&in);
    FD_SET(pipes[0], &in);
    FD_SET(file, &in);
    sys(SELECT, file + 1, (long)&in, 0, 0, 0, 0);
    FD_ZERO(&in);
    sys(SELECT, 0, 0, 0, 0, (long)&zero, 0);
    sys(SELECT, 1, (long)&in, 0, 0, (long)&zero, 0);
    sys(SELECT, -1, (long)&in, 0, 0, 0, 0);
    sys(SELECT, 0x7fffffff, 0, 0, 0, (long)&zero, 0);
    sys(SELECT, 5, (long)bad, (long)bad, 0, (long)bad, 0);
    /* more descriptors than an fd_set holds: the kernel reads past it, so a bigger set */
    static unsigned char big[256];
    big[pipes[0] / 8] |= 1 << (pipes[0] % 8);
    sys(SELECT, 1200, (long)big, 0, 0, (long)&zero, 0);

    /* pselect6: with a mask, a timeout left; refused masks */
    struct timespec ts = {2, 7};
    struct {
        sigset_t *mask;
        size_t size;
    } sig = {&mask, 8};
    FD_ZERO(&in);
    FD_SET(pipes[0], &in);
    sys(__NR_pselect6, pipes[0] + 1, (long)&in, 0, 0, (long)&ts, (long)&sig);
    FD_ZERO(&in);
    struct timespec zts = {0, 0};
    sys(__NR_pselect6, 1, (long)&in, 0, 0, (long)&zts, 0);
    sys(__NR_pselect6, 1, (long)&in, 0, 0, (long)&zts, (long)bad);
    sig.size = 3;
    sys(__NR_pselect6, 1, (long)&in, 0, 0, (long)bad, (long)&sig);
#ifdef __NR_pselect6_time64
    struct {
        int64_t sec;
        int64_t nsec;
    } ts64 = {0, 999};
    sig.size = 8;
    FD_SET(pipes[0], &in);
    sys(__NR_pselect6_time64, pipes[0] + 1, (long)&in, 0, 0, (long)&ts64, (long)&sig);
#endif

    /* namespaces: only in a child, which leaves with them */
    sigset_t chld;
    sigemptyset(&chld);
    sigaddset(&chld, SIGCHLD);
    sigprocmask(SIG_BLOCK, &chld, NULL);
    pid_t child = fork();
    if (child == 0) {
        int uts = open("/proc/self/ns/uts", O_RDONLY);
        sys(__NR_setns, uts, CLONE_NEWUTS, 0, 0, 0, 0); /* the one it is in: no change */
        sys(__NR_setns, uts, 0, 0, 0, 0, 0);            /* any type: the same one */
        sys(__NR_setns, uts, CLONE_NEWNET, 0, 0, 0, 0); /* refused: not a net namespace */
        sys(__NR_setns, -1, CLONE_NEWNS | CLONE_NEWPID, 0, 0, 0, 0); /* refused: no fd */
        sys(__NR_setns, uts, 0x1 | CLONE_NEWIPC, 0, 0, 0, 0);        /* refused: flags */
        sys(__NR_unshare, CLONE_NEWUSER | CLONE_NEWUTS | CLONE_NEWIPC, 0, 0, 0, 0, 0);
        sys(__NR_unshare, CLONE_FILES | CLONE_FS | CLONE_SYSVSEM, 0, 0, 0, 0, 0);
        sys(__NR_unshare, 0x1 | CLONE_NEWNS, 0, 0, 0, 0, 0); /* refused: flags */
        sys(__NR_unshare, CLONE_THREAD | CLONE_VM | CLONE_SIGHAND | CLONE_NEWTIME | 0x80, 0, 0, 0,
            0, 0);
        sys(__NR_unshare, 0, 0, 0, 0, 0, 0);
        _exit(0);
    }
    waitpid(child, NULL, 0);
    return 0;
}
