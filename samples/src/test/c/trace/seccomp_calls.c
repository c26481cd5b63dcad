/*
 * seccomp for rawsys trace's comparison with strace: every operation as it works and as the kernel
 * refuses it, and the filter programs strace prints instruction by instruction with -v.
 *
 * Nothing here changes the machine or this process: SECCOMP_GET_ACTION_AVAIL and
 * SECCOMP_GET_NOTIF_SIZES only ask; SECCOMP_SET_MODE_STRICT is made only with flags or an argument,
 * which the kernel refuses (EINVAL) before it would lock the process; SECCOMP_SET_MODE_FILTER is
 * made in this process only with what the kernel refuses before it installs anything (unknown
 * flags, bad pointers, a length of 0, programs that do not end in BPF_RET, which it rejects
 * whatever the caller's privileges). Real filters are installed only in a forked child, after
 * PR_SET_NO_NEW_PRIVS, and they allow every call but getppid; the child then exits.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "trace_test.h"

static long sc(unsigned op, unsigned flags, void *args) {
    return syscall(SYS_seccomp, op, flags, args);
}

static void queries(void) {
    static const unsigned actions[] = {
        SECCOMP_RET_KILL_PROCESS,
        SECCOMP_RET_KILL_THREAD,
        SECCOMP_RET_TRAP,
        SECCOMP_RET_ERRNO,
        SECCOMP_RET_USER_NOTIF,
        SECCOMP_RET_TRACE,
        SECCOMP_RET_LOG,
        SECCOMP_RET_ALLOW,
        0xdead0000,
        0x7fff0001,
    };
    for (unsigned i = 0; i < sizeof actions / sizeof actions[0]; i++) {
        unsigned act = actions[i];
        sc(SECCOMP_GET_ACTION_AVAIL, 0, &act);
    }
    unsigned act = SECCOMP_RET_ALLOW;
    sc(SECCOMP_GET_ACTION_AVAIL, 1, &act);
    sc(SECCOMP_GET_ACTION_AVAIL, 0, null);
    sc(SECCOMP_GET_ACTION_AVAIL, 0, bad);

    struct seccomp_notif_sizes sizes;
    sc(SECCOMP_GET_NOTIF_SIZES, 0, &sizes);
    sc(SECCOMP_GET_NOTIF_SIZES, 0, null);
    sc(SECCOMP_GET_NOTIF_SIZES, 0, bad);
    sc(SECCOMP_GET_NOTIF_SIZES, 0x10, &sizes);

    /* strict mode with flags or an argument: refused (EINVAL) before it would apply */
    sc(SECCOMP_SET_MODE_STRICT, 1, null);
    sc(SECCOMP_SET_MODE_STRICT, 0, bad);
    sc(SECCOMP_SET_MODE_STRICT, 0xffffffff, &act);

    /* operations the kernel does not know */
    sc(4, 0, null);
    sc(0xffffffff, 0xffffffff, bad);
}

