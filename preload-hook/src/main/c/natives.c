/* Native.callReal (Java's proceed()), Native.copyIn (the program's memory, read through the
 * kernel) and Native.lastErrno, registered by the boot (boot.c). */
#define _GNU_SOURCE
#include "natives.h"

#include <errno.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <sys/uio.h>

#include "realcall.h"
#include "realsym.h"

static __thread int t_real_errno IE; /* errno of Java's last proceed() on this thread */

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

int rp_register_natives(JNIEnv *env, jclass natives) {
    JNINativeMethod m[] = {{"callReal", "(IJJJJJJJ)J", (void *)native_call_real},
                           {"copyIn", "(JJJ)J", (void *)native_copy_in},
                           {"lastErrno", "()I", (void *)native_last_errno}};
    return (*env)->RegisterNatives(env, natives, m, 3) == 0;
}
