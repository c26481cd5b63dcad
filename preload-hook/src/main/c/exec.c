/* exec and spawn, the real side: each runs with the environment the user chose:
 * RAWSYS_PRELOAD_INHERIT=1 (default) adds LD_PRELOAD and RAWSYS_* back where the program's envp
 * lacks them; with 0 the constructor removed them from environ, so children start unhooked
 * whichever way they are started. Everything on the exec path is async-signal-safe: a vfork
 * child runs it. What the exported functions (custom.c) and Java's proceed() run; it never asks
 * Java. */
#define _GNU_SOURCE
#include "exec.h"

#include <errno.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "realsym.h"

static int has_name(char *const *envp, const char *entry) {
    size_t l = strcspn(entry, "=") + 1;
    for (char *const *e = envp; e && *e; e++)
        if (!strncmp(*e, entry, l))
            return 1;
    return 0;
}

char **rp_env_fixed(char *const *envp, char **stack, size_t *mapped) {
    *mapped = 0;
    size_t n = 0, missing = 0;
    for (char *const *e = envp; e && *e; e++)
        n++;
    if (g_inherit)
        for (int j = 0; j < g_nkeep; j++)
            missing += !has_name(envp, g_keep_env[j]);
    if (missing == 0)
        return (char **)envp;
    char **out = stack;
    size_t bytes = (n + missing + 1) * sizeof(char *);
    if (n + missing + 1 > RP_ENV_STACK) {
        long m = rp_sys(SYS_mmap, 0, (long)bytes, PROT_READ | PROT_WRITE,
                        MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (m == -1)
            return (char **)envp; /* no memory: the program's own envp, as without the preload */
        out = (char **)m;
        *mapped = bytes;
    }
    size_t k = 0;
    for (char *const *e = envp; e && *e; e++)
        out[k++] = *e;
    for (int j = 0; g_inherit && j < g_nkeep; j++)
        if (!has_name(envp, g_keep_env[j]))
            out[k++] = g_keep_env[j];
    out[k] = NULL;
    return out;
}

void rp_env_release(char **env, size_t mapped) {
    if (mapped)
        rp_sys(SYS_munmap, (long)env, (long)mapped, 0, 0, 0,
               0); /* succeeds: errno stays the exec's */
}

int rp_run_execve(const char *path, char *const *argv, char *const *envp) {
    RP_FIXED_ENV(envp, env);
    int r = REAL(execve)(path, argv, env);
    rp_env_release(env, env_mapped);
    return r;
}
int rp_run_execvpe(const char *file, char *const *argv, char *const *envp) {
    RP_FIXED_ENV(envp, env);
    int r = REAL(execvpe)(file, argv, env);
    rp_env_release(env, env_mapped);
    return r;
}

long rp_real_call_execve(const long *a) {
    return rp_run_execve((const char *)a[0], (char *const *)a[1], (char *const *)a[2]);
}
long rp_real_call_execv(const long *a) {
    return rp_run_execve((const char *)a[0], (char *const *)a[1], environ);
}
long rp_real_call_execvp(const long *a) {
    return rp_run_execvpe((const char *)a[0], (char *const *)a[1], environ);
}
long rp_real_call_execvpe(const long *a) {
    return rp_run_execvpe((const char *)a[0], (char *const *)a[1], (char *const *)a[2]);
}
/* execl*: the exported functions hand Java the argv they built, as for execv*. */
long rp_real_call_execl(const long *a) {
    return rp_real_call_execv(a);
}
long rp_real_call_execlp(const long *a) {
    return rp_real_call_execvp(a);
}
long rp_real_call_execle(const long *a) {
    return rp_real_call_execve(a);
}

int rp_run_fexecve(int fd, char *const *argv, char *const *envp) {
    RP_FIXED_ENV(envp, env);
    int r = REAL(fexecve)(fd, argv, env);
    rp_env_release(env, env_mapped);
    return r;
}
long rp_real_call_fexecve(const long *a) {
    return rp_run_fexecve((int)a[0], (char *const *)a[1], (char *const *)a[2]);
}

#define SPAWN(name)                                                                                \
    int rp_run_##name(pid_t *pid, const char *path, const posix_spawn_file_actions_t *fa,          \
                      const posix_spawnattr_t *attr, char *const *argv, char *const *envp) {       \
        RP_FIXED_ENV(envp, env);                                                                   \
        int r = REAL(name)(pid, path, fa, attr, argv, env);                                        \
        rp_env_release(env, env_mapped);                                                           \
        return r;                                                                                  \
    }                                                                                              \
    long rp_real_call_##name(const long *a) {                                                      \
        return rp_run_##name(                                                                      \
            (pid_t *)a[0], (const char *)a[1], (const posix_spawn_file_actions_t *)a[2],           \
            (const posix_spawnattr_t *)a[3], (char *const *)a[4], (char *const *)a[5]);            \
    }
SPAWN(posix_spawn)
SPAWN(posix_spawnp)

long rp_real_call_system(const long *a) {
    return REAL(system)((const char *)a[0]);
}
