/*
 * ptrace for rawsys trace's comparison with strace: the program (traced itself, without -f) forks
 * a child that asks to be traced (PTRACE_TRACEME) and stops, makes the requests on it, as they work
 * and as the kernel refuses them (unknown requests, bad pointers, sizes it rejects), follows it
 * through one system call with PTRACE_SYSCALL, then kills and reaps it; a second child is seized
 * (PTRACE_SEIZE), interrupted, listened to and killed.
 *
 * Nothing here changes the machine: every request is made on this program's own children, which
 * are killed and reaped; those on other processes are refused by the kernel (its own pid, which no
 * process may attach to, and pid -1, which names none). PTRACE_TRACEME in this process is refused
 * (EPERM): the tracer already traces it.
 */
#define _GNU_SOURCE
#include <elf.h>
#include <errno.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/reg.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <unistd.h>

#include "trace_test.h"

static long pt(unsigned long request, long pid, unsigned long addr, unsigned long data) {
    return syscall(SYS_ptrace, request, pid, addr, data);
}

/* The registers by struct user's word index, x86_64's or i386's */
#if defined __x86_64__
#define REG_AX      RAX
#define REG_ORIG_AX ORIG_RAX
#else
#define REG_AX      EAX
#define REG_ORIG_AX ORIG_EAX
#endif
#define WORD sizeof(long)

/* Globals: the program is built without PIE, so their addresses are the same in every run. */
static volatile unsigned long word = (unsigned long)0x1122334455667788ULL;
static unsigned long out;
static unsigned long regs[sizeof(struct user_regs_struct) / sizeof(long) + 4];
static unsigned char fpregs[600];
static siginfo_t si;
static unsigned long long mask;
static struct iovec iov;
static struct __ptrace_peeksiginfo_args psi;
static siginfo_t sis[2];
static unsigned char info[100];
static unsigned long long metadata[3];
static struct sock_filter filter[4];

static void requests_without_a_child(void) {
    pt(PTRACE_TRACEME, 0, 0, 0);       /* EPERM: traced already */
    pt(PTRACE_ATTACH, getpid(), 0, 0); /* EPERM: its own thread group */
    pt(0xdeadbeef, -1, 0, 0);          /* no such request, no such pid */
    pt(PTRACE_PEEKDATA, -1, (unsigned long)&word, (unsigned long)&out);
    pt(PTRACE_CONT, -1, 0, SIGUSR1);
    pt(PTRACE_DETACH, -1, 1, 0);
    pt(PTRACE_SYSCALL, -1, 0, 0xfffff);
    pt(PTRACE_SETOPTIONS, -1, 0, (unsigned long)0xffffffffffULL);
    pt(PTRACE_SEIZE, -1, 0, PTRACE_O_TRACESYSGOOD | PTRACE_O_EXITKILL);
    pt(PTRACE_INTERRUPT, -1, 0, 0);
    pt(PTRACE_KILL, -1, 0, 0);
    pt(PTRACE_LISTEN, -1, 0, 0);
    pt(PTRACE_GETREGSET, -1, NT_PRSTATUS, (unsigned long)bad);
    pt(PTRACE_GETREGSET, -1, 0x12345, (unsigned long)null);
    pt(PTRACE_SETSIGINFO, -1, 0, (unsigned long)bad);
    pt(PTRACE_POKEUSER, -1, offsetof(struct user, u_debugreg) + 8, 0);
    pt(PTRACE_POKEUSER, -1, sizeof(struct user) + 8, 0);
    pt(PTRACE_PEEKUSER, -1, WORD * REG_AX + 4, (unsigned long)&out);
}

static void stopped(pid_t pid) {
    int status;
    waitpid(pid, &status, __WALL);
}

static void peeks_and_pokes(pid_t child) {
    pt(PTRACE_PEEKDATA, child, (unsigned long)&word, (unsigned long)&out);
    pt(PTRACE_PEEKTEXT, child, (unsigned long)&word, (unsigned long)&out);
    pt(PTRACE_PEEKDATA, child, (unsigned long)&word, (unsigned long)bad);
    pt(PTRACE_PEEKDATA, child, (unsigned long)bad, (unsigned long)&out);
    pt(PTRACE_POKEDATA, child, (unsigned long)&word, 0x42);
    pt(PTRACE_PEEKDATA, child, (unsigned long)&word, (unsigned long)&out);
    pt(PTRACE_PEEKUSER, child, WORD * REG_ORIG_AX, (unsigned long)&out);
    pt(PTRACE_PEEKUSER, child, offsetof(struct user, u_debugreg), (unsigned long)&out);
    pt(PTRACE_PEEKUSER, child, offsetof(struct user, u_debugreg) + 8, (unsigned long)&out);
    pt(PTRACE_PEEKUSER, child, WORD * REG_AX + 4, (unsigned long)&out);
    pt(PTRACE_PEEKUSER, child, sizeof(struct user) + 8, (unsigned long)&out);
    pt(PTRACE_POKEUSER, child, 1, 0);
}

