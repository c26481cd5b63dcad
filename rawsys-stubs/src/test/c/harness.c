/*
 * Checks every rawsys_syscallN stub against libc's syscall(): same calls, same results, on every
 * ABI (natively, and statically linked under qemu-user for the others).
 *
 * Each arity is exercised by a call whose result depends on its last argument, so a stub that drops
 * or misplaces a register fails: ftruncate proves the 2nd argument, pread64 the 4th (r10 on
 * x86_64), mremap the 5th, mmap and recvfrom the 6th. Errors must come back as -errno from the stub
 * where libc returns -1 and sets errno (the PowerPC and MIPS stubs fold their error flags). 64-bit
 * arguments are split into register pairs the way each 32-bit ABI wants (pread64, ftruncate64,
 * fadvise64 at offsets past 4 GiB), with the same rules as rawsys's Java SyscallArguments; `harness
 * --words` prints the words for the Java test to compare.
 *
 * Prints one TAP line per check; exits 1 if any failed.
 */
#define _GNU_SOURCE
#define _FILE_OFFSET_BITS 64
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "rawsys_syscall.h"

static int checks;
static int failures;

static void report(int ok, const char *what, const char *detail) {
    checks++;
    if (!ok) {
        failures++;
    }
    printf("%s %d - %s%s\n", ok ? "ok" : "not ok", checks, what, detail);
}

/* One comparison of a stub result with what libc's syscall() gave (ret, err). */
static void expect_same(const char *what, long stub, long libc_ret, int libc_errno) {
    long libc_raw = libc_ret == -1 ? -(long)libc_errno : libc_ret;
    char detail[96];
    snprintf(detail, sizeof detail, ": stub %ld, libc %ld", stub, libc_raw);
    report(stub == libc_raw, what, detail);
}

static void expect_value(const char *what, long got, long want) {
    char detail[96];
    snprintf(detail, sizeof detail, ": got %ld, want %ld", got, want);
    report(got == want, what, detail);
}

static void expect_true(const char *what, int condition) {
    report(condition, what, "");
}

/* libc's syscall() with errno captured next to the result. */
#define LIBC(result, err, ...)                                                                     \
    do {                                                                                           \
        errno = 0;                                                                                 \
        (result) = syscall(__VA_ARGS__);                                                           \
        (err) = errno;                                                                             \
    } while (0)

/*
 * Register words, built per ABI: plain arguments one word each; a 64-bit argument one word on a
 * 64-bit ABI, two on a 32-bit one (low word first on these little-endian ABIs), starting at an even
 * word on ARM EABI and MIPS o32, where a padding word fills the gap.
 */
struct words {
    long w[8];
    int n;
};

static struct words *word(struct words *ws, long value) {
    ws->w[ws->n++] = value;
    return ws;
}

static struct words *wide(struct words *ws, unsigned long long value) {
#if __SIZEOF_LONG__ == 8
    return word(ws, (long)value);
#else
#if defined(__arm__) || defined(__mips__)
    if (ws->n % 2 == 1) {
        word(ws, 0);
    }
#endif
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    word(ws, (long)(unsigned long)value);
    return word(ws, (long)(unsigned long)(value >> 32));
#else
    word(ws, (long)(unsigned long)(value >> 32));
    return word(ws, (long)(unsigned long)value);
#endif
#endif
}

/* The stub of the right arity for ws->n words. */
static long stub_call(long nr, const struct words *ws) {
    const long *w = ws->w;
    switch (ws->n) {
    case 0:
        return rawsys_syscall0(nr);
    case 1:
        return rawsys_syscall1(nr, w[0]);
    case 2:
        return rawsys_syscall2(nr, w[0], w[1]);
    case 3:
        return rawsys_syscall3(nr, w[0], w[1], w[2]);
    case 4:
        return rawsys_syscall4(nr, w[0], w[1], w[2], w[3]);
    case 5:
        return rawsys_syscall5(nr, w[0], w[1], w[2], w[3], w[4]);
    case 6:
        return rawsys_syscall6(nr, w[0], w[1], w[2], w[3], w[4], w[5]);
#ifdef RAWSYS_HAS_SYSCALL7
    case 7:
        return rawsys_syscall7(nr, w[0], w[1], w[2], w[3], w[4], w[5], w[6]);
#endif
    default:
        fprintf(stderr, "no stub takes %d words\n", ws->n);
        exit(2);
    }
}

static long libc_call(long nr, const struct words *ws, int *err) {
    const long *w = ws->w;
    long ret;
    LIBC(ret, *err, nr, w[0], w[1], w[2], w[3], w[4], w[5], w[6]);
    return ret;
}

