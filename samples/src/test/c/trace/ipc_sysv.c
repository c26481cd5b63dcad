/*
 * System V IPC for rawsys trace's comparison with strace: semget, semop, semtimedop, semctl,
 * shmget, shmat, shmdt, shmctl, msgget, msgsnd, msgrcv, msgctl, each working and refused (NULL and
 * unreadable pointers, structs cut short by an unmapped page, unknown flags and commands, huge
 * sizes), each made through syscall(2) with the kernel's own numbers; on i386 a few are then made
 * through the C library, whose calls go through the ipc(2) multiplexer there.
 *
 * Nothing here touches the machine's IPC objects: the program first moves into an IPC namespace of
 * its own (unshare(CLONE_NEWIPC), or with a user namespace when it is not privileged), where it
 * creates every object with IPC_PRIVATE and removes each at the end. It exits with 77 when neither
 * namespace can be made. In a new namespace the ids are the same in every run; the times the
 * kernel stamps (sem_ctime, shm_atime …) are not, and the test replaces them.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "trace_test.h"

#ifndef SEM_STAT_ANY
#define SEM_STAT_ANY 20
#endif
#ifndef SHM_STAT_ANY
#define SHM_STAT_ANY 15
#endif
#ifndef MSG_STAT_ANY
#define MSG_STAT_ANY 13
#endif
#ifndef MSG_COPY
#define MSG_COPY 040000
#endif
#ifndef SHM_HUGE_SHIFT
#define SHM_HUGE_SHIFT 26
#endif
#define IPC_64_FLAG 0x100

#if defined __i386__ && defined SYS_ipc
/* i386 has the direct calls since Linux 5.1; the C library still multiplexes through ipc(2). */
#define VIA_LIBC 1
#endif

