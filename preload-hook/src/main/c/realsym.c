/* Real-symbol lookup: dlsym(RTLD_NEXT), with glibc's compat versions as the fallback. */
#define _GNU_SOURCE
#include "realsym.h"

#include <dlfcn.h>
#include <errno.h>

static void rp_missing(void) {
    errno = ENOSYS;
}

void *rp_resolve(int fn) {
    void *p = dlsym(RTLD_NEXT, rp_fn_name[fn]);
    if (!p) /* glibc keeps the legacy __xstat family for old binaries only, as compat symbols */
        p = dlvsym(RTLD_NEXT, rp_fn_name[fn], "GLIBC_2.2.5");
    if (!p)
        p = (void *)rp_missing;
    __atomic_store_n(&rp_real[fn], p, __ATOMIC_RELAXED);
    return p;
}

void *rp_resolve_symbol(const char *name) {
    void *p = dlsym(RTLD_NEXT, name);
    return p ? p : (void *)rp_missing;
}

long rp_sys(long nr, long a1, long a2, long a3, long a4, long a5, long a6) {
    return REAL(syscall)(nr, a1, a2, a3, a4, a5, a6);
}
