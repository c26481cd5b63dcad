/*
 * Waiting on descriptors for rawsys trace's comparison with strace: poll, ppoll, select,
 * pselect6, epoll_create, epoll_create1, epoll_ctl, epoll_wait, epoll_pwait, epoll_pwait2, eventfd,
 * eventfd2, on pipes and eventfds the program makes itself. Timeouts are 0 or a few milliseconds,
 * and every wait either finds a ready descriptor or times out at once, so the results do not
 * depend on timing. Every call is made through syscall(2).
 */
#define _GNU_SOURCE
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/select.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define BAD 1L

static void polls(int ready, int idle) {
    struct pollfd fds[4] = {
        {.fd = ready, .events = POLLIN | POLLOUT},
        {.fd = idle, .events = POLLIN | POLLPRI | POLLRDHUP},
        {.fd = -1, .events = POLLIN},
        {.fd = 99, .events = 0},
    };
    syscall(SYS_poll, fds, 4, 0);
    syscall(SYS_poll, fds + 1, 1, 0);
    syscall(SYS_poll, fds + 1, 1, 1);
    syscall(SYS_poll, NULL, 0, 0);
    syscall(SYS_poll, BAD, 2, 0);
    syscall(SYS_poll, fds, 0, -1 + 1);
    struct pollfd bits[16];
    for (int i = 0; i < 16; i++) {
        bits[i].fd = idle;
        bits[i].events = 1 << i;
    }
    syscall(SYS_poll, bits, 16, 0);
    bits[0].events = (short)0xffff;
    syscall(SYS_poll, bits, 1, 0);

    struct timespec zero = {0, 0}, tiny = {0, 1000}, bad = {0, 2000000000};
    sigset_t mask;
    sigemptyset(&mask);
    sigaddset(&mask, SIGUSR1);
    sigaddset(&mask, SIGRTMIN + 2);
    syscall(SYS_ppoll, fds, 4, &zero, &mask, 8);
    syscall(SYS_ppoll, fds + 1, 1, &tiny, NULL, 8);
    syscall(SYS_ppoll, fds + 1, 1, &bad, NULL, 8);
    syscall(SYS_ppoll, fds, 1, NULL, &mask, 8);
    syscall(SYS_ppoll, fds, 1, &zero, &mask, 7);
    syscall(SYS_ppoll, fds, 1, BAD, BAD, 8);
    sigfillset(&mask);
    syscall(SYS_ppoll, fds, 1, &zero, &mask, 8);
    sigdelset(&mask, SIGKILL);
    sigdelset(&mask, SIGHUP);
    syscall(SYS_ppoll, fds, 1, &zero, &mask, 8);
}

static void selects(int ready, int idle) {
    fd_set in, out, except;
    FD_ZERO(&in);
    FD_ZERO(&out);
    FD_ZERO(&except);
    FD_SET(ready, &in);
    FD_SET(idle, &in);
    FD_SET(ready, &out);
    FD_SET(idle, &except);
    struct timeval zero = {0, 0};
    syscall(SYS_select, ready + 1, &in, &out, &except, &zero);
    FD_ZERO(&in);
    FD_SET(idle, &in);
    struct timeval tiny = {0, 100};
    syscall(SYS_select, ready + 1, &in, NULL, NULL, &tiny);
    syscall(SYS_select, 0, NULL, NULL, NULL, &zero);
    syscall(SYS_select, -1, NULL, NULL, NULL, &zero);
    syscall(SYS_select, ready + 1, BAD, NULL, NULL, &zero);
    FD_SET(ready, &in);
    syscall(SYS_select, ready + 1, &in, NULL, NULL, NULL);
    FD_ZERO(&in);
    FD_SET(200, &in);
    syscall(SYS_select, 201, &in, NULL, NULL, &zero);
    struct timeval bad = {0, -1};
    syscall(SYS_select, 1, NULL, NULL, NULL, &bad);

    struct timespec ts = {0, 0};
    sigset_t mask;
    sigemptyset(&mask);
    sigaddset(&mask, SIGINT);
    struct {
        const sigset_t *ss;
        size_t size;
    } sig = {&mask, 8};
    FD_ZERO(&in);
    FD_SET(ready, &in);
    FD_SET(idle, &in);
    syscall(SYS_pselect6, ready + 1, &in, NULL, NULL, &ts, &sig);
    FD_ZERO(&in);
    FD_SET(idle, &in);
    syscall(SYS_pselect6, ready + 1, &in, NULL, NULL, &ts, NULL);
    sig.ss = NULL;
    FD_SET(ready, &in);
    syscall(SYS_pselect6, ready + 1, &in, NULL, NULL, NULL, &sig);
    syscall(SYS_pselect6, ready + 1, &in, NULL, NULL, &ts, BAD);
}

