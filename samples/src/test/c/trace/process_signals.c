/* Signal calls for ProcessDecodersIT: handlers, masks, the alternate stack, waiting and queueing.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t caught;

static void handler(int signo) {
    caught = signo;
}

static void info_handler(int signo, siginfo_t *info, void *context) {
    (void)info;
    (void)context;
    caught = signo;
}

int main(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = handler;
    sigaddset(&sa.sa_mask, SIGINT);
    sigaddset(&sa.sa_mask, SIGTERM);
    sa.sa_flags = SA_RESTART;
    sigaction(SIGUSR1, &sa, NULL);

    struct sigaction old;
    sa.sa_sigaction = info_handler;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER | SA_RESETHAND;
    sigfillset(&sa.sa_mask);
    sigdelset(&sa.sa_mask, SIGRTMIN + 3);
    sigaction(SIGUSR2, &sa, &old);
    sigaction(SIGUSR2, NULL, &old);
    signal(SIGPIPE, SIG_IGN);
    signal(SIGPIPE, SIG_DFL);
    sigaction(SIGKILL, &sa, NULL);
    syscall(SYS_rt_sigaction, SIGUSR1, (void *)8, NULL, 8);
    syscall(SYS_rt_sigaction, 99, NULL, NULL, 8);
    syscall(SYS_rt_sigaction, SIGUSR1, NULL, NULL, 7);

    sigset_t set, prev;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigaddset(&set, SIGRTMIN);
    sigaddset(&set, SIGRTMIN + 1);
    sigaddset(&set, SIGRTMAX);
    sigprocmask(SIG_BLOCK, &set, &prev);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    sigprocmask(SIG_SETMASK, NULL, &prev);
    sigfillset(&set);
    sigdelset(&set, SIGRTMIN);
    sigdelset(&set, SIGRTMIN + 1);
    sigprocmask(SIG_SETMASK, &set, &prev);
    sigprocmask(SIG_SETMASK, &prev, NULL);
    syscall(SYS_rt_sigprocmask, 7, NULL, NULL, 8);
    syscall(SYS_rt_sigprocmask, SIG_BLOCK, &set, NULL, 4);
    syscall(SYS_rt_sigprocmask, SIG_BLOCK, (void *)16, NULL, 8);

    kill(getpid(), SIGUSR1);
    kill(getpid(), 0);
    /* A process group above PID_MAX_LIMIT (2^22): no such group can exist, so root kills no one. */
    kill(-0x7ffffff0, SIGTERM);
    syscall(SYS_tkill, syscall(SYS_gettid), SIGUSR1);
    syscall(SYS_tgkill, getpid(), syscall(SYS_gettid), SIGUSR1);
    syscall(SYS_tgkill, getpid(), syscall(SYS_gettid), 77);

    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigprocmask(SIG_BLOCK, &set, NULL);
    raise(SIGUSR1);
    sigset_t pending;
    sigpending(&pending);
    syscall(SYS_rt_sigpending, NULL, 8);
    syscall(SYS_rt_sigpending, &pending, 4);
    siginfo_t info;
    struct timespec zero = {0, 0};
    sigtimedwait(&set, &info, &zero);
    sigtimedwait(&set, NULL, &zero);
    raise(SIGUSR1);
    sigwaitinfo(&set, &info);
    siginfo_t queued;
    memset(&queued, 0, sizeof queued);
    queued.si_signo = SIGUSR1;
    queued.si_code = SI_QUEUE;
    queued.si_pid = getpid();
    queued.si_uid = getuid();
    queued.si_value.sival_int = 42;
    syscall(SYS_rt_sigqueueinfo, getpid(), SIGUSR1, &queued);
    sigwaitinfo(&set, &info);
    struct timespec short_wait = {0, 1000};
    sigtimedwait(&set, &info, &short_wait);

    sigemptyset(&set);
    raise(SIGUSR1);
    sigsuspend(&set);

    stack_t ss, oss;
    static char stack[65536];
    ss.ss_sp = stack;
    ss.ss_size = sizeof stack;
    ss.ss_flags = 0;
    sigaltstack(&ss, &oss);
    sigaltstack(NULL, &oss);
    ss.ss_flags = SS_DISABLE;
    sigaltstack(&ss, NULL);
    ss.ss_flags = 0;
    ss.ss_size = 1;
    sigaltstack(&ss, NULL);

    struct itimerval soon = {{0, 0}, {0, 20000}};
    signal(SIGALRM, handler);
    setitimer(ITIMER_REAL, &soon, NULL);
    pause();
    return caught == SIGALRM ? 0 : 1;
}
