/*
 * fanotify_init, fanotify_mark, name_to_handle_at, open_by_handle_at, membarrier, pivot_root,
 * sysfs and set_mempolicy_home_node for rawsys trace's comparison with strace, as they work and as
 * the kernel refuses them (bad descriptors and pointers, unknown commands and flags, sizes it
 * rejects).
 *
 * Nothing here changes the machine: fanotify marks are put only on the work directory this program
 * is given (its argument, which the test empties before each run) and removed again, and the
 * group's descriptor is closed; file handles are only asked for and opened read-only (the root
 * directory's, which is the same in every run); membarrier only queries, or is refused (EPERM: the
 * private commands without registering, EINVAL: unknown commands and flags); pivot_root is only
 * made so that the kernel refuses it (paths that do not exist, NULL and bad pointers, and two
 * directories of the work directory that are no mount points: EBUSY or EINVAL); sysfs only reads
 * the names of the kernel's filesystem types; set_mempolicy_home_node is made on this program's own
 * memory, where nothing has a policy it could change, or with arguments the kernel refuses.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <string.h>
#include <sys/fanotify.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "trace_test.h"

/* Globals: the program is built without PIE, so sysfs's raw words are the same in every run. */
static char fs_name[256];
static struct {
    unsigned int handle_bytes;
    int handle_type;
    unsigned char f_handle[200];
} handle;
static int mount_id;

static long sc(long nr, long a, long b, long c, long d, long e) {
    return syscall(nr, a, b, c, d, e);
}

/* fanotify_mark's 64-bit mask: one word, or a pair of words on i386 */
static long mark(int fd, unsigned flags, uint64_t mask, int dirfd, const void *path) {
#if defined __i386__
    return syscall(SYS_fanotify_mark, fd, flags, (uint32_t)mask, (uint32_t)(mask >> 32), dirfd,
                   path);
#else
    return syscall(SYS_fanotify_mark, fd, flags, mask, dirfd, path);
#endif
}

static void fanotify(void) {
    /* a group with the class and other flags; then what the kernel refuses */
    int fd = (int)sc(SYS_fanotify_init, FAN_CLASS_NOTIF | FAN_CLOEXEC | FAN_NONBLOCK,
                     O_RDONLY | O_LARGEFILE, 0, 0, 0);
    sc(SYS_fanotify_init, FAN_CLASS_CONTENT | FAN_CLASS_PRE_CONTENT, O_RDWR, 0, 0, 0);
    sc(SYS_fanotify_init, 0xfffff000 | FAN_REPORT_FID, O_WRONLY | O_CLOEXEC | 0x4000000, 0, 0, 0);
    sc(SYS_fanotify_init, FAN_CLASS_PRE_CONTENT | FAN_UNLIMITED_QUEUE, 3, 0, 0, 0);

    /* marks on the work directory only, added then removed */
    mark(fd, FAN_MARK_ADD | FAN_MARK_ONLYDIR,
         FAN_OPEN | FAN_CLOSE_WRITE | FAN_ONDIR | FAN_EVENT_ON_CHILD, AT_FDCWD, ".");
    mark(fd, FAN_MARK_ADD | FAN_MARK_DONT_FOLLOW, FAN_MODIFY, -1, ".");
    int dir = open(".", O_RDONLY | O_DIRECTORY);
    mark(fd, FAN_MARK_REMOVE, FAN_OPEN | FAN_CLOSE_WRITE | FAN_ONDIR | FAN_EVENT_ON_CHILD, dir,
         null);
    mark(fd, FAN_MARK_REMOVE, FAN_MODIFY, -1, ".");
    mark(fd, FAN_MARK_FLUSH, 0, -1, null);
    /* refused: a bad descriptor, unknown flags and events, bad paths */
    mark(-1, FAN_MARK_ADD, FAN_ACCESS, AT_FDCWD, ".");
    mark(fd, 0xfffff800, 0xffffffff00000000ULL | FAN_ACCESS, AT_FDCWD, ".");
    mark(fd, FAN_MARK_ADD, 0x20000000, -100, "does-not-exist");
    mark(fd, FAN_MARK_ADD | FAN_MARK_MOUNT, FAN_OPEN, -5, bad);
    mark(fd, FAN_MARK_ADD | FAN_MARK_FILESYSTEM, FAN_OPEN, -5, ".");
    close(dir);
    close(fd);
}

