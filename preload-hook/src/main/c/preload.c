/* librawsys-preload.so, the core: configuration, the log, the JVM's lazy boot in its own link
 * namespace, and rp_hook, the one way from a shim into Java.
 *
 * Configuration: environment variables, read once by the constructor (preload-hook/README.md):
 * RAWSYS_HOOK, RAWSYS_HOOK_CLASSPATH, RAWSYS_HOOK_FUNCTIONS, RAWSYS_RUNTIME, RAWSYS_JAVA_HOME,
 * RAWSYS_LOG, RAWSYS_PRELOAD_INHERIT, RAWSYS_JVM_OPTS. */
#define _GNU_SOURCE
#include "preload.h"

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <jni.h>
#include <limits.h>
#include <linux/futex.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#include "signals.h"

#ifndef RP_DEFAULT_JAVA_HOME
#define RP_DEFAULT_JAVA_HOME "/usr/lib/jvm/default-java"
#endif
/* What Java returns for "run the real function" and "fail with errno e": Decision's encoding. */
#define RP_PROCEED   ((jlong)INT64_MIN)
#define RP_FAIL_BASE (RP_PROCEED + 1)

const char *const rp_fn_name[FN_COUNT] = {
#define RP_X(n, name, ...) #name,
#include "hooks.def"
#undef RP_X
};
static const unsigned char fn_fail[FN_COUNT] = {
#define RP_X(n, name, family, fail, ...) FAIL_##fail,
#include "hooks.def"
#undef RP_X
};

void *rp_real[FN_COUNT];
__thread int t_busy IE;
__thread int t_vfork IE;
static __thread JNIEnv *t_env IE;         /* this thread's, attached once, detached at its exit */
static __thread int t_real_errno IE;      /* errno of Java's last proceed() on this thread */
static __thread uintptr_t t_stack_low IE; /* lowest address of this thread's stack, once attached */

/* Java needs stack: a call made with less than this left passes through, since a stack overflow
 * inside the upcall would end the process. */
#define RP_STACK_HEADROOM (256 * 1024)

/* One page the kernel zeroes in every child that does not share our memory, however it was
 * made (fork, a raw fork or clone system call): a zero there means this process has no JVM
 * threads, and must never call Java. */
static volatile unsigned char *g_parent_mark;

/* The JVM's boot is stuck (a hooked call from a constructor holds the loader lock it needs): the
 * calls that come while it stays so pass through at once, rather than waiting each. */
static volatile int g_boot_stalled;
volatile int g_forked;
volatile int g_inited;
volatile unsigned char g_want[FN_COUNT];
int g_inherit = 1;
struct rp_shared g_sh = {.log_fd = -1, .fd_base = 900};

enum { ST_NONE, ST_BOOTING, ST_UP, ST_FAILED };
static volatile int g_state; /* futex word */
static JavaVM *g_vm;
/* Dispatch.dispatch through its FFM upcall stub: (fn, a0..a6) -> decision. */
typedef long (*dispatch_fn)(int, long, long, long, long, long, long, long);
static dispatch_fn g_dispatch;
static pthread_key_t g_detach_key;
static char *cfg_hook, *cfg_cp, *cfg_home, *cfg_log, *cfg_opts, *cfg_runtime, *cfg_functions;
static char g_shim_path[PATH_MAX];
static double g_boot_ms;
/* Each libc sets up its per-thread ctype pointers only in the threads it starts: a host thread
 * that runs JVM code needs the namespace's, the boot thread the host's. */
static void (*g_host_ctype_init)(void), (*g_ns_ctype_init)(void);
static int (*g_jvm_vfprintf)(FILE *, const char *, va_list);

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
#define SYS(nr, ...) rp_sys_n(nr, __VA_ARGS__, 0, 0, 0, 0, 0, 0)
#define rp_sys_n(nr, a, b, c, d, e, f, ...)                                                        \
    rp_sys(nr, (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), (long)(f))