static void registers(pid_t child) {
    iov.iov_base = regs;
    iov.iov_len = sizeof(struct user_regs_struct);
    pt(PTRACE_GETREGSET, child, NT_PRSTATUS, (unsigned long)&iov);
    iov.iov_len = sizeof regs; /* more than the kernel writes: strace shows old => new */
    pt(PTRACE_GETREGSET, child, NT_PRSTATUS, (unsigned long)&iov);
    iov.iov_len = 16;
    pt(PTRACE_GETREGSET, child, NT_PRSTATUS, (unsigned long)&iov);
    iov.iov_base = fpregs;
    iov.iov_len = 512;
    pt(PTRACE_GETREGSET, child, NT_FPREGSET, (unsigned long)&iov);
    iov.iov_base = bad;
    iov.iov_len = sizeof(struct user_regs_struct);
    pt(PTRACE_GETREGSET, child, NT_PRSTATUS, (unsigned long)&iov);
    iov.iov_base = fpregs;
    iov.iov_len = 12;
    pt(PTRACE_GETREGSET, child, NT_X86_XSTATE, (unsigned long)&iov);
    pt(PTRACE_GETREGS, child, 0, (unsigned long)regs);
    pt(PTRACE_GETFPREGS, child, 0, (unsigned long)fpregs);
    pt(PTRACE_GETREGS, child, 0, (unsigned long)bad);

    /* registers the kernel refuses (EIO: cs and ss are no valid selectors, though it may have set
       those before them: the child is only killed after this); and a length that is no whole
       register (EINVAL) */
    for (unsigned i = 0; i < sizeof regs / sizeof regs[0]; i++) {
        regs[i] = 0x1000 + i;
    }
    iov.iov_base = regs;
    iov.iov_len = sizeof(struct user_regs_struct);
    pt(PTRACE_SETREGSET, child, NT_PRSTATUS, (unsigned long)&iov);
    iov.iov_len = 12;
    pt(PTRACE_SETREGSET, child, NT_PRSTATUS, (unsigned long)&iov);
    pt(PTRACE_SETREGSET, child, NT_PRSTATUS, (unsigned long)bad);
    pt(PTRACE_SETREGS, child, 0, (unsigned long)regs);
    pt(PTRACE_SETFPREGS, child, 0, (unsigned long)null);
}

static void signals(pid_t child) {
    pt(PTRACE_GETSIGINFO, child, 0, (unsigned long)&si);
    pt(PTRACE_GETSIGINFO, child, 0, (unsigned long)bad);
    pt(PTRACE_SETSIGINFO, child, 0, (unsigned long)&si);
    pt(PTRACE_GETSIGMASK, child, sizeof mask, (unsigned long)&mask);
    pt(PTRACE_GETSIGMASK, child, 4, (unsigned long)&mask);
    mask = 1ULL << (SIGUSR2 - 1) | 1ULL << (SIGRTMIN + 1 - 1);
    pt(PTRACE_SETSIGMASK, child, sizeof mask, (unsigned long)&mask);
    pt(PTRACE_GETSIGMASK, child, sizeof mask, (unsigned long)&mask);
    /* two signals the child blocks: they stay pending, in its process's queue, until it dies */
    kill(child, SIGUSR2);
    kill(child, SIGRTMIN + 1);
    psi.off = 0;
    psi.flags = 0;
    psi.nr = 2;
    pt(PTRACE_PEEKSIGINFO, child, (unsigned long)&psi, (unsigned long)sis);
    psi.flags = PTRACE_PEEKSIGINFO_SHARED;
    pt(PTRACE_PEEKSIGINFO, child, (unsigned long)&psi, (unsigned long)sis);
    psi.nr = 1;
    pt(PTRACE_PEEKSIGINFO, child, (unsigned long)&psi, (unsigned long)sis);
    psi.flags = 6;
    pt(PTRACE_PEEKSIGINFO, child, (unsigned long)&psi, (unsigned long)sis);
    pt(PTRACE_PEEKSIGINFO, child, (unsigned long)null, (unsigned long)sis);
    pt(PTRACE_GETEVENTMSG, child, 0, (unsigned long)&out);
    pt(PTRACE_GETEVENTMSG, child, 0, (unsigned long)bad);
}

