/* Writes a line, then kills itself with SIGTERM: the trace ends "+++ killed by SIGTERM +++". */
#include <signal.h>
#include <unistd.h>

int main(void) {
    if (write(STDOUT_FILENO, "about to die\n", 13) != 13) {
        return 1;
    }
    kill(getpid(), SIGTERM);
    pause();
    return 0;
}
