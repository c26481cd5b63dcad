/*
 * The calls Linux 6.5 to 6.10 added (and futex_waitv, 5.16), for NewCallDecodersIT: each once as it
 * works and once as the kernel refuses it. Built with the Linux 6.12 uapi headers the bindings come
 * from (the build machine's may predate the calls). What the expected lines cannot know in advance
 * (mount ids and strings, addresses) is printed on stdout as KEY=VALUE lines.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/futex.h>
#include <linux/mman.h>
#include <linux/mount.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "trace_test.h"

int main(int argc, char **argv) {
    if (enter_work_dir(argc, argv) != 0) {
        return 1;
    }
    /* fchmodat2: a mode, both flags, an unknown flag, a bad path */
    int fd = open("f", O_CREAT | O_RDWR | O_TRUNC, 0600);
    if (fd < 0 || write(fd, "x", 1) != 1 || fsync(fd) != 0) {
        return 1;
    }
    sys(__NR_fchmodat2, AT_FDCWD, (long)"f", 0640, 0, 0, 0);
    sys(__NR_fchmodat2, AT_FDCWD, (long)"f", 004, AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH, 0, 0);
    sys(__NR_fchmodat2, AT_FDCWD, (long)"f", 0600, 0xffffeeff, 0, 0);
    sys(__NR_fchmodat2, AT_FDCWD, (long)bad, 0600, 0, 0, 0);

    /* cachestat: a page just written and synced, a bad descriptor, an unknown flag */
    struct cachestat_range range = {0, 4096};
    struct cachestat stat;
    sys(__NR_cachestat, fd, (long)&range, (long)&stat, 0, 0, 0);
    sys(__NR_cachestat, -1, 0, 0, 0, 0, 0);
    sys(__NR_cachestat, fd, (long)bad, (long)&stat, 0xffffffff, 0, 0);
    printf("CSTAT=%p\n", (void *)&stat);

    /* mseal: a fresh mapping, then flags the kernel does not take */
    void *map = mmap((void *)0x20000000, 8192, PROT_READ,
                     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    if (map == MAP_FAILED) {
        return 1;
    }
    sys(__NR_mseal, (long)map, 4096, 0, 0, 0, 0);
    sys(__NR_mseal, (long)map + 4096, 4096, 1, 0, 0, 0);

    /* futex2: a wake nobody waits for, waits that cannot sleep, bad flags, a requeue */
    static uint32_t word[2] = {5, 0};
    struct timespec past = {0, 1};
    sys(__NR_futex_wake, (long)word, FUTEX_BITSET_MATCH_ANY, 1, FUTEX2_SIZE_U32 | FUTEX2_PRIVATE, 0,
        0);
    sys(__NR_futex_wait, (long)word, 5, FUTEX_BITSET_MATCH_ANY, FUTEX2_SIZE_U32 | FUTEX2_PRIVATE,
        (long)&past, CLOCK_MONOTONIC);
    sys(__NR_futex_wait, (long)word, 4, FUTEX_BITSET_MATCH_ANY, FUTEX2_SIZE_U32 | FUTEX2_PRIVATE, 0,
        CLOCK_MONOTONIC);
    sys(__NR_futex_wake, 0, 0, -1, 0xffffff78, 0, 0);
    struct futex_waitv waiters[2] = {
        {5, (uintptr_t)&word[0], FUTEX2_SIZE_U32 | FUTEX2_PRIVATE, 0},
        {0, (uintptr_t)&word[1], FUTEX2_SIZE_U32 | FUTEX2_PRIVATE, 0},
    };
    sys(__NR_futex_requeue, (long)waiters, 0, 1, 0, 0, 0);
    sys(__NR_futex_waitv, (long)waiters, 2, 0, (long)&past, CLOCK_MONOTONIC, 0);
    sys(__NR_futex_waitv, 0, 0, 1, 0, 99, 0);
    printf("WORD0=%p\nWORD1=%p\n", (void *)&word[0], (void *)&word[1]);
    /* the second waiter on a PROT_NONE page: unreadable, though ptrace could force a read */
    char *pages = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (pages == MAP_FAILED || mprotect(pages + 4096, 4096, PROT_NONE) != 0) {
        return 1;
    }
    struct futex_waitv *edge = (struct futex_waitv *)(pages + 4096) - 1;
    memset(edge, 0, sizeof *edge);
    edge->uaddr = (uintptr_t)&word[0];
    edge->flags = FUTEX2_SIZE_U32;
    sys(__NR_futex_requeue, (long)edge, 0, 1, 0, 0, 0);
    printf("EDGE=%p\n", (void *)(pages + 4096));

    /* listmount and statmount: the first two mounts, then what they are; an id no mount has */
    struct mnt_id_req req;
    memset(&req, 0, sizeof req);
    req.size = MNT_ID_REQ_SIZE_VER0;
    req.mnt_id = LSMT_ROOT;
    uint64_t ids[2];
    long n = sys(__NR_listmount, (long)&req, (long)ids, 2, 0, 0, 0);
    if (n != 2) {
        return 1;
    }
    printf("ID0=%#llx\nID1=%#llx\n", (unsigned long long)ids[0], (unsigned long long)ids[1]);
    sys(__NR_listmount, (long)&req, (long)ids, 2, 2, 0, 0);
    printf("IDS=%p\n", (void *)ids);

    static char buf[4096];
    req.mnt_id = ids[0];
    req.param = STATMOUNT_FS_TYPE | STATMOUNT_MNT_POINT | STATMOUNT_MNT_ROOT;
    sys(__NR_statmount, (long)&req, (long)buf, sizeof buf, 0, 0, 0);
    const struct statmount *sm = (const struct statmount *)buf;
    printf("SIZE=%u\nFS_TYPE=%s\nMNT_POINT=%s\nMNT_ROOT=%s\n", sm->size, sm->str + sm->fs_type,
           sm->str + sm->mnt_point, sm->str + sm->mnt_root);
    req.mnt_id = 0x3039;
    req.param = STATMOUNT_MNT_BASIC;
    sys(__NR_statmount, (long)&req, (long)buf, sizeof buf, 0, 0, 0);
    printf("BUF=%p\n", (void *)buf);
    return 0;
}
