/*
 * bench/seccomp's program: N times openat(FILE) and close, or with "-" for FILE, N times getppid (a
 * call no hook asks for). Prints nothing; exits 1 if a call fails.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: bench-openat N FILE|-\n");
        return 2;
    }
    long n = atol(argv[1]);
    if (strcmp(argv[2], "-") == 0) {
        for (long i = 0; i < n; i++) {
            syscall(SYS_getppid);
        }
        return 0;
    }
    for (long i = 0; i < n; i++) {
        int fd = openat(AT_FDCWD, argv[2], O_RDONLY | O_CLOEXEC);
        if (fd < 0 || close(fd) != 0) {
            perror(argv[2]);
            return 1;
        }
    }
    return 0;
}
