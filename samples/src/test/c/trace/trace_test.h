/* What the decoder test programs share. */
#ifndef TRACE_TEST_H
#define TRACE_TEST_H
#include <linux/capability.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

/* Addresses the compiler cannot see through: the kernel must be the one to refuse them. */
__attribute__((unused)) static void *volatile bad = (void *)8;
__attribute__((unused)) static void *volatile null;

/*
 * A system call by number with up to six arguments, the rest 0: sys(SYS_x, a, b). Through
 * syscall(2), so the call is made even where libc has no wrapper or one that checks its arguments
 * first.
 */
__attribute__((unused)) static long sys6(long nr, long a, long b, long c, long d, long e, long f) {
    return syscall(nr, a, b, c, d, e, f);
}
#define sys_padded(nr, a, b, c, d, e, f, ...) sys6(nr, a, b, c, d, e, f)
#define sys(...)                              sys_padded(__VA_ARGS__, 0, 0, 0, 0, 0, 0, 0)

/*
 * The end of a readable page, an unmapped one after it: where a struct or string the kernel reads
 * is cut short. NULL if the memory cannot be had.
 */
__attribute__((unused)) static char *page_end(void) {
    char *p = mmap(NULL, 2 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) {
        return NULL;
    }
    munmap(p + 4096, 4096);
    return p + 4096;
}

/* Moves into the directory to work in, the program's argument when it has one: 0, or -1. */
static inline int enter_work_dir(int argc, char **argv) {
    return argc > 1 ? chdir(argv[1]) : 0;
}

/*
 * Takes capability CAP out of this process's effective, permitted and inheritable sets, for good:
 * 0, or -1. A test program that makes a call which would change the machine when made as root
 * (settimeofday, sethostname …) drops the capability that call needs first, so that the kernel
 * refuses it (EPERM) and both tracers show that failure. capset is made through syscall(2): glibc
 * has no wrapper in <sys/capability.h>, which is libcap's.
 */
__attribute__((unused)) static int drop_capability(int cap) {
    struct __user_cap_header_struct header = {_LINUX_CAPABILITY_VERSION_3, 0};
    struct __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3];
    if (syscall(SYS_capget, &header, data) != 0) {
        return -1;
    }
    unsigned bit = 1u << (cap % 32);
    data[cap / 32].effective &= ~bit;
    data[cap / 32].permitted &= ~bit;
    data[cap / 32].inheritable &= ~bit;
    return (int)syscall(SYS_capset, &header, data);
}

#endif
