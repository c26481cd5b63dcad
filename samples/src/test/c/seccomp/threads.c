/*
 * Several threads opening, reading and closing files at once (so that several notifications wait
 * together), built statically. Prints one line when every thread is done.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define THREADS 8
#define ROUNDS  200

static const char *file;
static int failures;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static void *work(void *arg) {
    (void)arg;
    for (int i = 0; i < ROUNDS; i++) {
        int fd = open(file, O_RDONLY);
        char byte;
        if (fd < 0 || read(fd, &byte, 1) != 1) {
            pthread_mutex_lock(&lock);
            failures++;
            pthread_mutex_unlock(&lock);
        }
        if (fd >= 0) {
            close(fd);
        }
    }
    return NULL;
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: threads FILE\n");
        return 2;
    }
    file = argv[1];
    pthread_t t[THREADS];
    for (int i = 0; i < THREADS; i++) {
        pthread_create(&t[i], NULL, work, NULL);
    }
    for (int i = 0; i < THREADS; i++) {
        pthread_join(t[i], NULL);
    }
    printf("%d threads, %d opens each, %d failed\n", THREADS, ROUNDS, failures);
    return failures == 0 ? 0 : 1;
}
