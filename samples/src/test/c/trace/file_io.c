/*
 * Reads and writes, compared with strace: read, write, pread64, pwrite64, readv, writev, preadv,
 * pwritev, preadv2, pwritev2, lseek, sendfile, copy_file_range, splice, fsync, fdatasync,
 * fadvise64, fallocate, truncate, ftruncate, sync, syncfs, vmsplice, readahead, sync_file_range;
 * successes, failures and bad addresses.
 * Run with an empty directory to work in as its argument.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/sendfile.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

/* Addresses the compiler cannot see through: the kernel must be the one to refuse them. */
static void *volatile bad = (void *)8;
static void *volatile null;

static const char text[] = "hello, \"trace\"\n\t\001\377 and some more bytes past thirty-two";

int main(int argc, char **argv) {
    if (argc > 1 && chdir(argv[1]) != 0) { /* the directory to work in */
        return 1;
    }
    int fd = open("data.txt", O_RDWR | O_CREAT | O_TRUNC, 0644);
    char buf[128];
    write(fd, text, sizeof text - 1);
    write(fd, text, 0);
    write(-1, text, 4);
    write(fd, bad, 4);
    lseek(fd, 0, SEEK_SET);
    lseek(fd, -3, SEEK_END);
    lseek(fd, 5, SEEK_CUR);
    lseek(fd, 0, 7);
    lseek(-1, 0, SEEK_DATA);
    read(fd, buf, sizeof buf);
    lseek(fd, 0, SEEK_SET);
    read(fd, buf, sizeof buf);
    lseek(fd, 0, SEEK_SET);
    read(fd, bad, 4);
    pread(fd, buf, 10, 2);
    pread(fd, buf, 10, 1000);
    read(fd, null, 4);
    read(99, buf, 4);
    pwrite(fd, "AB", 2, 1);

    struct iovec iov[3] = {{buf, 5}, {buf + 5, 40}, {buf + 45, 3}};
    struct iovec wiov[2] = {{(void *)text, 6}, {(void *)(text + 6), 9}};
    writev(fd, wiov, 2);
    writev(fd, wiov, 0);
    writev(fd, bad, 2);
    lseek(fd, 0, SEEK_SET);
    readv(fd, iov, 3);
    readv(fd, iov, 1);
    readv(-1, iov, 2);
    preadv(fd, iov, 2, 4);
    pwritev(fd, wiov, 2, 100);
    preadv2(fd, iov, 2, 0, RWF_HIPRI);
    pwritev2(fd, wiov, 1, -1, RWF_DSYNC | RWF_APPEND);
    preadv2(fd, iov, 1, 0, 0x40);

    int out = open("copy.txt", O_WRONLY | O_CREAT | O_EXCL, 0600);
    off_t off = 3;
    sendfile(out, fd, &off, 7);
    sendfile(out, fd, NULL, 4);
    sendfile(out, -1, &off, 4);
    loff_t in_off = 2, out_off = 50;
    copy_file_range(fd, &in_off, out, &out_off, 5, 0);
    copy_file_range(fd, NULL, out, NULL, 3, 0);
    int p[2];
    pipe(p);
    loff_t soff = 1;
    splice(fd, &soff, p[1], NULL, 6, SPLICE_F_MOVE | SPLICE_F_NONBLOCK);
    splice(p[0], NULL, out, NULL, 6, SPLICE_F_MORE | SPLICE_F_GIFT | 0x100);
    tee(p[0], p[1], 1, 0);
    struct iovec gift = {(void *)text, 3};
    vmsplice(p[1], &gift, 1, SPLICE_F_GIFT);
    vmsplice(-1, &gift, 1, 0);
    readahead(fd, 0, 4096);
    readahead(-1, 1, 1);
    sync_file_range(fd, 0, 10, SYNC_FILE_RANGE_WAIT_BEFORE | SYNC_FILE_RANGE_WRITE);
    sync_file_range(fd, 0, 0, 0x10);
    fsync(fd);
    fdatasync(out);
    fsync(-1);
    posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
    posix_fadvise(fd, 100, 4096, POSIX_FADV_DONTNEED);
    syscall(SYS_fadvise64, fd, 0, 0, 99);
    fallocate(fd, 0, 0, 4096);
    fallocate(fd, FALLOC_FL_KEEP_SIZE | FALLOC_FL_PUNCH_HOLE, 10, 20);
    fallocate(-1, 0x80, 0, 1);
    ftruncate(fd, 42);
    ftruncate(-1, 1);
    truncate("copy.txt", 3);
    truncate("missing/file", 0);
    truncate(null, 0);
    sync();
    syncfs(fd);
    close(out);
    close(fd);
    close(-1);
    return 0;
}