/* Programs the kernel refuses (none ends in BPF_RET), with every kind of opcode in them. */
static void refused_filters(void) {
    struct sock_filter odd[] = {
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
        BPF_STMT(BPF_LD | BPF_H | BPF_IND, 2),
        BPF_STMT(BPF_LD | BPF_B | BPF_MEM, 3),
        BPF_STMT(BPF_LD | 0x18 | BPF_LEN, 0),
        BPF_STMT(BPF_LDX | BPF_W | BPF_MSH, 4),
        BPF_STMT(BPF_LDX | BPF_W | 0xe0, 4),
        BPF_STMT(BPF_LD | BPF_W | BPF_IMM, 0xffffffff),
        BPF_STMT(BPF_ST, 1),
        BPF_STMT(BPF_STX | 0x40, 2),
        BPF_STMT(BPF_ALU | BPF_ADD | BPF_K, 7),
        BPF_STMT(BPF_ALU | BPF_NEG, 0),
        BPF_STMT(BPF_ALU | BPF_XOR | BPF_X, 0),
        BPF_STMT(BPF_ALU | 0xf0 | BPF_X, 0),
        BPF_STMT(BPF_MISC | BPF_TAX, 0),
        BPF_STMT(BPF_MISC | BPF_TXA, 0),
        BPF_STMT(BPF_MISC | 0x10, 0),
        BPF_STMT(BPF_MISC | 0x100, 0),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0x40000003, 1, 0),
        BPF_JUMP(BPF_JMP | BPF_JGT | BPF_X, 0, 0, 2),
        BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, 0x80, 255, 255),
        BPF_STMT(BPF_JMP | BPF_JA, 3),
        BPF_STMT(BPF_JMP | 0xf0, 0),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_TRACE | 0xffff),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS),
        BPF_STMT(BPF_RET | BPF_K, 0x12340000),
        BPF_STMT(BPF_RET | BPF_A, 0),
        BPF_STMT(BPF_RET | BPF_X, 5),
        BPF_STMT(BPF_RET | 0x18, 0),
        BPF_STMT(BPF_RET | 0x20, SECCOMP_RET_ALLOW),
        BPF_JUMP(BPF_RET | BPF_K, SECCOMP_RET_ALLOW, 1, 0),
        BPF_STMT(0xffff, 0xffffffff),
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, 0),
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, 4),
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, 8),
    };
    struct sock_fprog prog = {sizeof odd / sizeof odd[0], odd};
    sc(SECCOMP_SET_MODE_FILTER, 0, &prog);
    sc(SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_TSYNC | SECCOMP_FILTER_FLAG_LOG, &prog);
    /* unknown flags: refused before the program is read */
    sc(SECCOMP_SET_MODE_FILTER, 0xffffffc0, &prog);
    sc(SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_SPEC_ALLOW | 0x100, &prog);
    sc(SECCOMP_SET_MODE_FILTER, 0, null);
    sc(SECCOMP_SET_MODE_FILTER, 0, bad);
    struct sock_fprog empty = {0, odd};
    sc(SECCOMP_SET_MODE_FILTER, 0, &empty);
    struct sock_fprog nowhere = {1, bad};
    sc(SECCOMP_SET_MODE_FILTER, 0, &nowhere);
    struct sock_fprog none = {2, null};
    sc(SECCOMP_SET_MODE_FILTER, 0, &none);

    /* a program whose last instruction lies on a page that is not mapped */
    char *page = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (page == MAP_FAILED || munmap(page + 4096, 4096) != 0) {
        _exit(1);
    }
    struct sock_filter *edge = (struct sock_filter *)(page + 4096) - 2;
    edge[0] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, 0);
    edge[1] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
    struct sock_fprog cut = {3, edge};
    sc(SECCOMP_SET_MODE_FILTER, 0, &cut);
    /* and a struct sock_fprog itself cut by that page's end */
    struct sock_fprog *tail = (struct sock_fprog *)(page + 4096 - 4);
    sc(SECCOMP_SET_MODE_FILTER, 0, tail);
}

/* Filters that work, installed in a child that can change nothing else: it exits at once. */
static void installed_filters(void) {
    pid_t pid = fork();
    if (pid < 0) {
        _exit(1);
    }
    if (pid == 0) {
        struct sock_filter allow[] = {
            BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
            BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_getppid, 0, 1),
            BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM),
            BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
        };
        struct sock_fprog prog = {sizeof allow / sizeof allow[0], allow};
        if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) {
            _exit(1);
        }
        sc(SECCOMP_SET_MODE_FILTER, 0, &prog);
        sc(SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_LOG | SECCOMP_FILTER_FLAG_TSYNC, &prog);
        _exit(0);
    }
    int status;
    if (waitpid(pid, &status, 0) != pid) {
        _exit(1);
    }
}

int main(void) {
    queries();
    refused_filters();
    installed_filters();
    return 0;
}
