/* Stops itself with SIGSTOP; a child it forked first sends SIGCONT a moment later. Under a
 * tracer this shows a signal-delivery stop, a group-stop, and the SIGCONT that ends it. The
 * child then waits for the parent's word before it exits, and SIGCHLD is blocked, so that the
 * trace is the same on every run: where an unblocked SIGCHLD lands is up to the scheduler. */
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(void) {
    int go[2];
    if (pipe(go) != 0) {
        return 1;
    }
    sigset_t chld;
    sigemptyset(&chld);
    sigaddset(&chld, SIGCHLD);
    sigprocmask(SIG_BLOCK, &chld, NULL);
    pid_t parent = getpid();
    pid_t child = fork();
    if (child == 0) {
        char byte;
        struct timespec pause = {0, 200 * 1000 * 1000};
        close(go[1]);
        nanosleep(&pause, NULL);
        kill(parent, SIGCONT);
        _exit(read(go[0], &byte, 1) == 1 ? 0 : 2);
    }
    close(go[0]);
    raise(SIGSTOP);
    if (write(go[1], "x", 1) != 1) {
        return 1;
    }
    int status;
    waitpid(child, &status, 0);
    return 0;
}
