/*
 * Mounting, for AdminDecodersIT: mount, umount2 (and i386's umount), the new mount API (fsopen,
 * fsconfig, fsmount, fspick, open_tree, move_mount, mount_setattr), each as it works and as the
 * kernel refuses it (bad flags, bad pointers, sizes it does not take).
 *
 * Nothing here touches the host's mounts: the program first moves into a mount namespace of its own
 * (in a user namespace of its own too when it is not root) and makes every mount in it private, so
 * that no mount or unmount made afterwards propagates anywhere; the namespace goes away with the
 * program. It exits with 2 when it cannot have such a namespace (the test then skips).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/mount.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "trace_test.h"

#ifndef MS_MGC_VAL
#define MS_MGC_VAL 0xc0ed0000
#endif
#ifndef MNT_DETACH
#define MNT_DETACH 2
#endif

int main(int argc, char **argv) {
    if (enter_work_dir(argc, argv) != 0) {
        return 1;
    }
    /* a mount namespace of our own (and a user namespace when unprivileged): never the host's */
    if (unshare(CLONE_NEWNS) != 0 && unshare(CLONE_NEWUSER | CLONE_NEWNS) != 0) {
        perror("unshare");
        return 2;
    }
    if (mkdir("m", 0700) != 0 || mkdir("n", 0700) != 0) {
        return 1;
    }

    /* mount: propagation private first (within the new namespace), then a tmpfs and remounts */
    sys(SYS_mount, (long)"none", (long)"/", 0, MS_REC | MS_PRIVATE, 0);
    sys(SYS_mount, (long)"tmpfs", (long)"m", (long)"tmpfs", MS_NOSUID | MS_NODEV,
        (long)"size=1m,mode=0700");
    sys(SYS_mount, (long)"none", (long)"m", (long)"tmpfs", MS_REMOUNT | MS_RDONLY | MS_NOSUID,
        (long)"size=2m");
    sys(SYS_mount, (long)"m", (long)"n", (long)"ignored", MS_BIND | MS_REC, (long)"ignored");
    sys(SYS_mount, (long)"none", (long)"n", 0, MS_MGC_VAL | MS_SLAVE, 0);
    sys(SYS_mount, (long)"none", (long)"n", 0, MS_MGC_VAL, 0);
    sys(SYS_umount2, (long)"n", MNT_DETACH, 0, 0, 0);
    /* refused: an unknown filesystem type, bad pointers, every flag, a path that does not exist */
    sys(SYS_mount, (long)"none", (long)"n", (long)"nosuchfs", 0, 0);
    sys(SYS_mount, (long)bad, (long)"n", (long)bad, 0, (long)bad);
    sys(SYS_mount, (long)"none", (long)bad, (long)"tmpfs", -1L, 0);
    sys(SYS_mount, 0, (long)"missing", 0, MS_MOVE, 0);

    /* umount2: no flags, an unknown flag, every flag, a bad pointer, a path that is no mount */
    sys(SYS_umount2, (long)"m", 0x10, 0, 0, 0);
    sys(SYS_umount2, (long)"m", -1L, 0, 0, 0);
    sys(SYS_umount2, (long)bad, 0, 0, 0, 0);
    sys(SYS_umount2, (long)"n", 0, 0, 0, 0);
    sys(SYS_umount2, (long)"m", 0, 0, 0, 0);
#ifdef SYS_umount
    sys(SYS_umount, (long)"missing", 0, 0, 0, 0);
    sys(SYS_umount, (long)bad, 0, 0, 0, 0);
