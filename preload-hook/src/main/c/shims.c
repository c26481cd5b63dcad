/* The generated shims: one exported function per GEN or OPENV line of hooks.def. Each asks Java
 * when the function is wanted (dispatch.c), else runs the real one (realsym.c). What Java's
 * proceed() runs is realcall.c's. */
#define _GNU_SOURCE
#include "state.h"

#include <stdarg.h>

#include "dispatch.h"
#include "realsym.h"

/* Declarations glibc's headers give only under _FORTIFY_SOURCE, or no longer give. */
int __open_2(const char *, int);
int __open64_2(const char *, int);
int __openat_2(int, const char *, int);
int __openat64_2(int, const char *, int);
ssize_t __read_chk(int, void *, size_t, size_t);
int __xstat(int, const char *, struct stat *);
int __xstat64(int, const char *, struct stat64 *);
int __lxstat(int, const char *, struct stat *);
int __lxstat64(int, const char *, struct stat64 *);
int __fxstat(int, int, struct stat *);
int __fxstat64(int, int, struct stat64 *);
int __fxstatat(int, int, const char *, struct stat *, int);
int __fxstatat64(int, int, const char *, struct stat64 *, int);

#define SHIM_GEN(n, name, ret, ...)                                                                \
    EXPORT ret name(RP_PARAMS(n, __VA_ARGS__)) {                                                   \
        if (UNLIKELY(g_want[FN_##name])) {                                                         \
            long a_[7] = {RP_LONGS(n, __VA_ARGS__)}, r_;                                           \
            if (rp_hook(FN_##name, a_, &r_))                                                       \
                return (ret)r_;                                                                    \
        }                                                                                          \
        return REAL(name)(RP_ARGS(n, __VA_ARGS__));                                                \
    }

/* A variadic open: the mode is read only when the flags say one was passed. */
#define SHIM_OPENV(n, name, ret, ...) RP_CAT(SHIM_OPENV_, n)(name, ret, __VA_ARGS__)
#define SHIM_OPENV_3(name, ret, k1, t1, path, k2, t2, flags, k3, t3, mode)                         \
    OPENV_SHIM(name, ret, (t1 path, t2 flags, ...), (path, flags, mode), flags, t3, mode)
#define SHIM_OPENV_4(name, ret, k0, t0, dirfd, k1, t1, path, k2, t2, flags, k3, t3, mode)          \
    OPENV_SHIM(name, ret, (t0 dirfd, t1 path, t2 flags, ...), (dirfd, path, flags, mode), flags,   \
               t3, mode)
#define OPENV_ARGS(...)               __VA_ARGS__
#define OPENV_LONGS(...)              RP_CAT(OPENV_LONGS_, RP_NARGS(__VA_ARGS__))(__VA_ARGS__)
#define RP_NARGS(...)                 RP_NARGS_(__VA_ARGS__, 4, 3, 2, 1)
#define RP_NARGS_(a, b, c, d, n, ...) n
#define OPENV_LONGS_3(a, b, c)        (long)(a), (long)(b), (long)(c)
#define OPENV_LONGS_4(a, b, c, d)     (long)(a), (long)(b), (long)(c), (long)(d)
#define OPENV_SHIM(name, ret, params, args, flags, mode_type, mode)                                \
    EXPORT ret name params {                                                                       \
        mode_type mode = 0;                                                                        \
        if (flags & (O_CREAT | __O_TMPFILE)) {                                                     \
            va_list ap;                                                                            \
            va_start(ap, flags);                                                                   \
            mode = (mode_type)va_arg(ap, unsigned int);                                            \
            va_end(ap);                                                                            \
        }                                                                                          \
        if (UNLIKELY(g_want[FN_##name])) {                                                         \
            long a_[7] = {OPENV_LONGS args}, r_;                                                   \
            if (rp_hook(FN_##name, a_, &r_))                                                       \
                return (ret)r_;                                                                    \
        }                                                                                          \
        return REAL(name) args;                                                                    \
    }
#define SHIM_CUSTOM(n, name, ret, ...)

#define RP_X(n, name, family, fail, shim, ret, ...) RP_CAT(SHIM_, shim)(n, name, ret, __VA_ARGS__)
#include "hooks.def"
#undef RP_X
