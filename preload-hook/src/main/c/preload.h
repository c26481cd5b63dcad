/* Internal to librawsys-preload.so: the function table derived from hooks.def, the per-thread
 * guards and the one entry every shim goes through (rp_hook). */
#ifndef RAWSYS_PRELOAD_H
#define RAWSYS_PRELOAD_H
/* The types hooks.def names. glibc declares the socket calls with transparent unions
 * (__SOCKADDR_ARG); hooks.def speaks plain struct sockaddr pointers, so those declarations are
 * renamed out of the way. Include this header before any other. */
#define connect  rp_header_connect
#define bind     rp_header_bind
#define accept   rp_header_accept
#define accept4  rp_header_accept4
#define sendto   rp_header_sendto
#define recvfrom rp_header_recvfrom
#include <sys/socket.h>
#undef connect
#undef bind
#undef accept
#undef accept4
#undef sendto
#undef recvfrom
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#include "hookdecl.h"
#include "shared.h"

#define EXPORT      __attribute__((visibility("default")))
#define LIKELY(x)   __builtin_expect(!!(x), 1)
#define UNLIKELY(x) __builtin_expect(!!(x), 0)
#define IE          __attribute__((tls_model("initial-exec")))

/* FN_<name>: the index of each hooked function, in hooks.def's order (= Function.ordinal()). */
enum {
#define RP_X(n, name, ...) FN_##name,
#include "hooks.def"
#undef RP_X
    FN_COUNT
};

/* How a function reports failure (hooks.def's FAIL column). */
enum { FAIL_MINUS1, FAIL_NULLPTR, FAIL_ERRNO, FAIL_NONE };

/* rp_type_<name>: the C type of each function, for calling the real one. A variadic open's
 * type keeps its "..." (the mode is passed through it); syscall()'s is (long, ...). */
#define RP_X(n, name, family, fail, shim, ret, ...)                                                \
    typedef ret rp_type_##name(RP_CAT(RP_TYPE_, shim)(n, __VA_ARGS__));
#define RP_TYPE_GEN(n, ...)    RP_TYPES(n, __VA_ARGS__)
#define RP_TYPE_CUSTOM(n, ...) RP_TYPES(n, __VA_ARGS__)
#define RP_TYPE_OPENV(n, ...)  RP_CAT(RP_TYPES_, RP_CAT(RP_DEC_, n))(__VA_ARGS__), ...
#define RP_DEC_3               2
#define RP_DEC_4               3
#include "hooks.def"
#undef RP_X

extern void *rp_real[FN_COUNT];
void *rp_resolve(int fn);
void *rp_resolve_symbol(const char *name); /* the next definition of a function hooks.def lacks */
void rp_process_init(void);
/* The next definition of NAME after ours (libc's), resolved on first use: shims may run before
 * our constructor. */
#define REAL(name)                                                                                 \
    ((rp_type_##name *)(LIKELY(rp_real[FN_##name] != 0) ? rp_real[FN_##name]                       \
                                                        : rp_resolve(FN_##name)))

/* Custom shims (hooks.def's CUSTOM) provide how Java's proceed() runs the real function. */
#define RP_X(n, name, family, fail, shim, ret, ...) RP_CAT(RP_REAL_CALL_, shim)(name)
#define RP_REAL_CALL_GEN(name)
#define RP_REAL_CALL_OPENV(name)
#define RP_REAL_CALL_CUSTOM(name) long rp_real_call_##name(const long *a);
#include "hooks.def"
#undef RP_X

/* Runs function FN the way the program asked, without asking Java (Java's proceed()). */
long rp_call_real(int fn, const long *a);

/* Per-thread state, initial-exec TLS: no allocation, no lock, usable in any shim. */
extern __thread int t_busy IE;  /* this thread is inside the hook machinery: everything passes */
extern __thread int t_vfork IE; /* set by our vfork in the child, which shares our memory */
extern volatile int g_forked;   /* this process is a fork child: Java is out of reach */
extern volatile int g_inited;   /* our constructor has run */
extern volatile unsigned char g_want[FN_COUNT]; /* 1: ask Java about this function */
extern struct rp_shared g_sh;
extern int g_inherit; /* exec keeps LD_PRELOAD and RAWSYS_* (RAWSYS_PRELOAD_INHERIT) */
extern const char *const rp_fn_name[FN_COUNT];

/* Asks Java about call FN with arguments A. Returns 1 when Java decided: *out is what the shim
 * returns, errno is set. Returns 0 when the real function should run (errno as on entry). */
int rp_hook(int fn, const long *a, long *out);

/* Wrappers that never reach a hooked function. */
long rp_sys(long nr, long a1, long a2, long a3, long a4, long a5, long a6);
void rp_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static inline int rp_jvm_fd(int fd) {
    return fd >= 0 && fd < RP_MAX_FD && g_sh.jvm_fd[fd];
}

/* exec.c: envp as the user chose it (RAWSYS_PRELOAD_INHERIT). envp itself when it lacks none of
 * the preload's variables (the usual case); else a copy with them added, in `stack` when it fits,
 * else in a private mapping (a system call: safe in a vfork child, whatever the thread's stack).
 * rp_env_release frees the mapping, keeping errno. */
#define RP_ENV_EXTRA     16
/* The embedded JVM's suspend/resume signal (_JAVA_SR_SIGNUM), in place of SIGUSR2. */
#define RP_JVM_SR_SIGNAL (SIGRTMAX - 2)
#define RP_ENV_STACK     512
extern char *g_keep_env[RP_ENV_EXTRA];
extern int g_nkeep;
char **rp_env_fixed(char *const *envp, char **stack, size_t *mapped);
void rp_env_release(char **env, size_t mapped);
#define RP_FIXED_ENV(envp, out)                                                                    \
    char *out##_stack[RP_ENV_STACK];                                                               \
    size_t out##_mapped;                                                                           \
    char **out = rp_env_fixed((envp), out##_stack, &out##_mapped)

#endif
