/*
 * What the syscall exercises share: the three calls they make, and how a result is printed. Every
 * program (C through libc, C through inline assembly, C through rawsys's stub, Java) makes the same
 * three calls with the same arguments, so their output and their strace are the same.
 *
 *   getpid()                                   a call that cannot fail
 *   write(1, EXERCISE_MESSAGE, 25)             a call that takes a pointer and a length
 *   openat(AT_FDCWD, EXERCISE_MISSING, 0)      a call that fails: ENOENT
 */
#ifndef RAWSYS_EXERCISE_H
#define RAWSYS_EXERCISE_H

#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <string.h>

#define EXERCISE_MESSAGE "hello from a system call\n"
#define EXERCISE_MISSING "/nonexistent/rawsys-exercise"

/*
 * Prints "[via] call = result" as strace prints a result: a value, or -1 ERRNAME (message), then
 * what the kernel itself returned when that differs (it returns -errno; libc turns that into -1).
 */
static inline void exercise_show(const char *via, const char *call, long result, int error,
                                 long kernel_result) {
    if (error == 0) {
        printf("%-20s %-62s = %ld\n", via, call, result);
    } else {
        const char *name = strerrorname_np(error);
        printf("%-20s %-62s = -1 %s (%s)", via, call, name ? name : "E?", strerror(error));
        printf(kernel_result ? "   [the kernel returned %ld]\n" : "\n", kernel_result);
    }
    fflush(stdout); /* in step with the raw write(1, ...) between the lines */
}

/* The kernel's convention, which a raw syscall instruction returns: -4095..-1 is -errno. */
static inline void exercise_show_raw(const char *via, const char *call, long result) {
    if (result < 0 && result >= -4095) {
        exercise_show(via, call, -1, (int)-result, result);
    } else {
        exercise_show(via, call, result, 0, 0);
    }
}

#define EXERCISE_WRITE_CALL  "write(1, \"hello from a system call\\n\", 25)"
#define EXERCISE_OPENAT_CALL "openat(AT_FDCWD, \"" EXERCISE_MISSING "\", O_RDONLY)"

#endif
