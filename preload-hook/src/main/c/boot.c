/* The JVM's lazy boot: on the first thread that makes a wanted call, librawsys-preload-jvm.so and
 * libjvm are loaded into a new link namespace and the JVM is created on a thread of its own; the
 * hook class is loaded and narrows the wanted functions; Dispatch's upcall stub is made. A JVM
 * that cannot start is one line in the log, and the program runs unhooked. */
#define _GNU_SOURCE
#include "boot.h"

#include <dlfcn.h>
#include <errno.h>
#include <limits.h>
#include <linux/futex.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "log.h"
#include "natives.h"
#include "realsym.h"
#include "signals.h"

#ifndef RP_DEFAULT_JAVA_HOME
#define RP_DEFAULT_JAVA_HOME "/usr/lib/jvm/default-java"
#endif
/* The embedded JVM's suspend/resume signal (_JAVA_SR_SIGNUM), in place of SIGUSR2. */
#define RP_JVM_SR_SIGNAL (SIGRTMAX - 2)
/* The JVM's boot is stuck (a hooked call from a constructor holds the loader lock it needs): the
 * calls that come while it stays so pass through at once, rather than waiting each. */
static volatile int g_boot_stalled;

enum { ST_NONE, ST_BOOTING, ST_UP, ST_FAILED };
static volatile int g_state; /* futex word */
static double g_boot_ms;
/* Each libc sets up its per-thread ctype pointers only in the threads it starts: the boot thread
 * needs the host's (a host thread that runs JVM code, the namespace's: g_ns_ctype_init). */
static void (*g_host_ctype_init)(void);
static int (*g_jvm_vfprintf)(FILE *, const char *, va_list);

static double ms_now(void) {
    struct timespec t;
    SYS(SYS_clock_gettime, CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
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
    int registered = natives && rp_register_natives(env, natives);
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
    g_dispatch = (rp_dispatch_fn)(intptr_t)(*env)->CallStaticLongMethod(env, c, upcall);
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
    rp_log_fd();
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

int rp_boot_wait(void) {
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

/* ---- introspection, for the tests and the benchmark ---------------------------------------- */
EXPORT double rawsys_preload_boot_ms(void) {
    return g_boot_ms;
}
EXPORT int rawsys_preload_state(void) {
    return g_state;
}