/*
 * The same words through libc's syscall(), compared with what the stub returned. Callers check the
 * stub's side effects (bytes read, a file's size) *before* this, since libc's call would redo them.
 * glibc's syscall() passes at most six arguments on o32, so a seventh word is the stub's alone (and
 * the caller checks it against glibc's own wrapper instead).
 */
static void compare_with_libc(const char *what, long nr, const struct words *ws, long stub) {
    if (ws->n <= 6) {
        int err;
        long libc = libc_call(nr, ws, &err);
        expect_same(what, stub, libc, err);
    }
}

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
    expect_true("  and libc saw ENOENT", ret == -1 && err == ENOENT);
    LIBC(ret, err, SYS_close, -1);
    expect_same("close(-1) is -EBADF", rawsys_syscall1(SYS_close, -1), ret, err);
    LIBC(ret, err, 100000);
    expect_same("an unknown number is -ENOSYS", rawsys_syscall0(100000), ret, err);
    expect_true("  and libc saw ENOSYS", ret == -1 && err == ENOSYS);
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

static void check_two_args(void) {
    struct stat st;
    int fd = memfd_create("rawsys-truncate", MFD_CLOEXEC);
    expect_value("ftruncate (2 args)", rawsys_syscall2(SYS_ftruncate, fd, 3000), 0);
    expect_value("  set the size the 2nd argument named",
                 fstat(fd, &st) == 0 ? (long)st.st_size : -1, 3000);
    close(fd);
}

static void check_four_args(int fd, long page) {
    char stub_byte = 0, libc_byte = 0;
    struct words stub_ws = {.n = 0}, libc_ws = {.n = 0};
    wide(word(word(word(&stub_ws, fd), (long)&stub_byte), 1), page + 7);
    wide(word(word(word(&libc_ws, fd), (long)&libc_byte), 1), page + 7);
    long stub = stub_call(SYS_pread64, &stub_ws);
    expect_value("pread64 at an offset (4 words, or 5-6 with a 64-bit pair)", stub, 1);
    expect_true("  read from the offset the 4th argument named", stub_byte == 'B');
    compare_with_libc("  libc's syscall() agrees", SYS_pread64, &libc_ws, stub);
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

static void check_mmap(int fd, long page) {
#if defined(__s390x__)
    /* s390x's mmap takes one pointer to a block of six arguments: the 6th-argument check is
     * recvfrom. */
    (void)fd;
    (void)page;
#else
#ifdef SYS_mmap2
    long nr = SYS_mmap2, offset = page / 4096; /* 32-bit ABIs: the offset in 4096-byte units */
#else
    long nr = SYS_mmap, offset = page;
#endif
    long addr = rawsys_syscall6(nr, 0, page, PROT_READ | PROT_WRITE, MAP_SHARED, fd, offset);
    expect_true("mmap of a file at an offset (6 args) succeeds", addr < -4095 || addr > 0);
    if (addr >= -4095 && addr < 0) {
        return;
    }
    char *mapped = (char *)addr;
    expect_true("  and maps the page the 6th argument named",
                mapped[0] == 'B' && mapped[page - 1] == 'B');
    mapped[0] = 'C';
    char back = 0;
    expect_true("  a store through the mapping reaches the file",
                pread(fd, &back, 1, page) == 1 && back == 'C');
    expect_value("munmap (2 args) of the stub's mapping", rawsys_syscall2(SYS_munmap, addr, page),
                 0);
    long ret;
    int err;
    LIBC(ret, err, nr, 0, page, PROT_READ, MAP_PRIVATE, -1, 0);
    expect_same("mmap of fd -1 without MAP_ANONYMOUS is -EBADF",
                rawsys_syscall6(nr, 0, page, PROT_READ, MAP_PRIVATE, -1, 0), ret, err);
#endif
}

static void check_recvfrom(void) {
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_DGRAM, 0, sv) != 0) {
        expect_true("socketpair for the recvfrom check", 0);
        return;
    }
    char stub_buf[8] = {0}, libc_buf[8] = {0};
    struct sockaddr_storage from;
    socklen_t stub_len = sizeof from, libc_len = sizeof from;
    send(sv[0], "hello", 5, 0);
    send(sv[0], "hello", 5, 0);
    long ret;
    int err;
    LIBC(ret, err, SYS_recvfrom, sv[1], libc_buf, sizeof libc_buf, 0, &from, &libc_len);
    expect_same("recvfrom (6 args) receives the datagram",
                rawsys_syscall6(SYS_recvfrom, sv[1], (long)stub_buf, sizeof stub_buf, 0,
                                (long)&from, (long)&stub_len),
                ret, err);
    /* An unnamed peer has an empty address: the kernel writes length 0 through the 6th argument. */
    expect_value("  and writes the address length through the 6th argument", (long)stub_len,
                 (long)libc_len);
    expect_true("  which the kernel did change", stub_len != sizeof from);
    close(sv[0]);
    close(sv[1]);
}