#endif

    /* fsopen, fsconfig with every command, fsmount, move_mount: a tmpfs mounted the new way */
    int fs = (int)sys(SYS_fsopen, (long)"tmpfs", FSOPEN_CLOEXEC, 0, 0, 0);
    sys(SYS_fsopen, (long)"nosuchfs", 0, 0, 0, 0);
    sys(SYS_fsopen, (long)bad, 0x2, 0, 0, 0);
    sys(SYS_fsconfig, fs, FSCONFIG_SET_STRING, (long)"size", (long)"1m", 0);
    sys(SYS_fsconfig, fs, FSCONFIG_SET_STRING, (long)"mode", (long)"0700", 0);
    sys(SYS_fsconfig, fs, FSCONFIG_SET_FLAG, (long)"nosuchflag", 0, 0);
    sys(SYS_fsconfig, fs, FSCONFIG_SET_BINARY, (long)"size", (long)"\1\2\3\0x", 5);
    sys(SYS_fsconfig, fs, FSCONFIG_SET_BINARY, (long)"size", (long)"big", -1);
    sys(SYS_fsconfig, fs, FSCONFIG_SET_PATH, (long)"source", (long)"/", AT_FDCWD);
    sys(SYS_fsconfig, fs, FSCONFIG_SET_PATH_EMPTY, (long)"source", (long)"", fs);
    sys(SYS_fsconfig, fs, FSCONFIG_SET_FD, (long)"source", 0, fs);
    sys(SYS_fsconfig, fs, 9 /* FSCONFIG_CMD_CREATE_EXCL (6.6), unknown to strace 6.1 */, 0, 0, 0);
    sys(SYS_fsconfig, fs, 100, (long)bad, (long)bad, 7);
    sys(SYS_fsconfig, fs, FSCONFIG_SET_STRING, (long)bad, (long)bad, 0);
    sys(SYS_fsconfig, fs, FSCONFIG_CMD_CREATE, 0, 0, 0);
    sys(SYS_fsconfig, -1, FSCONFIG_CMD_RECONFIGURE, 0, 0, 0);
    int mnt = (int)sys(SYS_fsmount, fs, FSMOUNT_CLOEXEC,
                       MOUNT_ATTR_NODEV | MOUNT_ATTR_NOSUID | MOUNT_ATTR_NOATIME, 0, 0);
    sys(SYS_fsmount, fs, 0x2, 0x100000, 0, 0);
    sys(SYS_fsmount, -1, 0, 0, 0, 0);
    sys(SYS_move_mount, mnt, (long)"", AT_FDCWD, (long)"m", MOVE_MOUNT_F_EMPTY_PATH);
    sys(SYS_move_mount, AT_FDCWD, (long)"m", AT_FDCWD, (long)"n",
        MOVE_MOUNT_F_SYMLINKS | MOVE_MOUNT_T_SYMLINKS | 0x200 | 0x10000);
    sys(SYS_move_mount, -1, (long)bad, AT_FDCWD, (long)bad, 0);

    /* fspick and a reconfiguration; open_tree; mount_setattr with its struct */
    int pick =
        (int)sys(SYS_fspick, AT_FDCWD, (long)"m", FSPICK_CLOEXEC | FSPICK_NO_AUTOMOUNT, 0, 0);
    sys(SYS_fsconfig, pick, FSCONFIG_SET_FLAG, (long)"ro", 0, 0);
    sys(SYS_fsconfig, pick, FSCONFIG_CMD_RECONFIGURE, 0, 0, 0);
    sys(SYS_fspick, AT_FDCWD, (long)"m", 0x10, 0, 0);
    sys(SYS_fspick, AT_FDCWD, (long)bad, 0, 0, 0);
    int tree = (int)sys(SYS_open_tree, AT_FDCWD, (long)"m",
                        OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC | AT_RECURSIVE, 0, 0);
    sys(SYS_open_tree, AT_FDCWD, (long)"m", 0x4000000, 0, 0);
    sys(SYS_open_tree, -1, (long)bad, AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH, 0, 0);
    sys(SYS_move_mount, tree, (long)"", AT_FDCWD, (long)"n", MOVE_MOUNT_F_EMPTY_PATH);
    struct mount_attr attr = {MOUNT_ATTR_RDONLY | MOUNT_ATTR_NODEV, MOUNT_ATTR_NOEXEC, MS_PRIVATE,
                              0};
    sys(SYS_mount_setattr, AT_FDCWD, (long)"n", AT_RECURSIVE, (long)&attr, sizeof attr);
    sys(SYS_mount_setattr, AT_FDCWD, (long)"n", 0, (long)&attr, MOUNT_ATTR_SIZE_VER0 - 1);
    struct {
        struct mount_attr attr;
        uint64_t more;
    } longer = {{0, 0, MS_SHARED, 0}, 0};
    sys(SYS_mount_setattr, AT_FDCWD, (long)"n", 0, (long)&longer, sizeof longer);
    longer.more = 0x1234;
    sys(SYS_mount_setattr, AT_FDCWD, (long)"n", 0, (long)&longer, sizeof longer);
    struct mount_attr idmap = {MOUNT_ATTR_IDMAP | 0x40000000, 0, 0x1, (uint64_t)fs};
    sys(SYS_mount_setattr, AT_FDCWD, (long)"n", 0, (long)&idmap, sizeof idmap);
    struct mount_attr unknown = {0, 0x80, 0, 0x80000000ULL};
    sys(SYS_mount_setattr, -1, (long)"", 0xffff, (long)&unknown, sizeof unknown);
    sys(SYS_mount_setattr, AT_FDCWD, (long)"n", 0, (long)bad, sizeof attr);
    sys(SYS_umount2, (long)"n", 0, 0, 0, 0);
    sys(SYS_umount2, (long)"m", 0, 0, 0, 0);
    return 0;
}
