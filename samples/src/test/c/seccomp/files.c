/*
 * A program rawsys preload --seccomp is tested on, built statically (no dynamic loader for
 * LD_PRELOAD to preload into): creates DIR/a, writes it, stats it, reads it back through a raw
 * syscall(SYS_openat) (no libc open wrapper), and removes it. Prints what it did; a failure names
 * the call and the error on stderr and exits 1.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

static int fail(const char *what, const char *path) {
    fprintf(stderr, "%s %s: %s\n", what, path, strerror(errno));
    return 1;
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: files DIR\n");
        return 2;
    }
    char path[4096];
    snprintf(path, sizeof path, "%s/a", argv[1]);
    int fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0644);
    if (fd < 0) {
        return fail("open", path);
    }
    if (write(fd, "hello\n", 6) != 6) {
        return fail("write", path);
    }
    close(fd);
    struct stat st;
    if (stat(path, &st) != 0) {
        return fail("stat", path);
    }
    printf("size %lld\n", (long long)st.st_size);
    long raw = syscall(SYS_openat, AT_FDCWD, path, O_RDONLY | O_CLOEXEC);
    if (raw < 0) {
        return fail("syscall(SYS_openat)", path);
    }
    char buf[16] = {0};
    ssize_t n = read((int)raw, buf, sizeof buf - 1);
    close((int)raw);
    printf("read %zd: %s", n, buf);
    if (unlink(path) != 0) {
        return fail("unlink", path);
    }
    printf("done\n");
    return 0;
}