/* 64-bit arguments past 4 GiB: the high word must reach the kernel too. */
static void check_wide_arguments(long page) {
    const unsigned long long five_gib = 5ULL << 30, far = (4ULL << 30) + page;
    int fd = memfd_create("rawsys-wide", MFD_CLOEXEC);
    struct stat st;
    struct words ws = {.n = 0};
#ifdef SYS_ftruncate64
    long truncate = SYS_ftruncate64;
#else
    long truncate = SYS_ftruncate;
#endif
    wide(word(&ws, fd), five_gib);
    long stub = stub_call(truncate, &ws);
    expect_value("ftruncate64 to 5 GiB (a 64-bit argument)", stub, 0);
    expect_true("  and the file is 5 GiB",
                fstat(fd, &st) == 0 && (unsigned long long)st.st_size == five_gib);
    if (ftruncate(fd, 0) == 0) {
        compare_with_libc("  libc's syscall() agrees", truncate, &ws, stub);
    }
    if (pwrite(fd, "Z", 1, far) != 1) {
        expect_true("pwrite past 4 GiB for the pread64 check", 0);
        close(fd);
        return;
    }
    char c = 0, libc_c = 0;
    struct words libc_ws = {.n = 0};
    ws.n = 0;
    wide(word(word(word(&ws, fd), (long)&c), 1), far);
    wide(word(word(word(&libc_ws, fd), (long)&libc_c), 1), far);
    stub = stub_call(SYS_pread64, &ws);
    expect_value("pread64 past 4 GiB", stub, 1);
    expect_true("  read the byte written there", c == 'Z');
    compare_with_libc("  libc's syscall() agrees", SYS_pread64, &libc_ws, stub);

    /* fadvise: the stub's result is -posix_fadvise()'s, for a good and a bad advice. */
    for (int advice = POSIX_FADV_NORMAL; advice <= 77; advice += 77) {
        ws.n = 0;
#if defined(__arm__)
        long nr = SYS_arm_fadvise64_64; /* (fd, advice, offset, len): the pairs stay aligned */
        wide(wide(word(word(&ws, fd), advice), far), 4096);
#elif defined(__i386__)
        long nr = SYS_fadvise64_64;
        word(wide(wide(word(&ws, fd), far), 4096), advice);
#else
        long nr = SYS_fadvise64; /* (fd, offset, len, advice); o32 pads after fd: 7 words */
        word(wide(wide(word(&ws, fd), far), 4096), advice);
#endif
        int libc = posix_fadvise(fd, (off_t)far, 4096, advice);
        stub = stub_call(nr, &ws);
        expect_value(advice == 77 ? "fadvise64 with a bad advice is -EINVAL, as posix_fadvise says"
                                  : "fadvise64 past 4 GiB succeeds, as posix_fadvise says",
                     stub, -(long)libc);
        compare_with_libc("  libc's syscall() agrees", nr, &ws, stub);
    }
    close(fd);
}

/* The register words of two calls, for the Java test to compare with SyscallArguments. */
static void print_words(void) {
    struct words ws = {.n = 0};
    wide(word(word(word(&ws, 3), 100), 1), 0x100002000ULL);
    printf("pread64");
    for (int i = 0; i < ws.n; i++) {
        printf(" %ld", ws.w[i]);
    }
    ws.n = 0;
    wide(word(&ws, 3), 0x100002000ULL);
    printf("\nftruncate64");
    for (int i = 0; i < ws.n; i++) {
        printf(" %ld", ws.w[i]);
    }
    printf("\n");
}

int main(int argc, char **argv) {
    if (argc > 1 && strcmp(argv[1], "--words") == 0) {
        print_words();
        return 0;
    }
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
        check_mmap(fd, page);
        close(fd);
    }
    check_five_args(page);
    check_recvfrom();
    check_wide_arguments(page);
    printf("1..%d\n", checks);
    if (failures != 0) {
        printf("# %d of %d checks failed\n", failures, checks);
        return 1;
    }
    return 0;
}
