/*
 * Checks every rawsys_syscallN stub against libc's syscall(): same calls, same results.
 *
 * Each arity is exercised by a call whose result depends on its last argument, so a stub that drops
 * or misplaces a register fails (pread64 proves a4 reaches r10 on x86_64, mremap proves a5, mmap
 * with a file offset proves a6). Errors must come back as -errno from the stub where libc returns
 * -1 and sets errno. Prints one TAP line per check; exits 1 if any failed.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "rawsys_syscall.h"

static int checks;
static int failures;

/* Records one comparison of a stub result with what libc's syscall() gave (ret, err). */
static void expect_same(const char *what, long stub, long libc_ret, int libc_errno) {
    long libc_raw = libc_ret == -1 ? -(long)libc_errno : libc_ret;
    checks++;
    if (stub == libc_raw) {
        printf("ok %d - %s: stub %ld, libc %ld\n", checks, what, stub, libc_raw);
    } else {
        failures++;
        printf("not ok %d - %s: stub %ld, libc %ld (errno %d)\n", checks, what, stub, libc_ret,
               libc_errno);
    }
}

static void expect_value(const char *what, long got, long want) {
    checks++;
    if (got != want) {
        failures++;
    }
    printf("%s %d - %s: got %ld, want %ld\n", got == want ? "ok" : "not ok", checks, what, got,
           want);
}

static void expect_true(const char *what, int condition) {
    checks++;
    if (!condition) {
        failures++;
    }
    printf("%s %d - %s\n", condition ? "ok" : "not ok", checks, what);
}

/* libc's syscall() with errno captured next to the result. */
#define LIBC(result, err, ...)                                                                     \
    do {                                                                                           \
        errno = 0;                                                                                 \
        (result) = syscall(__VA_ARGS__);                                                           \
        (err) = errno;                                                                             \
    } while (0)

static void check_getpid(void) {
    long ret;
    int err;
    LIBC(ret, err, SYS_getpid);
    expect_same("getpid (0 args)", rawsys_syscall0(SYS_getpid), ret, err);
    expect_value("getpid equals libc's getpid()", rawsys_syscall0(SYS_getpid), getpid());
}

static void check_pipe_round_trip(void) {
    int fds[2];
    char buf[16] = {0};
    long ret;
    int err;
    if (pipe(fds) != 0) {
        expect_true("pipe() for the round trip", 0);
        return;
    }
    LIBC(ret, err, SYS_write, fds[1], "libc", 4);
    expect_same("write through the stub (3 args) returns the count",
                rawsys_syscall3(SYS_write, fds[1], (long)"stub", 4), ret, err);
    LIBC(ret, err, SYS_read, fds[0], buf, 4);
    expect_same("read through the stub (3 args) returns the count",
                rawsys_syscall3(SYS_read, fds[0], (long)(buf + 4), 4), ret, err);
    expect_true("the pipe carried libc's bytes, then the stub's", memcmp(buf, "libcstub", 8) == 0);
    LIBC(ret, err, SYS_close, fds[1]);
    expect_same("close (1 arg)", rawsys_syscall1(SYS_close, fds[0]), ret, err);
}

static void check_errors(void) {
    long ret;
    int err;
    LIBC(ret, err, SYS_openat, AT_FDCWD, "/nonexistent/rawsys", O_RDONLY);
    expect_same("openat of a missing file is -ENOENT",
                rawsys_syscall3(SYS_openat, AT_FDCWD, (long)"/nonexistent/rawsys", O_RDONLY), ret,
                err);
    expect_true("  and that is -2", ret == -1 && err == ENOENT);
    LIBC(ret, err, SYS_close, -1);
    expect_same("close(-1) is -EBADF", rawsys_syscall1(SYS_close, -1), ret, err);
    LIBC(ret, err, 100000);
    expect_same("an unknown number is -ENOSYS", rawsys_syscall0(100000), ret, err);
    expect_true("  and that is ENOSYS", ret == -1 && err == ENOSYS);
    LIBC(ret, err, -1L);
    expect_same("number -1 is -ENOSYS", rawsys_syscall0(-1), ret, err);
}

