/*
 * The file calls a 32-bit x86 program makes in their own forms, compared with strace: stat64,
 * lstat64, fstat64, fstatat64, the old stat, _llseek, fcntl64 (64-bit locks), truncate64,
 * ftruncate64, fadvise64, fadvise64_64, statfs64, fstatfs64, sendfile64, chown32. Built with
 * i686-linux-gnu-gcc -static; run with an empty directory to work in as its argument.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef __i386__
#error "an i386 program"
#endif

/* Addresses the compiler cannot see through: the kernel must be the one to refuse them. */
static void *volatile bad = (void *)8;
static void *volatile null;

/* The kernel's struct flock64 on i386: 64-bit offsets, packed after the two shorts. */
struct flock64_i386 {
    short l_type;
    short l_whence;
    int64_t l_start;
    int64_t l_len;
    int l_pid;
} __attribute__((packed));

int main(int argc, char **argv) {
    if (argc > 1 && chdir(argv[1]) != 0) { /* the directory to work in */
        return 1;
    }
    char st[256];
    int fd = open("file.txt", O_RDWR | O_CREAT | O_EXCL, 0640);
    write(fd, "twelve bytes", 12);
    symlink("file.txt", "link");
    syscall(SYS_stat64, "file.txt", st);
    syscall(SYS_stat64, "missing", st);
    syscall(SYS_stat64, "file.txt", bad);
    syscall(SYS_lstat64, "link", st);
    syscall(SYS_fstat64, fd, st);
    syscall(SYS_fstat64, -1, st);
    syscall(SYS_stat64, "/dev/null", st);
    syscall(SYS_fstatat64, AT_FDCWD, "link", st, AT_SYMLINK_NOFOLLOW);
    syscall(SYS_fstatat64, fd, "", st, AT_EMPTY_PATH);
    syscall(SYS_stat, "file.txt", st);
    syscall(SYS_lstat, "link", st);
    syscall(SYS_fstat, fd, st);

    int64_t where = 0;
    syscall(SYS__llseek, fd, 0, 5, &where, SEEK_SET);
    syscall(SYS__llseek, fd, 1, 0, &where, SEEK_SET);
    syscall(SYS__llseek, fd, -1, -2, &where, SEEK_CUR);
    syscall(SYS__llseek, fd, 0, 0, bad, SEEK_END);
    syscall(SYS__llseek, -1, 0, 0, &where, SEEK_SET);

    struct flock64_i386 lock = {F_WRLCK, SEEK_SET, 0x100000000LL, 10, 0};
    syscall(SYS_fcntl64, fd, F_SETLK64, &lock);
    syscall(SYS_fcntl64, fd, F_SETLKW64, &lock);
    syscall(SYS_fcntl64, fd, F_GETLK64, &lock);
    syscall(SYS_fcntl64, fd, F_GETLK64, bad);
    syscall(SYS_fcntl64, fd, F_GETFL);
    syscall(SYS_fcntl64, fd, F_SETFL, O_NONBLOCK);
    syscall(SYS_fcntl, fd, F_GETFL);
    syscall(SYS_fcntl, fd, F_SETLK64, &lock);

    syscall(SYS_ftruncate64, fd, 0x12345678, 0);
    syscall(SYS_ftruncate64, -1, 1, 0);
    syscall(SYS_truncate64, "file.txt", 100, 0);
    syscall(SYS_truncate64, null, 0, 0);
    syscall(SYS_fadvise64_64, fd, 1, 0, 2, 0, 2);
    syscall(SYS_fadvise64_64, fd, 0, 1, 0, 0, 99);
    syscall(SYS_fadvise64, fd, 4, 0, 100, 4);

    char sfs[128];
    syscall(SYS_statfs64, "/proc", 84, sfs);
    syscall(SYS_statfs64, "missing", 84, sfs);
    syscall(SYS_statfs64, "/proc", 10, sfs);
    int proc = open("/proc", O_RDONLY | O_DIRECTORY);
    syscall(SYS_fstatfs64, proc, 84, sfs);

    int out = open("copy.txt", O_WRONLY | O_CREAT | O_EXCL, 0600);
    int64_t off = 2;
    syscall(SYS_sendfile64, out, fd, &off, 4);
    syscall(SYS_sendfile64, out, fd, null, 4);
    char buf[16];
    syscall(SYS_pread64, fd, buf, 4, 3, 0);
    syscall(SYS_pwrite64, fd, "xy", 2, 1, 0);
    syscall(SYS_chown32, "file.txt", -1, 0);
    syscall(SYS_lchown32, "link", 0, -1);
    syscall(SYS_fchown32, fd, -1, -1);
    syscall(SYS_chown, "file.txt", 0xffff, 0);
    return 0;
}
