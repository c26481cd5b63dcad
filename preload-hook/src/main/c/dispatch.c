/* rp_hook: a shim's call, handed to Java's Dispatch.dispatch through its FFM upcall stub, and
 * Java's decision turned back into what the function returns and errno. The per-thread guards:
 * reentrancy, vfork and fork children, stack headroom; the thread's attachment to the JVM. */
#define _GNU_SOURCE
#include "dispatch.h"

#include <errno.h>
#include <pthread.h>
#include <stdint.h>

#include "boot.h"

/* What Java returns for "run the real function" and "fail with errno e": Decision's encoding. */
#define RP_PROCEED   ((jlong)INT64_MIN)
#define RP_FAIL_BASE (RP_PROCEED + 1)

static const unsigned char fn_fail[FN_COUNT] = {
#define RP_X(n, name, family, fail, ...) FAIL_##fail,
#include "hooks.def"
#undef RP_X
};

static __thread JNIEnv *t_env IE;         /* this thread's, attached once, detached at its exit */
static __thread uintptr_t t_stack_low IE; /* lowest address of this thread's stack, once attached */

/* Java needs stack: a call made with less than this left passes through, since a stack overflow
 * inside the upcall would end the process. */
#define RP_STACK_HEADROOM (256 * 1024)

static pthread_key_t g_detach_key;

static void detach_thread(void *unused) {
    (void)unused;
    if (g_vm && !g_forked && t_env) {
        t_busy = 1;
        (*g_vm)->DetachCurrentThread(g_vm);
        t_env = NULL;
        t_busy = 0;
    }
}

void rp_dispatch_init(void) {
    pthread_key_create(&g_detach_key, detach_thread);
}

/* 1: this thread may call Java now (t_busy is set; clear it after). */
static __attribute__((noinline)) int enter(void) {
    if (t_busy || t_vfork || g_forked || !g_inited || (g_parent_mark && !*g_parent_mark))
        return 0;
    char here;
    if (t_stack_low && (uintptr_t)&here - t_stack_low < RP_STACK_HEADROOM)
        return 0;
    t_busy = 1;
    int ok = rp_boot_wait();
    if (ok && !t_env) {
        JavaVMAttachArgs aa = {JNI_VERSION_21, "rawsys-preload-host", NULL};
        JNIEnv *e;
        if (g_ns_ctype_init)
            g_ns_ctype_init();
        if ((*g_vm)->AttachCurrentThreadAsDaemon(g_vm, (void **)&e, &aa) == JNI_OK) {
            t_env = e;
            pthread_attr_t attr;
            void *low;
            size_t size;
            if (pthread_getattr_np(pthread_self(), &attr) == 0) {
                if (pthread_attr_getstack(&attr, &low, &size) == 0)
                    t_stack_low = (uintptr_t)low;
                pthread_attr_destroy(&attr);
            }
            pthread_setspecific(g_detach_key, (void *)1);
        } else
            ok = 0;
    }
    if (!ok)
        t_busy = 0;
    return ok;
}

int rp_hook(int fn, const long *a, long *out) {
    int saved = errno;
    if (!enter()) {
        errno = saved;
        return 0;
    }
    /* Dispatch catches every Throwable: nothing can escape the upcall. */
    long r = g_dispatch(fn, a[0], a[1], a[2], a[3], a[4], a[5], a[6]);
    t_busy = 0;
    if (r == RP_PROCEED) {
        errno = saved;
        return 0;
    }
    if (r >= RP_FAIL_BASE && r <= RP_FAIL_BASE + 4095) {
        int e = (int)(r - RP_FAIL_BASE);
        switch (fn_fail[fn]) {
        case FAIL_ERRNO:
            *out = e;
            errno = saved;
            return 1;
        case FAIL_NULLPTR:
            *out = 0;
            break;
        case FAIL_NONE:
            *out = 0;
            errno = saved;
            return 1;
        default:
            *out = -1;
        }
        errno = e;
        return 1;
    }
    *out = r;
    errno = saved;
    return 1;
}
