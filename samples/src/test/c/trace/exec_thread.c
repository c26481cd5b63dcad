/* A thread other than the main one calls execve: the kernel ends every other thread and the
 * program continues as /bin/echo under the main thread's pid. The thread waits until the main
 * thread is inside pause(2) (as /proc/self/task/PID/syscall shows), so that the trace is the
 * same on every run. */
#include <pthread.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

/* Whether the main thread is in pause(): its syscall file starts with pause's number. */
static int main_thread_paused(void) {
    char path[64];
    snprintf(path, sizeof path, "/proc/self/task/%d/syscall", (int)getpid());
    FILE *f = fopen(path, "r");
    if (f == NULL) {
        return 0;
    }
    long nr = -1;
    int matched = fscanf(f, "%ld", &nr);
    fclose(f);
    return matched == 1 && nr == SYS_pause;
}

static void *run(void *arg) {
    (void)arg;
    struct timespec tick = {0, 1000 * 1000};
    while (!main_thread_paused()) {
        nanosleep(&tick, NULL);
    }
    char *argv[] = {"/bin/echo", "exec from a thread", NULL};
    char *envp[] = {NULL};
    execve(argv[0], argv, envp);
    return NULL;
}

int main(void) {
    pthread_t thread;
    if (pthread_create(&thread, NULL, run, NULL) != 0) {
        return 1;
    }
    for (;;) {
        pause();
    }
}
