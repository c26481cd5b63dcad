/* rp_call_real, generated from hooks.def: the real function of a GEN or OPENV line, the
 * hand-written rp_real_call_NAME of a CUSTOM one (fdguard.c, exec.c, process.c). */
#define _GNU_SOURCE
#include "realcall.h"

#include <errno.h>

#include "realsym.h"

/* Results as a long: pointers and signed integers keep their value. */
#define CALL_GEN(n, name, ret, ...)                                                                \
    case FN_##name:                                                                                \
        return (long)REAL(name)(RP_CASTS(n, __VA_ARGS__));
#define CALL_OPENV(n, name, ret, ...) CALL_GEN(n, name, ret, __VA_ARGS__)
#define CALL_CUSTOM(n, name, ret, ...)                                                             \
    case FN_##name:                                                                                \
        return rp_real_call_##name(a);

long rp_call_real(int fn, const long *a) {
    switch (fn) {
#define RP_X(n, name, family, fail, shim, ret, ...) RP_CAT(CALL_, shim)(n, name, ret, __VA_ARGS__)
#include "hooks.def"
#undef RP_X
    }
    errno = ENOSYS;
    return -1;
}