static void options(pid_t child) {
    pt(PTRACE_SETOPTIONS, child, 0, PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACEEXIT);
    pt(PTRACE_SETOPTIONS, child, 0, 0x80000000UL);
    pt(PTRACE_SECCOMP_GET_FILTER, child, 0, (unsigned long)null);
    pt(PTRACE_SECCOMP_GET_FILTER, child, 0, (unsigned long)filter);
    pt(PTRACE_SECCOMP_GET_FILTER, child, 1, (unsigned long)filter);
    pt(PTRACE_SECCOMP_GET_FILTER, child, 0, (unsigned long)bad);
    pt(PTRACE_SECCOMP_GET_METADATA, child, 4, (unsigned long)metadata);
    pt(PTRACE_SECCOMP_GET_METADATA, child, sizeof metadata, (unsigned long)metadata);
    metadata[0] = 0;
    pt(PTRACE_SECCOMP_GET_METADATA, child, 16, (unsigned long)metadata);
    pt(PTRACE_SECCOMP_GET_METADATA, child, 12, (unsigned long)metadata);
    metadata[0] = 1;
    pt(PTRACE_SECCOMP_GET_METADATA, child, 8, (unsigned long)metadata);
    pt(PTRACE_SECCOMP_GET_METADATA, child, sizeof metadata, (unsigned long)bad);
    pt(PTRACE_INTERRUPT, child, 0, 0); /* EIO: only a seized tracee */
    pt(PTRACE_LISTEN, child, 0, 0);
}

static void syscall_info(pid_t child) {
    pt(PTRACE_GET_SYSCALL_INFO, child, 0, (unsigned long)info);
    pt(PTRACE_GET_SYSCALL_INFO, child, 1, (unsigned long)info);
    pt(PTRACE_GET_SYSCALL_INFO, child, 8, (unsigned long)info);
    pt(PTRACE_GET_SYSCALL_INFO, child, sizeof info, (unsigned long)info);
    pt(PTRACE_GET_SYSCALL_INFO, child, sizeof info, (unsigned long)bad);
    /* to the entry of the child's close(-1), then to its exit (EBADF) */
    pt(PTRACE_SYSCALL, child, 0, 0);
    stopped(child);
    pt(PTRACE_GET_SYSCALL_INFO, child, 40, (unsigned long)info);
    pt(PTRACE_GET_SYSCALL_INFO, child, 32, (unsigned long)info);
    pt(PTRACE_SYSCALL, child, 0, 0);
    stopped(child);
    pt(PTRACE_GET_SYSCALL_INFO, child, sizeof info, (unsigned long)info);
    pt(PTRACE_GET_SYSCALL_INFO, child, 32, (unsigned long)info);
}

static void seized(void) {
    pid_t child = fork();
    if (child == 0) {
        for (;;) {
            pause();
        }
    }
    pt(PTRACE_SEIZE, child, 0, PTRACE_O_TRACESYSGOOD | PTRACE_O_EXITKILL | 0x10000000);
    pt(PTRACE_SEIZE, child, 0, PTRACE_O_TRACESYSGOOD | PTRACE_O_EXITKILL);
    pt(PTRACE_INTERRUPT, child, 0, 0);
    stopped(child);
    pt(PTRACE_GETEVENTMSG, child, 0, (unsigned long)&out);
    pt(PTRACE_LISTEN, child, 0, 0);
    pt(PTRACE_DETACH, child, 0, SIGCONT);
    kill(child, SIGKILL);
    waitpid(child, NULL, 0);
}

int main(int argc, char **argv) {
    if (enter_work_dir(argc, argv) != 0) {
        return 1;
    }
    requests_without_a_child();
    pid_t child = fork();
    if (child == 0) {
        pt(PTRACE_TRACEME, 0, 0, 0);
        /* a filter that allows every call, for PTRACE_SECCOMP_GET_FILTER to read (the child's
           own, gone with it) */
        struct sock_filter allow[] = {BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW)};
        struct sock_fprog prog = {1, allow};
        prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
        syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog);
        raise(SIGSTOP);
        syscall(SYS_close, -1);
        _exit(0);
    }
    stopped(child);
    peeks_and_pokes(child);
    signals(child);
    options(child);
    syscall_info(child);
    registers(child); /* last: SETREGSET sets some registers before it refuses cs */
    pt(PTRACE_CONT, child, 0, SIGCONT);
    pt(PTRACE_KILL, child, 0, 0);
    kill(child, SIGKILL);
    waitpid(child, NULL, 0);
    seized();
    return 0;
}
