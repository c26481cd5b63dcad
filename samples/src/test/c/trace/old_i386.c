/*
 * i386's old calls and its *_time64 calls, for OldCallDecodersIT (built with i686-linux-gnu-gcc
 * -static): the old signal calls with their one-word masks and struct old_sigaction, oldstat,
 * oldlstat and oldfstat, readdir, stime, uselib, nice, the calls strace prints as printargs, and
 * ppoll_time64, recvmmsg_time64, rt_sigtimedwait_time64 and futex_time64 with their 64-bit
 * timespecs. Everything the lines show lives in static storage (fixed addresses in a static
 * program), or is the same in every run (the first entry of "/").
 *
 * Calls that would change the machine as root are made so that the kernel refuses them: stime with
 * an unreadable time only (EFAULT); nice(-5), vhangup and bdflush after dropping the capability
 * each needs (EPERM).
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/capability.h>
#include <linux/futex.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <unistd.h>

#include "trace_test.h"

struct ts64 {
    int64_t tv_sec;
    int64_t tv_nsec;
};

/* the kernel's struct old_sigaction on i386 */
struct old_sigaction32 {
    uint32_t handler;
    uint32_t mask;
    uint32_t flags;
    uint32_t restorer;
};

static struct ts64 ts;
static struct pollfd pfd[2];
static uint32_t sigset64[2];
static struct old_sigaction32 act, oldact;
static uint32_t mask, oldmask;
static unsigned char stat_buf[64];
static unsigned char dirent_buf[300];
static unsigned char uname_buf[512];
static siginfo_t info;
static uint32_t word;
static char byte;
static struct iovec iov = {&byte, 1};
static struct mmsghdr mh;

static void handler(int signo) {
    (void)signo;
}

