package io.rawsys.trace.decode;

/**
 * The named constants the file decoders print, each table in strace's order (strace's {@code
 * src/xlat/*.in}): where two names cover the same bits, the one strace lists first wins.
 */
final class FileTables {
    private FileTables() {}

    /** The access mode in an open flags word's two low bits. */
    static final Xlat OPEN_ACCESS = Xlat.of("O_", "O_RDONLY", "O_WRONLY", "O_RDWR", "O_ACCMODE");

    /** open's other flags (O_SYNC before the __O_SYNC and O_DSYNC bits it is made of). */
    static final Xlat OPEN_FLAGS =
            Xlat.of(
                    "O_",
                    "O_CREAT",
                    "O_EXCL",
                    "O_NOCTTY",
                    "O_TRUNC",
                    "O_APPEND",
                    "O_NONBLOCK",
                    "O_SYNC",
                    "__O_SYNC",
                    "O_DSYNC",
                    "O_DIRECT",
                    "O_LARGEFILE",
                    "O_NOFOLLOW",
                    "O_NOATIME",
                    "O_CLOEXEC",
                    "O_PATH",
                    "O_TMPFILE",
                    "__O_TMPFILE",
                    "O_DIRECTORY",
                    "FASYNC");

    static final Xlat RESOLVE =
            Xlat.of(
                    "RESOLVE_",
                    "RESOLVE_NO_XDEV",
                    "RESOLVE_NO_MAGICLINKS",
                    "RESOLVE_NO_SYMLINKS",
                    "RESOLVE_BENEATH",
                    "RESOLVE_IN_ROOT",
                    "RESOLVE_CACHED");

    static final Xlat AT_FLAGS =
            Xlat.of(
                    "AT_",
                    "AT_SYMLINK_NOFOLLOW",
                    "AT_REMOVEDIR",
                    "AT_SYMLINK_FOLLOW",
                    "AT_NO_AUTOMOUNT",
                    "AT_EMPTY_PATH",
                    "AT_RECURSIVE");

    /** faccessat2's flags. */
    static final Xlat FACCESSAT_FLAGS =
            Xlat.of("AT_", "AT_SYMLINK_NOFOLLOW", "AT_EACCESS", "AT_EMPTY_PATH");

    static final Xlat STATX_SYNC =
            Xlat.of(
                    "AT_STATX_",
                    "AT_STATX_SYNC_AS_STAT",
                    "AT_STATX_FORCE_SYNC",
                    "AT_STATX_DONT_SYNC");

    static final Xlat STATX_MASKS =
            Xlat.of(
                    "STATX_",
                    "STATX_ALL",
                    "STATX_BASIC_STATS",
                    "STATX_TYPE",
                    "STATX_MODE",
                    "STATX_NLINK",
                    "STATX_UID",
                    "STATX_GID",
                    "STATX_ATIME",
                    "STATX_MTIME",
                    "STATX_CTIME",
                    "STATX_INO",
                    "STATX_SIZE",
                    "STATX_BLOCKS",
                    "STATX_BTIME",
                    "STATX_MNT_ID",
                    "STATX_DIOALIGN");

    static final Xlat STATX_ATTRIBUTES =
            Xlat.of(
                    "STATX_ATTR_",
                    "STATX_ATTR_COMPRESSED",
                    "STATX_ATTR_IMMUTABLE",
                    "STATX_ATTR_APPEND",
                    "STATX_ATTR_NODUMP",
                    "STATX_ATTR_ENCRYPTED",
                    "STATX_ATTR_AUTOMOUNT",
                    "STATX_ATTR_MOUNT_ROOT",
                    "STATX_ATTR_VERITY",
                    "STATX_ATTR_DAX");

    /** A mode's file type. */
    static final Xlat FILE_TYPES =
            Xlat.of(
                    "S_IF",
                    "S_IFREG",
                    "S_IFSOCK",
                    "S_IFIFO",
                    "S_IFLNK",
                    "S_IFDIR",
                    "S_IFBLK",
                    "S_IFCHR");

    static final Xlat ACCESS_MODES =
            Xlat.withUnknownComment("?_OK", "F_OK", "R_OK", "W_OK", "X_OK");

    static final Xlat WHENCE =
            Xlat.of("SEEK_", "SEEK_SET", "SEEK_CUR", "SEEK_END", "SEEK_DATA", "SEEK_HOLE");

