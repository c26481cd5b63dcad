/*
 * Clocks, sleeps and timers for rawsys trace's comparison with strace: clock_gettime,
 * clock_getres, clock_settime, clock_nanosleep, nanosleep, gettimeofday, settimeofday, time,
 * alarm, getitimer, setitimer, timer_create, timer_settime, timer_gettime, timer_getoverrun,
 * timer_delete, timerfd_create, timerfd_settime, timerfd_gettime, each made through syscall(2)
 * (the C library answers the clock reads from the vDSO, which no tracer sees). What the kernel
 * writes does not vary from run to run: resolutions, sleeps of 1 ns that are not interrupted,
 * timers that are armed far away and read only once disarmed, settings the kernel refuses (so
 * nothing here sets the clock). The program drops CAP_SYS_TIME before anything else, so that every
 * setting is refused even as root: settimeofday(NULL, {tz_minuteswest=60}) would otherwise set the
 * kernel's timezone and, the first time since boot, warp the machine's clock by an hour
 * (timekeeping_warp_clock); without the capability it fails with EPERM, which both tracers print.
 * Only the current time read by clock_gettime, gettimeofday and time varies; the test normalises
 * those lines. (A sleep a signal interrupts, whose time left strace prints, is left out: a timer
 * may fire before the traced sleep has begun.) On i386 the 32-bit calls are made the same way, and
 * then the C library's own calls (the *_time64 ones of glibc 2.36). argv[1]: a directory to work
 * in.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>
#ifdef __i386__
#include <linux/time_types.h>
#endif

#include "trace_test.h"

/* The ids of a process's or thread's CPU clock, as clock_getcpuclockid makes them. */
#define CPUCLOCK_SCHED               2
#define PROCESS_CPUCLOCK(pid, clock) ((clockid_t)(~(unsigned)(pid) << 3 | (clock)))
#define THREAD_CPUCLOCK(tid, clock)  (PROCESS_CPUCLOCK(tid, clock) | 4)

static void clocks(void) {
    struct timespec ts;
    syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &ts);
    syscall(SYS_clock_gettime, CLOCK_BOOTTIME, bad);
    syscall(SYS_clock_gettime, 99, &ts);
    syscall(SYS_clock_gettime, CLOCK_PROCESS_CPUTIME_ID, null);
    syscall(SYS_clock_getres, CLOCK_MONOTONIC, &ts);
    syscall(SYS_clock_getres, CLOCK_REALTIME, &ts);
    syscall(SYS_clock_getres, CLOCK_TAI, null);
    syscall(SYS_clock_getres, CLOCK_BOOTTIME_ALARM, bad);
    syscall(SYS_clock_getres, PROCESS_CPUCLOCK(0, CPUCLOCK_SCHED), &ts);
    syscall(SYS_clock_getres, THREAD_CPUCLOCK(0, 0), &ts);
    syscall(SYS_clock_getres, PROCESS_CPUCLOCK(1, 1), &ts);
    syscall(SYS_clock_getres, -1, &ts);
    struct timespec invalid = {1, 1000000000};
    syscall(SYS_clock_settime, CLOCK_REALTIME, &invalid);
    syscall(SYS_clock_settime, CLOCK_MONOTONIC, bad);
    syscall(SYS_clock_settime, CLOCK_REALTIME, null);
}

static void sleeps(void) {
    struct timespec tiny = {0, 1}, rem = {7, 7};
    syscall(SYS_nanosleep, &tiny, &rem);
    syscall(SYS_nanosleep, &tiny, null);
    struct timespec negative = {-1, 0};
    syscall(SYS_nanosleep, &negative, &rem);
    syscall(SYS_nanosleep, bad, &rem);
    syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, 0, &tiny, &rem);
    struct timespec past = {1, 0};
    syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, TIMER_ABSTIME, &past, &rem);
    syscall(SYS_clock_nanosleep, CLOCK_REALTIME, TIMER_ABSTIME | 2, &past, null);
    syscall(SYS_clock_nanosleep, CLOCK_REALTIME, 2, &past, null);
    syscall(SYS_clock_nanosleep, CLOCK_THREAD_CPUTIME_ID, 0, &tiny, null);
    struct timespec invalid = {0, 1000000000};
    syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, 0, &invalid, bad);
}

