/*
 * librawsys-notify.so's rawsys_notify_spawn against the kernel, as TAP: this program is both the
 * supervisor and (re-executed with "target") the program under the filter, which notifies getppid.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "notify_spawn.h"

static int failures;

static void ok(int pass, const char *what) {
    static int n;
    printf("%s %d - %s\n", pass ? "ok" : "not ok", ++n, what);
    if (!pass) {
        failures++;
    }
}

/* What marks the one notified call: getppid with this first argument (which the kernel ignores),
   so that no call of the C runtime's (ASan's among them) is notified. */
#define MARK 0x5ecc0

/* The target: exits 0 when getppid answered as argv[2] says: "value N", "real PPID", "enosys". */
static int target(char **argv) {
    errno = 0;
    long r = syscall(SYS_getppid, MARK);
    if (strcmp(argv[2], "enosys") == 0) {
        return r == -1 && errno == ENOSYS ? 0 : 1;
    }
    return r == atol(argv[3]) ? 0 : 1;
}

static struct sock_filter program[] = {
    BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 1, 0),
    BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
    BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_getppid, 0, 3),
    BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, args[0])),
    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, MARK, 0, 1),
    BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_USER_NOTIF),
    BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
};
static const struct sock_fprog filter = {sizeof program / sizeof program[0], program};

static int wait_status(long pid) {
    int status;
    while (waitpid((pid_t)pid, &status, 0) < 0) {
        if (errno != EINTR) {
            return -1;
        }
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* Starts the target with mode, answers its one notification with resp (or closes the listener
   first when resp is NULL), and returns its exit status. */
static int run(char *self, char *mode, char *arg, struct seccomp_notif_resp *resp) {
    char *argv[] = {self, "target", mode, arg, NULL};
    char *envp[] = {NULL};
    int listener = -1;
    long pid = rawsys_notify_spawn(self, argv, envp, &filter, &listener);
    if (pid <= 0 || listener < 0) {
        return -2;
    }
    if (resp == NULL) {
        close(listener);
        return wait_status(pid);
    }
    struct seccomp_notif req;
    memset(&req, 0, sizeof req);
    int received = ioctl(listener, SECCOMP_IOCTL_NOTIF_RECV, &req);
    int answered = -1;
    if (received == 0 && req.data.nr == SYS_getppid && req.pid == (unsigned)pid) {
        resp->id = req.id;
        answered = ioctl(listener, SECCOMP_IOCTL_NOTIF_SEND, resp);
    }
    close(listener);
    int status = wait_status(pid);
    return answered == 0 ? status : -3;
}

int main(int argc, char **argv) {
    if (argc > 2 && strcmp(argv[1], "target") == 0) {
        return target(argv);
    }
    char *self = realpath("/proc/self/exe", NULL);
    struct seccomp_notif_resp value = {.val = 4242};
    ok(run(self, "value", "4242", &value) == 0, "a notified call returns the supervisor's value");
    struct seccomp_notif_resp cont = {.flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE};
    char parent[32];
    snprintf(parent, sizeof parent, "%ld", (long)getpid());
    ok(run(self, "real", parent, &cont) == 0, "CONTINUE runs the call itself");
    ok(run(self, "enosys", "-", NULL) == 0,
       "without a listener the notified call fails with ENOSYS (the program holds none)");
    char *missing[] = {"/nonexistent/program", NULL};
    char *envp[] = {NULL};
    int listener = -1;
    long pid = rawsys_notify_spawn("/nonexistent/program", missing, envp, &filter, &listener);
    ok(pid > 0 && listener >= 0 && wait_status(pid) == RAWSYS_NOTIFY_SPAWN_FAILED,
       "an exec that fails exits 127 after saying why");
    if (listener >= 0) {
        close(listener);
    }
    struct sock_filter bad_program[] = {BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW)};
    struct sock_fprog bad = {0, bad_program}; /* no instruction: EINVAL */
    long refused = rawsys_notify_spawn(self, argv, envp, &bad, &listener);
    ok(refused < 0, "a filter the kernel refuses is an error, and no child is left");
    ok(waitpid(-1, NULL, WNOHANG) < 0 && errno == ECHILD, "no child is left behind");
    free(self);
    return failures == 0 ? 0 : 1;
}
