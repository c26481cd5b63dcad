/*
 * librawsys-trace.so: the C half of `rawsys trace` (see trace_shim.c). Java binds these with FFM
 * (io.rawsys.trace.Shim); the struct's layout is written out there too, and checked by the tests.
 */
#ifndef RAWSYS_TRACE_SHIM_H
#define RAWSYS_TRACE_SHIM_H

/* The exit status of a child that could not exec (as a shell's 127 for "not found"). */
#define RAWSYS_TRACE_SPAWN_FAILED 127

struct rawsys_trace_spawn {
    const char *path;                /* what to execve: an absolute or relative path, no search */
    char *const *argv;               /* NULL-terminated */
    char *const *envp;               /* NULL-terminated */
    int release_read;                /* the child blocks reading this until EOF */
    int release_write;               /* the tracer's end, which the child closes first */
    const struct sock_fprog *filter; /* a seccomp filter to install just before execve, or NULL */
    const int *inherit;              /* descriptors above 2 the program inherits, as under strace */
    int inherit_count;               /* how many; every other one above 2 closes on execve */
};

/* Forks a child that waits for the tracer, then execs. The child's pid, or -errno. */
long rawsys_trace_spawn(const struct rawsys_trace_spawn *spawn);

/* Installs a handler that does nothing, without SA_RESTART, for signo. 0 or -errno. */
int rawsys_trace_install_wakeup(int signo);

/* -D: starts ARGV (a tracer) as a detached grandchild of this process, in a process group of its
 * own with LEVEL 2, in a session of its own with LEVEL 3; descriptor KEEP stays open for it.
 * Returns 0 once the intermediate child has exited, or -errno. */
long rawsys_trace_detached(const char *path, char *const *argv, char *const *envp, int level,
                           int keep);

/* -D: this process becomes the traced command: the signal mask emptied, descriptors above 2 but
 * INHERIT closed on exec, then execve. Returns -errno if it could not. */
long rawsys_trace_become(const char *path, char *const *argv, char *const *envp, const int *inherit,
                         int inherit_count);

#endif
