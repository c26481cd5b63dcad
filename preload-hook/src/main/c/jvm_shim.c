/* librawsys-preload-jvm.so: loaded with dlmopen(LM_ID_NEWLM) as the FIRST object of the JVM's
 * own link namespace, before libjvm.so. The namespace's global scope starts with this object,
 * so it interposes for the JVM alone: the host never sees it, and the host's preload never sees
 * the JVM's calls (the JVM's own I/O can never reach a hook).
 *
 * For the JVM it
 *  - moves every descriptor it creates to >= fd_base, close-on-exec, and records it, so the
 *    host's close/close_range/closefrom leave it alone and children never inherit it;
 *  - sends what it writes to fd 1 and 2 (and stdio's stdout/stderr) to the log, or nowhere;
 *  - speaks libjsig's protocol, so the JVM chains to the host's own signal handlers;
 *  - gives this namespace's libc a filtered environ (no JAVA_TOOL_OPTIONS and friends). */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include "shared.h"

#define EXPORT __attribute__((visibility("default")))

static struct rp_shared *S;

#define REAL(name)                                                                                 \
    static __typeof__(name) *real_##name;                                                          \
    if (!real_##name)                                                                              \
    real_##name = (__typeof__(name) *)dlsym(RTLD_NEXT, #name)

static int adopt(int fd) {
    if (fd < 0 || !S)
        return fd;
    if (fd < S->fd_base) {
        int high = fcntl(fd, F_DUPFD_CLOEXEC, S->fd_base);
        if (high >= 0) {
            syscall(SYS_close, fd);
            fd = high;
        } else
            fcntl(fd, F_SETFD, FD_CLOEXEC);
    } else
        fcntl(fd, F_SETFD, FD_CLOEXEC);
    if (fd < RP_MAX_FD)
        S->jvm_fd[fd] = 1;
    return fd;
}

static mode_t mode_arg(int flags, va_list ap) {
    return (flags & (O_CREAT | __O_TMPFILE)) ? (mode_t)va_arg(ap, unsigned int) : 0;
}

#define OPEN_LIKE(name, ...)                                                                       \
    REAL(name);                                                                                    \
    va_list ap;                                                                                    \
    va_start(ap, fl);                                                                              \
    mode_t m = mode_arg(fl, ap);                                                                   \
    va_end(ap);                                                                                    \
    return adopt(real_##name(__VA_ARGS__, fl | O_CLOEXEC, m))

EXPORT int open(const char *p, int fl, ...) {
    OPEN_LIKE(open, p);
}
EXPORT int open64(const char *p, int fl, ...) {
    OPEN_LIKE(open64, p);
}
EXPORT int openat(int d, const char *p, int fl, ...) {
    OPEN_LIKE(openat, d, p);
}
EXPORT int openat64(int d, const char *p, int fl, ...) {
    OPEN_LIKE(openat64, d, p);
}
EXPORT int creat(const char *p, mode_t m) {
    return open(p, O_CREAT | O_WRONLY | O_TRUNC, m);
}
EXPORT int creat64(const char *p, mode_t m) {
    return open64(p, O_CREAT | O_WRONLY | O_TRUNC, m);
}
EXPORT int socket(int d, int t, int p) {
    REAL(socket);
    return adopt(real_socket(d, t | SOCK_CLOEXEC, p));
}
EXPORT int socketpair(int d, int t, int p, int sv[2]) {
    REAL(socketpair);
    int r = real_socketpair(d, t | SOCK_CLOEXEC, p, sv);
    if (r == 0)
        sv[0] = adopt(sv[0]), sv[1] = adopt(sv[1]);
    return r;
}
EXPORT int pipe2(int f[2], int fl) {
    REAL(pipe2);
    int r = real_pipe2(f, fl | O_CLOEXEC);
    if (r == 0)
        f[0] = adopt(f[0]), f[1] = adopt(f[1]);
    return r;
}
EXPORT int pipe(int f[2]) {
    return pipe2(f, 0);
}
EXPORT int dup(int fd) {
    return adopt(fcntl(fd, F_DUPFD_CLOEXEC, S ? S->fd_base : 0));
}
EXPORT int accept4(int s, struct sockaddr *a, socklen_t *l, int fl) {
    REAL(accept4);
    return adopt(real_accept4(s, a, l, fl | SOCK_CLOEXEC));
}
EXPORT int accept(int s, struct sockaddr *a, socklen_t *l) {
    return accept4(s, a, l, 0);
}
EXPORT int epoll_create1(int fl) {
    REAL(epoll_create1);
    return adopt(real_epoll_create1(fl | EPOLL_CLOEXEC));
}
EXPORT int epoll_create(int n) {
    return n <= 0 ? -1 : epoll_create1(0);
}
EXPORT int eventfd(unsigned v, int fl) {
    REAL(eventfd);
    return adopt(real_eventfd(v, fl | EFD_CLOEXEC));
}
EXPORT int inotify_init1(int fl) {
    REAL(inotify_init1);
    return adopt(real_inotify_init1(fl | IN_CLOEXEC));
}
EXPORT int inotify_init(void) {
    return inotify_init1(0);
}

EXPORT int close(int fd) {
    REAL(close);
    if (S && fd >= 0 && fd < RP_MAX_FD && fd != S->log_fd)
        S->jvm_fd[fd] = 0;
    return real_close(fd);
}

/* The JVM's output to fd 1 and 2 goes to the log, or nowhere: never to the host's. */
static int out_fd(int fd) {
    return (fd == 1 || fd == 2) && S ? S->log_fd : fd;
}
EXPORT ssize_t write(int fd, const void *b, size_t n) {
    REAL(write);
    int o = out_fd(fd);
    return o < 0 ? (ssize_t)n : real_write(o, b, n);
}
EXPORT ssize_t writev(int fd, const struct iovec *v, int c) {
    REAL(writev);
    int o = out_fd(fd);
    if (o >= 0)
        return real_writev(o, v, c);
    ssize_t t = 0;
    for (int i = 0; i < c; i++)
        t += (ssize_t)v[i].iov_len;
    return t;
}

/* ---- signals ----------------------------------------------------------------------------- */
/* The JVM's sigaction. Once the boot has settled who owns which signal, a signal the JVM does
 * not handle is the program's: the JVM may read it, and may install a handler of its own (a hook
 * that calls sun.misc.Signal.handle asks for that), but its SIG_DFL or SIG_IGN is not applied.
 * libjava resets SIGCHLD to SIG_DFL the first time a Process starts: applied, it took the
 * program's SIGCHLD handler, and `timeout 1 sleep 5` waited for ever. */
EXPORT int sigaction(int sig, const struct sigaction *act, struct sigaction *old) {
    REAL(sigaction);
    if (act && S && S->signals_settled && sig > 0 && sig < 65 && !S->host_sa_set[sig] &&
        !(act->sa_flags & SA_SIGINFO) && (act->sa_handler == SIG_DFL || act->sa_handler == SIG_IGN))
        return real_sigaction(sig, NULL, old);
    return real_sigaction(sig, act, old);
}

EXPORT sighandler_t signal(int sig, sighandler_t handler) {
    struct sigaction a, old;
    memset(&a, 0, sizeof a);
    a.sa_handler = handler;
    a.sa_flags = SA_RESTART;
    sigemptyset(&a.sa_mask);
    return sigaction(sig, &a, &old) == 0 ? old.sa_handler : SIG_ERR;
}

/* ---- the JVM ending the process while it starts --------------------------------------------- */
/* HotSpot's vm_exit_during_initialization (a bad option, no memory for the heap) and its fatal
 * error path end the process: the program with it, although it ran fine without us. While the JVM
 * starts, these go to the library instead, which parks the calling thread for good. */
EXPORT void exit(int status) {
    if (S && S->boot_exit)
        S->boot_exit("exit", status);
    REAL(exit);
    real_exit(status);
    __builtin_unreachable();
}
EXPORT void _exit(int status) {
    if (S && S->boot_exit)
        S->boot_exit("_exit", status);
    REAL(_exit);
    real__exit(status);
    __builtin_unreachable();
}
EXPORT void abort(void) {
    if (S && S->boot_exit)
        S->boot_exit("abort", -1);
    REAL(abort);
    real_abort();
    __builtin_unreachable();
}

/* ---- libjsig's protocol ------------------------------------------------------------------ */
EXPORT void JVM_begin_signal_setting(void) {}
EXPORT void JVM_end_signal_setting(void) {}
EXPORT struct sigaction *JVM_get_signal_action(int sig) {
    if (!S || sig <= 0 || sig > 64 || !S->host_sa_set[sig])
        return NULL;
    struct sigaction *a = &S->host_sa[sig];
    /* A chained SIG_DFL is "unexpected" to the JVM (hs_err, abort); without us the host would
     * simply die of the signal, so the JVM gets a handler that lets the fault re-raise it. */
    if (a->sa_handler == SIG_DFL && S->reraise) {
        static struct sigaction dfl[65];
        dfl[sig] = *a;
        dfl[sig].sa_sigaction = S->reraise;
        dfl[sig].sa_flags = SA_SIGINFO;
        return &dfl[sig];
    }
    return a;
}

/* The JNI "vfprintf" hook: the JVM's own messages, formatted by this namespace's libc. */
EXPORT int rp_shim_vfprintf(FILE *f, const char *fmt, va_list ap) {
    (void)f;
    if (!S || S->log_fd < 0)
        return 0;
    return vdprintf(S->log_fd, fmt, ap);
}

EXPORT void rp_shim_init(struct rp_shared *s) {
    S = s;
    { /* this namespace's keys 0..RP_KEY_LO-1 stay unused: see shared.h */
        REAL(pthread_key_create);
        pthread_key_t k;
        do {
            if (real_pthread_key_create(&k, NULL) != 0)
                break;
        } while (k < RP_KEY_LO - 1);
    }
    if (s->jvm_environ)
        environ = s->jvm_environ; /* this namespace's libc only */
    int fd = s->log_fd >= 0 ? fcntl(s->log_fd, F_DUPFD_CLOEXEC, s->fd_base)
                            : adopt(open("/dev/null", O_WRONLY));
    if (fd >= 0) {
        if (fd < RP_MAX_FD)
            s->jvm_fd[fd] = 1;
        FILE *f = fdopen(fd, "a");
        if (f) {
            setvbuf(f, NULL, _IOLBF, 0);
            stdout = f;
            stderr = f;
        }
    }
}
