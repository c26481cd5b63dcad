/*
 * A program with a 20 ms interval timer (SIGALRM, SA_RESTART) that opens its argument once: under
 * a supervisor whose hook takes longer than the timer's period, the open must be asked about once
 * and complete, not restart for ever.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

static volatile sig_atomic_t ticks;

static void tick(int signo) {
    (void)signo;
    ticks++;
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: alarm FILE\n");
        return 2;
    }
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = tick;
    action.sa_flags = SA_RESTART;
    sigaction(SIGALRM, &action, NULL);
    struct itimerval every = {{0, 20000}, {0, 20000}};
    setitimer(ITIMER_REAL, &every, NULL);
    int fd = open(argv[1], O_RDONLY);
    struct itimerval off = {{0, 0}, {0, 0}};
    setitimer(ITIMER_REAL, &off, NULL);
    if (fd < 0) {
        printf("open: %s\n", strerror(errno));
        return 1;
    }
    printf("opened\n");
    return 0;
}
