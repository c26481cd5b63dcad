/* A thread other than the main one calls execve: the kernel ends every other thread and the
 * program continues as /bin/echo under the main thread's pid. */
#include <pthread.h>
#include <unistd.h>

static void *run(void *arg) {
    (void)arg;
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
