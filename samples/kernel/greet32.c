/*
 * The new call from a 32-bit program (check 3 of rawsys kernel test): the i386 entry, int 0x80,
 * with the number in eax and the arguments in ebx, ecx, edx. __NR_rawsys_greet is the i386 table's
 * (the patched kernel's <asm/unistd_32.h>), which the exercise gives the same number as x86_64's.
 * Built static with i686-linux-gnu-gcc; runs where the kernel has IA32 emulation.
 */
#include <asm/unistd_32.h>
#include <stdio.h>
#include <string.h>

static long greet_int80(const char *name, char *buf, unsigned long size) {
    long ret;
    __asm__ volatile("int $0x80"
                     : "=a"(ret)
                     : "a"((long)__NR_rawsys_greet), "b"(name), "c"(buf), "d"(size)
                     : "memory");
    return ret;
}

int main(void) {
    char buf[128] = {0};
    long n = greet_int80("i386", buf, sizeof buf);
    const char *want = "Hello, i386, from the kernel";
    int ok = n == (long)strlen(want) && strcmp(buf, want) == 0;
    printf("RAWSYS-CHECK 3 %s i386, int 0x80 with eax=%d: %ld \"%s\"\n", ok ? "pass" : "FAIL",
           __NR_rawsys_greet, n, buf);
    return !ok;
}
