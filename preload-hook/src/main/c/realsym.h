/* The real functions: the next definition of each after ours (libc's), found with
 * dlsym(RTLD_NEXT), and system calls that never reach a hooked function. */
#ifndef RAWSYS_PRELOAD_REALSYM_H
#define RAWSYS_PRELOAD_REALSYM_H
#include "state.h"

/* Resolves hooked function FN into rp_real[FN]; a function libc lacks sets ENOSYS. */
void *rp_resolve(int fn);
void *rp_resolve_symbol(const char *name); /* the next definition of a function hooks.def lacks */
/* The next definition of NAME after ours (libc's), resolved on first use: shims may run before
 * our constructor. */
#define REAL(name)                                                                                 \
    ((rp_type_##name *)(LIKELY(rp_real[FN_##name] != 0) ? rp_real[FN_##name]                       \
                                                        : rp_resolve(FN_##name)))

/* A system call through libc's syscall(), never ours. */
long rp_sys(long nr, long a1, long a2, long a3, long a4, long a5, long a6);
#define SYS(nr, ...) rp_sys_n(nr, __VA_ARGS__, 0, 0, 0, 0, 0, 0)
#define rp_sys_n(nr, a, b, c, d, e, f, ...)                                                        \
    rp_sys(nr, (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), (long)(f))

#endif
