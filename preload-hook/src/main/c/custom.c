/* The hand-written shims, hooks.def's CUSTOM lines: each exported function asks Java when it is
 * wanted (dispatch.c), else runs the real side (fdguard.c, exec.c, or libc's). What Java's
 * proceed() runs for them is rp_real_call_NAME, beside each real side. */
#define _GNU_SOURCE
#include "state.h"

#include <errno.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdint.h>
#include <unistd.h>

#include "dispatch.h"
#include "exec.h"
#include "fdguard.h"
#include "realsym.h"

#define ASK(fn, ...)                                                                               \
    do {                                                                                           \
        if (UNLIKELY(g_want[fn])) {                                                                \
            long a_[7] = {__VA_ARGS__}, r_;                                                        \
            if (rp_hook(fn, a_, &r_))                                                              \
                return (int)r_;                                                                    \
        }                                                                                          \
    } while (0)

/* ---- close, close_range, closefrom: never the JVM's descriptors (fdguard.c) ----------------- */

EXPORT int close(int fd) {
    if (UNLIKELY(g_want[FN_close])) {
        long a[7] = {fd}, r;
        if (rp_hook(FN_close, a, &r))
            return (int)r;
    }
    return rp_guarded_close(fd);
}

EXPORT int close_range(unsigned lo, unsigned hi, int flags) {
    if (UNLIKELY(g_want[FN_close_range])) {
        long a[7] = {lo, hi, flags}, r;
        if (rp_hook(FN_close_range, a, &r))
            return (int)r;
    }
    return rp_guarded_close_range(lo, hi, flags);
}

EXPORT void closefrom(int lo) {
    if (UNLIKELY(g_want[FN_closefrom])) {
        long a[7] = {lo}, r;
        if (rp_hook(FN_closefrom, a, &r))
            return;
    }
    rp_guarded_closefrom(lo);
}

/* ---- exec and spawn: each variant asks Java (execl* with the argv they build), then runs with
 * the environment the user chose (exec.c) ----------------------------------------------------- */

EXPORT int execve(const char *path, char *const argv[], char *const envp[]) {
    ASK(FN_execve, (long)path, (long)argv, (long)envp);
    return rp_run_execve(path, argv, envp);
}

EXPORT int execv(const char *path, char *const argv[]) {
    ASK(FN_execv, (long)path, (long)argv);
    return rp_run_execve(path, argv, environ);
}

EXPORT int execvp(const char *file, char *const argv[]) {
    ASK(FN_execvp, (long)file, (long)argv);
    return rp_run_execvpe(file, argv, environ);
}

EXPORT int execvpe(const char *file, char *const argv[], char *const envp[]) {
    ASK(FN_execvpe, (long)file, (long)argv, (long)envp);
    return rp_run_execvpe(file, argv, envp);
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
    return rp_run_execve(path, argv, environ);
}

EXPORT int execlp(const char *file, const char *arg0, ...) {
    COLLECT_ARGV(arg0, (void)0, argv);
    ASK(FN_execlp, (long)file, (long)argv);
    return rp_run_execvpe(file, argv, environ);
}

EXPORT int execle(const char *path, const char *arg0, ...) {
    char *const *envp;
    COLLECT_ARGV(arg0, envp = va_arg(ap_, char *const *), argv);
    ASK(FN_execle, (long)path, (long)argv, (long)envp);
    return rp_run_execve(path, argv, envp);
}

EXPORT int fexecve(int fd, char *const argv[], char *const envp[]) {
    ASK(FN_fexecve, fd, (long)argv, (long)envp);
    return rp_run_fexecve(fd, argv, envp);
}

#define SPAWN(name)                                                                                \
    EXPORT int name(pid_t *pid, const char *path, const posix_spawn_file_actions_t *fa,            \
                    const posix_spawnattr_t *attr, char *const argv[], char *const envp[]) {       \
        ASK(FN_##name, (long)pid, (long)path, (long)fa, (long)attr, (long)argv, (long)envp);       \
        return rp_run_##name(pid, path, fa, attr, argv, envp);                                     \
    }
SPAWN(posix_spawn)
SPAWN(posix_spawnp)

EXPORT int system(const char *command) {
    ASK(FN_system, (long)command);
    return REAL(system)(command);
}

/* ---- fork, vfork and syscall(). A fork child never calls Java (the JVM's threads did not come
 * along: the constructor's atfork handler and the wipe-on-fork page mark it); a vfork child shares
 * our memory and TLS, so our own vfork marks it in t_vfork. Java may deny a fork in the parent,
 * but never runs the fork itself (process.c). ---------------------------------------------------
 */

pid_t _Fork(void);

EXPORT pid_t fork(void) {
    if (UNLIKELY(g_want[FN_fork])) {
        long a[7] = {0}, r;
        if (rp_hook(FN_fork, a, &r))
            return (pid_t)r;
    }
    pid_t p = REAL(fork)();
    if (p == 0)
        g_forked = 1;
    return p;
}

/* glibc 2.34+: fork without atfork handlers. */
EXPORT pid_t _Fork(void) {
    static pid_t (*real)(void);
    if (!real)
        real = (pid_t(*)(void))rp_resolve_symbol("_Fork");
    pid_t p = real();
    if (p == 0)
        g_forked = 1;
    return p;
}

/* Called by vfork before the system call: INT64_MIN to go on, else what vfork returns. */
__attribute__((used)) static long rp_vfork_ask(void) {
    if (LIKELY(!g_want[FN_vfork]))
        return INT64_MIN;
    long a[7] = {0}, r;
    return rp_hook(FN_vfork, a, &r) ? r : INT64_MIN;
}
__attribute__((used)) static pid_t rp_vfork_error(int e) {
    errno = e;
    return -1;
}

/* The child shares our stack: the return address is kept in a register across the system
 * call, never in a stack slot the child could overwrite. */
__asm__(".text\n"
        ".globl vfork\n"
        ".type vfork,@function\n"
        "vfork:\n"
        "  subq $8, %rsp\n"
        "  call rp_vfork_ask\n"
        "  addq $8, %rsp\n"
        "  movabsq $0x8000000000000000, %rcx\n"
        "  cmpq %rcx, %rax\n"
        "  je 1f\n"
        "  ret\n"
        "1:popq %rdi\n"
        "  movl $58, %eax\n" /* SYS_vfork */
        "  syscall\n"
        "  pushq %rdi\n"
        "  movq t_vfork@gottpoff(%rip), %rcx\n"
        "  testl %eax, %eax\n"
        "  jnz 2f\n"
        "  movl $1, %fs:(%rcx)\n" /* the child: never Java */
        "  ret\n"
        "2:movl $0, %fs:(%rcx)\n" /* the parent resumes once the child exec'd or exited */
        "  cmpl $-4095, %eax\n"
        "  jae 3f\n"
        "  ret\n"
        "3:negl %eax\n"
        "  movl %eax, %edi\n"
        "  jmp rp_vfork_error\n"
        ".size vfork, .-vfork\n");

EXPORT long syscall(long number, ...) {
    long x[6];
    va_list ap;
    va_start(ap, number);
    for (int i = 0; i < 6; i++)
        x[i] = va_arg(ap, long);
    va_end(ap);
    if (UNLIKELY(g_want[FN_syscall])) {
        long a[7] = {number, x[0], x[1], x[2], x[3], x[4], x[5]}, r;
        if (rp_hook(FN_syscall, a, &r))
            return r;
    }
    return REAL(syscall)(number, x[0], x[1], x[2], x[3], x[4], x[5]);
}
