/*
 * Scheduling and priorities for rawsys trace's comparison with strace: sched_getscheduler,
 * sched_setscheduler, sched_getparam, sched_setparam, sched_get_priority_max and _min,
 * sched_rr_get_interval, sched_getattr, sched_setattr, getpriority, setpriority, ioprio_get,
 * ioprio_set, getcpu and kcmp, each working and refused (NULL and unreadable pointers, a struct cut
 * short by an unmapped page, unknown policies, flags and types, huge sizes), made through
 * syscall(2); on i386 sched_rr_get_interval_time64 too.
 *
 * Nothing here changes the machine or even this process: every call that sets something sets this
 * process's own attributes to the values they already have (read first: the policy, the nice value,
 * the I/O priority, the scheduling attributes) or to values the kernel refuses (an unknown policy
 * or class, a size it does not know, a negative pid). What varies from run to run (the CPU getcpu
 * finds, the time slice of a SCHED_OTHER process) the test replaces.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "trace_test.h"

struct attr {
    uint32_t size, sched_policy;
    uint64_t sched_flags;
    int32_t sched_nice;
    uint32_t sched_priority;
    uint64_t sched_runtime, sched_deadline, sched_period;
    uint32_t sched_util_min, sched_util_max;
};

#define IOPRIO_WHO_PROCESS 1
#define IOPRIO_WHO_USER    3
#define KCMP_FILE          0
#define KCMP_VM            1
#define KCMP_SYSVSEM       6
#define KCMP_EPOLL_TFD     7

static void policies(char *end) {
    int policy = (int)syscall(SYS_sched_getscheduler, 0);
    syscall(SYS_sched_getscheduler, -1);
    syscall(SYS_sched_getscheduler, 0x7fffffff); /* no such process */
    int param = 0;
    syscall(SYS_sched_getparam, 0, &param);
    syscall(SYS_sched_getparam, 0, null);
    syscall(SYS_sched_getparam, 0, bad);
    syscall(SYS_sched_getparam, -1, &param);
    /* what this process has already (SCHED_OTHER, priority 0), then what is refused */
    syscall(SYS_sched_setscheduler, 0, policy, &param);
    syscall(SYS_sched_setparam, 0, &param);
    int high = 99;
    syscall(SYS_sched_setscheduler, 0, 0x42, &high);
    syscall(SYS_sched_setscheduler, 0, SCHED_OTHER, &high);
    syscall(SYS_sched_setscheduler, -1, SCHED_FIFO, &param);
    syscall(SYS_sched_setscheduler, 0, SCHED_OTHER, null);
    syscall(SYS_sched_setscheduler, 0, SCHED_RR, bad);
    syscall(SYS_sched_setscheduler, 0, SCHED_RESET_ON_FORK | SCHED_BATCH, &high);
    syscall(SYS_sched_setparam, 0, &high);
    syscall(SYS_sched_setparam, 0, bad);
    syscall(SYS_sched_setparam, 0, end ? end - 2 : bad);
    for (int p = SCHED_OTHER; p <= SCHED_DEADLINE + 1; p++) {
        syscall(SYS_sched_get_priority_max, p);
        syscall(SYS_sched_get_priority_min, p);
    }
    syscall(SYS_sched_get_priority_max, -1);

    struct timespec slice;
    syscall(SYS_sched_rr_get_interval, 0, &slice);
    syscall(SYS_sched_rr_get_interval, 0, null);
    syscall(SYS_sched_rr_get_interval, -1, &slice);
    syscall(SYS_sched_rr_get_interval, 0, bad);
#ifdef SYS_sched_rr_get_interval_time64
    struct {
        int64_t sec, nsec;
    } slice64;
    syscall(SYS_sched_rr_get_interval_time64, 0, &slice64);
    syscall(SYS_sched_rr_get_interval_time64, 0, bad);
#endif
}

