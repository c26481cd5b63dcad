/*
 * The new call from C, three roads (checks 1 and 2 of rawsys kernel test): libc's syscall(), the
 * syscall instruction in inline assembly, and rawsys's own stub (rawsys-stubs/src/main/asm/x86_64.S,
 * linked in). __NR_rawsys_greet comes from the patched kernel's <asm/unistd.h>: no number typed by
 * hand. Each road prints one line, "RAWSYS-CHECK N pass|FAIL what", which the host reads off the
 * VM's console.
 *
 *   greet [NAME]      the three roads and the error paths; NAME defaults to "world"
 *   greet --once NAME one call through syscall(), the greeting on stdout (for rawsys trace)
 */
#define _GNU_SOURCE
#include <asm/unistd.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "rawsys_syscall.h"

#ifndef __NR_rawsys_greet
#error "this kernel's headers have no __NR_rawsys_greet: build against the patched tree's"
#endif

static int failures;

static void check(int number, int ok, const char *what) {
    printf("RAWSYS-CHECK %d %s %s\n", number, ok ? "pass" : "FAIL", what);
    failures += !ok;
}

/* The syscall instruction itself: number in rax, arguments in rdi, rsi, rdx; the kernel returns
 * in rax (-errno on failure) and clobbers rcx (the return address) and r11 (the flags). */
static long greet_asm(const char *name, char *buf, size_t size) {
    long ret;
    __asm__ volatile("syscall"
                     : "=a"(ret)
                     : "a"((long)__NR_rawsys_greet), "D"(name), "S"(buf), "d"(size)
                     : "rcx", "r11", "memory");
    return ret;
}

int main(int argc, char **argv) {
    char buf[128];
    char line[256];
    if (argc == 3 && strcmp(argv[1], "--once") == 0) {
        long n = syscall(__NR_rawsys_greet, argv[2], buf, sizeof buf);
        if (n < 0) {
            perror("rawsys_greet");
            return 1;
        }
        puts(buf);
        return 0;
    }
    const char *name = argc > 1 ? argv[1] : "world";
    char want[128];
    snprintf(want, sizeof want, "Hello, %s, from the kernel", name);

    memset(buf, 0, sizeof buf);
    long n = syscall(__NR_rawsys_greet, name, buf, sizeof buf);
    snprintf(line, sizeof line, "C, libc syscall(%d, ...): %ld \"%s\"", __NR_rawsys_greet, n, buf);
    check(1, n == (long)strlen(want) && strcmp(buf, want) == 0, line);

    errno = 0;
    n = syscall(__NR_rawsys_greet, name, buf, 5);
    int range = n == -1 && errno == ERANGE;
    n = syscall(__NR_rawsys_greet, (char *)8, buf, sizeof buf);
    int fault = n == -1 && errno == EFAULT;
    n = syscall(__NR_rawsys_greet, "", buf, sizeof buf);
    int empty = n == -1 && errno == EINVAL;
    check(1, range && fault && empty,
          "C, libc syscall(): size 5 -> ERANGE, name 0x8 -> EFAULT, empty name -> EINVAL");

    memset(buf, 0, sizeof buf);
    n = greet_asm(name, buf, sizeof buf);
    snprintf(line, sizeof line, "C, inline syscall instruction: %ld \"%s\"", n, buf);
    check(2, n == (long)strlen(want) && strcmp(buf, want) == 0, line);

    memset(buf, 0, sizeof buf);
    n = rawsys_syscall3(__NR_rawsys_greet, (long)name, (long)buf, sizeof buf);
    long bad = rawsys_syscall3(__NR_rawsys_greet, (long)name, (long)buf, 5);
    snprintf(line, sizeof line, "C, rawsys's stub rawsys_syscall3: %ld \"%s\", size 5 -> %ld (-ERANGE)", n,
             buf, bad);
    check(2, n == (long)strlen(want) && strcmp(buf, want) == 0 && bad == -ERANGE, line);
    return failures != 0;
}
