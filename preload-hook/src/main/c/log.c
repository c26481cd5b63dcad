/* The log: opened lazily from RAWSYS_LOG, one write per line. */
#define _GNU_SOURCE
#include "log.h"

#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <sys/syscall.h>

#include "realsym.h"

/* Moves fd to >= fd_base, close-on-exec, and marks it the JVM's (hidden from the host's close). */
static int adopt_fd(int fd) {
    if (fd < 0)
        return fd;
    if (fd < g_sh.fd_base) {
        int high = fcntl(fd, F_DUPFD_CLOEXEC, g_sh.fd_base);
        if (high >= 0) {
            SYS(SYS_close, fd);
            fd = high;
        }
    }
    if (fd < RP_MAX_FD)
        g_sh.jvm_fd[fd] = 1;
    return fd;
}

int rp_log_fd(void) {
    if (g_sh.log_fd >= 0 || !cfg_log)
        return g_sh.log_fd;
    int fd =
        (int)SYS(SYS_openat, AT_FDCWD, cfg_log, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    return g_sh.log_fd = adopt_fd(fd);
}

void rp_log(const char *fmt, ...) {
    int fd = rp_log_fd();
    if (fd < 0)
        return;
    char buf[1024];
    int n = snprintf(buf, sizeof buf, "rawsys-preload[%d]: ", (int)SYS(SYS_getpid, 0));
    va_list ap;
    va_start(ap, fmt);
    n += vsnprintf(buf + n, sizeof buf - (size_t)n - 1, fmt, ap);
    va_end(ap);
    if (n > (int)sizeof buf - 2)
        n = (int)sizeof buf - 2;
    buf[n++] = '\n';
    SYS(SYS_write, fd, buf, n);
}
