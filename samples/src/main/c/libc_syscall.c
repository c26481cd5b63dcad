/*
 * Exercise 1, in C: system calls through libc's syscall() function.
 *
 * syscall(number, args...) is glibc's generic entry: it moves its arguments into the kernel's
 * registers, traps, and converts the result to the C convention: on failure it returns -1 and
 * sets errno, where the kernel itself returned -errno. The numbers come from <sys/syscall.h>
 * (SYS_getpid is __NR_getpid of the machine's ABI).
 *
 *   cc -Wall -o libc_syscall samples/src/main/c/libc_syscall.c && ./libc_syscall
 */
#include "exercise.h"

#include <errno.h>
#include <sys/syscall.h>
#include <unistd.h>

#define VIA "[C, libc syscall]"

int main(void) {
    long pid = syscall(SYS_getpid);
    exercise_show(VIA, "getpid()", pid, 0, 0);

    long written = syscall(SYS_write, 1, EXERCISE_MESSAGE, strlen(EXERCISE_MESSAGE));
    exercise_show(VIA, EXERCISE_WRITE_CALL, written, written < 0 ? errno : 0, 0);

    errno = 0;
    long fd = syscall(SYS_openat, AT_FDCWD, EXERCISE_MISSING, O_RDONLY);
    exercise_show(VIA, EXERCISE_OPENAT_CALL, fd, fd < 0 ? errno : 0, 0);
    return fd == -1 && errno == ENOENT && pid == getpid() ? 0 : 1;
}
