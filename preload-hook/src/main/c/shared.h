/* State shared by the two halves of rawsys-preload: librawsys-preload.so (LD_PRELOAD, the host's
 * link namespace) and librawsys-preload-jvm.so (the first object of the JVM's own namespace,
 * dlmopen(LM_ID_NEWLM)). Plain memory only: neither half ever calls into the other's libc. */
#ifndef RAWSYS_PRELOAD_SHARED_H
#define RAWSYS_PRELOAD_SHARED_H
#include <signal.h>

#define RP_MAX_FD 65536
/* pthread keys: both libcs keep their per-thread key values in the same struct pthread, so the
 * two namespaces must never use the same key slot. The JVM namespace gets [RP_KEY_LO, 32) (the
 * shim burns the slots below), the host never gets those (the preload reserves them). Slots
 * below 32 live inside struct pthread, so neither libc frees memory the other allocated. */
#define RP_KEY_LO 24

struct rp_shared {
    int log_fd;         /* -1: messages are dropped */
    int fd_base;        /* the JVM's fds are moved to >= fd_base, close-on-exec */
    char **jvm_environ; /* what the JVM's libc sees: no JAVA_TOOL_OPTIONS and friends */
    /* The host's own dispositions of the signals the JVM handles, handed to the JVM as the
     * chained action (libjsig's protocol, JVM_get_signal_action). */
    struct sigaction host_sa[65];
    volatile int host_sa_set[65];
    /* Installed by the JVM for a chained SIG_DFL: restores SIG_DFL and returns, so a fault
     * re-raises the signal and ends the process as it would without us. */
    void (*reraise)(int, siginfo_t *, void *);
    /* 1 once the boot's signal changes are settled (rp_signals_after_boot): from then on the
     * JVM may not set SIG_DFL or SIG_IGN on a signal it does not handle, since the kernel's
     * disposition of it is the program's (libjava sets SIGCHLD to SIG_DFL when a hook first
     * starts a Process). */
    volatile int signals_settled;
    /* Set while JNI_CreateJavaVM runs: HotSpot ends the whole process (exit, _exit, abort) when
     * it cannot start (a bad option, too little memory). The shim calls this instead; it logs,
     * gives the program back its signals, marks the boot failed and never returns. */
    void (*volatile boot_exit)(const char *how, int status);
    volatile unsigned char jvm_fd[RP_MAX_FD]; /* 1: the fd belongs to the JVM or the log */
};

#endif
