/*
 * Clocks and timers for rawsys trace's comparison with strace: clock_gettime, clock_getres,
 * clock_settime, clock_nanosleep, nanosleep, gettimeofday, settimeofday, time, alarm, getitimer,
 * setitimer, timer_create, timer_settime, timer_gettime, timer_delete, timerfd_create,
 * timerfd_settime, timerfd_gettime. Sleeps are a microsecond long, timers are disarmed or far
 * away, and settings the kernel would accept are made invalid first (so nothing here sets the
 * clock). What the calls read (the time now) is the only thing that differs between two runs.
 * Every call is made through syscall(2).
 */
#define _GNU_SOURCE
#include <signal.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

#define BAD 1L

int main(void) {
    struct timespec ts;
    syscall(SYS_clock_gettime, CLOCK_REALTIME, &ts);
    syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &ts);
    syscall(SYS_clock_gettime, CLOCK_BOOTTIME, BAD);
    syscall(SYS_clock_gettime, 99, &ts);
    syscall(SYS_clock_gettime, CLOCK_PROCESS_CPUTIME_ID, NULL);
    syscall(SYS_clock_getres, CLOCK_MONOTONIC, &ts);
    syscall(SYS_clock_getres, CLOCK_REALTIME_COARSE, &ts);
    syscall(SYS_clock_getres, CLOCK_TAI, NULL);
    struct timespec invalid = {1, 1000000000};
    syscall(SYS_clock_settime, CLOCK_REALTIME, &invalid);
    syscall(SYS_clock_settime, CLOCK_MONOTONIC, BAD);

    struct timespec tiny = {0, 1000}, rem = {7, 7};
    syscall(SYS_nanosleep, &tiny, &rem);
    syscall(SYS_nanosleep, &tiny, NULL);
    struct timespec negative = {-1, 0};
    syscall(SYS_nanosleep, &negative, &rem);
    syscall(SYS_nanosleep, BAD, &rem);
    syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, 0, &tiny, &rem);
    struct timespec past = {1, 0};
    syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, TIMER_ABSTIME, &past, &rem);
    syscall(SYS_clock_nanosleep, CLOCK_REALTIME, TIMER_ABSTIME | 2, &past, NULL);
    syscall(SYS_clock_nanosleep, CLOCK_THREAD_CPUTIME_ID, 0, &tiny, NULL);
    syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, 0, &invalid, NULL);

    struct timeval tv;
    struct timezone tz;
    syscall(SYS_gettimeofday, &tv, &tz);
    syscall(SYS_gettimeofday, NULL, NULL);
    syscall(SYS_gettimeofday, BAD, NULL);
    struct timeval bad_tv = {0, 1000000};
    syscall(SYS_settimeofday, &bad_tv, NULL);
    syscall(SYS_settimeofday, NULL, BAD);
    time_t now;
    syscall(SYS_time, &now);
    syscall(SYS_time, NULL);

    syscall(SYS_alarm, 0);
    syscall(SYS_alarm, 1000);
    syscall(SYS_alarm, 0);
    struct itimerval itv;
    syscall(SYS_getitimer, ITIMER_REAL, &itv);
    syscall(SYS_getitimer, ITIMER_VIRTUAL, &itv);
    syscall(SYS_getitimer, 5, &itv);
    syscall(SYS_getitimer, ITIMER_PROF, BAD);
    struct itimerval far = {{0, 0}, {100000, 0}}, off = {{0, 0}, {0, 0}};
    syscall(SYS_setitimer, ITIMER_PROF, &far, NULL);
    syscall(SYS_setitimer, ITIMER_PROF, &off, &itv);
    struct itimerval bad_itv = {{0, 0}, {0, 2000000}};
    syscall(SYS_setitimer, ITIMER_REAL, &bad_itv, &itv);
    syscall(SYS_setitimer, ITIMER_REAL, NULL, &itv);

    struct sigevent sev = {.sigev_notify = SIGEV_SIGNAL, .sigev_signo = SIGUSR1};
    sev.sigev_value.sival_int = 42;
    int timer = -1;
    syscall(SYS_timer_create, CLOCK_MONOTONIC, &sev, &timer);
    int timer2 = -1;
    syscall(SYS_timer_create, CLOCK_REALTIME, NULL, &timer2);
    struct sigevent none = {.sigev_notify = SIGEV_NONE};
    int timer3 = -1;
    syscall(SYS_timer_create, CLOCK_BOOTTIME, &none, &timer3);
    struct sigevent thread = {.sigev_notify = SIGEV_THREAD_ID, .sigev_signo = SIGRTMIN};
    thread._sigev_un._tid = 1;
    syscall(SYS_timer_create, CLOCK_MONOTONIC, &thread, &timer3);
    struct sigevent odd = {.sigev_notify = 77};
    syscall(SYS_timer_create, CLOCK_MONOTONIC, &odd, &timer3);
    syscall(SYS_timer_create, CLOCK_MONOTONIC, BAD, &timer3);
    struct itimerspec its = {{0, 0}, {100000, 0}}, old, zero = {{0, 0}, {0, 0}};
    syscall(SYS_timer_settime, timer, 0, &its, NULL);
    syscall(SYS_timer_settime, timer, 0, &zero, &old);
    syscall(SYS_timer_settime, timer, TIMER_ABSTIME, &zero, NULL);
    syscall(SYS_timer_gettime, timer, &old);
    syscall(SYS_timer_gettime, 12345, &old);
    syscall(SYS_timer_getoverrun, timer);
    syscall(SYS_timer_delete, timer);
    syscall(SYS_timer_delete, timer2);
    syscall(SYS_timer_delete, 12345);

    int tfd = syscall(SYS_timerfd_create, CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK);
    syscall(SYS_timerfd_create, CLOCK_BOOTTIME_ALARM + 10, 0);
    syscall(SYS_timerfd_settime, tfd, 0, &its, NULL);
    syscall(SYS_timerfd_settime, tfd, TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET, &zero, &old);
    syscall(SYS_timerfd_settime, tfd, 0, &zero, &old);
    syscall(SYS_timerfd_gettime, tfd, &old);
    syscall(SYS_timerfd_gettime, tfd, BAD);
    struct itimerspec bad_its = {{0, -1}, {1, 0}};
    syscall(SYS_timerfd_settime, tfd, 0, &bad_its, NULL);
    close(tfd);
    return 0;
}
