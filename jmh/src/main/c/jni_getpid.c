/* The JNI baseline of the getpid benchmarks: a native method that calls libc's getpid(). */
#include <jni.h>
#include <unistd.h>

JNIEXPORT jint JNICALL Java_io_rawsys_jmh_JniGetpid_getpid(JNIEnv *env, jclass cls) {
    (void)env;
    (void)cls;
    return getpid();
}
