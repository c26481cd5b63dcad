/*
 * Memory policies and process memory for ProcessMemoryDecodersIT: mbind, set_mempolicy,
 * get_mempolicy, migrate_pages, move_pages, memfd_secret, pkey_alloc, pkey_mprotect, pkey_free,
 * userfaultfd, process_madvise, process_mrelease, process_vm_readv, process_vm_writev and
 * remap_file_pages, each as it works (where this kernel and machine let it) and as the kernel
 * refuses it (NULL, bad pointers, unknown modes and flags, counts that overflow).
 *
 * Nothing here changes the machine: the memory policies are set on this process's own memory
 * (and set back to the default), pages are only asked about or "moved" to node 0, where they are,
 * the process_vm_* calls read and write this program's own child, which it then kills, and
 * process_madvise, process_mrelease and remap_file_pages work on this process's own mappings.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "trace_test.h"

#ifndef MADV_COLD
#define MADV_COLD 20
#endif

int main(int argc, char **argv) {
    if (enter_work_dir(argc, argv) != 0) {
        return 1;
    }
    long page = 4096;
    char *pages = mmap(NULL, 4 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (pages == MAP_FAILED || mprotect(pages + 3 * page, page, PROT_NONE) != 0) {
        return 1;
    }
    memset(pages, 1, 3 * page);
    char *edge = pages + 3 * page; /* the first byte that cannot be read */
    unsigned long node0 = 1;
#ifdef __LP64__
    /* arrays of more elements than fit in 64 bits, which strace shows by address; a 32-bit
     * program's cannot overflow strace's sizes, so there they point nowhere readable instead */
    void *huge = &node0;
#else
    void *huge = bad;
