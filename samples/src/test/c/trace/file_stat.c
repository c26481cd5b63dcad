/*
 * Looking at files, compared with strace: stat, fstat, lstat, newfstatat, statx, statfs, fstatfs,
 * access, faccessat, faccessat2, readlink, readlinkat, getdents, getdents64. Run with an
 * empty directory to work in as its argument.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <unistd.h>

/* Addresses the compiler cannot see through: the kernel must be the one to refuse them. */
static void *volatile bad = (void *)8;
static void *volatile null;

int main(int argc, char **argv) {
    if (argc > 1 && chdir(argv[1]) != 0) { /* the directory to work in */
        return 1;
    }
    int fd = open("file.txt", O_RDWR | O_CREAT | O_EXCL, 0640);
    write(fd, "twelve bytes", 12);
    symlink("file.txt", "link");
    mkdir("dir", 0750);
    close(open("dir/one", O_WRONLY | O_CREAT, 0600));
    close(open("dir/two", O_WRONLY | O_CREAT, 0600));

    struct stat st;
    syscall(SYS_stat, "file.txt", &st);
    syscall(SYS_stat, "missing", &st);
    syscall(SYS_stat, "file.txt", bad);
    syscall(SYS_stat, null, &st);
    syscall(SYS_lstat, "link", &st);
    syscall(SYS_lstat, "dir", &st);
    syscall(SYS_fstat, fd, &st);
    syscall(SYS_fstat, -1, &st);
    syscall(SYS_stat, "/dev/null", &st);
    syscall(SYS_newfstatat, AT_FDCWD, "link", &st, AT_SYMLINK_NOFOLLOW);
    syscall(SYS_newfstatat, fd, "", &st, AT_EMPTY_PATH);
    syscall(SYS_newfstatat, AT_FDCWD, "dir", &st, 0);
    syscall(SYS_newfstatat, AT_FDCWD, "file.txt", &st, 0x80000);
    syscall(SYS_newfstatat, AT_FDCWD, "file.txt", &st, AT_NO_AUTOMOUNT | 0x4);
    chmod("file.txt", 06755);
    syscall(SYS_stat, "file.txt", &st);
    chmod("file.txt", 01640);
    syscall(SYS_stat, "file.txt", &st);

    struct statx stx;
    syscall(SYS_statx, AT_FDCWD, "file.txt", 0, STATX_BASIC_STATS, &stx);
    syscall(SYS_statx, AT_FDCWD, "link", AT_SYMLINK_NOFOLLOW | AT_STATX_DONT_SYNC,
            STATX_TYPE | STATX_SIZE | STATX_BTIME, &stx);
    syscall(SYS_statx, fd, "", AT_EMPTY_PATH | AT_STATX_FORCE_SYNC, STATX_ALL, &stx);
    syscall(SYS_statx, AT_FDCWD, "missing", 0, STATX_ALL, &stx);
    syscall(SYS_statx, AT_FDCWD, "file.txt", AT_STATX_SYNC_TYPE, 0, &stx);
    syscall(SYS_statx, AT_FDCWD, "file.txt", 0, 0x80000000, &stx);
    syscall(SYS_statx, AT_FDCWD, "/dev/null", 0, STATX_MODE, bad);

    struct statfs sfs;
    statfs("/proc", &sfs);
    statfs("missing", &sfs);
    statfs("/proc", bad);
    int proc = open("/proc", O_RDONLY | O_DIRECTORY);
    fstatfs(proc, &sfs);
    fstatfs(-1, &sfs);

    syscall(SYS_access, "file.txt", R_OK | W_OK);
    syscall(SYS_access, "file.txt", F_OK);
    syscall(SYS_access, "missing", X_OK);
    syscall(SYS_access, "file.txt", 0x10);
    syscall(SYS_faccessat, AT_FDCWD, "file.txt", R_OK);
    syscall(SYS_faccessat, fd, "x", W_OK | X_OK);
    syscall(SYS_faccessat2, AT_FDCWD, "link", R_OK, AT_SYMLINK_NOFOLLOW | AT_EACCESS);
    syscall(SYS_faccessat2, fd, "", F_OK, AT_EMPTY_PATH);
    syscall(SYS_faccessat2, AT_FDCWD, "file.txt", 0x8, 0x1);

    char buf[64];
    syscall(SYS_readlink, "link", buf, sizeof buf);
    syscall(SYS_readlink, "link", buf, 4);
    syscall(SYS_readlink, "file.txt", buf, sizeof buf);
    syscall(SYS_readlink, "link", bad, sizeof buf);
    syscall(SYS_readlinkat, AT_FDCWD, "link", buf, sizeof buf);
    syscall(SYS_readlinkat, proc, "self/cwd", buf, sizeof buf);
    syscall(SYS_readlinkat, fd, "", buf, sizeof buf);

    char dents[4096];
    int dir = open("dir", O_RDONLY | O_DIRECTORY);
    syscall(SYS_getdents64, dir, dents, sizeof dents);
    syscall(SYS_getdents64, dir, dents, sizeof dents);
    syscall(SYS_getdents64, fd, dents, sizeof dents);
    syscall(SYS_getdents64, dir, bad, sizeof dents);
    lseek(dir, 0, SEEK_SET);
    syscall(SYS_getdents, dir, dents, sizeof dents);
    lseek(dir, 0, SEEK_SET);
    syscall(SYS_getdents64, dir, dents, 30);
    return 0;
}