int main(void) {
    /* ppoll_time64: a descriptor ready at once, no time left; a timeout; an unreadable timeout */
    int fds[2];
    if (pipe(fds) != 0 || write(fds[1], "x", 1) != 1) {
        return 1;
    }
    pfd[0].fd = fds[0];
    pfd[0].events = POLLIN;
    pfd[1].fd = fds[1];
    pfd[1].events = POLLOUT;
    sigset64[0] = 1u << (SIGUSR2 - 1);
    syscall(SYS_ppoll_time64, pfd, 2, &ts, sigset64, 8);
    ts.tv_nsec = 1000;
    syscall(SYS_ppoll_time64, NULL, 0, &ts, NULL, 8);
    syscall(SYS_ppoll_time64, NULL, 0, bad, NULL, 8);

    /* recvmmsg_time64: a bad descriptor, then one datagram with no time left */
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_DGRAM, 0, sv) != 0 || send(sv[1], "A", 1, 0) != 1) {
        return 1;
    }
    mh.msg_hdr.msg_iov = &iov;
    mh.msg_hdr.msg_iovlen = 1;
    ts.tv_sec = 0;
    ts.tv_nsec = 12345678;
    syscall(SYS_recvmmsg_time64, -1, &mh, 1, 0, &ts);
    ts.tv_nsec = 0;
    syscall(SYS_recvmmsg_time64, sv[0], &mh, 1, 0, &ts);

    /* rt_sigtimedwait_time64: nothing pending; then a SIGUSR2 the program sent itself */
    sigset_t usr2;
    sigemptyset(&usr2);
    sigaddset(&usr2, SIGUSR2);
    sigprocmask(SIG_BLOCK, &usr2, NULL);
    ts.tv_sec = 0;
    ts.tv_nsec = 1000;
    syscall(SYS_rt_sigtimedwait_time64, sigset64, NULL, &ts, 8);
    raise(SIGUSR2);
    ts.tv_sec = 0x100000000LL;
    syscall(SYS_rt_sigtimedwait_time64, sigset64, &info, &ts, 8);

    /* futex_time64: the word differs; then the wait times out */
    syscall(SYS_futex_time64, &word, FUTEX_WAIT_PRIVATE, 1, &ts, NULL, 0);
    ts.tv_sec = 0;
    syscall(SYS_futex_time64, &word, FUTEX_WAIT_PRIVATE, 0, &ts, NULL, 0);

    /* signal: the old handler comes back */
    syscall(SYS_signal, SIGUSR1, SIG_IGN);
    syscall(SYS_signal, SIGUSR1, handler);
    syscall(SYS_signal, SIGUSR1, SIG_DFL);
    syscall(SYS_signal, SIGKILL, SIG_IGN);

    /* sigaction with struct old_sigaction */
    act.handler = (uint32_t)(uintptr_t)SIG_IGN;
    act.mask = (1u << (SIGHUP - 1)) | (1u << (SIGINT - 1));
    act.flags = SA_SIGINFO;
    syscall(SYS_sigaction, SIGUSR2, &act, &oldact);
    act.handler = (uint32_t)(uintptr_t)handler;
    act.mask = ~(1u << (SIGHUP - 1));
    act.flags = SA_RESTART | SA_ONSTACK;
    syscall(SYS_sigaction, SIGUSR2, &act, &oldact);
    syscall(SYS_sigaction, SIGUSR2, NULL, &oldact);
    syscall(SYS_sigaction, SIGUSR2, bad, NULL);
    syscall(SYS_sigaction, SIGUSR2, NULL, bad);
    syscall(SYS_sigaction, 0xdefaced, NULL, NULL);

    /* sigprocmask, sigpending, sgetmask, ssetmask: one-word masks */
    mask = 1u << (SIGUSR1 - 1);
    syscall(SYS_sigprocmask, SIG_BLOCK, &mask, &oldmask);
    syscall(SYS_sigprocmask, SIG_SETMASK, NULL, &oldmask);
    syscall(SYS_sigprocmask, SIG_UNBLOCK, &mask, NULL);
    syscall(SYS_sigprocmask, SIG_BLOCK, bad, NULL);
    syscall(SYS_sigprocmask, 99, NULL, NULL);
    syscall(SYS_sigpending, &mask);
    syscall(SYS_sigpending, bad);
    long old = syscall(SYS_sgetmask);
    syscall(SYS_ssetmask, old | (1u << (SIGHUP - 1)) | (1u << (SIGQUIT - 1)));
    syscall(SYS_sgetmask);
    syscall(SYS_ssetmask, old);

    /* sigsuspend, ended by a SIGALRM blocked until then */
    signal(SIGALRM, handler);
    sigset_t alrm;
    sigemptyset(&alrm);
    sigaddset(&alrm, SIGALRM);
    sigprocmask(SIG_BLOCK, &alrm, NULL);
    struct itimerval soon = {{0, 0}, {0, 10000}};
    setitimer(ITIMER_REAL, &soon, NULL);
    syscall(SYS_sigsuspend, 0, 0, 1u << (SIGUSR1 - 1));

    /* oldstat, oldlstat, oldfstat: struct __old_kernel_stat */
    syscall(SYS_oldstat, "/dev/null", stat_buf);
    syscall(SYS_oldlstat, "/dev/null", stat_buf);
    syscall(SYS_oldlstat, "/nonexistent", stat_buf);
    syscall(SYS_oldstat, "/dev/null", bad);
    int null_fd = open("/dev/null", O_RDONLY);
    syscall(SYS_oldfstat, null_fd, stat_buf);
    syscall(SYS_oldfstat, -1, stat_buf);

    /* readdir: the first entry of "/", a bad descriptor, a count other than 1 */
    int root = open("/", O_RDONLY | O_DIRECTORY);
    syscall(SYS_readdir, root, dirent_buf, 1);
    syscall(SYS_readdir, -1, dirent_buf, 1);
    syscall(SYS_readdir, root, bad, 2);

    /* stime with no readable time only: as root a readable one would set the clock */
    syscall(SYS_stime, null);
    syscall(SYS_stime, bad);

    syscall(SYS_uselib, "/nonexistent/lib.so");
    syscall(SYS_nice, 0);

    /* the calls strace prints as printargs */
    syscall(SYS_break, 1, 2, 3);
    syscall(SYS_stty, 1, uname_buf);
    syscall(SYS_gtty, 1, uname_buf);
    syscall(SYS_ftime, uname_buf);
    syscall(SYS_prof);
    syscall(SYS_lock);
    syscall(SYS_mpx);
    syscall(SYS_ulimit, 2, 1024);
    syscall(SYS_profil, uname_buf, 256, 0, 1);
    syscall(SYS_idle);
    syscall(SYS_olduname, uname_buf);
    syscall(SYS_oldolduname, uname_buf);
    syscall(SYS_vm86old, uname_buf);
    syscall(SYS_vm86, 1, uname_buf, 0, 0, 0);

    /* unprivileged first: each refused (EPERM), nothing changed */
    if (drop_capability(CAP_SYS_NICE) != 0 || drop_capability(CAP_SYS_TTY_CONFIG) != 0 ||
        drop_capability(CAP_SYS_ADMIN) != 0) {
        return 1;
    }
    syscall(SYS_nice, -5);
    syscall(SYS_vhangup);
    syscall(SYS_bdflush, 1, 0);
    return 0;
}
