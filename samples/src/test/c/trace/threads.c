/* Three threads, each writing one line and ending; the main thread joins them and exits 0.
 * (Not another status: a thread joined is not yet gone, and when the group exits before it has,
 * the kernel reports the group's status as the thread's too, a race the test would see.) */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static void *run(void *arg) {
    char line[32];
    int n = snprintf(line, sizeof line, "thread %ld\n", (long)arg);
    if (write(STDOUT_FILENO, line, (size_t)n) != n) {
        return (void *)1;
    }
    return NULL;
}

int main(void) {
    pthread_t threads[3];
    for (long i = 0; i < 3; i++) {
        if (pthread_create(&threads[i], NULL, run, (void *)i) != 0) {
            return 1;
        }
    }
    for (int i = 0; i < 3; i++) {
        pthread_join(threads[i], NULL);
    }
    return 0;
}