static void semaphores(char *end) {
    sys(SYS_semget, (long)0xfdb97531, -5, IPC_CREAT | IPC_EXCL | IPC_NOWAIT | 0xface1000 | 0125, 0,
        0);
    sys(SYS_semget, (long)0xfdb97531, 1, 0x10000 | 0600, 0, 0);
    sys(SYS_semget, 12345, 1, 0, 0, 0);
    int id = (int)sys(SYS_semget, IPC_PRIVATE, 3, IPC_CREAT | 0600, 0, 0);

    struct sembuf ops[10];
    for (int i = 0; i < 10; i++) {
        ops[i].sem_num = (unsigned short)(i % 3);
        ops[i].sem_op = (short)(i % 2 ? -1 : 1);
        ops[i].sem_flg = i % 3 == 0 ? SEM_UNDO : i % 3 == 1 ? IPC_NOWAIT : 0x1800 | 0x200;
    }
    ops[0].sem_op = 2;
#ifdef SYS_semop /* i386 has no direct semop: the C library's goes through ipc(2) */
    sys(SYS_semop, id, (long)ops, 1, 0, 0);
    sys(SYS_semop, id, (long)ops, 10, 0, 0);
    sys(SYS_semop, id, (long)ops, 0, 0, 0);
    sys(SYS_semop, id, (long)null, 1, 0, 0);
    sys(SYS_semop, id, (long)bad, 2, 0, 0);
    struct sembuf *tail = end ? (struct sembuf *)(end - sizeof(struct sembuf)) : ops;
    *tail = ops[1];
    sys(SYS_semop, id, (long)tail, 2, 0, 0);
    sys(SYS_semop, -1, (long)ops, 1, 0, 0);
    struct sembuf wait_zero = {1, 0, IPC_NOWAIT};
    struct sembuf take = {0, -5, IPC_NOWAIT};
    sys(SYS_semop, id, (long)&take, 1, 0, 0);
#else
    struct sembuf *tail = ops;
    struct sembuf take = {0, -5, IPC_NOWAIT};
    struct sembuf wait_zero = {1, 0, IPC_NOWAIT};
    (void)end;
    (void)tail;
    (void)take;
#endif
    struct timespec tiny = {0, 1}, bad_ts = {0, 1000000000};
    struct sembuf block = {2, -1, 0};
#ifdef SYS_semtimedop
    sys(SYS_semtimedop, id, (long)&block, 1, (long)&tiny, 0);
    sys(SYS_semtimedop, id, (long)&wait_zero, 1, (long)null, 0);
    sys(SYS_semtimedop, id, (long)&block, 1, (long)bad, 0);
    sys(SYS_semtimedop, id, (long)&block, 1, (long)&bad_ts, 0);
#endif
#ifdef SYS_semtimedop_time64
    struct {
        int64_t sec;
        int64_t nsec;
    } tiny64 = {0, 1};
    sys(SYS_semtimedop_time64, id, (long)&block, 1, (long)&tiny64, 0);
    sys(SYS_semtimedop_time64, id, (long)&block, 1, (long)bad, 0);
#endif
    (void)tiny;
    (void)bad_ts;
    (void)wait_zero;

    struct semid_ds ds;
    struct seminfo info;
    unsigned short values[3] = {1, 2, 3};
    sys(SYS_semctl, id, 0, IPC_INFO, (long)&info, 0);
    sys(SYS_semctl, id, 0, SEM_INFO, (long)&info, 0);
    sys(SYS_semctl, id, 0, IPC_INFO, (long)bad, 0);
    sys(SYS_semctl, id, 0, IPC_STAT, (long)&ds, 0);
    sys(SYS_semctl, id, 0, IPC_STAT | IPC_64_FLAG, (long)&ds, 0);
    sys(SYS_semctl, id, 0, IPC_STAT, (long)null, 0);
    sys(SYS_semctl, id, 0, IPC_STAT, (long)bad, 0);
    sys(SYS_semctl, 0, 0, SEM_STAT, (long)&ds, 0);
    sys(SYS_semctl, 0, 0, SEM_STAT_ANY, (long)&ds, 0);
    sys(SYS_semctl, 99, 0, SEM_STAT, (long)&ds, 0);
    ds.sem_perm.mode = 0640;
    sys(SYS_semctl, id, 0, IPC_SET, (long)&ds, 0);
    sys(SYS_semctl, id, 0, IPC_SET, (long)bad, 0);
    sys(SYS_semctl, id, 0, IPC_SET, (long)(end ? end - 8 : bad), 0);
    sys(SYS_semctl, id, 0, SETALL, (long)values, 0);
    sys(SYS_semctl, id, 0, GETALL, (long)values, 0);
    sys(SYS_semctl, id, 1, SETVAL, 7, 0);
    sys(SYS_semctl, id, 1, GETVAL, 0, 0);
    sys(SYS_semctl, id, 1, GETPID, 0, 0);
    sys(SYS_semctl, id, 1, GETNCNT, 0, 0);
    sys(SYS_semctl, id, 1, GETZCNT, 0, 0);
    sys(SYS_semctl, id, 0, 0xdead, (long)&ds, 0);
    sys(SYS_semctl, id, 0, 0xdead | IPC_64_FLAG, (long)&ds, 0);
    sys(SYS_semctl, id, 0, IPC_RMID, 0, 0);
    sys(SYS_semctl, id, 0, IPC_RMID, 0, 0);
}

