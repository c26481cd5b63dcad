/* Stops itself with SIGSTOP; a child it forked first sends SIGCONT a moment later. Under a
 * tracer this shows a signal-delivery stop, a group-stop, and the SIGCONT that ends it. */
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(void) {
    pid_t parent = getpid();
    pid_t child = fork();
    if (child == 0) {
        struct timespec pause = {0, 200 * 1000 * 1000};
        nanosleep(&pause, NULL);
        kill(parent, SIGCONT);
        _exit(0);
    }
    raise(SIGSTOP);
    int status;
    waitpid(child, &status, 0);
    return 0;
}