static void attributes(char *end) {
    struct attr a, now;
    memset(&now, 0, sizeof now);
    syscall(SYS_sched_getattr, 0, &now, sizeof now, 0);
    syscall(SYS_sched_getattr, 0, &a, 56, 0);
    syscall(SYS_sched_getattr, 0, &a, 48, 0);
    syscall(SYS_sched_getattr, 0, &a, 47, 0);
    syscall(SYS_sched_getattr, 0, &a, 0, 0);
    syscall(SYS_sched_getattr, 0, null, 56, 0);
    syscall(SYS_sched_getattr, 0, bad, 56, 0);
    syscall(SYS_sched_getattr, 0, &a, 56, 1);
    syscall(SYS_sched_getattr, -1, &a, 56, 0);

    /* what this process has already */
    now.size = 48;
    syscall(SYS_sched_setattr, 0, &now, 0);
    now.size = 56;
    syscall(SYS_sched_setattr, 0, &now, 0);
    now.size = 0;
    syscall(SYS_sched_setattr, 0, &now, 0);
    /* refused */
    a = now;
    a.size = 1;
    syscall(SYS_sched_setattr, 0, &a, 0);
    /* larger than the kernel knows, with bytes that are not zero after what it knows: E2BIG, and
       the kernel writes the size it knows */
    static union {
        struct attr a;
        char raw[8192];
    } big;
    big.a = now;
    big.a.size = 4096;
    big.raw[100] = 1;
    syscall(SYS_sched_setattr, 0, &big, 0);
    a.size = 56;
    a.sched_policy = 0x42;
    a.sched_flags = 0xf000;
    syscall(SYS_sched_setattr, 0, &a, 0);
    a.sched_policy = (uint32_t)-1;
    a.sched_flags = 0x18; /* KEEP_POLICY|KEEP_PARAMS */
    syscall(SYS_sched_setattr, 0, &a, 0x7);
    a.sched_policy = SCHED_FIFO;
    a.sched_flags = 0x10; /* KEEP_PARAMS */
    a.sched_nice = -30;
    syscall(SYS_sched_setattr, -1, &a, 0);
    a.sched_flags = 0x8 | 0x1;
    syscall(SYS_sched_setattr, -1, &a, 0);
    a.sched_flags = 0x60;
    syscall(SYS_sched_setattr, -1, &a, 0);
    syscall(SYS_sched_setattr, 0, null, 0);
    syscall(SYS_sched_setattr, 0, bad, 0);
    struct attr *cut = end ? (struct attr *)(end - 52) : &a;
    memcpy(cut, &now, 52);
    cut->size = 56;
    syscall(SYS_sched_setattr, -1, cut, 0);
    uint32_t *size_only = end ? (uint32_t *)(end - 4) : &a.size;
    *size_only = 8;
    syscall(SYS_sched_setattr, -1, size_only, 0);
}

static void priorities(void) {
    errno = 0;
    long nice_now = syscall(SYS_getpriority, PRIO_PROCESS, 0);
    syscall(SYS_getpriority, PRIO_PGRP, 0);
    syscall(SYS_getpriority, PRIO_USER, -1);
    syscall(SYS_getpriority, 42, 0);
    syscall(SYS_getpriority, PRIO_PROCESS, -1);
    /* the kernel returns 20 - nice: setting it back is no change */
    syscall(SYS_setpriority, PRIO_PROCESS, 0, 20 - nice_now);
    syscall(SYS_setpriority, 42, 0, 0);
    syscall(SYS_setpriority, PRIO_PROCESS, 0x7fffffff, 0);

    long io = syscall(SYS_ioprio_get, IOPRIO_WHO_PROCESS, 0);
    syscall(SYS_ioprio_get, IOPRIO_WHO_USER, 0x7ffffffe);
    syscall(SYS_ioprio_get, 42, 0);
    syscall(SYS_ioprio_get, IOPRIO_WHO_PROCESS, -1);
    if (io >= 0) {
        syscall(SYS_ioprio_set, IOPRIO_WHO_PROCESS, 0, io);
    }
    syscall(SYS_ioprio_set, IOPRIO_WHO_PROCESS, 0, 7 << 13 | 4);
    syscall(SYS_ioprio_set, IOPRIO_WHO_PROCESS, 0, 5 << 13 | 1); /* no such class: refused */
    syscall(SYS_ioprio_set, 42, 0, 2 << 13 | 4);
    syscall(SYS_ioprio_set, IOPRIO_WHO_PROCESS, 0x7fffffff, 2 << 13 | 4);
}

static void cpus(void) {
    unsigned cpu = 0, node = 0;
    syscall(SYS_getcpu, &cpu, &node, null);
    syscall(SYS_getcpu, null, null, null);
    syscall(SYS_getcpu, bad, &node, bad);
}

static void comparisons(void) {
    int me = getpid();
    int fd = open("/dev/null", O_RDONLY);
    syscall(SYS_kcmp, me, me, KCMP_FILE, fd, fd);
    syscall(SYS_kcmp, me, me, KCMP_FILE, fd, 1000);
    syscall(SYS_kcmp, me, me, KCMP_VM, 0, 0);
    syscall(SYS_kcmp, me, me, KCMP_SYSVSEM, 3, 4);
    syscall(SYS_kcmp, me, me, KCMP_EPOLL_TFD, fd, null);
    syscall(SYS_kcmp, me, me, KCMP_EPOLL_TFD, 1000, bad);
    struct {
        uint32_t efd, tfd, toff;
    } slot = {(uint32_t)fd, (uint32_t)fd, 2};
    syscall(SYS_kcmp, me, me, KCMP_EPOLL_TFD, fd, &slot);
    close(fd);
    syscall(SYS_kcmp, me, -1, 42, 0xdead, 0xbeef);
    syscall(SYS_kcmp, -1, me, -1, 0, 0);
}

int main(int argc, char **argv) {
    if (enter_work_dir(argc, argv) != 0) {
        return 1;
    }
    char *end = page_end();
    policies(end);
    attributes(end);
    priorities();
    cpus();
    comparisons();
    return 0;
}
