package io.rawsys.calls;

import io.rawsys.linux.Fcntl;
import java.time.Instant;

/**
 * What fstat(2) or statx(2) reports of a file.
 *
 * @param mode type and permission bits ({@code st_mode})
 * @param inode the inode number
 * @param links the number of hard links
 * @param uid the owner
 * @param gid the group
 * @param size the size in bytes
 * @param blocks the 512-byte blocks allocated
 * @param blockSize the preferred I/O size
 * @param devMajor the major number of the device holding the file
 * @param devMinor its minor number
 * @param rdevMajor for a device file, the major number of the device it is
 * @param rdevMinor its minor number
 * @param accessed last access
 * @param modified last modification of the contents
 * @param changed last change of the inode
 * @param born creation, where the file system records it (statx only); null otherwise
 */
public record FileStat(
        int mode,
        long inode,
        long links,
        int uid,
        int gid,
        long size,
        long blocks,
        int blockSize,
        int devMajor,
        int devMinor,
        int rdevMajor,
        int rdevMinor,
        Instant accessed,
        Instant modified,
        Instant changed,
        Instant born) {

    /** The file's type bits: {@code S_IFREG}, {@code S_IFDIR} … */
    public int type() {
        return mode & Fcntl.S_IFMT;
    }

    /** Whether it is a regular file. */
    public boolean isRegularFile() {
        return type() == Fcntl.S_IFREG;
    }

    /** Whether it is a directory. */
    public boolean isDirectory() {
        return type() == Fcntl.S_IFDIR;
    }

    /** Whether it is a symbolic link (only lstat-like calls, with AT_SYMLINK_NOFOLLOW, see one). */
    public boolean isSymbolicLink() {
        return type() == Fcntl.S_IFLNK;
    }

    /** The permission bits, such as {@code 0644}. */
    public int permissions() {
        return mode & 07777;
    }
}