static void epolls(int ready, int idle) {
    syscall(SYS_epoll_create, 4);
    syscall(SYS_epoll_create, 0);
    int ep = syscall(SYS_epoll_create1, EPOLL_CLOEXEC);
    syscall(SYS_epoll_create1, 1);
    struct epoll_event ev = {.events = EPOLLIN | EPOLLET, .data.u64 = 0x1122334455667788ULL};
    syscall(SYS_epoll_ctl, ep, EPOLL_CTL_ADD, ready, &ev);
    ev.events = EPOLLIN | EPOLLOUT | EPOLLRDHUP | EPOLLONESHOT;
    ev.data.fd = idle;
    syscall(SYS_epoll_ctl, ep, EPOLL_CTL_ADD, idle, &ev);
    ev.events = EPOLLIN | EPOLLEXCLUSIVE | EPOLLWAKEUP | 0x100000;
    syscall(SYS_epoll_ctl, ep, EPOLL_CTL_MOD, idle, &ev);
    ev.events = 0;
    syscall(SYS_epoll_ctl, ep, EPOLL_CTL_MOD, idle, &ev);
    syscall(SYS_epoll_ctl, ep, EPOLL_CTL_DEL, idle, &ev);
    syscall(SYS_epoll_ctl, ep, EPOLL_CTL_DEL, idle, NULL);
    syscall(SYS_epoll_ctl, ep, 7, idle, &ev);
    syscall(SYS_epoll_ctl, ep, EPOLL_CTL_ADD, idle, BAD);
    struct epoll_event out[4];
    syscall(SYS_epoll_wait, ep, out, 4, 0);
    syscall(SYS_epoll_wait, ep, out, 4, 1);
    syscall(SYS_epoll_wait, ep, BAD, 4, 0);
    syscall(SYS_epoll_wait, ep, out, 0, 0);
    sigset_t mask;
    sigemptyset(&mask);
    sigaddset(&mask, SIGTERM);
    syscall(SYS_epoll_pwait, ep, out, 4, 0, &mask, 8);
    syscall(SYS_epoll_pwait, ep, out, 4, 0, NULL, 8);
    struct timespec zero = {0, 0};
    syscall(SYS_epoll_pwait2, ep, out, 4, &zero, &mask, 8);
    syscall(SYS_epoll_pwait2, ep, out, 4, NULL, BAD, 8);
    syscall(SYS_epoll_pwait2, 99, out, 4, &zero, NULL, 8);
    struct epoll_event all = {.events = 0xffffffff};
    syscall(SYS_epoll_ctl, ep, EPOLL_CTL_MOD, ready, &all);
    syscall(SYS_epoll_ctl, ep, EPOLL_CTL_MOD, 99, &all);
    close(ep);
}

int main(void) {
    int pipefd[2];
    if (pipe(pipefd) != 0) {
        return 1;
    }
    int ready = syscall(SYS_eventfd2, 3, EFD_CLOEXEC | EFD_NONBLOCK);
    syscall(SYS_eventfd2, 0, EFD_SEMAPHORE | 0x10);
    syscall(SYS_eventfd, 7);
    int idle = pipefd[0];
    polls(ready, idle);
    selects(ready, idle);
    epolls(ready, idle);
    return 0;
}