    static final Xlat FADVISE =
            Xlat.of(
                    "POSIX_FADV_",
                    "POSIX_FADV_NORMAL",
                    "POSIX_FADV_RANDOM",
                    "POSIX_FADV_SEQUENTIAL",
                    "POSIX_FADV_WILLNEED",
                    "POSIX_FADV_DONTNEED",
                    "POSIX_FADV_NOREUSE");

    static final Xlat FALLOCATE =
            Xlat.of(
                    "FALLOC_FL_",
                    "FALLOC_FL_KEEP_SIZE",
                    "FALLOC_FL_PUNCH_HOLE",
                    "FALLOC_FL_NO_HIDE_STALE",
                    "FALLOC_FL_COLLAPSE_RANGE",
                    "FALLOC_FL_ZERO_RANGE",
                    "FALLOC_FL_INSERT_RANGE",
                    "FALLOC_FL_UNSHARE_RANGE");

    static final Xlat RWF =
            Xlat.of(
                    "RWF_",
                    "RWF_HIPRI",
                    "RWF_DSYNC",
                    "RWF_SYNC",
                    "RWF_NOWAIT",
                    "RWF_APPEND",
                    "RWF_NOAPPEND");

    static final Xlat SPLICE =
            Xlat.of(
                    "SPLICE_F_",
                    "SPLICE_F_MOVE",
                    "SPLICE_F_NONBLOCK",
                    "SPLICE_F_MORE",
                    "SPLICE_F_GIFT");

    static final Xlat SYNC_FILE_RANGE =
            Xlat.of(
                    "SYNC_FILE_RANGE_",
                    "SYNC_FILE_RANGE_WAIT_BEFORE",
                    "SYNC_FILE_RANGE_WRITE",
                    "SYNC_FILE_RANGE_WAIT_AFTER");

    static final Xlat RENAME =
            Xlat.of("RENAME_", "RENAME_NOREPLACE", "RENAME_EXCHANGE", "RENAME_WHITEOUT");

    static final Xlat XATTR = Xlat.of("XATTR_", "XATTR_CREATE", "XATTR_REPLACE");

    static final Xlat CLOSE_RANGE =
            Xlat.of("CLOSE_RANGE_", "CLOSE_RANGE_UNSHARE", "CLOSE_RANGE_CLOEXEC");

    static final Xlat MEMFD =
            Xlat.of(
                    "MFD_",
                    "MFD_CLOEXEC",
                    "MFD_ALLOW_SEALING",
                    "MFD_HUGETLB",
                    "MFD_NOEXEC_SEAL",
                    "MFD_EXEC");

    static final Xlat INOTIFY_INIT = Xlat.of("IN_", "IN_NONBLOCK", "IN_CLOEXEC");

    static final Xlat INOTIFY_EVENTS =
            Xlat.of(
                    "IN_",
                    "IN_ACCESS",
                    "IN_MODIFY",
                    "IN_ATTRIB",
                    "IN_CLOSE_WRITE",
                    "IN_CLOSE_NOWRITE",
                    "IN_OPEN",
                    "IN_MOVED_FROM",
                    "IN_MOVED_TO",
                    "IN_CREATE",
                    "IN_DELETE",
                    "IN_DELETE_SELF",
                    "IN_MOVE_SELF",
                    "IN_UNMOUNT",
                    "IN_Q_OVERFLOW",
                    "IN_IGNORED",
                    "IN_ONLYDIR",
                    "IN_DONT_FOLLOW",
                    "IN_EXCL_UNLINK",
                    "IN_MASK_CREATE",
                    "IN_MASK_ADD",
                    "IN_ISDIR",
                    "IN_ONESHOT");

    static final Xlat FLOCK =
            Xlat.of(
                    "LOCK_",
                    "LOCK_SH",
                    "LOCK_EX",
                    "LOCK_NB",
                    "LOCK_UN",
                    "LOCK_MAND",
                    "LOCK_RW",
                    "LOCK_READ",
                    "LOCK_WRITE");