static void handles(void) {
    /* the root directory's handle: the same in every run */
    handle.handle_bytes = 128;
    sc(SYS_name_to_handle_at, AT_FDCWD, (long)"/", (long)&handle, (long)&mount_id, 0);
    int fd = (int)sc(SYS_open_by_handle_at, AT_FDCWD, (long)&handle, O_RDONLY | O_DIRECTORY, 0, 0);
    close(fd);
    /* too small a buffer: EOVERFLOW, and the size it needs */
    handle.handle_bytes = 0;
    sc(SYS_name_to_handle_at, AT_FDCWD, (long)"/", (long)&handle, (long)&mount_id,
       AT_SYMLINK_FOLLOW);
    /* refused: bad pointers, unknown flags, a path that does not exist */
    handle.handle_bytes = 128;
    sc(SYS_name_to_handle_at, AT_FDCWD, (long)"/", (long)bad, (long)&mount_id, 0);
    sc(SYS_name_to_handle_at, AT_FDCWD, (long)"/", (long)null, (long)null, 0);
    sc(SYS_name_to_handle_at, AT_FDCWD, (long)"/", (long)&handle, (long)bad, 0);
    sc(SYS_name_to_handle_at, -1, (long)"", (long)&handle, (long)&mount_id,
       AT_EMPTY_PATH | 0x4000000);
    sc(SYS_name_to_handle_at, AT_FDCWD, (long)"does-not-exist", (long)&handle, (long)&mount_id, 0);
    /* open_by_handle_at: a handle the kernel does not know, one too long, bad pointers */
    handle.handle_type = 0x7eadbeef;
    sc(SYS_open_by_handle_at, AT_FDCWD, (long)&handle, O_RDONLY, 0, 0);
    handle.handle_bytes = 200;
    memset(handle.f_handle, 0xab, sizeof handle.f_handle);
    sc(SYS_open_by_handle_at, AT_FDCWD, (long)&handle, O_RDWR | O_CLOEXEC, 0, 0);
    sc(SYS_open_by_handle_at, -1, (long)bad, O_RDONLY, 0, 0);
    sc(SYS_open_by_handle_at, 1000, (long)null, 0xfffff, 0, 0);
}

static void barriers(void) {
    sc(SYS_membarrier, 0 /* MEMBARRIER_CMD_QUERY */, 0, 0, 0, 0);
    sc(SYS_membarrier, 0, 1 /* MEMBARRIER_CMD_FLAG_CPU */, 3, 0, 0);
    sc(SYS_membarrier, 0, 1, -1, 0, 0);
    sc(SYS_membarrier, 8 /* PRIVATE_EXPEDITED, not registered: EPERM */, 0, 0, 0, 0);
    sc(SYS_membarrier, 0x400, 0, 0, 0, 0);
    sc(SYS_membarrier, -1, 6, 7, 0, 0);
    sc(SYS_membarrier, 0x81, 0xffffffff, 0, 0, 0);
}

static void roots(void) {
    /* refused, never carried out: see the comment at the top */
    mkdir("a", 0755);
    mkdir("a/b", 0755);
    sc(SYS_pivot_root, (long)"a", (long)"a/b", 0, 0, 0);
    sc(SYS_pivot_root, (long)"does-not-exist", (long)"a", 0, 0, 0);
    sc(SYS_pivot_root, (long)null, (long)bad, 0, 0, 0);
}

static void filesystems(void) {
    long index = sc(SYS_sysfs, 1, (long)"proc", 0, 0, 0);
    sc(SYS_sysfs, 2, index, (long)fs_name, 0, 0);
    sc(SYS_sysfs, 3, 0, 0, 0, 0);
    sc(SYS_sysfs, 1, (long)"no-such-filesystem", 0, 0, 0);
    sc(SYS_sysfs, 2, 100000, (long)fs_name, 0, 0);
    sc(SYS_sysfs, 4, 0, 0, 0, 0);
}

static void home_node(void) {
    /* at an address of its choosing, free in a program built without PIE, so that the lines are
       the same in every run */
    void *p = mmap((void *)0x10000000, 8192, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    if (p == MAP_FAILED) {
        return;
    }
    sc(SYS_set_mempolicy_home_node, (long)p, 8192, 0, 0, 0);
    sc(SYS_set_mempolicy_home_node, (long)p, 8192, 0, 1, 0);
    sc(SYS_set_mempolicy_home_node, 1, 4096, 0, 0, 0);
    sc(SYS_set_mempolicy_home_node, 0, 0, 0xffffffff, 0xff, 0);
    sc(SYS_set_mempolicy_home_node, (long)p, -1, ULONG_MAX, 0, 0);
    munmap(p, 8192);
}

int main(int argc, char **argv) {
    if (enter_work_dir(argc, argv) != 0) {
        return 1;
    }
    fanotify();
    handles();
    barriers();
    roots();
    filesystems();
    home_node();
    return 0;
}