#endif

    /* set_mempolicy: this process's own policy, set and set back to the default */
    sys(__NR_set_mempolicy, 0 /* MPOL_DEFAULT */, 0, 0, 0, 0, 0);
    sys(__NR_set_mempolicy, 2 /* MPOL_BIND */, (long)&node0, 2, 0, 0, 0);
    sys(__NR_set_mempolicy, 2 | 0x8000 /* MPOL_F_STATIC_NODES */, (long)&node0, 65, 0, 0, 0);
    sys(__NR_set_mempolicy, 0, 0, 0, 0, 0, 0);
    sys(__NR_set_mempolicy, 0xff, (long)bad, 3, 0, 0, 0);
    sys(__NR_set_mempolicy, 0xff | 0x4000, (long)bad, 0, 0, 0, 0);
    sys(__NR_set_mempolicy, 3 | 0x2000 | 0x4000, (long)huge, ~0UL, 0, 0, 0);
    sys(__NR_set_mempolicy, 1, (long)((unsigned long *)edge - 1), 200, 0, 0, 0);

    /* get_mempolicy: the policy, of an address, the allowed nodes; refused ones */
    int mode = -1;
    unsigned long mask[2] = {0, 0};
    sys(__NR_get_mempolicy, (long)&mode, (long)mask, 65, 0, 0, 0);
    sys(__NR_get_mempolicy, (long)&mode, 0, 0, (long)pages, 2 /* MPOL_F_ADDR */, 0);
    sys(__NR_get_mempolicy, (long)&mode, (long)mask, 2, (long)pages, 3, 0);
    sys(__NR_get_mempolicy, 0, (long)mask, 65, 0, 4 /* MPOL_F_MEMS_ALLOWED */, 0);
    sys(__NR_get_mempolicy, (long)bad, (long)bad, 65, 0, 0xf0, 0);
    sys(__NR_get_mempolicy, (long)&mode, (long)mask, 0, 0, 0, 0);

    /* mbind: this process's own pages, bound to node 0 and back; refused ones */
    sys(__NR_mbind, (long)pages, page, 2 /* MPOL_BIND */, (long)&node0, 2, 1 /* STRICT */);
    sys(__NR_mbind, (long)pages, page, 0, 0, 0, 0);
    sys(__NR_mbind, (long)pages + 1, page, 4 /* MPOL_LOCAL */, 0, 0, 0);
    sys(__NR_mbind, (long)pages, page, 7, (long)bad, 1000, 0xf8);
    sys(__NR_mbind, 0, 0, 1 | 0x8000, 0, 0, 2 | 4);

    /* migrate_pages and move_pages: this process, node 0 to node 0; the pages' nodes; refused */
    sys(__NR_migrate_pages, 0, 2, (long)&node0, (long)&node0, 0, 0);
    sys(__NR_migrate_pages, -1, 2, 0, 0, 0, 0);
    sys(__NR_migrate_pages, 0, ~0UL, (long)bad, (long)huge, 0, 0);
    void *addrs[3] = {pages, pages + page, NULL};
    int nodes[3] = {0, 0, 0};
    int status[3] = {-1, -1, -1};
    sys(__NR_move_pages, 0, 2, (long)addrs, 0, (long)status, 0);
    sys(__NR_move_pages, 0, 2, (long)addrs, (long)nodes, (long)status, 2 /* MPOL_MF_MOVE */);
    sys(__NR_move_pages, 0, 3, (long)addrs, 0, (long)status, 0);
    sys(__NR_move_pages, 0, 1, (long)bad, (long)bad, (long)bad, 0xf0);
    sys(__NR_move_pages, -1, 0, 0, 0, 0, 0);

    /* memfd_secret, pkeys, userfaultfd: made and closed, or refused where this kernel or CPU
     * has none (then both tracers see the same error) */
    long secret = sys(__NR_memfd_secret, 0, 0, 0, 0, 0, 0);
    if (secret >= 0) {
        close((int)secret);
    }
    secret = sys(__NR_memfd_secret, O_CLOEXEC, 0, 0, 0, 0, 0);
    if (secret >= 0) {
        close((int)secret);
    }
    sys(__NR_memfd_secret, 0xff, 0, 0, 0, 0, 0);
    long key = sys(__NR_pkey_alloc, 0, 2 /* PKEY_DISABLE_WRITE */, 0, 0, 0, 0);
    sys(__NR_pkey_mprotect, (long)pages, page, PROT_READ | PROT_WRITE, key, 0, 0);
    sys(__NR_pkey_mprotect, (long)pages, page, PROT_READ | PROT_WRITE, 0, 0, 0);
    sys(__NR_pkey_free, key, 0, 0, 0, 0, 0);
    sys(__NR_pkey_alloc, 0xbad, 0xff, 0, 0, 0, 0);
    sys(__NR_pkey_free, -1, 0, 0, 0, 0, 0);
    long uffd =
        sys(__NR_userfaultfd, O_CLOEXEC | O_NONBLOCK | 1 /* UFFD_USER_MODE_ONLY */, 0, 0, 0, 0, 0);
    if (uffd >= 0) {
        close((int)uffd);
    }
    sys(__NR_userfaultfd, 1 | 0x100, 0, 0, 0, 0, 0);
    sys(__NR_userfaultfd, 0x100, 0, 0, 0, 0, 0);

    /* process_madvise and process_mrelease on this process's own pidfd */
    int self = (int)sys(__NR_pidfd_open, getpid(), 0, 0, 0, 0, 0);
    struct iovec cold[2] = {{pages, page}, {pages + page, page}};
    sys(__NR_process_madvise, self, (long)cold, 2, MADV_COLD, 0, 0);
    sys(__NR_process_madvise, self, (long)cold, 1, MADV_DONTNEED, 1, 0);
    sys(__NR_process_madvise, self, (long)bad, 1, 0xbad, 0, 0);
    sys(__NR_process_madvise, -1, (long)huge, ~0UL / 2, MADV_COLD, 0, 0);
    sys(__NR_process_mrelease, self, 0, 0, 0, 0, 0);
    sys(__NR_process_mrelease, -1, 0xf, 0, 0, 0, 0);

    /* process_vm_readv and process_vm_writev on this program's own child */
    static char theirs[32] = "the child's own words";
    static char mine[32];
    int ready[2];
    if (pipe(ready) != 0) {
        return 1;
    }
    pid_t child = fork();
    if (child == 0) {
        char c = 0;
        close(ready[1]);
        (void)!read(ready[0], &c, 1); /* waits until the parent is done, or gone */
        _exit(0);
    }
    struct iovec local[2] = {{mine, 4}, {mine + 4, 20}};
    struct iovec remote[1] = {{theirs, 12}};
    sys(__NR_process_vm_readv, child, (long)local, 2, (long)remote, 1, 0);
    sys(__NR_process_vm_readv, child, (long)local, 1, (long)remote, 1, 1);
    sys(__NR_process_vm_readv, child, (long)local, 2, (long)bad, 1, 0);
    sys(__NR_process_vm_readv, -1, (long)bad, 1, (long)huge, ~0UL / 4, 0);
    struct iovec out[1] = {{"new words", 9}};
    sys(__NR_process_vm_writev, child, (long)out, 1, (long)remote, 1, 0);
    sys(__NR_process_vm_writev, child, (long)out, 1, (long)remote, 1, 2);
    sys(__NR_process_vm_writev, child, 0, 0, 0, 0, 0);
    struct iovec *last = (struct iovec *)edge - 1;
    last->iov_base = "x";
    last->iov_len = 1;
    sys(__NR_process_vm_writev, child, (long)last, 2, (long)remote, 1, 0);
    close(ready[1]);
    waitpid(child, NULL, 0);

    /* remap_file_pages on this process's own shared mapping of a file in the work directory */
    int fd = open("pages", O_CREAT | O_RDWR | O_TRUNC, 0600);
    if (fd < 0 || ftruncate(fd, 2 * page) != 0) {
        return 1;
    }
    char *shared = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (shared == MAP_FAILED) {
        return 1;
    }
    sys(__NR_remap_file_pages, (long)shared, page, 0, 1, 0, 0);
    sys(__NR_remap_file_pages, (long)shared, page, 0, 0, MAP_NONBLOCK, 0);
    sys(__NR_remap_file_pages, (long)shared, page, PROT_EXEC | 0x100, 0, MAP_PRIVATE | 0x80000, 0);
    sys(__NR_remap_file_pages, 0, 0, 0, 0, 0xf | (21 << 26), 0);
    return 0;
}
