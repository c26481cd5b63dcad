/* bench-calls [N]: ns per call of clock_gettime(CLOCK_MONOTONIC) (vDSO) and close(-1) (a system
 * call failing with EBADF), timed with raw system calls so the timer is never hooked. Prints
 * the median of 11 rounds of each. The first call of each, before timing, boots the JVM when
 * the hook wants it. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

enum { ROUNDS = 11 };
static double now(void) {
    struct timespec t;
    syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e9 + t.tv_nsec;
}
static int cmp(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}
int main(int argc, char **argv) {
    long n = argc > 1 ? atol(argv[1]) : 200000;
    double clock_ns[ROUNDS], close_ns[ROUNDS];
    struct timespec ts;
    for (long i = 0; i < n; i++)
        clock_gettime(CLOCK_MONOTONIC, &ts), close(-1); /* boot, warm-up, JIT */
    for (int r = 0; r < ROUNDS; r++) {
        double a = now();
        for (long i = 0; i < n; i++)
            clock_gettime(CLOCK_MONOTONIC, &ts);
        double b = now();
        for (long i = 0; i < n; i++) {
            errno = 0;
            if (close(-1) != -1 || errno != EBADF)
                abort();
        }
        double c = now();
        clock_ns[r] = (b - a) / n;
        close_ns[r] = (c - b) / n;
    }
    qsort(clock_ns, ROUNDS, sizeof(double), cmp);
    qsort(close_ns, ROUNDS, sizeof(double), cmp);
    printf("clock_gettime %.1f close %.1f\n", clock_ns[ROUNDS / 2], close_ns[ROUNDS / 2]);
    return 0;
}
