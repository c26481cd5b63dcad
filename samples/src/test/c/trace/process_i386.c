/*
 * The calls whose i386 form differs, for ProcessDecodersIT (built with i686-linux-gnu-gcc -static):
 * the old mmap with its arguments in memory, mmap2 with an offset in pages, set_thread_area and
 * get_thread_area, 32-bit rlimits, masks and structs, clone's i386 argument order, and waitpid.
 */
#define _GNU_SOURCE
#include <asm/ldt.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/times.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

static void handler(int signo) {
    (void)signo;
}

int main(void) {
    uint32_t old_mmap[6] = {
        0, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, (uint32_t)-1, 0};
    void *old = (void *)syscall(SYS_mmap, old_mmap);
    syscall(SYS_mmap, (void *)4);
    void *two = (void *)syscall(SYS_mmap2, 0, 8192, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    syscall(SYS_mmap2, 0, 4096, PROT_READ, MAP_SHARED, 99, 3);
    syscall(SYS_munmap, old, 8192);
    syscall(SYS_munmap, two, 8192);
    syscall(SYS_brk, 0);

    struct user_desc desc;
    memset(&desc, 0, sizeof desc);
    desc.entry_number = -1;
    desc.base_addr = 0x1000;
    desc.limit = 0xfffff;
    desc.seg_32bit = 1;
    desc.limit_in_pages = 1;
    desc.useable = 1;
    syscall(SYS_set_thread_area, &desc);
    syscall(SYS_get_thread_area, &desc);
    desc.entry_number = 1;
    syscall(SYS_set_thread_area, &desc);
    syscall(SYS_get_thread_area, &desc);
    syscall(SYS_set_thread_area, NULL);

    struct rlimit rl;
    syscall(SYS_ugetrlimit, RLIMIT_STACK, &rl);
    syscall(SYS_getrlimit, RLIMIT_NOFILE, &rl);
    syscall(SYS_setrlimit, RLIMIT_NOFILE, &rl);
    struct {
        uint64_t cur, max;
    } r64;
    syscall(SYS_prlimit64, 0, RLIMIT_STACK, NULL, &r64);

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = handler;
    sigaddset(&sa.sa_mask, SIGINT);
    sigaddset(&sa.sa_mask, SIGRTMIN + 2);
    sa.sa_flags = SA_RESTART;
    sigaction(SIGUSR1, &sa, NULL);
    sigset_t set;
    sigfillset(&set);
    sigprocmask(SIG_BLOCK, &set, NULL);
    sigemptyset(&set);
    sigprocmask(SIG_SETMASK, &set, NULL);
    kill(getpid(), SIGUSR1);
    stack_t ss = {.ss_sp = (void *)0x1000, .ss_flags = SS_DISABLE, .ss_size = 8192};
    sigaltstack(&ss, NULL);

    struct utsname un;
    uname(&un);
    struct tms tms;
    times(&tms);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    getuid();
    syscall(SYS_getuid32);
    syscall(SYS_setuid32, 0);
    syscall(SYS_setresgid32, -1, -1, -1);

    uint32_t word = 0;
    syscall(SYS_futex, &word, 129, 1, NULL, NULL, 0);

    int parent_tid = 0;
    pid_t pid = syscall(SYS_clone, CLONE_PARENT_SETTID | SIGCHLD, NULL, &parent_tid, NULL, NULL);
    if (pid == 0) {
        syscall(SYS_exit, 3);
    }
    int status;
    syscall(SYS_waitpid, pid, &status, 0);
    pid = fork();
    if (pid == 0) {
        _exit(4);
    }
    wait4(pid, &status, 0, NULL);
    return 0;
}
