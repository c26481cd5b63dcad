/* fork, vfork and syscall(), the real side: what Java's proceed() runs. Java may deny a fork in
 * the parent, but never runs the fork itself (proceed() would return into Java in a child without
 * a JVM). The exported functions, and why a fork child never calls Java, are in custom.c. */
#define _GNU_SOURCE
#include "state.h"

#include <errno.h>

#include "realsym.h"

long rp_real_call_fork(const long *a) {
    (void)a;
    errno = EPERM;
    return -1;
}

long rp_real_call_vfork(const long *a) {
    (void)a;
    errno = EPERM;
    return -1;
}

long rp_real_call_syscall(const long *a) {
    return REAL(syscall)(a[0], a[1], a[2], a[3], a[4], a[5], a[6]);
}
