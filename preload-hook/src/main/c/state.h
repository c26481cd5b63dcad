/* The one home of librawsys-preload.so's shared state: every global that more than one unit reads
 * or writes is defined in state.c, and only there (make check-units fails otherwise). No code:
 * whoever includes this header depends on no other unit. */
#ifndef RAWSYS_PRELOAD_STATE_H
#define RAWSYS_PRELOAD_STATE_H
#include "hooks.h"

#include <jni.h>
#include <limits.h>

/* Per-thread state, initial-exec TLS: no allocation, no lock, usable in any shim. */
extern __thread int t_busy IE;  /* this thread is inside the hook machinery: everything passes */
extern __thread int t_vfork IE; /* set by our vfork in the child, which shares our memory */

extern volatile int g_forked; /* this process is a fork child: Java is out of reach */
extern volatile int g_inited; /* our constructor has run */
/* One page the kernel zeroes in every child that does not share our memory, however it was
 * made (fork, a raw fork or clone system call): a zero there means this process has no JVM
 * threads, and must never call Java. NULL: the kernel cannot (before 4.14). */
extern volatile unsigned char *g_parent_mark;

/* The hooked functions: their names (hooks.def's order), the real ones once resolved
 * (realsym.c), and which of them Java is asked about. */
extern const char *const rp_fn_name[FN_COUNT];
extern void *rp_real[FN_COUNT];
extern volatile unsigned char g_want[FN_COUNT]; /* 1: ask Java about this function */

/* What the other namespace's shim shares with us (shared.h). */
extern struct rp_shared g_sh;
static inline int rp_jvm_fd(int fd) {
    return fd >= 0 && fd < RP_MAX_FD && g_sh.jvm_fd[fd];
}

/* The configuration: environment variables, read once by the constructor (init.c). NULL: unset
 * or empty. */
extern char *cfg_hook, *cfg_cp, *cfg_home, *cfg_log, *cfg_opts, *cfg_runtime, *cfg_functions;
extern char g_shim_path[PATH_MAX]; /* librawsys-preload-jvm.so, beside this library */
extern int g_inherit;              /* exec keeps LD_PRELOAD and RAWSYS_* (RAWSYS_PRELOAD_INHERIT) */
/* The preload's own variables, as the program started with them, for exec to put back. */
#define RP_ENV_EXTRA 16
extern char *g_keep_env[RP_ENV_EXTRA];
extern int g_nkeep;

/* The JVM, once booted (boot.c), and Dispatch.dispatch through its FFM upcall stub:
 * (fn, a0..a6) -> decision. */
typedef long (*rp_dispatch_fn)(int, long, long, long, long, long, long, long);
extern JavaVM *g_vm;
extern rp_dispatch_fn g_dispatch;
/* Each libc sets up its per-thread ctype pointers only in the threads it starts: a host thread
 * that runs JVM code needs the namespace's. */
extern void (*g_ns_ctype_init)(void);

#endif