static void shared_memory(char *end) {
    sys(SYS_shmget, (long)0xfdb97531, 4096,
        IPC_EXCL | SHM_HUGETLB | SHM_NORESERVE | (21 << SHM_HUGE_SHIFT) | 0x40000 | 0644, 0, 0);
    sys(SYS_shmget, (long)0xfdb97531, 4096, (30 << SHM_HUGE_SHIFT) | 0444, 0, 0);
    sys(SYS_shmget, (long)0xfdb97531, 4096, 0x40000 | 0444, 0, 0);
    sys(SYS_shmget, IPC_PRIVATE, -1L, IPC_CREAT | 0600, 0, 0);
    int id = (int)sys(SYS_shmget, IPC_PRIVATE, 8192, IPC_CREAT | 0600, 0, 0);

    long at = sys(SYS_shmat, id, 0, SHM_RDONLY, 0, 0);
    sys(SYS_shmat, id, (long)bad, SHM_EXEC | 0x100000, 0, 0); /* unaligned: refused */
    sys(SYS_shmat, -1, 0, 0, 0, 0);

    struct shmid_ds ds;
    struct shminfo info;
    struct shm_info sinfo;
    sys(SYS_shmctl, id, IPC_INFO, (long)&info, 0, 0);
    sys(SYS_shmctl, id, SHM_INFO, (long)&sinfo, 0, 0);
    sys(SYS_shmctl, id, SHM_INFO, (long)bad, 0, 0);
    sys(SYS_shmctl, id, IPC_STAT, (long)&ds, 0, 0);
    sys(SYS_shmctl, id, IPC_STAT | IPC_64_FLAG, (long)&ds, 0, 0);
    sys(SYS_shmctl, id, IPC_STAT, (long)null, 0, 0);
    sys(SYS_shmctl, 0, SHM_STAT, (long)&ds, 0, 0);
    sys(SYS_shmctl, 0, SHM_STAT_ANY, (long)&ds, 0, 0);
    ds.shm_perm.mode = 0640;
    sys(SYS_shmctl, id, IPC_SET, (long)&ds, 0, 0);
    sys(SYS_shmctl, id, IPC_SET, (long)(end ? end - 8 : bad), 0, 0);
    sys(SYS_shmctl, id, SHM_UNLOCK, 0, 0, 0);
    sys(SYS_shmctl, id, 0xbeef, (long)&ds, 0, 0);
    sys(SYS_shmdt, at, 0, 0, 0, 0);
    sys(SYS_shmdt, (long)bad, 0, 0, 0, 0);
    sys(SYS_shmdt, 0, 0, 0, 0, 0);
    sys(SYS_shmctl, id, IPC_RMID, 0, 0, 0);
}

static void messages(char *end) {
    sys(SYS_msgget, (long)0xfdb97531, IPC_CREAT | IPC_EXCL | 0x40000 | 0600, 0, 0, 0);
    sys(SYS_msgget, (long)0xfdb97531, 0x40000 | 0600, 0, 0, 0);
    int id = (int)sys(SYS_msgget, IPC_PRIVATE, IPC_CREAT | 0600, 0, 0, 0);

    struct {
        long mtype;
        char mtext[32];
    } msg = {42, "hello, message queue"}, in = {0, ""};
    sys(SYS_msgsnd, id, (long)&msg, 21, 0, 0);
    sys(SYS_msgsnd, id, (long)&msg, 5, IPC_NOWAIT | 0x80000, 0);
    sys(SYS_msgsnd, id, (long)null, 5, 0, 0);
    sys(SYS_msgsnd, id, (long)bad, 5, 0, 0);
    sys(SYS_msgsnd, id, (long)&msg, -1L, 0, 0);
    long *cut = end ? (long *)(end - sizeof(long)) : &msg.mtype;
    *cut = 3;
    sys(SYS_msgsnd, id, (long)cut, 4, 0, 0);
    sys(SYS_msgrcv, id, (long)&in, sizeof in.mtext, 42, IPC_NOWAIT);
    sys(SYS_msgrcv, id, (long)&in, 2, 0, IPC_NOWAIT | MSG_NOERROR);
    sys(SYS_msgrcv, id, (long)&in, 32, -100, IPC_NOWAIT | MSG_EXCEPT);
    sys(SYS_msgrcv, id, (long)&in, 32, 7, IPC_NOWAIT);
    sys(SYS_msgrcv, id, (long)bad, 32, 0, IPC_NOWAIT);
    sys(SYS_msgrcv, id, (long)&in, 32, 0, IPC_NOWAIT | MSG_COPY | 0x100000);

    struct msqid_ds ds;
    struct msginfo info;
    sys(SYS_msgctl, id, IPC_INFO, (long)&info, 0, 0);
    sys(SYS_msgctl, id, MSG_INFO, (long)&info, 0, 0);
    sys(SYS_msgctl, id, MSG_INFO, (long)null, 0, 0);
    sys(SYS_msgctl, id, IPC_STAT, (long)&ds, 0, 0);
    sys(SYS_msgctl, id, IPC_STAT | IPC_64_FLAG, (long)&ds, 0, 0);
    sys(SYS_msgctl, id, IPC_STAT, (long)bad, 0, 0);
    sys(SYS_msgctl, 0, MSG_STAT, (long)&ds, 0, 0);
    sys(SYS_msgctl, 0, MSG_STAT_ANY, (long)&ds, 0, 0);
    ds.msg_qbytes = 1024;
    sys(SYS_msgctl, id, IPC_SET, (long)&ds, 0, 0);
    sys(SYS_msgctl, id, IPC_SET, (long)(end ? end - 8 : bad), 0, 0);
    sys(SYS_msgctl, id, 0xcafe, (long)&ds, 0, 0);
    sys(SYS_msgctl, id, IPC_RMID, 0, 0, 0);
    sys(SYS_msgctl, 0, IPC_RMID, 0, 0, 0); /* the queue made with key 0xfdb97531 */
}

