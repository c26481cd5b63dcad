/* exec and spawn: each variant asks Java (execl* with the argv they build), then runs with the
 * environment the user chose: RAWSYS_PRELOAD_INHERIT=1 (default) adds LD_PRELOAD and RAWSYS_*
 * back where the program's envp lacks them; with 0 the constructor removed them from environ,
 * so children start unhooked whichever way they are started. Everything on the exec path is
 * async-signal-safe: a vfork child runs it. */
#define _GNU_SOURCE
#include "preload.h"

#include <errno.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

char *g_keep_env[RP_ENV_EXTRA];
int g_nkeep;

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

static int run_execve(const char *path, char *const *argv, char *const *envp) {
    RP_FIXED_ENV(envp, env);
    int r = REAL(execve)(path, argv, env);
    rp_env_release(env, env_mapped);
    return r;
}
static int run_execvpe(const char *file, char *const *argv, char *const *envp) {
    RP_FIXED_ENV(envp, env);
    int r = REAL(execvpe)(file, argv, env);
    rp_env_release(env, env_mapped);
    return r;
}

#define ASK(fn, ...)                                                                               \
    do {                                                                                           \
        if (UNLIKELY(g_want[fn])) {                                                                \
            long a_[7] = {__VA_ARGS__}, r_;                                                        \
            if (rp_hook(fn, a_, &r_))                                                              \
                return (int)r_;                                                                    \
        }                                                                                          \
    } while (0)

EXPORT int execve(const char *path, char *const argv[], char *const envp[]) {
    ASK(FN_execve, (long)path, (long)argv, (long)envp);
    return run_execve(path, argv, envp);
}
long rp_real_call_execve(const long *a) {
    return run_execve((const char *)a[0], (char *const *)a[1], (char *const *)a[2]);
}

EXPORT int execv(const char *path, char *const argv[]) {
    ASK(FN_execv, (long)path, (long)argv);
    return run_execve(path, argv, environ);
}
long rp_real_call_execv(const long *a) {
    return run_execve((const char *)a[0], (char *const *)a[1], environ);
}

EXPORT int execvp(const char *file, char *const argv[]) {
    ASK(FN_execvp, (long)file, (long)argv);
    return run_execvpe(file, argv, environ);
}
long rp_real_call_execvp(const long *a) {
    return run_execvpe((const char *)a[0], (char *const *)a[1], environ);
}

EXPORT int execvpe(const char *file, char *const argv[], char *const envp[]) {
    ASK(FN_execvpe, (long)file, (long)argv, (long)envp);
    return run_execvpe(file, argv, envp);
}
long rp_real_call_execvpe(const long *a) {
    return run_execvpe((const char *)a[0], (char *const *)a[1], (char *const *)a[2]);
}

/* execl*: the argument list becomes an argv in this frame. */
#define COLLECT_ARGV(arg0, last, argv)                                                             \
    size_t argc_ = 1;                                                                              \
    va_list ap_;                                                                                   \
    va_start(ap_, arg0);                                                                           \
    while (va_arg(ap_, char *))                                                                    \
        argc_++;                                                                                   \
    va_end(ap_);                                                                                   \
    char **argv = __builtin_alloca((argc_ + 1) * sizeof(char *));                                  \
    argv[0] = (char *)arg0;                                                                        \
    va_start(ap_, arg0);                                                                           \
    for (size_t i_ = 1; i_ <= argc_; i_++)                                                         \
        argv[i_] = va_arg(ap_, char *);                                                            \
    last;                                                                                          \
    va_end(ap_)

EXPORT int execl(const char *path, const char *arg0, ...) {
    COLLECT_ARGV(arg0, (void)0, argv);
    ASK(FN_execl, (long)path, (long)argv);
    return run_execve(path, argv, environ);
}
long rp_real_call_execl(const long *a) {
    return rp_real_call_execv(a);
}

EXPORT int execlp(const char *file, const char *arg0, ...) {
    COLLECT_ARGV(arg0, (void)0, argv);
    ASK(FN_execlp, (long)file, (long)argv);
    return run_execvpe(file, argv, environ);
}
long rp_real_call_execlp(const long *a) {
    return rp_real_call_execvp(a);
}

EXPORT int execle(const char *path, const char *arg0, ...) {
    char *const *envp;
    COLLECT_ARGV(arg0, envp = va_arg(ap_, char *const *), argv);
    ASK(FN_execle, (long)path, (long)argv, (long)envp);
    return run_execve(path, argv, envp);
}
long rp_real_call_execle(const long *a) {
    return rp_real_call_execve(a);
}

static int run_fexecve(int fd, char *const *argv, char *const *envp) {
    RP_FIXED_ENV(envp, env);
    int r = REAL(fexecve)(fd, argv, env);
    rp_env_release(env, env_mapped);
    return r;
}
EXPORT int fexecve(int fd, char *const argv[], char *const envp[]) {
    ASK(FN_fexecve, fd, (long)argv, (long)envp);
    return run_fexecve(fd, argv, envp);
}
long rp_real_call_fexecve(const long *a) {
    return run_fexecve((int)a[0], (char *const *)a[1], (char *const *)a[2]);
}

#define SPAWN(name)                                                                                \
    static int run_##name(pid_t *pid, const char *path, const posix_spawn_file_actions_t *fa,      \
                          const posix_spawnattr_t *attr, char *const *argv, char *const *envp) {   \
        RP_FIXED_ENV(envp, env);                                                                   \
        int r = REAL(name)(pid, path, fa, attr, argv, env);                                        \
        rp_env_release(env, env_mapped);                                                           \
        return r;                                                                                  \
    }                                                                                              \
    EXPORT int name(pid_t *pid, const char *path, const posix_spawn_file_actions_t *fa,            \
                    const posix_spawnattr_t *attr, char *const argv[], char *const envp[]) {       \
        ASK(FN_##name, (long)pid, (long)path, (long)fa, (long)attr, (long)argv, (long)envp);       \
        return run_##name(pid, path, fa, attr, argv, envp);                                        \
    }                                                                                              \
    long rp_real_call_##name(const long *a) {                                                      \
        return run_##name(                                                                         \
            (pid_t *)a[0], (const char *)a[1], (const posix_spawn_file_actions_t *)a[2],           \
            (const posix_spawnattr_t *)a[3], (char *const *)a[4], (char *const *)a[5]);            \
    }
SPAWN(posix_spawn)
SPAWN(posix_spawnp)

EXPORT int system(const char *command) {
    ASK(FN_system, (long)command);
    return REAL(system)(command);
}
long rp_real_call_system(const long *a) {
    return REAL(system)((const char *)a[0]);
}
