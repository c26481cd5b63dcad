/* Memory calls for ProcessDecodersIT: each one that works and one that fails. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void) {
    long page = 4096;
    void *top = (void *)syscall(SYS_brk, 0);
    syscall(SYS_brk, (char *)top + page);
    syscall(SYS_brk, top);

    char *anon = mmap(NULL, 4 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    mmap(NULL, page, PROT_NONE, MAP_SHARED | MAP_ANONYMOUS | MAP_NORESERVE | MAP_POPULATE, -1, 0);
    mmap(NULL, page, PROT_READ | PROT_WRITE | PROT_EXEC | PROT_GROWSDOWN,
         MAP_PRIVATE | MAP_ANONYMOUS | MAP_GROWSDOWN, -1, 0);
    mmap(NULL, page, PROT_READ,
         MAP_SHARED_VALIDATE | MAP_ANONYMOUS | MAP_STACK | MAP_LOCKED | MAP_NONBLOCK, -1, 0);
    mmap(NULL, 2 << 20, PROT_READ,
         MAP_PRIVATE | MAP_ANONYMOUS | MAP_HUGETLB | (21 << MAP_HUGE_SHIFT), -1, 0);
    mmap(NULL, page, PROT_READ, MAP_PRIVATE | 0x400000, -1, 0x7000);
    mmap((void *)0x10000000, page, PROT_READ,
         MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE | MAP_32BIT, -1, 0);
    mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    mmap(NULL, page, 0x1000000 | PROT_READ, 0, -1, 0);
    int fd = open("/proc/self/exe", O_RDONLY);
    mmap((void *)0x30000000, page, PROT_READ, MAP_PRIVATE | MAP_FIXED, fd, page);
    void *file = mmap(NULL, page, PROT_READ, MAP_SHARED | MAP_POPULATE, fd, page);
    munmap(file, page);
    munmap((void *)1, page);

    mprotect(anon, page, PROT_READ);
    mprotect(anon, page, PROT_NONE);
    mprotect(anon + 1, page, PROT_READ | PROT_WRITE);

    madvise(anon, page, MADV_DONTNEED);
    madvise(anon, page, MADV_WILLNEED);
    madvise(anon, page, MADV_HUGEPAGE);
    madvise(anon, page, MADV_DONTFORK);
    madvise(anon, page, 25);
    madvise(anon, page, 1234);

    msync(anon, page, MS_SYNC);
    msync(anon, page, MS_ASYNC | MS_INVALIDATE);
    msync(anon + 1, page, MS_SYNC);

    mlock(anon, page);
    munlock(anon, page);
    syscall(SYS_mlock2, anon, page, MLOCK_ONFAULT);
    mlockall(MCL_CURRENT | MCL_FUTURE);
    munlockall();
    mlockall(0x40);

    unsigned char vec[5];
    mincore(anon, 4 * page + 1, vec);
    mincore(anon, 2 * page, NULL);
    mincore(anon + 1, page, vec);

    char *grow = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    char *moved = mremap(grow, 2 * page, 8 * page, MREMAP_MAYMOVE);
    mremap(moved, 8 * page, 2 * page, 0);
    mremap(moved, 2 * page, 2 * page, MREMAP_MAYMOVE | MREMAP_FIXED, (void *)0x20000000);
    mremap((void *)0x20000000, 2 * page, 2 * page, MREMAP_MAYMOVE | MREMAP_DONTUNMAP);
    mremap((void *)1, page, page, 0);
    return 0;
}