static void days(void) {
    struct timeval tv;
    struct timezone tz;
    syscall(SYS_gettimeofday, &tv, &tz);
    syscall(SYS_gettimeofday, null, null);
    syscall(SYS_gettimeofday, bad, null);
    struct timeval bad_tv = {0, 1000000};
    syscall(SYS_settimeofday, &bad_tv, null);
    struct timezone west = {60, 0};
    syscall(SYS_settimeofday, null, &west);
    syscall(SYS_settimeofday, null, bad);
#ifdef SYS_time
    time_t now;
    syscall(SYS_time, &now);
    syscall(SYS_time, null);
    syscall(SYS_time, bad);
#endif
}

static void itimers(void) {
    syscall(SYS_alarm, 0);
    syscall(SYS_alarm, 1000);
    syscall(SYS_alarm, 0);
    struct itimerval itv;
    syscall(SYS_getitimer, ITIMER_REAL, &itv);
    syscall(SYS_getitimer, ITIMER_VIRTUAL, &itv);
    syscall(SYS_getitimer, 5, &itv);
    syscall(SYS_getitimer, ITIMER_PROF, bad);
    struct itimerval far = {{0, 0}, {100000, 0}}, off = {{0, 0}, {0, 0}};
    syscall(SYS_setitimer, ITIMER_PROF, &far, null);
    syscall(SYS_setitimer, ITIMER_PROF, &off, null);
    syscall(SYS_setitimer, ITIMER_PROF, &off, &itv);
    struct itimerval bad_itv = {{0, 0}, {0, 2000000}};
    syscall(SYS_setitimer, ITIMER_REAL, &bad_itv, &itv);
    /* not NULL as the new value: the kernel accepts it, and logs "... calls setitimer() with
     * new_value NULL pointer" to the machine's kernel log; an unreadable one is refused first */
    syscall(SYS_setitimer, ITIMER_VIRTUAL, bad, &itv);
    syscall(SYS_setitimer, 7, &off, bad);
}

static void timers(void) {
    struct sigevent sev = {.sigev_notify = SIGEV_SIGNAL, .sigev_signo = SIGALRM};
    sev.sigev_value.sival_int = 42;
    int timer = -1;
    syscall(SYS_timer_create, CLOCK_MONOTONIC, &sev, &timer);
    int timer2 = -1;
    syscall(SYS_timer_create, CLOCK_REALTIME, null, &timer2);
    struct sigevent none = {.sigev_notify = SIGEV_NONE, .sigev_signo = SIGALRM};
    int timer3 = -1;
    syscall(SYS_timer_create, CLOCK_BOOTTIME, &none, &timer3);
    struct sigevent thread = {.sigev_notify = SIGEV_THREAD_ID, .sigev_signo = SIGRTMIN};
    thread._sigev_un._tid = 1;
    syscall(SYS_timer_create, CLOCK_MONOTONIC, &thread, &timer3);
    struct sigevent function = {.sigev_notify = SIGEV_THREAD, .sigev_signo = SIGUSR1};
    function.sigev_value.sival_ptr = bad;
    function._sigev_un._sigev_thread._function = (void (*)(union sigval))bad;
    syscall(SYS_timer_create, CLOCK_MONOTONIC, &function, &timer3);
    struct sigevent odd = {.sigev_notify = 77, .sigev_signo = 99};
    syscall(SYS_timer_create, CLOCK_MONOTONIC, &odd, &timer3);
    syscall(SYS_timer_create, CLOCK_MONOTONIC, bad, &timer3);
    syscall(SYS_timer_create, 99, &sev, bad);
    struct itimerspec its = {{0, 0}, {100000, 0}}, old, zero = {{0, 0}, {0, 0}};
    syscall(SYS_timer_settime, timer, 0, &its, null);
    syscall(SYS_timer_settime, timer, 0, &zero, null);
    syscall(SYS_timer_settime, timer, 0, &zero, &old);
    syscall(SYS_timer_settime, timer, TIMER_ABSTIME, &zero, null);
    syscall(SYS_timer_settime, timer, 0, bad, &old);
    syscall(SYS_timer_gettime, timer, &old);
    syscall(SYS_timer_gettime, 12345, &old);
    syscall(SYS_timer_gettime, timer, bad);
    syscall(SYS_timer_getoverrun, timer);
    syscall(SYS_timer_delete, timer);
    syscall(SYS_timer_delete, timer2);
    syscall(SYS_timer_delete, timer3);
    syscall(SYS_timer_delete, 12345);

    int tfd = syscall(SYS_timerfd_create, CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK);
    syscall(SYS_timerfd_create, CLOCK_BOOTTIME_ALARM + 10, 0);
    syscall(SYS_timerfd_create, CLOCK_REALTIME, 1);
    syscall(SYS_timerfd_settime, tfd, 0, &its, null);
    syscall(SYS_timerfd_settime, tfd, 0, &zero, null);
    syscall(SYS_timerfd_settime, tfd, TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET, &zero, &old);
    syscall(SYS_timerfd_settime, tfd, 0, &zero, &old);
    syscall(SYS_timerfd_settime, tfd, 8, &zero, &old);
    syscall(SYS_timerfd_gettime, tfd, &old);
    syscall(SYS_timerfd_gettime, tfd, bad);
    struct itimerspec bad_its = {{0, -1}, {1, 0}};
    syscall(SYS_timerfd_settime, tfd, 0, &bad_its, null);
    close(tfd);
}