static double ms_now(void) {
    struct timespec t;
    SYS(SYS_clock_gettime, CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

/* ---- the log ------------------------------------------------------------------------------- */

/* Moves fd to >= fd_base, close-on-exec, and marks it the JVM's (hidden from the host's close). */
static int adopt_fd(int fd) {
    if (fd < 0)
        return fd;
    if (fd < g_sh.fd_base) {
        int high = fcntl(fd, F_DUPFD_CLOEXEC, g_sh.fd_base);
        if (high >= 0) {
            SYS(SYS_close, fd);
            fd = high;
        }
    }
    if (fd < RP_MAX_FD)
        g_sh.jvm_fd[fd] = 1;
    return fd;
}

static int log_fd(void) {
    if (g_sh.log_fd >= 0 || !cfg_log)
        return g_sh.log_fd;
    int fd =
        (int)SYS(SYS_openat, AT_FDCWD, cfg_log, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    return g_sh.log_fd = adopt_fd(fd);
}

void rp_log(const char *fmt, ...) {
    int fd = log_fd();
    if (fd < 0)
        return;
    char buf[1024];
    int n = snprintf(buf, sizeof buf, "rawsys-preload[%d]: ", (int)SYS(SYS_getpid, 0));
    va_list ap;
    va_start(ap, fmt);
    n += vsnprintf(buf + n, sizeof buf - (size_t)n - 1, fmt, ap);
    va_end(ap);
    if (n > (int)sizeof buf - 2)
        n = (int)sizeof buf - 2;
    buf[n++] = '\n';
    SYS(SYS_write, fd, buf, n);
}

/* ---- the JVM's boot -------------------------------------------------------------------------- */

static void detach_thread(void *unused) {
    (void)unused;
    if (g_vm && !g_forked && t_env) {
        t_busy = 1;
        (*g_vm)->DetachCurrentThread(g_vm);
        t_env = NULL;
        t_busy = 0;
    }
}

/* The JVM must not see the host's Java settings: they could add agents, print "Picked up ..."
 * or stop the JVM from starting. */
static int java_setting(const char *entry) {
    static const char *const names[] = {"JAVA_TOOL_OPTIONS=", "_JAVA_OPTIONS=", "JDK_JAVA_OPTIONS=",
                                        "_JAVA_SR_SIGNUM=",   "CLASSPATH=",     NULL};
    for (const char *const *n = names; *n; n++)
        if (!strncmp(entry, *n, strlen(*n)))
            return 1;
    return 0;
}

/* HotSpot suspends and resumes its threads with a signal it never chains, SIGUSR2 by default:
 * the program's own SIGUSR2 handler would never run. The JVM gets a real-time signal instead. */
static char g_sr_signum[32];

static char **jvm_environment(void) {
    size_t n = 0;
    for (char **e = environ; e && *e; e++)
        n++;
    char **out = calloc(n + 2, sizeof *out), **o = out;
    if (!out)
        return NULL;
    for (char **e = environ; e && *e; e++)
        if (!java_setting(*e))
            *o++ = *e;
    snprintf(g_sr_signum, sizeof g_sr_signum, "_JAVA_SR_SIGNUM=%d", RP_JVM_SR_SIGNAL);
    *o++ = g_sr_signum;
    return out;
}

static void boot_done(int state) {
    __atomic_store_n(&g_state, state, __ATOMIC_RELEASE);
    SYS(SYS_futex, &g_state, FUTEX_WAKE_PRIVATE, INT_MAX, NULL, NULL, 0);
}

static void boot_fail(const char *why) {
    if (why)
        rp_log("the JVM did not start (%s); the program runs unhooked", why);
    for (int i = 0; i < FN_COUNT; i++)
        g_want[i] = 0;
    boot_done(ST_FAILED);
}

/* Logs the innermost cause of the pending exception, e.g. "java.lang.ClassNotFoundException: x.Y".
 */
static void log_exception(JNIEnv *env, const char *what) {
    jthrowable t = (*env)->ExceptionOccurred(env);
    (*env)->ExceptionClear(env);
    jclass tc = (*env)->FindClass(env, "java/lang/Throwable");
    jmethodID cause =
        tc ? (*env)->GetMethodID(env, tc, "getCause", "()Ljava/lang/Throwable;") : NULL;
    jmethodID str = tc ? (*env)->GetMethodID(env, tc, "toString", "()Ljava/lang/String;") : NULL;
    if (!t || !cause || !str) {
        rp_log("%s", what);
        return;
    }
    for (jthrowable c; (c = (jthrowable)(*env)->CallObjectMethod(env, t, cause)) != NULL;)
        t = c;
    jstring s = (jstring)(*env)->CallObjectMethod(env, t, str);
    const char *chars =
        s && !(*env)->ExceptionCheck(env) ? (*env)->GetStringUTFChars(env, s, NULL) : NULL;
    (*env)->ExceptionClear(env);
    rp_log("%s: %s", what, chars ? chars : "(no description)");
    if (chars)
        (*env)->ReleaseStringUTFChars(env, s, chars);
}

/* Java's proceed(): the real function, run as the program asked, with errno kept for lastErrno().
 */
static jlong JNICALL native_call_real(JNIEnv *env, jclass c, jint fn, jlong a0, jlong a1, jlong a2,
                                      jlong a3, jlong a4, jlong a5, jlong a6) {
    (void)env, (void)c;
    if (fn < 0 || fn >= FN_COUNT)
        return -1;
    long a[7] = {a0, a1, a2, a3, a4, a5, a6};
    errno = 0;
    long r = rp_call_real(fn, a);
    t_real_errno = errno;
    return r;
}
/* Java reads the program's strings and buffers through the kernel: a bad pointer is refused,
 * never a fault. */
static jlong JNICALL native_copy_in(JNIEnv *env, jclass c, jlong address, jlong destination,
                                    jlong length) {
    (void)env, (void)c;
    struct iovec local = {(void *)(intptr_t)destination, (size_t)length};
    struct iovec remote = {(void *)(intptr_t)address, (size_t)length};
    long n = SYS(SYS_process_vm_readv, SYS(SYS_getpid, 0), &local, 1, &remote, 1, 0);
    return n < 0 ? -errno : n;
}
static jint JNICALL native_last_errno(JNIEnv *env, jclass c) {
    (void)env, (void)c;
    return t_real_errno;
}

/* The JVM tried to end the process while starting (shared.h: boot_exit). Its own message is
 * already in the log. The thread that called stays here for good, with every signal blocked:
 * unwinding it through HotSpot's frames is not safe, and it may hold the JVM's locks, which
 * nothing will ask for again. The program runs on, unhooked. */
static void jvm_exit_during_boot(const char *how, int status) {
    sigset_t all;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, NULL);
    static int once;
    if (!__atomic_exchange_n(&once, 1, __ATOMIC_ACQ_REL)) {
        g_sh.boot_exit = NULL;
        rp_signals_restore();
        if (status >= 0)
            rp_log("the JVM did not start (it called %s(%d) while starting; its reason is above); "
                   "the program runs unhooked",
                   how, status);
        else
            rp_log("the JVM did not start (it called %s() while starting); the program runs "
                   "unhooked",
                   how);
        boot_fail(NULL);
    }
    for (;;)
        SYS(SYS_ppoll, 0, 0, 0, 0); /* no descriptors, no timeout, no signal gets through */
}

static int add_option(JavaVMOption *o, int n, int max, char *s) {
    if (n < max)
        o[n++].optionString = s;
    return n;
}

static void *boot_main(void *handle) {
    if (g_host_ctype_init)
        g_host_ctype_init();
    t_busy = 1;
    double t0 = ms_now();
    char cp[PATH_MAX * 4], errfile[PATH_MAX + 16];
    snprintf(cp, sizeof cp, "-Djava.class.path=%s%s%s", cfg_runtime, cfg_cp ? ":" : "",
             cfg_cp ? cfg_cp : "");
    snprintf(errfile, sizeof errfile, "-XX:ErrorFile=%s", cfg_log ? cfg_log : "/dev/null");
    static char *const defaults[] = {
#include "jvm_options.h" /* from jvm.options, one string a line */
        NULL};
    enum { MAX = 64 };
    JavaVMOption o[MAX];
    int n = 0;
    for (char *const *d = defaults; *d; d++)
        n = add_option(o, n, MAX, *d);
    n = add_option(o, n, MAX, cp);
    n = add_option(o, n, MAX, errfile);
    o[n].optionString = "vfprintf";
    o[n++].extraInfo = (void *)g_jvm_vfprintf;
    char *opts = cfg_opts ? strdup(cfg_opts) : NULL, *save = NULL;
    for (char *t = opts ? strtok_r(opts, " ", &save) : NULL; t; t = strtok_r(NULL, " ", &save))
        n = add_option(o, n, MAX, t);
    JavaVMInitArgs args = {
        .version = JNI_VERSION_21, .nOptions = n, .options = o, .ignoreUnrecognized = JNI_FALSE};
    jint (*create)(JavaVM **, void **, void *) =
        (jint(*)(JavaVM **, void **, void *))dlsym(handle, "JNI_CreateJavaVM");
    JavaVM *vm;
    JNIEnv *env;
    g_sh.boot_exit = jvm_exit_during_boot;
    jint rc = create ? create(&vm, (void **)&env, &args) : JNI_ERR;
    g_sh.boot_exit = NULL;
    if (rc != JNI_OK) {
        char m[96];
        snprintf(m, sizeof m, "JNI_CreateJavaVM returned %d; RAWSYS_JVM_OPTS may hold a bad option",
                 (int)rc);
        rp_signals_restore();
        boot_fail(m);
        return NULL;
    }
    /* Java's answer: the functions the hook class wants, of those asked for. */
    char asked[8192];
    size_t used = 0;
    asked[0] = 0;
    for (int i = 0; i < FN_COUNT && used < sizeof asked - 64; i++)
        if (g_want[i])
            used += (size_t)snprintf(asked + used, sizeof asked - used, "%s%s", used ? "," : "",
                                     rp_fn_name[i]);
    jclass c = (*env)->FindClass(env, "io/rawsys/preload/Dispatch");
    jclass natives = c ? (*env)->FindClass(env, "io/rawsys/preload/Native") : NULL;
    JNINativeMethod m[] = {{"callReal", "(IJJJJJJJ)J", (void *)native_call_real},
                           {"copyIn", "(JJJ)J", (void *)native_copy_in},
                           {"lastErrno", "()I", (void *)native_last_errno}};
    int registered = natives && (*env)->RegisterNatives(env, natives, m, 3) == 0;
    jmethodID boot =
        registered ? (*env)->GetStaticMethodID(
                         env, c, "boot", "(Ljava/lang/String;Ljava/lang/String;)Ljava/lang/String;")
                   : NULL;
    jmethodID upcall = boot ? (*env)->GetStaticMethodID(env, c, "upcall", "()J") : NULL;
    jstring hook = (*env)->NewStringUTF(env, cfg_hook);
    jstring wanted = upcall ? (jstring)(*env)->CallStaticObjectMethod(
                                  env, c, boot, hook, (*env)->NewStringUTF(env, asked))
                            : NULL;
    if (!wanted || (*env)->ExceptionCheck(env)) {
        char what[PATH_MAX + 600];
        snprintf(what, sizeof what,
                 "the hook %s did not load (runtime %s, class path %s); the program runs unhooked; "
                 "cause",
                 cfg_hook, cfg_runtime, cfg_cp ? cfg_cp : "(none)");
        log_exception(env, what);
        (*vm)->DetachCurrentThread(vm);
        rp_signals_after_boot(); /* the JVM stays: the program's signals must be its own again */
        boot_fail(NULL);
        return NULL;
    }
    const char *w = (*env)->GetStringUTFChars(env, wanted, NULL);
    for (int i = 0; i < FN_COUNT; i++) {
        char pattern[64];
        snprintf(pattern, sizeof pattern, ",%s,", rp_fn_name[i]);
        char padded[8200];
        snprintf(padded, sizeof padded, ",%s,", w);
        if (!strstr(padded, pattern))
            g_want[i] = 0;
    }
    (*env)->ReleaseStringUTFChars(env, wanted, w);
    /* Every wanted call enters Java through an FFM upcall stub: a direct call into compiled code,
     * several times cheaper than JNI's CallStaticLongMethod (argument pushing, signature walks). */
    g_dispatch = (dispatch_fn)(intptr_t)(*env)->CallStaticLongMethod(env, c, upcall);
    if ((*env)->ExceptionCheck(env) || !g_dispatch) {
        log_exception(env, "the upcall into io.rawsys.preload.Dispatch could not be made; the "
                           "program runs unhooked; cause");
        (*vm)->DetachCurrentThread(vm);
        rp_signals_after_boot();
        boot_fail(NULL);
        return NULL;
    }
    g_vm = vm;
    (*vm)->DetachCurrentThread(vm);
    rp_signals_after_boot();
    g_boot_ms = ms_now() - t0;
    boot_done(ST_UP);
    return NULL;
}

/* On the first thread that makes a wanted call: load the shim and libjvm into a new link
 * namespace, then boot on a thread of our own (the caller may hold locks the JVM needs). */
/* The JVM reserves address space freely (its heap, class space and code cache, a thread stack and
 * a malloc arena per thread) and answers a refusal by ending the process, at start or at any
 * later allocation: under an address-space limit a hooked program would die where it ran fine
 * alone. Below this much room, the JVM is not started at all. */
#define RP_MIN_ADDRESS_SPACE (4ULL << 30)

/* Why the JVM must not start here, or NULL. */
static const char *address_space_too_small(char *why, size_t size) {
    struct rlimit rl;
    if (getrlimit(RLIMIT_AS, &rl) != 0 || rl.rlim_cur == RLIM_INFINITY ||
        rl.rlim_cur >= RP_MIN_ADDRESS_SPACE)
        return NULL;
    snprintf(why, size,
             "the address-space limit (ulimit -v, RLIMIT_AS) is %llu KiB, and the JVM needs %llu "
             "KiB or more: where it runs short it ends the whole process; raise or remove the "
             "limit to hook this program",
             (unsigned long long)rl.rlim_cur / 1024, RP_MIN_ADDRESS_SPACE / 1024);
    return why;
}

static void start_boot(void) {
    if (!cfg_runtime) {
        boot_fail("RAWSYS_RUNTIME is not set: it must name the jar that holds io.rawsys.preload");
        return;
    }
    char why[320];
    if (address_space_too_small(why, sizeof why)) {
        boot_fail(why);
        return;
    }
    char lib[PATH_MAX];
    snprintf(lib, sizeof lib, "%s/lib/server/libjvm.so",
             cfg_home ? cfg_home : RP_DEFAULT_JAVA_HOME);
    log_fd();
    g_sh.reraise = rp_reraise_default;
    g_sh.jvm_environ = jvm_environment();
    rp_signals_before_boot();
    void *shim = dlmopen(LM_ID_NEWLM, g_shim_path, RTLD_NOW | RTLD_LOCAL);
    if (!shim) {
        char m[PATH_MAX + 600];
        snprintf(m, sizeof m, "cannot load %s: %s", g_shim_path, dlerror());
        boot_fail(m);
        return;
    }
    Lmid_t lm;
    dlinfo(shim, RTLD_DI_LMID, &lm);
    void (*init)(struct rp_shared *) = (void (*)(struct rp_shared *))dlsym(shim, "rp_shim_init");
    if (init)
        init(&g_sh);
    void *jvm = dlmopen(lm, lib, RTLD_NOW | RTLD_LOCAL);
    if (!jvm) {
        char m[PATH_MAX + 700];
        snprintf(m, sizeof m, "cannot load %s: %s; set RAWSYS_JAVA_HOME to a JDK 25", lib,
                 dlerror());
        boot_fail(m);
        return;
    }
    int (*create_thread)(pthread_t *, const pthread_attr_t *, void *(*)(void *), void *) =
        (int (*)(pthread_t *, const pthread_attr_t *, void *(*)(void *), void *))dlsym(
            shim, "pthread_create");
    g_jvm_vfprintf = (int (*)(FILE *, const char *, va_list))dlsym(shim, "rp_shim_vfprintf");
    g_ns_ctype_init = (void (*)(void))dlsym(shim, "__ctype_init");
    g_host_ctype_init = (void (*)(void))dlsym(RTLD_NEXT, "__ctype_init");
    pthread_attr_t at;
    pthread_attr_init(&at);
    pthread_attr_setdetachstate(&at, PTHREAD_CREATE_DETACHED);
    pthread_attr_setstacksize(&at, 1 << 20);
    sigset_t all, old; /* the boot thread (and the JVM's, which inherit its mask) never take the
                          host's signals */
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, &old);
    pthread_t t;
    int r = create_thread ? create_thread(&t, &at, boot_main, jvm) : -1;
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    pthread_attr_destroy(&at);
    if (r)
        boot_fail("cannot create the boot thread");
}

static int wait_boot(void) {
    int s = __atomic_load_n(&g_state, __ATOMIC_ACQUIRE);
    if (LIKELY(s == ST_UP))
        return 1;
    if (s == ST_FAILED)
        return 0;
    if (s == ST_NONE && __atomic_compare_exchange_n(&g_state, &s, ST_BOOTING, 0, __ATOMIC_ACQ_REL,
                                                    __ATOMIC_ACQUIRE))
        start_boot();
    double deadline = ms_now() + 10000; /* one deadline, whatever signals interrupt the wait */
    while ((s = __atomic_load_n(&g_state, __ATOMIC_ACQUIRE)) == ST_BOOTING) {
        double left = deadline - ms_now();
        if (g_boot_stalled || left <= 0) {
            if (!g_boot_stalled)
                rp_log("the JVM takes more than 10 s to start; calls pass through until it is up");
            g_boot_stalled = 1;
            return 0;
        }
        long ns = (long)(left * 1e6);
        struct timespec wait = {ns / 1000000000, ns % 1000000000};
        SYS(SYS_futex, &g_state, FUTEX_WAIT_PRIVATE, ST_BOOTING, &wait, NULL, 0);
    }
    return s == ST_UP;
}

/* 1: this thread may call Java now (t_busy is set; clear it after). */
static __attribute__((noinline)) int enter(void) {
    if (t_busy || t_vfork || g_forked || !g_inited || (g_parent_mark && !*g_parent_mark))
        return 0;
    char here;
    if (t_stack_low && (uintptr_t)&here - t_stack_low < RP_STACK_HEADROOM)
        return 0;
    t_busy = 1;
    int ok = wait_boot();
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

/* ---- introspection, for the tests and the benchmark ---------------------------------------- */
EXPORT double rawsys_preload_boot_ms(void) {
    return g_boot_ms;
}
EXPORT int rawsys_preload_state(void) {
    return g_state;
}

/* ---- the constructor ------------------------------------------------------------------------ */
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
    pthread_key_create(&g_detach_key, detach_thread);
    rp_process_init();
    g_inited = 1;
}
