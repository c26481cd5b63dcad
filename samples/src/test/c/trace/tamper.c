/*
 * What -e inject= and -e fault= are tested on: three getpid calls, three opens of its own
 * argument (or /dev/null), a kill(gettid(), 0), and a SIGUSR1 handler that says it ran. Each
 * result is printed, so the output shows what was injected.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static volatile sig_atomic_t usr1;

static void on_usr1(int signo) {
    (void)signo;
    usr1 = 1;
}

int main(int argc, char **argv) {
    const char *path = argc > 1 ? argv[1] : "/dev/null";
    signal(SIGUSR1, on_usr1);
    for (int i = 0; i < 3; i++) {
        long pid = syscall(SYS_getpid);
        printf("getpid %s\n", pid == 42 ? "42" : "real");
    }
    for (int i = 0; i < 3; i++) {
        int fd = open(path, O_RDONLY);
        printf("open %d %s\n", fd < 0 ? -1 : 0, fd < 0 ? strerror(errno) : "ok");
        if (fd >= 0) {
            close(fd);
        }
    }
    long r = syscall(SYS_kill, (long)syscall(SYS_gettid), 0);
    printf("kill %ld usr1 %d\n", r, (int)usr1);
    return 0;
}
