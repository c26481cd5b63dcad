/*
 * Changing names and attributes, compared with strace: mkdir, mkdirat, rmdir, unlink, unlinkat,
 * rename, renameat, renameat2, link, linkat, symlink, symlinkat, chdir, fchdir, getcwd, chmod,
 * fchmod, fchmodat, chown, fchown, lchown, fchownat, mknod, mknodat, chroot, utimensat, utimes,
 * futimesat, utime, and the xattr calls. Run with an
 * empty directory to work in as its argument.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/time.h>
#include <sys/xattr.h>
#include <time.h>
#include <unistd.h>
#include <utime.h>

/* Addresses the compiler cannot see through: the kernel must be the one to refuse them. */
static void *volatile bad = (void *)8;
static void *volatile null;

int main(int argc, char **argv) {
    if (argc > 1 && chdir(argv[1]) != 0) { /* the directory to work in */
        return 1;
    }
    syscall(SYS_mkdir, "d", 0755);
    syscall(SYS_mkdir, "d", 0700);
    syscall(SYS_mkdir, null, 0700);
    syscall(SYS_mkdirat, AT_FDCWD, "e", 01777);
    int d = open("d", O_RDONLY | O_DIRECTORY);
    syscall(SYS_mkdirat, d, "sub", 0);
    syscall(SYS_rmdir, "e");
    syscall(SYS_rmdir, "missing");
    int fd = open("f", O_WRONLY | O_CREAT, 0644);
    syscall(SYS_link, "f", "g");
    syscall(SYS_link, "f", "g");
    syscall(SYS_linkat, AT_FDCWD, "f", d, "h", 0);
    syscall(SYS_linkat, fd, "", AT_FDCWD, "i", AT_EMPTY_PATH);
    syscall(SYS_linkat, AT_FDCWD, "f", AT_FDCWD, "j", AT_SYMLINK_FOLLOW | 0x2);
    syscall(SYS_symlink, "f", "s");
    syscall(SYS_symlink, "target/that/is/long", "s2");
    syscall(SYS_symlinkat, "f", d, "s3");
    syscall(SYS_symlinkat, bad, AT_FDCWD, "s4");
    syscall(SYS_rename, "g", "g2");
    syscall(SYS_rename, "missing", "x");
    syscall(SYS_renameat, AT_FDCWD, "g2", d, "g3");
    syscall(SYS_renameat2, d, "g3", AT_FDCWD, "g4", RENAME_NOREPLACE);
    syscall(SYS_renameat2, AT_FDCWD, "g4", AT_FDCWD, "f", RENAME_EXCHANGE);
    syscall(SYS_renameat2, AT_FDCWD, "f", AT_FDCWD, "g4",
            RENAME_NOREPLACE | RENAME_WHITEOUT | 0x10);
    syscall(SYS_renameat2, AT_FDCWD, "f", AT_FDCWD, "g4", 0);
    syscall(SYS_unlink, "s2");
    syscall(SYS_unlink, "missing");
    syscall(SYS_unlinkat, d, "h", 0);
    syscall(SYS_unlinkat, d, "sub", AT_REMOVEDIR);
    syscall(SYS_unlinkat, AT_FDCWD, "f", 0x1);

    syscall(SYS_chmod, "g4", 0600);
    syscall(SYS_chmod, "missing", 04777);
    syscall(SYS_fchmod, fd, 0640);
    syscall(SYS_fchmod, -1, 0);
    syscall(SYS_fchmodat, AT_FDCWD, "g4", 02755);
    syscall(SYS_fchmodat, d, "missing", 0644);
    syscall(SYS_chown, "g4", -1, -1);
    syscall(SYS_chown, "g4", 0, 0);
    syscall(SYS_lchown, "s", 1, -1);
    syscall(SYS_fchown, fd, -1, 0);
    syscall(SYS_fchown, -1, 0, 0);
    syscall(SYS_fchownat, AT_FDCWD, "s", 0, 0, AT_SYMLINK_NOFOLLOW);
    syscall(SYS_fchownat, fd, "", -1, -1, AT_EMPTY_PATH);
    syscall(SYS_fchownat, AT_FDCWD, "g4", 0, 0, 0x1);

    struct timespec times[2] = {{1, 2}, {1700000000, 123456789}};
    syscall(SYS_utimensat, AT_FDCWD, "g4", times, 0);
    struct timespec special[2] = {{0, UTIME_NOW}, {0, UTIME_OMIT}};
    syscall(SYS_utimensat, AT_FDCWD, "s", special, AT_SYMLINK_NOFOLLOW);
    syscall(SYS_utimensat, fd, null, null, 0);
    syscall(SYS_utimensat, AT_FDCWD, "missing", bad, 0);
    struct timespec invalid[2] = {{0, 1000000000}, {-1, 0}};
    syscall(SYS_utimensat, AT_FDCWD, "g4", invalid, 0);

    struct timeval tv[2] = {{1, 2}, {1700000000, 999999}};
    syscall(SYS_utimes, "g4", tv);
    syscall(SYS_utimes, "g4", null);
    syscall(SYS_utimes, "g4", bad);
    syscall(SYS_futimesat, AT_FDCWD, "g4", tv);
    struct utimbuf when = {5, 6};
    syscall(SYS_utime, "g4", &when);
    syscall(SYS_utime, "missing", null);

    syscall(SYS_mknod, "fifo", S_IFIFO | 0644, 0);
    syscall(SYS_mknod, "chr", S_IFCHR | 0600, makedev(1, 3));
    syscall(SYS_mknod, "reg", 0600, 0);
    syscall(SYS_mknodat, AT_FDCWD, "blk", S_IFBLK | 0600, makedev(8, 0x12345));
    syscall(SYS_mknodat, d, "sock", S_IFSOCK | S_ISGID | 0600, 0);
    syscall(SYS_mknod, "fifo", S_IFIFO | 0644, 0);
    syscall(SYS_chroot, "missing");

    setxattr("g4", "user.rawsys", "value", 5, XATTR_CREATE);
    setxattr("g4", "user.rawsys", "value2", 6, XATTR_CREATE);
    lsetxattr("g4", "user.other", "\001\002binary\n", 9, XATTR_REPLACE);
    fsetxattr(fd, "user.second", "x", 1, 0);
    fsetxattr(fd, "user.third", "y", 1, 0x4);
    char value[64];
    getxattr("g4", "user.rawsys", value, sizeof value);
    getxattr("g4", "user.rawsys", value, 0);
    getxattr("g4", "user.rawsys", value, 2);
    lgetxattr("g4", "user.missing", value, sizeof value);
    fgetxattr(fd, "user.second", value, sizeof value);
    getxattr("g4", "user.rawsys", bad, sizeof value);
    char names[128];
    listxattr("g4", names, sizeof names);
    listxattr("g4", null, 0);
    llistxattr("s", names, sizeof names);
    flistxattr(fd, names, 4);
    flistxattr(fd, bad, sizeof names);
    removexattr("g4", "user.rawsys");
    lremovexattr("g4", "user.missing");
    fremovexattr(fd, "user.second");
    fremovexattr(-1, "user.second");

    char cwd[4096];
    syscall(SYS_chdir, "d");
    syscall(SYS_getcwd, cwd, sizeof cwd);
    syscall(SYS_getcwd, cwd, 2);
    syscall(SYS_getcwd, bad, sizeof cwd);
    syscall(SYS_chdir, "missing");
    syscall(SYS_chdir, "..");
    syscall(SYS_fchdir, d);
    syscall(SYS_fchdir, fd);
    syscall(SYS_fchdir, -1);
    return 0;
}
