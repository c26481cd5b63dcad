/*
 * What a forked copy of the JVM does before it execs a program, for the C halves of rawsys's tools
 * (rawsys trace's librawsys-trace.so, rawsys preload --seccomp's librawsys-notify.so). Such a
 * child may only make async-signal-safe calls: these are. Header-only (static inline), so each
 * library stays one object with no symbol of another's.
 */
#ifndef RAWSYS_CHILD_H
#define RAWSYS_CHILD_H

#include <errno.h>
#include <fcntl.h>
#include <linux/close_range.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

/* Writes "TOOL: WHAT: strerror(error)\n" to stderr with async-signal-safe calls only. */
static inline void rawsys_child_report(const char *tool, const char *what, int error) {
    const char *message = strerror(error); /* glibc's is safe: a table lookup for known errnos */
    const char *parts[] = {tool, ": ", what, ": ", message, "\n"};
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
        size_t length = strlen(parts[i]);
        while (length > 0) {
            ssize_t n = write(STDERR_FILENO, parts[i], length);
            if (n < 0 && errno == EINTR) {
                continue;
            }
            if (n <= 0) {
                return;
            }
            parts[i] += n;
            length -= (size_t)n;
        }
    }
}

/* The JVM's descriptors are not the program's: none but 0, 1 and 2 survive execve. */
static inline void rawsys_child_cloexec_from_3(void) {
    if (syscall(SYS_close_range, 3U, ~0U, CLOSE_RANGE_CLOEXEC) == 0) {
        return;
    }
    struct rlimit limit;
    rlim_t last =
        getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < 65536 ? limit.rlim_cur : 65536;
    for (int fd = 3; (rlim_t)fd < last; fd++) {
        int flags = fcntl(fd, F_GETFD);
        if (flags >= 0) {
            fcntl(fd, F_SETFD, flags | FD_CLOEXEC);
        }
    }
}

#endif