    static final Xlat FCNTL_COMMANDS =
            Xlat.of(
                    "F_",
                    "F_DUPFD",
                    "F_GETFD",
                    "F_SETFD",
                    "F_GETFL",
                    "F_SETFL",
                    "F_GETLK",
                    "F_SETLK",
                    "F_SETLKW",
                    "F_SETOWN",
                    "F_GETOWN",
                    "F_SETSIG",
                    "F_GETSIG",
                    "F_GETLK64",
                    "F_SETLK64",
                    "F_SETLKW64",
                    "F_SETOWN_EX",
                    "F_GETOWN_EX",
                    "F_GETOWNER_UIDS",
                    "F_OFD_GETLK",
                    "F_OFD_SETLK",
                    "F_OFD_SETLKW",
                    "F_SETLEASE",
                    "F_GETLEASE",
                    "F_NOTIFY",
                    "F_CANCELLK",
                    "F_DUPFD_CLOEXEC",
                    "F_SETPIPE_SZ",
                    "F_GETPIPE_SZ",
                    "F_ADD_SEALS",
                    "F_GET_SEALS",
                    "F_GET_RW_HINT",
                    "F_SET_RW_HINT",
                    "F_GET_FILE_RW_HINT",
                    "F_SET_FILE_RW_HINT");

    static final Xlat FD_FLAGS = Xlat.of("FD_", "FD_CLOEXEC");

    /** Lock types (and fcntl's lease types, which are the same names). */
    static final Xlat LOCK_TYPES =
            Xlat.of("F_", "F_RDLCK", "F_WRLCK", "F_UNLCK", "F_EXLCK", "F_SHLCK");

    static final Xlat OWNER_TYPES =
            Xlat.of("F_OWNER_", "F_OWNER_TID", "F_OWNER_PID", "F_OWNER_PGRP");

    static final Xlat SEALS =
            Xlat.of(
                    "F_SEAL_",
                    "F_SEAL_SEAL",
                    "F_SEAL_SHRINK",
                    "F_SEAL_GROW",
                    "F_SEAL_WRITE",
                    "F_SEAL_FUTURE_WRITE",
                    "F_SEAL_EXEC");

    static final Xlat NOTIFY =
            Xlat.of(
                    "DN_",
                    "DN_ACCESS",
                    "DN_MODIFY",
                    "DN_CREATE",
                    "DN_DELETE",
                    "DN_RENAME",
                    "DN_ATTRIB",
                    "DN_MULTISHOT");

