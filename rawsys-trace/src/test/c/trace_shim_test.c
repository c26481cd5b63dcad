/*
 * The trace shim without a tracer: the child waits for the release, execs with a clean signal mask
 * and only fds 0-2, and reports a failed exec with status 127. TAP output; run by `make check`.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "trace_shim.h"

static int failures;
static int tests;

static void ok(int condition, const char *what) {
    tests++;
    printf("%sok %d - %s\n", condition ? "" : "not ", tests, what);
    failures += !condition;
}

/* Spawns sh -c SCRIPT with INHERIT open, releases it at once, and returns its wait status; stdout
 * into OUT. */
static int run(const char *path, const char *script, const int *inherit, int inherit_count,
               char *out, size_t size) {
    int release[2], capture[2];
    if (pipe2(release, O_CLOEXEC) != 0 || pipe(capture) != 0) {
        return -1;
    }
    int saved = dup(STDOUT_FILENO);
    dup2(capture[1], STDOUT_FILENO);
    close(capture[1]);
    char *argv[] = {"sh", "-c", (char *)script, NULL};
    char *envp[] = {"PATH=/usr/bin:/bin", NULL};
    struct rawsys_trace_spawn spawn = {path,       argv, envp,    release[0],
                                       release[1], NULL, inherit, inherit_count};
    long pid = rawsys_trace_spawn(&spawn);
    dup2(saved, STDOUT_FILENO);
    close(saved);
    close(release[0]);
    close(release[1]);
    size_t used = 0;
    ssize_t n;
    while (used < size - 1 && (n = read(capture[0], out + used, size - 1 - used)) > 0) {
        used += (size_t)n;
    }
    out[used] = '\0';
    close(capture[0]);
    int status = -1;
    if (pid > 0) {
        waitpid((pid_t)pid, &status, 0);
    }
    return status;
}

int main(void) {
    char out[4096];
    /* A descriptor without O_CLOEXEC, and a blocked signal, in the parent. */
    int leaked = open("/dev/null", O_RDONLY);
    sigset_t blocked;
    sigemptyset(&blocked);
    sigaddset(&blocked, SIGUSR1);
    sigprocmask(SIG_BLOCK, &blocked, NULL);

    int status = run("/bin/sh", "ls /proc/self/fd | wc -l; grep SigBlk /proc/self/status", NULL, 0,
                     out, sizeof out);
    ok(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the child ran sh and it exited 0");
    /* ls sees 0, 1, 2 and the directory it reads: 4. */
    ok(strncmp(out, "4\n", 2) == 0, "only fds 0-2 crossed execve (plus the one ls opens)");
    ok(strstr(out, "SigBlk:\t0000000000000000") != NULL, "no signal is blocked after execve");

    /* The descriptors it is told to pass on (rawsys trace CMD 7<file) cross execve; a closed one is
     * passed over. */
    int given[] = {leaked, 1000};
    char script[64];
    snprintf(script, sizeof script, "ls /proc/self/fd | wc -l; test -e /proc/self/fd/%d", leaked);
    status = run("/bin/sh", script, given, 2, out, sizeof out);
    ok(WIFEXITED(status) && WEXITSTATUS(status) == 0 && strncmp(out, "5\n", 2) == 0,
       "a descriptor it was given crossed execve, and only that one");

    status = run("/nonexistent/program", "true", NULL, 0, out, sizeof out);
    ok(WIFEXITED(status) && WEXITSTATUS(status) == RAWSYS_TRACE_SPAWN_FAILED,
       "a failed execve exits 127");

    ok(rawsys_trace_install_wakeup(SIGRTMIN + 3) == 0, "the wake-up handler installs");
    ok(rawsys_trace_install_wakeup(0) < 0, "signal 0 is refused with -errno");
    close(leaked);
    printf("1..%d\n", tests);
    return failures != 0;
}
