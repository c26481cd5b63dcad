/*
 * The syscall zoo: makes every system call whose number it is given, with arguments no call can
 * act on, so that strace prints each once and the tracer's catalog can be checked against it.
 *
 *   syscall_zoo NR...      one line "skip NR NAME: REASON" on stdout per call it refuses
 *
 * Every argument is -1 (fd -1, pointer ~0, length ~0, flags all set), which each call rejects
 * before doing anything (EBADF, EFAULT, EINVAL, ENOSYS), except where -1 would still act: those
 * calls get arguments of their own below, and the calls that act whatever they are given are
 * refused. Built natively and as a static i386 program by SyscallZooTest.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

/* The calls made with other arguments than -1, and why -1 would not do. */
struct arguments {
    long nr;
    long args[6];
};

/* Above PID_MAX_LIMIT (2^22): the signal calls find no process, and signal 0 sends nothing. */
#define NO_SUCH_PID 0x7ffffff0L

static const struct arguments own_arguments[] = {
    {SYS_kill, {NO_SUCH_PID, 0}},
    {SYS_tkill, {NO_SUCH_PID, 0}},
    {SYS_tgkill, {NO_SUCH_PID, NO_SUCH_PID, 0}},
    /* Flags -1 hold IPC_CREAT: a missing key would create an object that outlives the zoo. */
    {SYS_msgget, {-1, 0}},
    {SYS_semget, {-1, -1, 0}},
    {SYS_shmget, {-1, -1, 0}},
    /* A length of -1 is 4 GiB on a 32-bit ABI: root's init_module would allocate that much kernel
     * memory before the copy fails. A length shorter than an ELF header is refused first. */
    {SYS_init_module, {-1, 0, -1}},
};

/* The calls the zoo refuses, because whatever their arguments they end, hang or change it. */
struct refusal {
    long nr;
    const char *name;
    const char *reason;
};

static const struct refusal refusals[] = {
    {SYS_exit, "exit", "ends the zoo"},
    {SYS_exit_group, "exit_group", "ends the zoo"},
#ifdef SYS_fork
    {SYS_fork, "fork", "makes a second zoo"},
#endif
#ifdef SYS_vfork
    {SYS_vfork, "vfork", "makes a second zoo sharing this one's memory"},
#endif
    {SYS_clone, "clone", "makes a second zoo if the kernel ever accepts the flags"},
    {SYS_clone3, "clone3", "makes a second zoo if the kernel ever accepts the arguments"},
#ifdef SYS_pause
    {SYS_pause, "pause", "waits for a signal that never comes"},
#endif
    {SYS_rt_sigsuspend, "rt_sigsuspend", "waits for a signal that never comes"},
#ifdef SYS_sigsuspend
    {SYS_sigsuspend, "sigsuspend", "takes the mask by value: waits for a signal that never comes"},
#endif
    {SYS_rt_sigreturn, "rt_sigreturn", "restores registers from a frame that is not there"},
#ifdef SYS_sigreturn
    {SYS_sigreturn, "sigreturn", "restores registers from a frame that is not there"},
#endif
    {SYS_reboot, "reboot", "reboots the machine if the magic numbers ever match"},
    {SYS_setsid, "setsid", "leaves the session and its terminal"},
    {SYS_vhangup, "vhangup", "hangs up the terminal (root may)"},
};

static const struct refusal *refusal(long nr) {
    for (size_t i = 0; i < sizeof refusals / sizeof refusals[0]; i++) {
        if (refusals[i].nr == nr) {
            return &refusals[i];
        }
    }
    return NULL;
}

static const long *arguments(long nr) {
    static const long invalid[6] = {-1, -1, -1, -1, -1, -1};
    for (size_t i = 0; i < sizeof own_arguments / sizeof own_arguments[0]; i++) {
        if (own_arguments[i].nr == nr) {
            return own_arguments[i].args;
        }
    }
    return invalid;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: %s NR...\n", argv[0]);
        return 2;
    }
    for (int i = 1; i < argc; i++) {
        char *end;
        long nr = strtol(argv[i], &end, 10);
        if (*end != '\0' || end == argv[i]) {
            fprintf(stderr, "%s: not a system call number: %s\n", argv[0], argv[i]);
            return 2;
        }
        const struct refusal *refused = refusal(nr);
        if (refused != NULL) {
            printf("skip %ld %s: %s\n", nr, refused->name, refused->reason);
            continue;
        }
        const long *a = arguments(nr);
        syscall(nr, a[0], a[1], a[2], a[3], a[4], a[5]);
    }
    return 0;
}
