/*
 * The C baselines of the JMH suite: the calls the Java benchmarks make, made from C and timed in
 * the same run, so every Java figure can be given as a ratio to C on the same machine at the same
 * time.
 *
 *   baseline [--rounds N] [--round-ms MS]
 *
 * Each benchmark runs N rounds of about MS milliseconds each (the iteration count is calibrated
 * first) and is reported as the mean time per call with a 99.9% confidence half-width, as JMH
 * reports its scores. Output: one JSON object per benchmark, in a JSON array, on stdout.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "rawsys_syscall.h"

#if !defined(__x86_64__)
#error "the C baseline's raw system call is written for x86_64"
#endif

/* The raw instruction, as rawsys's stub executes it: number in rax, arguments rdi rsi. */
static inline long raw_syscall0(long nr) {
    long ret;
    __asm__ volatile("syscall" : "=a"(ret) : "a"(nr) : "rcx", "r11", "memory");
    return ret;
}

static inline long raw_syscall2(long nr, long a1, long a2) {
    long ret;
    __asm__ volatile("syscall" : "=a"(ret) : "a"(nr), "D"(a1), "S"(a2) : "rcx", "r11", "memory");
    return ret;
}

static volatile long sink;
static int (*vdso_clock_gettime)(clockid_t, struct timespec *);

static void getpid_raw(long n) {
    for (long i = 0; i < n; i++) {
        sink = raw_syscall0(SYS_getpid);
    }
}

/* rawsys's own stub, called from C: a function call and return around the same instruction. */
static void getpid_stub(long n) {
    for (long i = 0; i < n; i++) {
        sink = rawsys_syscall0(SYS_getpid);
    }
}

static void getpid_libc(long n) {
    for (long i = 0; i < n; i++) {
        sink = getpid();
    }
}

static void getpid_syscall(long n) {
    for (long i = 0; i < n; i++) {
        sink = syscall(SYS_getpid);
    }
}

static void clock_vdso(long n) {
    struct timespec ts;
    for (long i = 0; i < n; i++) {
        vdso_clock_gettime(CLOCK_MONOTONIC, &ts);
        sink = ts.tv_nsec;
    }
}

static void clock_libc(long n) {
    struct timespec ts;
    for (long i = 0; i < n; i++) {
        clock_gettime(CLOCK_MONOTONIC, &ts);
        sink = ts.tv_nsec;
    }
}

static void clock_raw(long n) {
    struct timespec ts;
    for (long i = 0; i < n; i++) {
        raw_syscall2(SYS_clock_gettime, CLOCK_MONOTONIC, (long)&ts);
        sink = ts.tv_nsec;
    }
}

static void close_raw(long n) {
    for (long i = 0; i < n; i++) {
        sink = raw_syscall2(SYS_close, -1, 0);
    }
}

static void close_stub(long n) {
    for (long i = 0; i < n; i++) {
        sink = rawsys_syscall1(SYS_close, -1);
    }
}

static void close_libc(long n) {
    for (long i = 0; i < n; i++) {
        sink = close(-1) == -1 ? errno : 0;
    }
}

static double now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e9 + ts.tv_nsec;
}

/* Student's t for a two-sided 99.9% interval, by degrees of freedom (JMH uses the same). */
static double t999(int df) {
    static const double t[] = {0,     636.62, 31.599, 12.924, 8.610, 6.869, 5.959, 5.408,
                               5.041, 4.781,  4.587,  4.437,  4.318, 4.221, 4.140, 4.073,
                               4.015, 3.965,  3.922,  3.883,  3.850, 3.819, 3.792, 3.768,
                               3.745, 3.725,  3.707,  3.690,  3.674, 3.659, 3.646};
    return df < 31 ? t[df] : 3.291;
}

struct bench {
    const char *name;
    void (*run)(long n);
};

int main(int argc, char **argv) {
    int rounds = 10;
    double round_ms = 100;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (strcmp(argv[i], "--rounds") == 0) {
            rounds = atoi(argv[i + 1]);
        } else if (strcmp(argv[i], "--round-ms") == 0) {
            round_ms = atof(argv[i + 1]);
        }
    }
    if (rounds < 2 || rounds > 1000 || round_ms <= 0) {
        fprintf(stderr, "usage: baseline [--rounds 2..1000] [--round-ms MS]\n");
        return 2;
    }
    void *vdso = dlopen("linux-vdso.so.1", RTLD_LAZY | RTLD_NOLOAD);
    vdso_clock_gettime =
        vdso ? (int (*)(clockid_t, struct timespec *))dlsym(vdso, "__vdso_clock_gettime") : NULL;
    if (vdso_clock_gettime == NULL) {
        fprintf(stderr, "no __vdso_clock_gettime in this process\n");
        return 1;
    }
    const struct bench benches[] = {
        {"c.getpid.raw", getpid_raw},   {"c.getpid.stub", getpid_stub},
        {"c.getpid.libc", getpid_libc}, {"c.getpid.syscall", getpid_syscall},
        {"c.clock.vdso", clock_vdso},   {"c.clock.libc", clock_libc},
        {"c.clock.raw", clock_raw},     {"c.close.raw", close_raw},
        {"c.close.stub", close_stub},   {"c.close.libc", close_libc},
    };
    size_t count = sizeof benches / sizeof benches[0];
    printf("[\n");
    for (size_t b = 0; b < count; b++) {
        /* Calibrate: grow the count until one round takes round_ms, warming up on the way. */
        long n = 1000;
        for (;;) {
            double start = now_ns();
            benches[b].run(n);
            double took = now_ns() - start;
            if (took >= round_ms * 1e6 || n > (1L << 34)) {
                n = (long)(n * (round_ms * 1e6 / took)) + 1;
                break;
            }
            n *= took > 0 ? 2 : 10;
        }
        double sum = 0, squares = 0;
        for (int r = 0; r < rounds; r++) {
            double start = now_ns();
            benches[b].run(n);
            double per_call = (now_ns() - start) / n;
            sum += per_call;
            squares += per_call * per_call;
        }
        double mean = sum / rounds;
        double variance = (squares - rounds * mean * mean) / (rounds - 1);
        double error = t999(rounds - 1) * sqrt(variance > 0 ? variance : 0) / sqrt(rounds);
        printf("  {\"name\": \"%s\", \"ns\": %.3f, \"error\": %.3f, \"rounds\": %d, \"calls\": "
               "%ld}%s\n",
               benches[b].name, mean, error, rounds, n, b + 1 < count ? "," : "");
    }
    printf("]\n");
    return 0;
}
