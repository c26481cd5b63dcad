/*
 * Processes for ProcessDecodersIT, traced with -f: fork, vfork, clone and clone3, execve and
 * execveat (with long and many arguments), wait4 and waitid on children that exit or are killed,
 * and exit.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/sched.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static void reap(pid_t pid) {
    int status;
    wait4(pid, &status, __WALL, NULL);
}

int main(int argc, char **argv) {
    if (argc > 1 && strcmp(argv[1], "child") == 0) {
        return argc;
    }
    char *child_argv[] = {argv[0], "child", "an argument longer than thirty-two bytes, cut by -s",
                          "x",     "a",     "b",
                          "c",     "d",     "e",
                          "f",     "g",     "h",
                          "i",     "j",     "k",
                          "l",     "m",     "n",
                          "o",     "p",     "q",
                          "r",     "s",     "t",
                          "u",     "v",     "w",
                          "x",     "y",     "z",
                          "0",     "1",     "2",
                          "3",     NULL};
    char *short_argv[] = {argv[0], "child", NULL};
    char *envp[] = {"A=1", "B=2", NULL};

    pid_t pid = fork();
    if (pid == 0) {
        execve(argv[0], child_argv, envp);
        _exit(127);
    }
    int status;
    wait4(pid, &status, 0, NULL);

    pid = fork();
    if (pid == 0) {
        execve("/nonexistent/program", short_argv, envp);
        syscall(SYS_execve, argv[0], (char **)1, NULL);
        _exit(3);
    }
    struct rusage usage;
    wait4(pid, &status, WUNTRACED | __WALL, &usage);

    pid = vfork();
    if (pid == 0) {
        int dir = open("/", O_PATH | O_DIRECTORY);
        syscall(SYS_execveat, dir, argv[0] + 1, short_argv, envp, 0);
        syscall(SYS_execveat, AT_FDCWD, "", short_argv, envp, AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW);
        _exit(4);
    }
    siginfo_t info;
    memset(&info, 0, sizeof info);
    waitid(P_PID, pid, &info, WEXITED);

    pid = fork();
    if (pid == 0) {
        kill(getpid(), SIGTERM);
        _exit(5);
    }
    wait4(-1, &status, 0, NULL);
    wait4(-1, &status, WNOHANG, NULL);
    wait4(-1, NULL, 0, NULL);
    waitid(P_ALL, 0, &info, WEXITED | WNOHANG);
    waitid(7, 0, NULL, WEXITED);

    pid = fork();
    if (pid == 0) {
        pause();
        _exit(6);
    }
    kill(pid, SIGSTOP);
    wait4(pid, &status, WUNTRACED, NULL);
    kill(pid, SIGKILL);
    waitid(P_PID, pid, &info, WEXITED);

    pid = syscall(SYS_clone, SIGCHLD, NULL, NULL, NULL, 0);
    if (pid == 0) {
        syscall(SYS_exit, 7);
    }
    reap(pid);
    signal(SIGUSR2, SIG_IGN);
    int parent_tid = 0;
    pid = syscall(SYS_clone, CLONE_PARENT_SETTID | SIGUSR2, NULL, &parent_tid, NULL, 0);
    if (pid == 0) {
        syscall(SYS_exit_group, 8);
    }
    reap(pid);
    pid = syscall(SYS_clone, CLONE_NEWPID | CLONE_NEWUTS | CLONE_VFORK | SIGCHLD, NULL, NULL, NULL,
                  0);
    if (pid == 0) {
        syscall(SYS_exit, 9);
    }
    reap(pid);

    struct clone_args args;
    memset(&args, 0, sizeof args);
    args.flags = CLONE_PARENT_SETTID;
    args.parent_tid = (uintptr_t)&parent_tid;
    args.exit_signal = SIGCHLD;
    pid = syscall(SYS_clone3, &args, sizeof args);
    if (pid == 0) {
        syscall(SYS_exit, 10);
    }
    reap(pid);
    memset(&args, 0, sizeof args);
    args.exit_signal = SIGCHLD;
    pid = syscall(SYS_clone3, &args, 64);
    if (pid == 0) {
        syscall(SYS_exit, 11);
    }
    reap(pid);
    syscall(SYS_clone3, &args, 8);
    syscall(SYS_clone3, NULL, sizeof args);
    args.flags = CLONE_THREAD;
    syscall(SYS_clone3, &args, sizeof args);

    pid = fork();
    if (pid == 0) {
        /* No core file: not in the working directory, not with the machine's crash collector. */
        prctl(PR_SET_DUMPABLE, 0);
        abort();
    }
    reap(pid);
    exit(0);
}
