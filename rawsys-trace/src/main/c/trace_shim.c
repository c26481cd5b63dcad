/*
 * The C half of `rawsys trace`: the few steps that must not run as Java. A forked copy of the JVM
 * may only make async-signal-safe calls until it execs, so the child's side of starting a tracee
 * lives here; so does the no-op signal handler that lets another thread interrupt the tracer's
 * wait4. The tracer (Java, io.rawsys.trace) does every ptrace call itself.
 *
 * Starting a tracee, with the tracer thread T:
 *   T: pipe2(release)  fork() ─────────────► child: close(release[1]); unblock every signal;
 *   T: PTRACE_SEIZE(child, options)                 read(release[0]) blocks …
 *   T: PTRACE_INTERRUPT, wait4: EVENT_STOP
 *   T: PTRACE_SYSCALL; close(release[1]) ──► … read returns 0 (EOF); fds >= 3 made close-on-exec;
 *                                             the seccomp filter installed (--seccomp-bpf);
 *                                             execve(path, argv, envp)
 * Everything the child does before execve is traced, and hidden by the tracer: the trace starts
 * with execve, as strace's does.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/close_range.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <stddef.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "rawsys_child.h"
#include "trace_shim.h"

static void report(const char *what, int error) {
    rawsys_child_report("rawsys trace", what, error);
}

static void child(const struct rawsys_trace_spawn *spawn) {
    close(spawn->release_write);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL); /* the JVM thread's mask is not the program's */
    char byte;
    ssize_t n;
    do {
        n = read(spawn->release_read, &byte, 1);
    } while (n < 0 && errno == EINTR);
    if (n !=
        0) { /* the tracer closes its end once it has seized this process, and writes nothing */
        _exit(RAWSYS_TRACE_SPAWN_FAILED);
    }
    close(spawn->release_read);
    rawsys_child_cloexec_from_3();
    for (int i = 0; i < spawn->inherit_count; i++) {
        /* what the tracer itself was given (rawsys trace CMD 3<file): the program's, as under
         * strace; one that is not open any more is passed over */
        fcntl(spawn->inherit[i], F_SETFD, 0);
    }
    if (spawn->filter != NULL) {
        if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) {
            report("prctl(PR_SET_NO_NEW_PRIVS)", errno);
            _exit(RAWSYS_TRACE_SPAWN_FAILED);
        }
        if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, spawn->filter) != 0) {
            report("seccomp(SECCOMP_SET_MODE_FILTER)", errno);
            _exit(RAWSYS_TRACE_SPAWN_FAILED);
        }
    }
    execve(spawn->path, spawn->argv, spawn->envp);
    report(spawn->path, errno);
    _exit(RAWSYS_TRACE_SPAWN_FAILED);
}

long rawsys_trace_spawn(const struct rawsys_trace_spawn *spawn) {
    pid_t pid = fork();
    if (pid < 0) {
        return -errno;
    }
    if (pid == 0) {
        child(spawn);
    }
    return pid;
}

long rawsys_trace_detached(const char *path, char *const *argv, char *const *envp, int level,
                           int keep) {
    pid_t pid = fork();
    if (pid < 0) {
        return -errno;
    }
    if (pid == 0) {
        pid_t grandchild = fork();
        if (grandchild != 0) {
            _exit(grandchild < 0 ? RAWSYS_TRACE_SPAWN_FAILED : 0); /* reparented: not our child */
        }
        if (level >= 3) {
            setsid();
        } else if (level == 2) {
            setpgid(0, 0);
        }
        sigset_t none;
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, NULL);
        rawsys_child_cloexec_from_3();
        fcntl(keep, F_SETFD, 0);
        execve(path, argv, envp);
        report(path, errno);
        _exit(RAWSYS_TRACE_SPAWN_FAILED);
    }
    int status = 0;
    while (waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) {
            return -errno;
        }
    }
    return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -ECHILD;
}

long rawsys_trace_become(const char *path, char *const *argv, char *const *envp, const int *inherit,
                         int inherit_count) {
    sigset_t none, old;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, &old);
    rawsys_child_cloexec_from_3();
    for (int i = 0; i < inherit_count; i++) {
        fcntl(inherit[i], F_SETFD, 0);
    }
    execve(path, argv, envp);
    int error = errno;
    sigprocmask(SIG_SETMASK, &old, NULL);
    return -error;
}

static void wake_up(int signo) {
    (void)signo; /* its only work is to make the interrupted system call return EINTR */
}

int rawsys_trace_install_wakeup(int signo) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = wake_up;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0; /* no SA_RESTART: a blocked wait4 returns EINTR */
    return sigaction(signo, &action, NULL) == 0 ? 0 : -errno;
}