    /**
     * File system magic numbers, statfs's f_type (strace's table; a name the kernel headers do not
     * define is absent).
     */
    static final Xlat FS_MAGIC =
            Xlat.of(
                    "",
                    "QNX4_SUPER_MAGIC",
                    "Z3FOLD_MAGIC",
                    "AUTOFS_SUPER_MAGIC",
                    "DEVFS_SUPER_MAGIC",
                    "EXT_SUPER_MAGIC",
                    "MINIX_SUPER_MAGIC",
                    "MINIX_SUPER_MAGIC2",
                    "DEVPTS_SUPER_MAGIC",
                    "MINIX2_SUPER_MAGIC",
                    "MINIX2_SUPER_MAGIC2",
                    "NILFS_SUPER_MAGIC",
                    "HFS_SUPER_MAGIC",
                    "HFSPLUS_SUPER_MAGIC",
                    "MSDOS_SUPER_MAGIC",
                    "MINIX3_SUPER_MAGIC",
                    "SMB_SUPER_MAGIC",
                    "NCP_SUPER_MAGIC",
                    "EXOFS_SUPER_MAGIC",
                    "NFS_SUPER_MAGIC",
                    "ROMFS_MAGIC",
                    "JFFS2_SUPER_MAGIC",
                    "ISOFS_SUPER_MAGIC",
                    "PROC_SUPER_MAGIC",
                    "OPENPROM_SUPER_MAGIC",
                    "USBDEVICE_SUPER_MAGIC",
                    "ADFS_SUPER_MAGIC",
                    "AFFS_SUPER_MAGIC",
                    "EXT2_OLD_SUPER_MAGIC",
                    "EXT2_SUPER_MAGIC",
                    "ECRYPTFS_SUPER_MAGIC",
                    "UFS_MAGIC",
                    "CGROUP_SUPER_MAGIC",
                    "EFS_SUPER_MAGIC",
                    "HOSTFS_SUPER_MAGIC",
                    "CEPH_SUPER_MAGIC",
                    "TMPFS_MAGIC",
                    "V9FS_MAGIC",
                    "GFS2_MAGIC",
                    "XIAFS_SUPER_MAGIC",
                    "XENIX_SUPER_MAGIC",
                    "SYSV4_SUPER_MAGIC",
                    "SYSV2_SUPER_MAGIC",
                    "COH_SUPER_MAGIC",
                    "SHMFS_SUPER_MAGIC",
                    "ANON_INODE_FS_MAGIC",
                    "FUTEXFS_SUPER_MAGIC",
                    "LL_SUPER_MAGIC",
                    "LUSTRE_SUPER_MAGIC",
                    "MTD_INODE_FS_MAGIC",
                    "BALLOON_KVM_MAGIC",
                    "UDF_SUPER_MAGIC",
                    "BFS_MAGIC",
                    "EXFAT_SUPER_MAGIC",
                    "UBIFS_SUPER_MAGIC",
                    "CRAMFS_MAGIC",
                    "ZFS_SUPER_MAGIC",
                    "JFS_SUPER_MAGIC",
                    "BEFS_SUPER_MAGIC",
                    "BINFMTFS_MAGIC",
                    "SMACK_MAGIC",
                    "DMA_BUF_MAGIC",
                    "CRAMFS_MAGIC_WEND",
                    "DEVMEM_MAGIC",
                    "GPFS_SUPER_MAGIC",
                    "PID_FS_MAGIC",
                    "PIPEFS_MAGIC",
                    "REISERFS_SUPER_MAGIC",
                    "SECRETMEM_MAGIC",
                    "AFS_SUPER_MAGIC",
                    "NTFS_SB_MAGIC",
                    "SOCKFS_MAGIC",
                    "UFS_CIGAM",
                    "VZFS_SUPER_MAGIC",
                    "STACK_END_MAGIC",
                    "ZSMALLOC_MAGIC",
                    "XFS_SUPER_MAGIC",
                    "AAFS_MAGIC",
                    "ZONEFS_MAGIC",
                    "PSTOREFS_MAGIC",
                    "AUFS_SUPER_MAGIC",
                    "BDEVFS_MAGIC",
                    "CONFIGFS_MAGIC",
                    "SYSFS_MAGIC",
                    "CGROUP2_SUPER_MAGIC",
                    "DEBUGFS_MAGIC",
                    "DAXFS_MAGIC",
                    "FUSE_CTL_SUPER_MAGIC",
                    "FUSE_SUPER_MAGIC",
                    "QNX6_SUPER_MAGIC",
                    "AFS_FS_MAGIC",
                    "BINDERFS_SUPER_MAGIC",
                    "NSFS_MAGIC",
                    "SECURITYFS_MAGIC",
                    "SQUASHFS_MAGIC",
                    "BTRFS_TEST_MAGIC",
                    "CODA_SUPER_MAGIC",
                    "OCFS2_SUPER_MAGIC",
                    "TRACEFS_MAGIC",
                    "OVERLAYFS_SUPER_MAGIC",
                    "RAMFS_MAGIC",
                    "BTRFS_SUPER_MAGIC",
                    "HUGETLBFS_MAGIC",
                    "VXFS_SUPER_MAGIC",
                    "XENFS_SUPER_MAGIC",
                    "PPC_CMM_MAGIC",
                    "LOGFS_MAGIC",
                    "BCACHEFS_SUPER_MAGIC",
                    "BPF_FS_MAGIC",
                    "EFIVARFS_MAGIC",
                    "EROFS_SUPER_MAGIC_V1",
                    "F2FS_SUPER_MAGIC",
                    "SELINUX_MAGIC",
                    "HPFS_SUPER_MAGIC",
                    "SMB2_SUPER_MAGIC",
                    "CIFS_SUPER_MAGIC");

    /** statfs's f_flags. */
    static final Xlat STATFS_FLAGS =
            Xlat.of(
                    "ST_",
                    "ST_VALID",
                    "ST_RDONLY",
                    "ST_NOSUID",
                    "ST_NODEV",
                    "ST_NOEXEC",
                    "ST_SYNCHRONOUS",
                    "ST_MANDLOCK",
                    "ST_NOATIME",
                    "ST_NODIRATIME",
                    "ST_RELATIME",
                    "ST_NOSYMFOLLOW");
}
