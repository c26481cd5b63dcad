/*
 * A program for the qualifier options (-X, -e abbrev/verbose/raw/signal/quiet, -n, -P, -Y, -q):
 * in the directory it is given, it creates a file, reads it back through a descriptor, stats it,
 * stats ../fixed.txt (which the test made, with times that do not change), maps memory, catches
 * SIGUSR1 and SIGUSR2 it sends itself, and waits for a child that reads the file too and exits
 * with 3. Everything it does stays in that directory.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile sig_atomic_t caught;

static void on_signal(int signal) {
    caught += signal;
}

int main(int argc, char **argv) {
    if (argc != 2 || chdir(argv[1]) != 0) {
        return 100;
    }
    int fd = open("traced.txt", O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
    if (fd < 0 || write(fd, "qualifiers\n", 11) != 11 || close(fd) != 0) {
        return 101;
    }
    fd = openat(AT_FDCWD, "traced.txt", O_RDONLY);
    char buffer[32];
    struct stat st;
    if (fd < 0 || read(fd, buffer, sizeof buffer) != 11 || fstat(fd, &st) != 0) {
        return 102;
    }
    open("other.txt", O_RDONLY);                        /* refused: no such file */
    int null = open("/dev/null", O_WRONLY | O_CLOEXEC); /* for -e decode-fds=dev */
    if (null < 0 || write(null, "", 0) != 0 || close(null) != 0) {
        return 106;
    }
    int pidfd = (int)syscall(SYS_pidfd_open, getpid(), 0); /* for -e decode-fds=pidfd */
    if (pidfd >= 0) {
        close(pidfd);
    }
    int pair[2]; /* for -yy */
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) != 0 ||
        write(pair[0], "", 0) != 0) {
        return 107;
    }
    close(pair[1]);
    close(pair[0]);
    struct stat fixed; /* a file the test made beside the directory, its times set */
    stat("../fixed.txt", &fixed);
    void *map = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (map == MAP_FAILED || munmap(map, 4096) != 0) {
        return 103;
    }
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_signal;
    sigaction(SIGUSR1, &action, NULL);
    sigaction(SIGUSR2, &action, NULL);
    kill(getpid(), SIGUSR1);
    kill(getpid(), SIGUSR2);
    /* SIGCHLD stays pending: were it delivered, it could come before or after wait4 returns */
    sigset_t chld;
    sigemptyset(&chld);
    sigaddset(&chld, SIGCHLD);
    sigprocmask(SIG_BLOCK, &chld, NULL);
    pid_t child = fork();
    if (child == 0) {
        lseek(fd, 0, SEEK_SET);
        _exit(read(fd, buffer, 4) == 4 ? 3 : 4);
    }
    int status;
    if (waitpid(child, &status, 0) != child || !WIFEXITED(status) || WEXITSTATUS(status) != 3) {
        return 104;
    }
    close(fd);
    unlink("traced.txt");
    return caught == SIGUSR1 + SIGUSR2 ? 0 : 105;
}
