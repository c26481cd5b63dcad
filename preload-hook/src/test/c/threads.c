/* threads: N threads (default 8), each opening and reading a file and asking the clock M times
 * (default 200). Prints the total bytes read, the same with and without the library. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static const char *file;
static int rounds = 200;

static void *worker(void *arg) {
    long total = 0;
    char buf[256];
    for (int i = 0; i < rounds; i++) {
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        int fd = open(file, O_RDONLY);
        if (fd < 0)
            continue;
        for (ssize_t n; (n = read(fd, buf, sizeof buf)) > 0;)
            total += n;
        close(fd);
    }
    *(long *)arg = total;
    return NULL;
}

int main(int argc, char **argv) {
    file = argc > 1 ? argv[1] : "/etc/hostname";
    int n = argc > 2 ? atoi(argv[2]) : 8;
    if (argc > 3)
        rounds = atoi(argv[3]);
    pthread_t t[64];
    long totals[64] = {0}, sum = 0;
    if (n > 64)
        n = 64;
    for (int i = 0; i < n; i++)
        pthread_create(&t[i], NULL, worker, &totals[i]);
    for (int i = 0; i < n; i++)
        pthread_join(t[i], NULL), sum += totals[i];
    printf("%d threads read %ld bytes\n", n, sum);
    return 0;
}
