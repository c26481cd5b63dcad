/* sigaction()/signal() for the host once the JVM has taken some signals: the kernel keeps the
 * JVM's handler, the host's goes where the JVM chains to it (libjsig's protocol, which the JVM
 * finds in our shim: JVM_get_signal_action). */
#define _GNU_SOURCE
#include "signals.h"

#include <dlfcn.h>
#include <string.h>
#include <sys/syscall.h>

#include "realsym.h"

static struct sigaction before[65];
static unsigned char jvm_owns[65];
static int (*real_sigaction)(int, const struct sigaction *, struct sigaction *);

static int host_sigaction(int sig, const struct sigaction *act, struct sigaction *old) {
    if (!real_sigaction)
        real_sigaction = (int (*)(int, const struct sigaction *, struct sigaction *))dlsym(
            RTLD_NEXT, "sigaction");
    return real_sigaction(sig, act, old);
}

void rp_reraise_default(int sig, siginfo_t *si, void *uc) {
    (void)uc;
    struct sigaction dfl;
    memset(&dfl, 0, sizeof dfl);
    dfl.sa_handler = SIG_DFL;
    rp_sys(SYS_rt_sigaction, sig, (long)&dfl, 0, 8, 0, 0);
    /* A fault repeats when the instruction runs again; a signal sent by kill() or raise()
     * (si_code <= 0) does not, so it is sent again: blocked until this handler returns, it then
     * takes the default action, as `kill -SEGV` does to the program without us. */
    if (!si || si->si_code <= 0)
        rp_sys(SYS_tgkill, rp_sys(SYS_getpid, 0, 0, 0, 0, 0, 0),
               rp_sys(SYS_gettid, 0, 0, 0, 0, 0, 0), sig, 0, 0, 0);
}

void rp_signals_before_boot(void) {
    for (int s = 1; s < 65; s++)
        if (s != SIGKILL && s != SIGSTOP)
            host_sigaction(s, NULL, &before[s]);
}

void rp_signals_restore(void) {
    for (int s = 1; s < 65; s++)
        if (s != SIGKILL && s != SIGSTOP) {
            jvm_owns[s] = 0;
            g_sh.host_sa_set[s] = 0;
            host_sigaction(s, &before[s], NULL);
        }
}

void rp_signals_after_boot(void) {
    for (int s = 1; s < 65; s++) {
        struct sigaction now;
        if (s == SIGKILL || s == SIGSTOP || host_sigaction(s, NULL, &now) != 0)
            continue;
        if (now.sa_handler == before[s].sa_handler)
            continue;
        /* SIGPIPE, SIGXFSZ: the JVM only ignores them, and `yes | head -1` must end as before.
         * SIG_DFL or SIG_IGN: no handler of the JVM's to chain from, so virtualising would only
         * take the signal from the program (the JDK sets SIGCHLD to SIG_DFL when a hook's
         * class starts a Process during the boot). */
        int no_handler = !(now.sa_flags & SA_SIGINFO) &&
                         (now.sa_handler == SIG_DFL || now.sa_handler == SIG_IGN);
        if (s == SIGPIPE || s == SIGXFSZ || no_handler) {
            host_sigaction(s, &before[s], NULL);
            continue;
        }
        g_sh.host_sa[s] = before[s];
        g_sh.host_sa_set[s] = 1;
        jvm_owns[s] = 1;
    }
    g_sh.signals_settled = 1;
}

EXPORT int sigaction(int sig, const struct sigaction *act, struct sigaction *old) {
    if (t_busy || g_forked || t_vfork || sig <= 0 || sig > 64 || !jvm_owns[sig])
        return host_sigaction(sig, act, old);
    if (old)
        *old = g_sh.host_sa[sig];
    if (act)
        g_sh.host_sa[sig] = *act;
    return 0;
}

EXPORT sighandler_t signal(int sig, sighandler_t handler) {
    if (t_busy || g_forked || t_vfork || sig <= 0 || sig > 64 || !jvm_owns[sig]) {
        static sighandler_t (*real_signal)(int, sighandler_t);
        if (!real_signal)
            real_signal = (sighandler_t(*)(int, sighandler_t))dlsym(RTLD_NEXT, "signal");
        return real_signal(sig, handler);
    }
    struct sigaction a, old;
    memset(&a, 0, sizeof a);
    a.sa_handler = handler;
    a.sa_flags = SA_RESTART;
    sigemptyset(&a.sa_mask);
    sigaddset(&a.sa_mask, sig);
    return sigaction(sig, &a, &old) == 0 ? old.sa_handler : SIG_ERR;
}
