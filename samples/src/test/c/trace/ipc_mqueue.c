/*
 * POSIX message queues for rawsys trace's comparison with strace: mq_open, mq_unlink,
 * mq_timedsend, mq_timedreceive, mq_notify and mq_getsetattr, each working and refused (NULL and
 * unreadable pointers, a struct mq_attr cut short by an unmapped page, unknown flags, huge sizes,
 * timeouts that have passed), made through syscall(2); on i386 the *_time64 ones too.
 *
 * Nothing here touches the machine's queues: the program first moves into an IPC namespace of its
 * own (unshare(CLONE_NEWIPC), or with a user namespace when it is not privileged), whose queues no
 * one else sees, creates its queue there and unlinks it at the end. It exits with 77 when neither
 * namespace can be made. No call waits: every receive finds a message or has a timeout in the past
 * (or O_NONBLOCK).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <mqueue.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "trace_test.h"

/* The kernel's struct mq_attr: eight of its longs (x32's are 8 bytes, as its C library's). */
struct kernel_mq_attr {
    long mq_flags, mq_maxmsg, mq_msgsize, mq_curmsgs, reserved[4];
};

int main(void) {
    /* A namespace of our own: the queues made here are seen nowhere else. */
    if (unshare(CLONE_NEWIPC) != 0 && unshare(CLONE_NEWUSER | CLONE_NEWIPC) != 0) {
        fprintf(stderr, "ipc_mqueue: no IPC namespace of its own: %s\n", strerror(errno));
        return 77;
    }
    char *end = page_end();
    struct kernel_mq_attr attr = {0, 4, 16, 0, {0, 0, 0, 0}};
    struct kernel_mq_attr odd = {O_NONBLOCK | 0x100, 4, 16, 0, {0, 0, 0, 0}};

    syscall(SYS_mq_open, "rawsys-q", O_RDWR | O_CREAT | O_EXCL, 0600, &attr);
    syscall(SYS_mq_open, "rawsys-q", O_RDWR | O_CREAT | O_EXCL, 0600, &attr);
    syscall(SYS_mq_open, "rawsys-none", O_RDONLY, 0600, &attr);
    syscall(SYS_mq_open, "rawsys-r", O_RDWR | O_CREAT | O_NONBLOCK, 0x12345, &odd);
    syscall(SYS_mq_open, "rawsys-n", O_WRONLY | O_CREAT | O_CLOEXEC, 0644, null);
    syscall(SYS_mq_open, "rawsys-b", O_RDWR | O_CREAT, 0644, bad);
    syscall(SYS_mq_open, "rawsys-c", O_RDWR | O_CREAT, 0644, end ? end - 16 : bad);
    syscall(SYS_mq_open, null, O_RDONLY, 0, null);
    syscall(SYS_mq_open, bad, O_RDONLY, 0, null);
    int q = (int)syscall(SYS_mq_open, "rawsys-q", O_RDWR | O_NONBLOCK, 0, null);

    struct timespec past = {1, 2}, invalid = {0, 1000000000};
    syscall(SYS_mq_timedsend, q, "hello, queue", 13, 3, null);
    syscall(SYS_mq_timedsend, q, "second message", 15, 0xfffffffe, &past);
    syscall(SYS_mq_timedsend, q, "x", 1, 0, &past);
    syscall(SYS_mq_timedsend, q, "too long for the queue's message size", 38, 1, &past);
    syscall(SYS_mq_timedsend, q, null, 1, 1, &invalid);
    syscall(SYS_mq_timedsend, q, bad, 1, 1, bad);
    syscall(SYS_mq_timedsend, -1, "", 0, 1, null);

    char buf[32];
    unsigned prio = 7;
    syscall(SYS_mq_timedreceive, q, buf, sizeof buf, &prio, &past);
    syscall(SYS_mq_timedreceive, q, buf, sizeof buf, null, null);
    syscall(SYS_mq_timedreceive, q, buf, sizeof buf, &prio, &past);
    syscall(SYS_mq_timedreceive, q, buf, sizeof buf, &prio, &past);
    syscall(SYS_mq_timedreceive, q, buf, 2, &prio, &invalid);
    syscall(SYS_mq_timedreceive, q, bad, sizeof buf, bad, bad);
    syscall(SYS_mq_timedreceive, -1, buf, sizeof buf, &prio, &past);

    struct sigevent sev;
    memset(&sev, 0, sizeof sev);
    sev.sigev_notify = SIGEV_SIGNAL;
    sev.sigev_signo = SIGUSR1;
    syscall(SYS_mq_notify, q, &sev);
    syscall(SYS_mq_notify, q, &sev);
    syscall(SYS_mq_notify, q, null);
    sev.sigev_value.sival_ptr = (void *)0xdead;
    sev.sigev_notify = SIGEV_NONE;
    sev.sigev_signo = 0;
    syscall(SYS_mq_notify, q, &sev);
    syscall(SYS_mq_notify, q, null);
    sev.sigev_notify = SIGEV_THREAD;
    sev.sigev_signo = -1; /* the kernel wants a netlink socket here: refused */
    syscall(SYS_mq_notify, q, &sev);
    sev.sigev_notify = 0x42;
    syscall(SYS_mq_notify, q, &sev);
    syscall(SYS_mq_notify, q, bad);
    syscall(SYS_mq_notify, -1, null);

    struct kernel_mq_attr now, set = {O_NONBLOCK, 0, 0, 0, {0, 0, 0, 0}};
    syscall(SYS_mq_getsetattr, q, null, &now);
    syscall(SYS_mq_getsetattr, q, &set, &now);
    set.mq_flags = 0;
    syscall(SYS_mq_getsetattr, q, &set, null);
    set.mq_flags = O_NONBLOCK | 0x8000;
    syscall(SYS_mq_getsetattr, q, &set, &now);
    syscall(SYS_mq_getsetattr, q, bad, &now);
    syscall(SYS_mq_getsetattr, q, null, bad);
    syscall(SYS_mq_getsetattr, -1, &set, &now);

#ifdef SYS_mq_timedsend_time64
    struct {
        int64_t sec;
        int64_t nsec;
    } past64 = {1, 2};
    syscall(SYS_mq_timedsend_time64, q, "time64", 7, 2, &past64);
    syscall(SYS_mq_timedsend_time64, q, "time64", 7, 2, bad);
    syscall(SYS_mq_timedreceive_time64, q, buf, sizeof buf, &prio, &past64);
    syscall(SYS_mq_timedreceive_time64, q, buf, sizeof buf, &prio, &past64);
#endif

    syscall(SYS_mq_unlink, "rawsys-q");
    syscall(SYS_mq_unlink, "rawsys-q");
    syscall(SYS_mq_unlink, "rawsys-r");
    syscall(SYS_mq_unlink, "rawsys-n");
    syscall(SYS_mq_unlink, null);
    syscall(SYS_mq_unlink, bad);
    return 0;
}