static void check_two_args(void) {
    long ret;
    int err;
    int fd = dup(1);
    LIBC(ret, err, SYS_dup2, fd, 200);
    expect_same("dup2 returns its second argument (2 args)", rawsys_syscall2(SYS_dup2, fd, 200),
                ret, err);
    expect_true("  which is 200", ret == 200);
    close(200);
    close(fd);
}

/* A file of two pages: page 0 is all 'A', page 1 all 'B'. */
static int two_page_file(long page) {
    char *bytes = malloc(2 * page);
    int fd = memfd_create("rawsys-harness", MFD_CLOEXEC);
    if (bytes == NULL || fd < 0) {
        free(bytes);
        return -1;
    }
    memset(bytes, 'A', page);
    memset(bytes + page, 'B', page);
    if (write(fd, bytes, 2 * page) != 2 * page) {
        close(fd);
        fd = -1;
    }
    free(bytes);
    return fd;
}

static void check_four_args(int fd, long page) {
    char stub_byte = 0, libc_byte = 0;
    long ret;
    int err;
    LIBC(ret, err, SYS_pread64, fd, &libc_byte, 1, page + 7);
    expect_same("pread64 at an offset (4 args)",
                rawsys_syscall4(SYS_pread64, fd, (long)&stub_byte, 1, page + 7), ret, err);
    expect_true("  read from the offset the 4th argument named",
                stub_byte == 'B' && libc_byte == 'B');
}

static void check_five_args(long page) {
    /* Reserve three pages, map one, and move it to the third: the result is the 5th argument. */
    char *area = mmap(NULL, 3 * page, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (area == MAP_FAILED) {
        expect_true("mmap for the mremap check", 0);
        return;
    }
    char *target = area + 2 * page;
    long moved = rawsys_syscall5(SYS_mremap, (long)area, page, page, MREMAP_MAYMOVE | MREMAP_FIXED,
                                 (long)target);
    expect_value("mremap to a fixed address (5 args) returns that address", moved, (long)target);
    munmap(area, 3 * page);
}

static void check_six_args(int fd, long page) {
    long ret;
    int err;
    long addr = rawsys_syscall6(SYS_mmap, 0, page, PROT_READ | PROT_WRITE, MAP_SHARED, fd, page);
    expect_true("mmap of a file at an offset (6 args) succeeds", addr > 0 || addr < -4095);
    if (addr > -4096 && addr < 0) {
        return;
    }
    char *mapped = (char *)addr;
    expect_true("  and maps the page the 6th argument named",
                mapped[0] == 'B' && mapped[page - 1] == 'B');
    mapped[0] = 'C';
    char back = 0;
    expect_true("  a store through the mapping reaches the file",
                pread(fd, &back, 1, page) == 1 && back == 'C');
    LIBC(ret, err, SYS_munmap, addr, page);
    expect_value("libc's munmap of the stub's mapping", ret == -1 ? -err : ret, 0);

    long anon = rawsys_syscall6(SYS_mmap, 0, page, PROT_READ | PROT_WRITE,
                                MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    expect_value("anonymous mmap, then munmap (2 args) through the stub",
                 rawsys_syscall2(SYS_munmap, anon, page), 0);
    LIBC(ret, err, SYS_mmap, 0, page, PROT_READ, MAP_PRIVATE, -1, 0);
    expect_same("mmap of fd -1 without MAP_ANONYMOUS is -EBADF",
                rawsys_syscall6(SYS_mmap, 0, page, PROT_READ, MAP_PRIVATE, -1, 0), ret, err);
}

int main(void) {
    long page = sysconf(_SC_PAGESIZE);
    setvbuf(stdout, NULL, _IOLBF, 0);
    check_getpid();
    check_pipe_round_trip();
    check_errors();
    check_two_args();
    int fd = two_page_file(page);
    expect_true("a two-page memfd for the offset checks", fd >= 0);
    if (fd >= 0) {
        check_four_args(fd, page);
        check_six_args(fd, page);
        close(fd);
    }
    check_five_args(page);
    printf("1..%d\n", checks);
    if (failures != 0) {
        printf("# %d of %d checks failed\n", failures, checks);
        return 1;
    }
    return 0;
}