#ifdef VIA_LIBC
/* The C library's calls, which reach the kernel as ipc(SEMGET, …) and its like on i386. */
static void through_ipc(void) {
    int sem = semget(IPC_PRIVATE, 2, IPC_CREAT | 0600);
    struct sembuf op = {0, 1, SEM_UNDO};
    semop(sem, &op, 1);
    struct timespec tiny = {0, 1};
    struct sembuf block = {1, -1, 0};
    semtimedop(sem, &block, 1, &tiny);
    struct semid_ds ds;
    semctl(sem, 0, IPC_STAT, &ds);
    semctl(sem, 0, GETVAL);
    semctl(sem, 0, IPC_RMID);
    int shm = shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0600);
    void *at = shmat(shm, NULL, 0);
    shmat(shm, bad, SHM_RDONLY); /* unaligned: refused */
    struct shmid_ds sds;
    shmctl(shm, IPC_STAT, &sds);
    shmdt(at);
    shmctl(shm, IPC_RMID, NULL);
    int q = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
    struct {
        long mtype;
        char mtext[8];
    } msg = {5, "abc"};
    msgsnd(q, &msg, 4, 0);
    msgrcv(q, &msg, 8, 0, IPC_NOWAIT);
    msgrcv(q, &msg, 8, 0, IPC_NOWAIT);
    /* ipc(2) by hand: msgrcv's version 1 (no kludge), a union semun strace cannot read, calls
       ipc does not carry */
    msgsnd(q, &msg, 4, 0);
    syscall(SYS_ipc, 12 | 1 << 16, q, 8, IPC_NOWAIT, &msg, -3L);
    syscall(SYS_ipc, 12, q, 8, IPC_NOWAIT, bad, 0);
    syscall(SYS_ipc, 3, q, 0, IPC_STAT, bad, 0);
    syscall(SYS_ipc, 3, q, 0, IPC_INFO, null, 0);
    syscall(SYS_ipc, 99, 1, 2, 3, 4, 5);
    syscall(SYS_ipc, 2 << 16 | 98, 1, 2, 3, 4, 5);
    struct msqid_ds mds;
    msgctl(q, IPC_STAT, &mds);
    msgctl(q, IPC_RMID, NULL);
}
#endif

int main(void) {
    /* A namespace of our own: nothing done here is seen outside it. */
    if (unshare(CLONE_NEWIPC) != 0 && unshare(CLONE_NEWUSER | CLONE_NEWIPC) != 0) {
        fprintf(stderr, "ipc_sysv: no IPC namespace of its own: %s\n", strerror(errno));
        return 77;
    }
    char *end = page_end();
    semaphores(end);
    shared_memory(end);
    messages(end);
#ifdef VIA_LIBC
    through_ipc();
#endif
    return 0;
}
