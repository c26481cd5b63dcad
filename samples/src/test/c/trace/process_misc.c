/* Process attributes for ProcessDecodersIT: prctl, arch_prctl, ids, limits, futexes, affinity, and
 * more. */
#define _GNU_SOURCE
#include <asm/prctl.h>
#include <linux/capability.h>
#include <linux/futex.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <sys/personality.h>
#include <sys/prctl.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/times.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

int main(void) {
    unsigned long fs;
    syscall(SYS_arch_prctl, ARCH_GET_FS, &fs);
    syscall(SYS_arch_prctl, ARCH_SET_FS, fs);
    syscall(SYS_arch_prctl, ARCH_GET_GS, NULL);
    syscall(SYS_arch_prctl, 0x1234, 0x42);
    syscall(SYS_arch_prctl, ARCH_GET_CPUID, 0);

    char name[16];
    prctl(PR_SET_NAME, "rawsys-test");
    prctl(PR_GET_NAME, name);
    prctl(PR_SET_NAME, "a-name-longer-than-sixteen");
    prctl(PR_GET_NAME, name);
    prctl(PR_SET_PDEATHSIG, SIGTERM);
    int sig;
    prctl(PR_GET_PDEATHSIG, &sig);
    prctl(PR_GET_DUMPABLE);
    prctl(PR_SET_DUMPABLE, 1);
    prctl(PR_CAPBSET_READ, CAP_SYS_ADMIN);
    prctl(PR_CAPBSET_READ, 99);
    prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0);
    prctl(PR_GET_SECCOMP);
    prctl(PR_SET_TIMERSLACK, 50000);
    prctl(PR_GET_TIMERSLACK);
    prctl(PR_GET_KEEPCAPS);
    prctl(PR_SET_KEEPCAPS, 0);
    prctl(PR_SET_CHILD_SUBREAPER, 1);
    int subreaper;
    prctl(PR_GET_CHILD_SUBREAPER, &subreaper);
    prctl(PR_GET_TID_ADDRESS, &fs);
    prctl(PR_SET_PTRACER, -1);
    prctl(PR_SET_THP_DISABLE, 0, 0, 0, 0);
    prctl(PR_SET_SECCOMP, 99);
    prctl(0x7fffffff, 1, 2, 3, 4);
    prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);

    int tid;
    syscall(SYS_set_tid_address, &tid);
    struct {
        void *next;
        long offset;
        void *pending;
    } head = {&head, 0, NULL};
    syscall(SYS_set_robust_list, &head, sizeof head);
    syscall(SYS_set_robust_list, &head, 1);
    void *got;
    size_t len;
    syscall(SYS_get_robust_list, 0, &got, &len);
    syscall(SYS_get_robust_list, 0, NULL, &len);
    char rseq_area[64] __attribute__((aligned(32))) = {0};
    syscall(SYS_rseq, rseq_area, 32, 0, 0x53053053);
    syscall(SYS_rseq, rseq_area, 32, 1, 0x53053053);

    uint32_t word = 0, other = 0;
    struct timespec wait = {0, 1000};
    syscall(SYS_futex, &word, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
    syscall(SYS_futex, &word, FUTEX_WAKE, 1, NULL, NULL, 0);
    syscall(SYS_futex, &word, FUTEX_WAIT_PRIVATE, 1, NULL, NULL, 0);
    syscall(SYS_futex, &word, FUTEX_WAIT, 0, &wait, NULL, 0);
    syscall(SYS_futex, &word, FUTEX_WAIT_BITSET | FUTEX_CLOCK_REALTIME, 0, &wait, NULL,
            FUTEX_BITSET_MATCH_ANY);
    syscall(SYS_futex, &word, FUTEX_WAKE_BITSET_PRIVATE, 1, NULL, NULL, 0x5);
    syscall(SYS_futex, &word, FUTEX_REQUEUE_PRIVATE, 1, 2, &other, 0);
    syscall(SYS_futex, &word, FUTEX_CMP_REQUEUE_PRIVATE, 1, 2, &other, 0);
    syscall(SYS_futex, &word, FUTEX_WAKE_OP_PRIVATE, 1, 1, &other,
            FUTEX_OP(FUTEX_OP_ADD, 1, FUTEX_OP_CMP_GT, 0));
    syscall(SYS_futex, &word, FUTEX_UNLOCK_PI_PRIVATE, 0, NULL, NULL, 0);
    syscall(SYS_futex, &word, 99, 1, NULL, NULL, 0);
    syscall(SYS_futex, NULL, FUTEX_WAIT, 0, NULL, NULL, 0);

    cpu_set_t cpus;
    sched_getaffinity(0, sizeof cpus, &cpus);
    sched_setaffinity(0, sizeof cpus, &cpus);
    syscall(SYS_sched_getaffinity, 0, 8, &cpus);
    syscall(SYS_sched_getaffinity, 0, 1, &cpus);
    syscall(SYS_sched_setaffinity, 0, 8, NULL);
    sched_yield();

    char buf[16];
    getrandom(buf, sizeof buf, 0);
    getrandom(buf, sizeof buf, GRND_NONBLOCK | GRND_RANDOM);
    getrandom(buf, sizeof buf, 0x40);
    syscall(SYS_getrandom, NULL, 8, 0);

    struct rlimit rl;
    getrlimit(RLIMIT_STACK, &rl);
    getrlimit(RLIMIT_NOFILE, &rl);
    setrlimit(RLIMIT_NOFILE, &rl);
    syscall(SYS_getrlimit, RLIMIT_CORE, &rl);
    syscall(SYS_getrlimit, 99, &rl);
    syscall(SYS_setrlimit, RLIMIT_CORE, NULL);
    struct rlimit64 {
        uint64_t cur, max;
    } r64 = {1500, UINT64_MAX}, o64;
    syscall(SYS_prlimit64, 0, RLIMIT_CPU, &r64, &o64);
    syscall(SYS_prlimit64, getpid(), RLIMIT_AS, NULL, &o64);
    syscall(SYS_prlimit64, 0, 1234, NULL, &o64);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    getrusage(RUSAGE_CHILDREN, NULL);
    getrusage(7, &ru);

    struct utsname un;
    uname(&un);
    syscall(SYS_uname, NULL);
    struct sysinfo si;
    sysinfo(&si);
    struct tms tms;
    times(&tms);
    times(NULL);

    getuid();
    getgid();
    geteuid();
    getegid();
    getppid();
    getpgrp();
    syscall(SYS_gettid);
    getpid();
    setuid(0);
    setgid(0);
    setreuid(-1, 0);
    setregid(-1, 0);
    setresuid(-1, -1, 0);
    setresgid(-1, 0, -1);
    uid_t r, e, s;
    getresuid(&r, &e, &s);
    getresgid(&r, &e, &s);
    syscall(SYS_setfsuid, -1);
    syscall(SYS_setfsgid, -1);
    getpgid(0);
    setpgid(0, 0);
    getsid(0);
    setsid();
    getpgid(-5);
    personality(0xffffffff);
    personality(PER_LINUX | ADDR_NO_RANDOMIZE);
    personality(PER_LINUX);

    int pidfd = syscall(SYS_pidfd_open, getpid(), 0);
    syscall(SYS_pidfd_send_signal, pidfd, 0, NULL, 0);
    syscall(SYS_pidfd_open, -1, 0);

    struct __user_cap_header_struct hdr = {_LINUX_CAPABILITY_VERSION_3, 0};
    struct __user_cap_data_struct data[2];
    syscall(SYS_capget, &hdr, data);
    syscall(SYS_capset, &hdr, data);
    hdr.version = 0x1234;
    syscall(SYS_capget, &hdr, data);
    syscall(SYS_capget, &hdr, NULL);
    return 0;
}
