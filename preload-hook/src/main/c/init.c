/* librawsys-preload.so's constructor: reads the configuration, environment variables read once
 * (preload-hook/README.md): RAWSYS_HOOK, RAWSYS_HOOK_CLASSPATH, RAWSYS_HOOK_FUNCTIONS,
 * RAWSYS_RUNTIME, RAWSYS_JAVA_HOME, RAWSYS_LOG, RAWSYS_PRELOAD_INHERIT, RAWSYS_JVM_OPTS; resolves
 * the real functions, chooses the wanted ones, marks the process so that fork children are known,
 * reserves the JVM namespace's pthread keys. Nothing calls into this unit: the JVM itself boots
 * lazily, on the first wanted call (boot.c). */
#define _GNU_SOURCE
#include "state.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>

#include "dispatch.h"
#include "log.h"
#include "realsym.h"

static char *env_dup(const char *name) {
    const char *v = getenv(name);
    return v && *v ? strdup(v) : NULL;
}

/* Without inheritance, children start unhooked: the variables leave our environment at once, so
 * every way of starting a program (system(), posix_spawn, exec with environ) loses them. */
static void strip_own_environment(void) {
    for (char **e = environ; e && *e;) {
        if (!strncmp(*e, "RAWSYS_", 7) || !strncmp(*e, "LD_PRELOAD=", 11)) {
            char name[256];
            size_t l = strcspn(*e, "=");
            if (l >= sizeof name) {
                e++;
                continue;
            }
            memcpy(name, *e, l);
            name[l] = 0;
            unsetenv(name);
        } else
            e++;
    }
}

static void choose_functions(void) {
    if (!cfg_hook)
        return;
    if (!cfg_functions) { /* every function; Java narrows after boot */
        for (int i = 0; i < FN_COUNT; i++)
            g_want[i] = 1;
        return;
    }
    char *list = strdup(cfg_functions), *save = NULL;
    for (char *t = list ? strtok_r(list, ",", &save) : NULL; t; t = strtok_r(NULL, ",", &save)) {
        int found = 0;
        for (int i = 0; i < FN_COUNT; i++)
            if (!strcmp(t, rp_fn_name[i]))
                g_want[i] = found = 1;
        if (!found)
            rp_log("RAWSYS_HOOK_FUNCTIONS names %s, which is not a hooked function; ignored", t);
    }
    free(list);
}

/* g_parent_mark: see state.h. */
static void mark_parent(void) {
    void *page = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (page == MAP_FAILED)
        return;
    if (madvise(page, 4096, MADV_WIPEONFORK) != 0) { /* kernel before 4.14: fork hooks only */
        munmap(page, 4096);
        return;
    }
    g_parent_mark = page;
    *g_parent_mark = 1;
}

static void mark_child(void) {
    g_forked = 1;
}

__attribute__((constructor)) static void rp_init(void) {
    mark_parent();
    for (int i = 0; i < FN_COUNT; i++)
        if (!rp_real[i])
            rp_resolve(i);
    cfg_hook = env_dup("RAWSYS_HOOK");
    cfg_cp = env_dup("RAWSYS_HOOK_CLASSPATH");
    cfg_functions = env_dup("RAWSYS_HOOK_FUNCTIONS");
    cfg_home = env_dup("RAWSYS_JAVA_HOME");
    cfg_log = env_dup("RAWSYS_LOG");
    cfg_opts = env_dup("RAWSYS_JVM_OPTS");
    cfg_runtime = env_dup("RAWSYS_RUNTIME");
    char *inherit = env_dup("RAWSYS_PRELOAD_INHERIT");
    g_inherit = !inherit || strcmp(inherit, "0") != 0;
    free(inherit);
    if (g_inherit) {
        for (char **e = environ; e && *e && g_nkeep < RP_ENV_EXTRA; e++)
            if (!strncmp(*e, "RAWSYS_", 7) || !strncmp(*e, "LD_PRELOAD=", 11))
                g_keep_env[g_nkeep++] = strdup(*e);
    } else
        strip_own_environment();
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < (rlim_t)g_sh.fd_base + 64)
        g_sh.fd_base = (int)rl.rlim_cur / 2;
    Dl_info self;
    if (dladdr((void *)rp_init, &self) && self.dli_fname) {
        snprintf(g_shim_path, sizeof g_shim_path, "%s", self.dli_fname);
        char *slash = strrchr(g_shim_path, '/');
        size_t room = sizeof g_shim_path - (size_t)(slash ? slash + 1 - g_shim_path : 0);
        snprintf(slash ? slash + 1 : g_shim_path, room, "%s", "librawsys-preload-jvm.so");
    }
    choose_functions();
    { /* reserve the host's pthread keys [RP_KEY_LO, 32) for the JVM's namespace: see shared.h */
        pthread_key_t k, got[32];
        int n = 0;
        while (n < 32 && pthread_key_create(&k, NULL) == 0) {
            got[n++] = k;
            if (k >= 31)
                break;
        }
        for (int i = 0; i < n; i++)
            if (got[i] < RP_KEY_LO)
                pthread_key_delete(got[i]);
    }
    rp_dispatch_init();
    pthread_atfork(NULL, NULL, mark_child);
    g_inited = 1;
}