#ifdef __i386__
/* The 64-bit time calls of a 32-bit program, made directly: with these values glibc makes the
 * old ones, as library() shows. */
static void time64(void) {
    struct __kernel_timespec ts = {0, 1}, invalid = {1, 1000000000};
    syscall(SYS_clock_gettime64, CLOCK_MONOTONIC, &ts);
    syscall(SYS_clock_gettime64, CLOCK_MONOTONIC, bad);
    syscall(SYS_clock_getres_time64, CLOCK_REALTIME, &ts);
    syscall(SYS_clock_settime64, CLOCK_REALTIME, &invalid);
    ts.tv_sec = 0;
    ts.tv_nsec = 1;
    syscall(SYS_clock_nanosleep_time64, CLOCK_MONOTONIC, 0, &ts, &invalid);
    syscall(SYS_clock_nanosleep_time64, CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, null);
    int timer = -1;
    syscall(SYS_timer_create, CLOCK_MONOTONIC, null, &timer);
    struct __kernel_itimerspec its = {{0, 0}, {100000, 0}}, old, zero = {{0, 0}, {0, 0}};
    syscall(SYS_timer_settime64, timer, 0, &its, null);
    syscall(SYS_timer_settime64, timer, 0, &zero, null);
    syscall(SYS_timer_settime64, timer, TIMER_ABSTIME, &zero, &old);
    syscall(SYS_timer_gettime64, timer, &old);
    syscall(SYS_timer_gettime64, timer, bad);
    syscall(SYS_timer_delete, timer);
    int tfd = syscall(SYS_timerfd_create, CLOCK_BOOTTIME, TFD_NONBLOCK);
    syscall(SYS_timerfd_settime64, tfd, 0, &its, null);
    syscall(SYS_timerfd_settime64, tfd, 0, &zero, null);
    syscall(SYS_timerfd_settime64, tfd, TFD_TIMER_ABSTIME, &zero, &old);
    syscall(SYS_timerfd_gettime64, tfd, &old);
    syscall(SYS_timerfd_gettime64, tfd, bad);
    close(tfd);
}

/* What the 32-bit C library calls for the same: the *_time64 calls of glibc 2.36. */
static void library(void) {
    struct timespec ts = {0, 1};
    clock_getres(CLOCK_MONOTONIC, &ts);
    clock_nanosleep(CLOCK_MONOTONIC, 0, &ts, NULL);
    nanosleep(&ts, NULL);
    struct sigevent sev = {.sigev_notify = SIGEV_SIGNAL, .sigev_signo = SIGALRM};
    timer_t timer;
    timer_create(CLOCK_MONOTONIC, &sev, &timer);
    struct itimerspec its = {{0, 0}, {100000, 0}}, old, zero = {{0, 0}, {0, 0}};
    timer_settime(timer, 0, &its, NULL);
    timer_settime(timer, 0, &zero, NULL);
    timer_settime(timer, 0, &zero, &old);
    timer_gettime(timer, &old);
    timer_delete(timer);
    int tfd = timerfd_create(CLOCK_MONOTONIC, 0);
    timerfd_settime(tfd, 0, &its, NULL);
    timerfd_settime(tfd, 0, &zero, NULL);
    timerfd_settime(tfd, 0, &zero, &old);
    timerfd_gettime(tfd, &old);
    close(tfd);
    struct timespec invalid = {1, 1000000000};
    clock_settime(CLOCK_REALTIME, &invalid);
}
#endif

int main(int argc, char **argv) {
    if (enter_work_dir(argc, argv) != 0 || drop_capability(CAP_SYS_TIME) != 0) {
        return 1;
    }
    clocks();
    sleeps();
    days();
    itimers();
    timers();
#ifdef __i386__
    time64();
    library();
#endif
    return 0;
}
