/* exec and spawn as the host may run them: with the environment the user chose
 * (RAWSYS_PRELOAD_INHERIT). The exported functions, which ask Java first, are in custom.c. */
#ifndef RAWSYS_PRELOAD_EXEC_H
#define RAWSYS_PRELOAD_EXEC_H
#include "state.h"

/* envp as the user chose it (RAWSYS_PRELOAD_INHERIT). envp itself when it lacks none of the
 * preload's variables (the usual case); else a copy with them added, in `stack` when it fits,
 * else in a private mapping (a system call: safe in a vfork child, whatever the thread's stack).
 * rp_env_release frees the mapping, keeping errno. */
#define RP_ENV_STACK 512
char **rp_env_fixed(char *const *envp, char **stack, size_t *mapped);
void rp_env_release(char **env, size_t mapped);
#define RP_FIXED_ENV(envp, out)                                                                    \
    char *out##_stack[RP_ENV_STACK];                                                               \
    size_t out##_mapped;                                                                           \
    char **out = rp_env_fixed((envp), out##_stack, &out##_mapped)

/* The real execve, execvpe, fexecve, posix_spawn and posix_spawnp, with envp fixed. */
int rp_run_execve(const char *path, char *const *argv, char *const *envp);
int rp_run_execvpe(const char *file, char *const *argv, char *const *envp);
int rp_run_fexecve(int fd, char *const *argv, char *const *envp);
int rp_run_posix_spawn(pid_t *pid, const char *path, const posix_spawn_file_actions_t *fa,
                       const posix_spawnattr_t *attr, char *const *argv, char *const *envp);
int rp_run_posix_spawnp(pid_t *pid, const char *path, const posix_spawn_file_actions_t *fa,
                        const posix_spawnattr_t *attr, char *const *argv, char *const *envp);

#endif
