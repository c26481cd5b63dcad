/* close, close_range, closefrom: the host cannot close the JVM's descriptors (or the log's).
 * To the host they do not exist: close() says EBADF, ranges are closed around them. A fork
 * child has no JVM, so there they are ordinary descriptors. This is the real side, what the
 * exported functions (custom.c) and Java's proceed() run; it never asks Java. */
#define _GNU_SOURCE
#include "fdguard.h"

#include <errno.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "realsym.h"

static int protecting(void) {
    return !g_forked && !t_vfork;
}

int rp_guarded_close(int fd) {
    if (UNLIKELY(rp_jvm_fd(fd)) && protecting()) {
        errno = EBADF;
        return -1;
    }
    return REAL(close)(fd);
}
long rp_real_call_close(const long *a) {
    return rp_guarded_close((int)a[0]);
}

/* Closes [lo, hi] except the JVM's descriptors, as close_range pieces. */
int rp_guarded_close_range(unsigned lo, unsigned hi, int flags) {
    if (!protecting())
        return REAL(close_range)(lo, hi, flags);
    unsigned from = lo;
    for (unsigned fd = lo; fd < RP_MAX_FD && fd <= hi; fd++) {
        if (!g_sh.jvm_fd[fd])
            continue;
        if (fd > from && REAL(close_range)(from, fd - 1, flags) < 0)
            return -1;
        from = fd + 1;
    }
    if (from >= lo && from <= hi)
        return REAL(close_range)(from, hi, flags);
    return 0;
}
long rp_real_call_close_range(const long *a) {
    return rp_guarded_close_range((unsigned)a[0], (unsigned)a[1], (int)a[2]);
}

/* glibc's closefrom() calls close_range internally, not through ours: it is replaced whole. */
void rp_guarded_closefrom(int lo) {
    if (lo < 0)
        lo = 0;
    if (rp_guarded_close_range((unsigned)lo, ~0u, 0) == 0)
        return;
    for (int fd = lo; fd < RP_MAX_FD; fd++) /* a kernel before close_range (5.9) */
        if (!rp_jvm_fd(fd) || !protecting())
            rp_sys(SYS_close, fd, 0, 0, 0, 0, 0);
}
long rp_real_call_closefrom(const long *a) {
    rp_guarded_closefrom((int)a[0]);
    return 0;
}
