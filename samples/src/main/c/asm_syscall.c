/*
 * Exercise 2, in C: system calls without libc's help, two ways.
 *
 *   asm_syscall inline   each call is a few lines of GCC inline assembly: the number and the
 *                        arguments go into the registers the kernel reads, one instruction traps,
 *                        and the result comes back in a register as -errno on failure.
 *   asm_syscall stub     each call goes through rawsys's own stub, rawsys_syscallN() from
 *                        rawsys-stubs/src/main/asm/<arch>.S: the very code Java calls.
 *
 * Neither path sets errno: the kernel's -4095..-1 convention reaches this program unchanged.
 *
 *   cc -Wall -o asm_syscall samples/src/main/c/asm_syscall.c \
 *      rawsys-stubs/src/main/asm/x86_64.S -Irawsys-stubs/src/main/c && ./asm_syscall inline
 */
#include "exercise.h"

#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "rawsys_syscall.h"

/*
 * One system call with up to three arguments, written out per architecture. The register tables
 * are the kernel's (see syscall(2), "Architecture calling conventions"); "memory" tells the
 * compiler the kernel may read or write memory the arguments point to.
 */
static long inline_syscall3(long nr, long a1, long a2, long a3) {
#if defined(__x86_64__)
    /* nr in rax, arguments in rdi rsi rdx, result in rax; the instruction clobbers rcx and r11. */
    long result;
    __asm__ volatile("syscall"
                     : "=a"(result)
                     : "a"(nr), "D"(a1), "S"(a2), "d"(a3)
                     : "rcx", "r11", "memory");
    return result;
#elif defined(__i386__)
    /* nr in eax, arguments in ebx ecx edx, result in eax. */
    long result;
    __asm__ volatile("int $0x80" : "=a"(result) : "a"(nr), "b"(a1), "c"(a2), "d"(a3) : "memory");
    return result;
#elif defined(__aarch64__)
    /* nr in x8, arguments in x0 x1 x2, result in x0. */
    register long x8 __asm__("x8") = nr;
    register long x0 __asm__("x0") = a1;
    register long x1 __asm__("x1") = a2;
    register long x2 __asm__("x2") = a3;
    __asm__ volatile("svc #0" : "+r"(x0) : "r"(x8), "r"(x1), "r"(x2) : "memory");
    return x0;
#elif defined(__arm__) && defined(__ARM_EABI__)
    /* EABI: nr in r7, arguments in r0 r1 r2, result in r0. */
    register long r7 __asm__("r7") = nr;
    register long r0 __asm__("r0") = a1;
    register long r1 __asm__("r1") = a2;
    register long r2 __asm__("r2") = a3;
    __asm__ volatile("svc #0" : "+r"(r0) : "r"(r7), "r"(r1), "r"(r2) : "memory");
    return r0;
#elif defined(__riscv) && __riscv_xlen == 64
    /* nr in a7, arguments in a0 a1 a2, result in a0. */
    register long a7_ __asm__("a7") = nr;
    register long a0_ __asm__("a0") = a1;
    register long a1_ __asm__("a1") = a2;
    register long a2_ __asm__("a2") = a3;
    __asm__ volatile("ecall" : "+r"(a0_) : "r"(a7_), "r"(a1_), "r"(a2_) : "memory");
    return a0_;
#elif defined(__s390x__)
    /* nr in r1, arguments in r2 r3 r4, result in r2. */
    register long r1 __asm__("r1") = nr;
    register long r2 __asm__("r2") = a1;
    register long r3 __asm__("r3") = a2;
    register long r4 __asm__("r4") = a3;
    __asm__ volatile("svc 0" : "+r"(r2) : "r"(r1), "r"(r3), "r"(r4) : "memory");
    return r2;
#else
#error "no inline syscall for this architecture here: see rawsys-stubs/src/main/asm for all of them"
#endif
}

static long stub_syscall3(long nr, long a1, long a2, long a3) {
    return rawsys_syscall3(nr, a1, a2, a3);
}

int main(int argc, char **argv) {
    long (*syscall3)(long, long, long, long);
    const char *via;
    if (argc == 2 && strcmp(argv[1], "inline") == 0) {
        syscall3 = inline_syscall3;
        via = "[C, inline asm]";
    } else if (argc == 2 && strcmp(argv[1], "stub") == 0) {
        syscall3 = stub_syscall3;
        via = "[C, rawsys stub]";
    } else {
        fprintf(stderr, "usage: %s inline|stub\n", argv[0]);
        return 2;
    }

    long pid = syscall3(SYS_getpid, 0, 0, 0);
    exercise_show_raw(via, "getpid()", pid);

    long written = syscall3(SYS_write, 1, (long)EXERCISE_MESSAGE, (long)strlen(EXERCISE_MESSAGE));
    exercise_show_raw(via, EXERCISE_WRITE_CALL, written);

    long fd = syscall3(SYS_openat, AT_FDCWD, (long)EXERCISE_MISSING, O_RDONLY);
    exercise_show_raw(via, EXERCISE_OPENAT_CALL, fd);
    return fd == -2 /* -ENOENT */ && pid == getpid() ? 0 : 1;
}
