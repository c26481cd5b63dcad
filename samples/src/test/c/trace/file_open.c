/*
 * Opening and managing descriptors, compared with strace: open, openat, openat2, creat, close,
 * close_range, dup, dup2, dup3, pipe, pipe2, fcntl, flock, umask, memfd_create, inotify_init1,
 * inotify_add_watch, inotify_rm_watch. Run with an empty directory to work in as its argument.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/memfd.h>
#include <linux/openat2.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/inotify.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "trace_test.h"

int main(int argc, char **argv) {
    if (enter_work_dir(argc, argv) != 0) {
        return 1;
    }
    int fd = syscall(SYS_open, "a.txt", O_WRONLY | O_CREAT | O_EXCL, 0640);
    syscall(SYS_open, "a.txt", O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
    syscall(SYS_open, "missing", O_RDONLY);
    syscall(SYS_open, null, O_RDONLY);
    syscall(SYS_open, bad, O_RDWR | O_APPEND);
    syscall(SYS_open, ".", O_RDWR | O_TMPFILE, 0600);
    syscall(SYS_open, ".",
            O_WRONLY | O_SYNC | O_DSYNC | O_DIRECT | O_NOATIME | O_NOCTTY | 0x80000000);
    syscall(SYS_open, "a.txt", O_RDONLY | O_PATH | O_DIRECTORY);
    syscall(SYS_open, "a.txt", 3 | FASYNC | 0100000);
    syscall(SYS_openat, AT_FDCWD, "a.txt", O_RDONLY);
    syscall(SYS_openat, fd, "a.txt", O_RDONLY);
    /* An absolute path ignores the descriptor. O_TRUNC truncates a regular file even with O_RDONLY
     * (root may write any), so the file is /dev/null, which nothing truncates. */
    syscall(SYS_openat, -1, "/dev/null", O_RDONLY | O_TRUNC);
    syscall(SYS_openat, AT_FDCWD, "b.txt", O_WRONLY | O_CREAT, 04755);
    /* -y prints a path like a string, '<' and '>' in octal */
    syscall(SYS_close, syscall(SYS_open, "<7>0 \t\"\\\303\251", O_WRONLY | O_CREAT, 0600));
    syscall(SYS_creat, "c.txt", 0600);
    syscall(SYS_creat, "missing/c.txt", 0600);

    struct open_how how = {.flags = O_RDONLY | O_CLOEXEC,
                           .resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS};
    syscall(SYS_openat2, AT_FDCWD, "a.txt", &how, sizeof how);
    struct open_how create = {.flags = O_WRONLY | O_CREAT, .mode = 0600};
    syscall(SYS_openat2, AT_FDCWD, "d.txt", &create, sizeof create);
    struct open_how odd = {.flags = O_RDONLY, .mode = 0644, .resolve = 0x80};
    syscall(SYS_openat2, AT_FDCWD, "a.txt", &odd, sizeof odd);
    syscall(SYS_openat2, AT_FDCWD, "a.txt", &how, 8);
    /* a larger struct than the kernel's: strace shows its tail when it is not all zero */
    struct {
        struct open_how how;
        unsigned char tail[16];
    } larger = {{.flags = O_RDONLY}, {0}};
    syscall(SYS_openat2, AT_FDCWD, "a.txt", &larger, sizeof larger);
    larger.tail[6] = 1;
    larger.tail[9] = 0x7f;
    syscall(SYS_openat2, AT_FDCWD, "a.txt", &larger, sizeof larger);
    syscall(SYS_openat2, AT_FDCWD, "a.txt", bad, sizeof how);

    int d = dup(fd);
    dup(-1);
    dup2(fd, 20);
    dup2(fd, -1);
    syscall(SYS_dup3, fd, 21, O_CLOEXEC);
    syscall(SYS_dup3, fd, 22, 0);
    syscall(SYS_dup3, fd, fd, 0x40);
    int p[2];
    syscall(SYS_pipe, p);
    syscall(SYS_pipe2, p, O_CLOEXEC | O_NONBLOCK);
    syscall(SYS_pipe2, bad, 0);
    syscall(SYS_pipe2, p, 0x1);

    fcntl(fd, F_GETFD);
    fcntl(fd, F_SETFD, FD_CLOEXEC);
    fcntl(fd, F_GETFD);
    fcntl(fd, F_SETFD, 0);
    fcntl(fd, F_GETFL);
    fcntl(fd, F_SETFL, O_APPEND | O_NONBLOCK);
    fcntl(fd, F_GETFL);
    fcntl(fd, F_DUPFD, 30);
    fcntl(fd, F_DUPFD_CLOEXEC, 40);
    fcntl(-1, F_GETFL);
    struct flock lock = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 10};
    fcntl(fd, F_SETLK, &lock);
    fcntl(fd, F_SETLKW, &lock);
    fcntl(fd, F_GETLK, &lock);
    lock.l_type = F_UNLCK;
    lock.l_whence = SEEK_CUR;
    fcntl(fd, F_SETLK, &lock);
    fcntl(fd, F_SETLK, bad);
    fcntl(fd, F_GETLK, bad);
    struct flock ofd = {.l_type = F_RDLCK, .l_whence = SEEK_END, .l_start = -5, .l_len = 0};
    fcntl(fd, F_OFD_GETLK, &ofd);
    fcntl(fd, F_OFD_SETLK, &ofd);
    fcntl(fd, F_OFD_SETLKW, &ofd);
    fcntl(fd, F_SETOWN, 0);
    fcntl(fd, F_GETOWN);
    struct f_owner_ex owner = {F_OWNER_PID, 0};
    fcntl(fd, F_SETOWN_EX, &owner);
    fcntl(fd, F_GETOWN_EX, &owner);
    fcntl(fd, F_SETSIG, SIGUSR1);
    fcntl(fd, F_GETSIG);
    fcntl(fd, F_SETSIG, 0);
    fcntl(fd, F_GETSIG);
    fcntl(fd, F_GETLEASE);
    fcntl(fd, F_SETLEASE, F_UNLCK);
    fcntl(p[0], F_GETPIPE_SZ);
    fcntl(p[0], F_SETPIPE_SZ, 8192);
    fcntl(fd, F_NOTIFY, DN_CREATE | DN_MULTISHOT);
    fcntl(fd, 12345, 6);

    int m = syscall(SYS_memfd_create, "rawsys", MFD_CLOEXEC | MFD_ALLOW_SEALING);
    syscall(SYS_memfd_create, "huge", MFD_HUGETLB | MFD_HUGE_2MB);
    syscall(SYS_memfd_create, "", 0);
    syscall(SYS_memfd_create, bad, 0);
    syscall(SYS_memfd_create, "x", 0x1000);
    fcntl(m, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW);
    fcntl(m, F_GET_SEALS);
    fcntl(fd, F_GET_SEALS);

    flock(fd, LOCK_SH);
    flock(fd, LOCK_EX | LOCK_NB);
    flock(fd, LOCK_UN);
    flock(-1, LOCK_EX);
    flock(fd, 0);

    umask(022);
    umask(0777);
    umask(0);

    int in = syscall(SYS_inotify_init1, IN_NONBLOCK | IN_CLOEXEC);
    syscall(SYS_inotify_init1, 0);
    int w = syscall(SYS_inotify_add_watch, in, ".", IN_CREATE | IN_DELETE | IN_ONLYDIR);
    syscall(SYS_inotify_add_watch, in, "missing", IN_ALL_EVENTS);
    syscall(SYS_inotify_add_watch, in, ".", 0);
    syscall(SYS_inotify_rm_watch, in, w);
    syscall(SYS_inotify_rm_watch, in, 99);

    close(d);
    syscall(SYS_close_range, 20, 22, 0);
    syscall(SYS_close_range, 30, ~0U, CLOSE_RANGE_CLOEXEC);
    syscall(SYS_close_range, 3, 2, 0);
    syscall(SYS_close_range, 100, 200, 0x8);
    return 0;
}
