package io.rawsys.calls;

import io.rawsys.linux.Fcntl;
import io.rawsys.linux.Nr;
import io.rawsys.linux.struct.Cachestat;
import io.rawsys.linux.struct.CachestatRange;
import io.rawsys.linux.struct.Iovec;
import io.rawsys.linux.struct.LinuxDirent64;
import io.rawsys.linux.struct.Stat;
import io.rawsys.linux.struct.Statx;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Files and directories, typed: file descriptors as {@code int}s, paths as {@link String}s, buffers
 * as {@link MemorySegment}s. Each method checks its arguments in Java first (a heap or closed
 * segment, a negative length, a buffer shorter than asked, a NUL inside a path), then makes the
 * system call through rawsys's stub, and throws {@link io.rawsys.ErrnoException} for an error. The
 * buffers are passed as segments, so FFM keeps their memory alive until the kernel is done.
 */
public final class FileCalls {

    private FileCalls() {}

    /**
     * Opens {@code path}, relative to {@code dirfd} ({@link Fcntl#AT_FDCWD} for the working
     * directory).
     *
     * <p>C: {@code int openat(int dirfd, const char *pathname, int flags, mode_t mode)}
     *
     * @param mode the permissions of a file O_CREAT or O_TMPFILE makes; ignored otherwise
     * @return the new file descriptor
     */
    public static int openat(int dirfd, String path, int flags, int mode) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment p = Check.path(path, arena);
            return (int) Checked.lpll(Nr.openat, dirfd, p, flags, mode);
        }
    }

    /** {@link #openat(int, String, int, int)} with no mode, for opening a file that exists. */
    public static int openat(int dirfd, String path, int flags) {
        return openat(dirfd, path, flags, 0);
    }

    /**
     * Reads up to {@code count} bytes into {@code buffer}.
     *
     * <p>C: {@code ssize_t read(int fd, void *buf, size_t count)}
     *
     * @return the bytes read; 0 at the end of the file
     */
    public static long read(int fd, MemorySegment buffer, long count) {
        Check.buffer(buffer, count, "the buffer");
        return Checked.lpl(Nr.read, fd, buffer, count);
    }

    /** {@link #read(int, MemorySegment, long)} into the whole of {@code buffer}. */
    public static long read(int fd, MemorySegment buffer) {
        return read(fd, buffer, Check.segment(buffer, "the buffer").byteSize());
    }

    /**
     * Writes up to {@code count} bytes of {@code buffer}.
     *
     * <p>C: {@code ssize_t write(int fd, const void *buf, size_t count)}
     *
     * @return the bytes written, which may be fewer than asked
     */
    public static long write(int fd, MemorySegment buffer, long count) {
        Check.buffer(buffer, count, "the buffer");
        return Checked.lpl(Nr.write, fd, buffer, count);
    }

    /** {@link #write(int, MemorySegment, long)} of the whole of {@code buffer}. */
    public static long write(int fd, MemorySegment buffer) {
        return write(fd, buffer, Check.segment(buffer, "the buffer").byteSize());
    }

    /**
     * Reads into {@code buffer} at {@code offset} in the file, without moving the file position.
     *
     * <p>C: {@code ssize_t pread(int fd, void *buf, size_t count, off_t offset)}
     */
    public static long pread(int fd, MemorySegment buffer, long offset) {
        Check.segment(buffer, "the buffer");
        Check.count(offset, "the offset");
        return Checked.lpll(Nr.pread64, fd, buffer, buffer.byteSize(), offset);
    }

    /**
     * Writes {@code buffer} at {@code offset} in the file, without moving the file position.
     *
     * <p>C: {@code ssize_t pwrite(int fd, const void *buf, size_t count, off_t offset)}
     */
    public static long pwrite(int fd, MemorySegment buffer, long offset) {
        Check.segment(buffer, "the buffer");
        Check.count(offset, "the offset");
        return Checked.lpll(Nr.pwrite64, fd, buffer, buffer.byteSize(), offset);
    }

    /**
     * Reads into several buffers in turn, in one call.
     *
     * <p>C: {@code ssize_t readv(int fd, const struct iovec *iov, int iovcnt)}
     */
    public static long readv(int fd, MemorySegment... buffers) {
        return vectored(Nr.readv, fd, buffers);
    }

    /**
     * Writes several buffers in turn, in one call.
     *
     * <p>C: {@code ssize_t writev(int fd, const struct iovec *iov, int iovcnt)}
     */
    public static long writev(int fd, MemorySegment... buffers) {
        return vectored(Nr.writev, fd, buffers);
    }

    private static long vectored(long nr, int fd, MemorySegment[] buffers) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment iov = arena.allocate(Iovec.LAYOUT, buffers.length);
            for (int i = 0; i < buffers.length; i++) {
                MemorySegment b = Check.segment(buffers[i], "buffer " + i);
                MemorySegment entry = iov.asSlice(i * Iovec.sizeof(), Iovec.sizeof());
                Iovec.iov_base(entry, b.address());
                Iovec.iov_len(entry, b.byteSize());
            }
            // The buffers' own scopes stay open: they are checked above and owned by the caller,
            // who waits for this call.
            return Checked.lpl(nr, fd, iov, buffers.length);
        }
    }

    /**
     * Closes a file descriptor.
     *
     * <p>C: {@code int close(int fd)}
     */
    public static void close(int fd) {
        Checked.l(Nr.close, fd);
    }

    /**
     * Moves the file position.
     *
     * <p>C: {@code off_t lseek(int fd, off_t offset, int whence)}
     *
     * @param whence {@code SEEK_SET}, {@code SEEK_CUR}, {@code SEEK_END}, {@code SEEK_DATA}, {@code
     *     SEEK_HOLE}
     * @return the new position
     */
    public static long lseek(int fd, long offset, int whence) {
        return Checked.lll(Nr.lseek, fd, offset, whence);
    }

    /**
     * What the kernel knows of an open file.
     *
     * <p>C: {@code int fstat(int fd, struct stat *statbuf)}
     */
    public static FileStat fstat(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment st = Stat.allocate(arena);
            Checked.lp(Nr.fstat, fd, st);
            long dev = Stat.st_dev(st);
            long rdev = Stat.st_rdev(st);
            return new FileStat(
                    (int) Stat.st_mode(st),
                    Stat.st_ino(st),
                    Stat.st_nlink(st),
                    (int) Stat.st_uid(st),
                    (int) Stat.st_gid(st),
                    Stat.st_size(st),
                    Stat.st_blocks(st),
                    (int) Stat.st_blksize(st),
                    major(dev),
                    minor(dev),
                    major(rdev),
                    minor(rdev),
                    Instant.ofEpochSecond(Stat.st_atime(st), Stat.st_atime_nsec(st)),
                    Instant.ofEpochSecond(Stat.st_mtime(st), Stat.st_mtime_nsec(st)),
                    Instant.ofEpochSecond(Stat.st_ctime(st), Stat.st_ctime_nsec(st)),
                    null);
        }
    }

    /**
     * What the kernel knows of {@code path} (relative to {@code dirfd}), creation time included
     * where the file system keeps it.
     *
     * <p>C: {@code int statx(int dirfd, const char *pathname, int flags, unsigned int mask, struct
     * statx *statxbuf)}
     *
     * @param flags {@code AT_SYMLINK_NOFOLLOW}, {@code AT_EMPTY_PATH} (with an empty path: {@code
     *     dirfd} itself) …
     * @param mask the fields wanted: {@code STATX_BASIC_STATS}, {@code STATX_BTIME} …
     */
    public static FileStat statx(int dirfd, String path, int flags, int mask) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment p = Check.path(path, arena);
            MemorySegment stx = Statx.allocate(arena);
            Checked.lpllp(Nr.statx, dirfd, p, flags, mask, stx);
            boolean born = (Statx.stx_mask(stx) & Fcntl.STATX_BTIME) != 0;
            return new FileStat(
                    Short.toUnsignedInt(Statx.stx_mode(stx)),
                    Statx.stx_ino(stx),
                    Integer.toUnsignedLong(Statx.stx_nlink(stx)),
                    Statx.stx_uid(stx),
                    Statx.stx_gid(stx),
                    Statx.stx_size(stx),
                    Statx.stx_blocks(stx),
                    Statx.stx_blksize(stx),
                    Statx.stx_dev_major(stx),
                    Statx.stx_dev_minor(stx),
                    Statx.stx_rdev_major(stx),
                    Statx.stx_rdev_minor(stx),
                    Instant.ofEpochSecond(
                            Statx.stx_atime_tv_sec(stx), Statx.stx_atime_tv_nsec(stx)),
                    Instant.ofEpochSecond(
                            Statx.stx_mtime_tv_sec(stx), Statx.stx_mtime_tv_nsec(stx)),
                    Instant.ofEpochSecond(
                            Statx.stx_ctime_tv_sec(stx), Statx.stx_ctime_tv_nsec(stx)),
                    born
                            ? Instant.ofEpochSecond(
                                    Statx.stx_btime_tv_sec(stx), Statx.stx_btime_tv_nsec(stx))
                            : null);
        }
    }

    /**
     * Every entry of an open directory, from its current position to its end.
     *
     * <p>C: {@code ssize_t getdents64(int fd, void *dirp, size_t count)}
     */
    public static List<DirEntry> getdents64(int fd) {
        List<DirEntry> entries = new ArrayList<>();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(32 * 1024, 8);
            long n;
            while ((n = Checked.lpl(Nr.getdents64, fd, buffer, buffer.byteSize())) > 0) {
                for (long at = 0; at < n; ) {
                    MemorySegment record = buffer.asSlice(at, n - at);
                    int length = Short.toUnsignedInt(LinuxDirent64.d_reclen(record));
                    if (length < LinuxDirent64.sizeof() || length > n - at) {
                        throw new IllegalStateException(
                                "getdents64 returned a record of "
                                        + length
                                        + " bytes at "
                                        + at
                                        + " of "
                                        + n);
                    }
                    String name =
                            LinuxDirent64.d_name(record.asSlice(0, length))
                                    .getString(0, StandardCharsets.UTF_8);
                    entries.add(
                            new DirEntry(
                                    LinuxDirent64.d_ino(record),
                                    LinuxDirent64.d_off(record),
                                    Byte.toUnsignedInt(LinuxDirent64.d_type(record)),
                                    name));
                    at += length;
                }
            }
        }
        return entries;
    }

    /**
     * The target of the symbolic link {@code path}, whatever its length.
     *
     * <p>C: {@code ssize_t readlinkat(int dirfd, const char *pathname, char *buf, size_t bufsiz)}
     */
    public static String readlinkat(int dirfd, String path) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment p = Check.path(path, arena);
            for (long size = 256; ; size *= 4) {
                MemorySegment buffer = arena.allocate(size);
                long n = Checked.lppl(Nr.readlinkat, dirfd, p, buffer, size);
                if (n < size) { // a full buffer may have cut the target short: try a larger one
                    return new String(
                            buffer.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE),
                            StandardCharsets.UTF_8);
                }
            }
        }
    }

    /**
     * Makes a directory.
     *
     * <p>C: {@code int mkdirat(int dirfd, const char *pathname, mode_t mode)}
     */
    public static void mkdirat(int dirfd, String path, int mode) {
        try (Arena arena = Arena.ofConfined()) {
            Checked.lpl(Nr.mkdirat, dirfd, Check.path(path, arena), mode);
        }
    }

    /**
     * Removes a file, or with {@code AT_REMOVEDIR} an empty directory.
     *
     * <p>C: {@code int unlinkat(int dirfd, const char *pathname, int flags)}
     */
    public static void unlinkat(int dirfd, String path, int flags) {
        try (Arena arena = Arena.ofConfined()) {
            Checked.lpl(Nr.unlinkat, dirfd, Check.path(path, arena), flags);
        }
    }

    /**
     * Renames a file; {@code RENAME_NOREPLACE} refuses to replace an existing one, {@code
     * RENAME_EXCHANGE} swaps the two.
     *
     * <p>C: {@code int renameat2(int olddirfd, const char *oldpath, int newdirfd, const char
     * *newpath, unsigned int flags)}
     */
    public static void renameat2(
            int oldDirfd, String oldPath, int newDirfd, String newPath, int flags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment from = Check.path(oldPath, arena);
            MemorySegment to = Check.path(newPath, arena);
            Checked.lplpl(Nr.renameat2, oldDirfd, from, newDirfd, to, flags);
        }
    }

    /**
     * Flushes a file's data and metadata to its device.
     *
     * <p>C: {@code int fsync(int fd)}
     */
    public static void fsync(int fd) {
        Checked.l(Nr.fsync, fd);
    }

    /**
     * Sets a file's size, cutting it or extending it with zeros.
     *
     * <p>C: {@code int ftruncate(int fd, off_t length)}
     */
    public static void ftruncate(int fd, long length) {
        Check.count(length, "the length");
        Checked.ll(Nr.ftruncate, fd, length);
    }

    /**
     * An anonymous file in memory: a file descriptor to a file no directory holds, gone when the
     * last descriptor closes. With {@code MFD_CLOEXEC} no child inherits it; a program copied into
     * one can still be run through {@code /proc/<pid>/fd/<fd>} without a writable, exec-able
     * directory.
     *
     * <p>C: {@code int memfd_create(const char *name, unsigned int flags)}
     *
     * @param name what {@code /proc/self/fd} shows, as {@code /memfd:NAME}: at most 249 bytes
     * @param flags {@code MFD_CLOEXEC}, {@code MFD_ALLOW_SEALING}, {@code MFD_EXEC} … from {@link
     *     io.rawsys.linux.Mman}
     */
    public static int memfdCreate(String name, int flags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment n = Check.cString(name, "the memfd name", arena);
            if (n.byteSize() - 1 > 249) {
                throw new IllegalArgumentException(
                        "a memfd name is at most 249 bytes; this one has " + (n.byteSize() - 1));
            }
            return (int) Checked.pl(Nr.memfd_create, n, flags);
        }
    }

    /** glibc's dev_t encoding: 12 bits of major and 20 of minor, split around the low byte. */
    static int major(long dev) {
        return (int) (((dev >>> 8) & 0xfff) | ((dev >>> 32) & ~0xfffL));
    }

    static int minor(long dev) {
        return (int) ((dev & 0xff) | ((dev >>> 12) & ~0xffL));
    }

    /**
     * Changes the permission bits of {@code path}, relative to {@code dirfd}; unlike {@code
     * fchmodat}, the kernel takes the flags (Linux 6.6+).
     *
     * <p>C: {@code int fchmodat2(int dirfd, const char *pathname, mode_t mode, unsigned int flags)}
     *
     * @param mode the permission bits, 0 to 07777
     * @param flags {@code AT_SYMLINK_NOFOLLOW} (a symbolic link's own mode: most file systems
     *     refuse it with EOPNOTSUPP), {@code AT_EMPTY_PATH} (the file {@code dirfd} itself, with an
     *     empty path)
     */
    public static void fchmodat2(int dirfd, String path, int mode, int flags) {
        if ((mode & ~07777) != 0) {
            throw new IllegalArgumentException(
                    "the mode is 0"
                            + Integer.toOctalString(mode)
                            + "; permission bits run from 0 to 07777 (the kernel would keep the low"
                            + " twelve bits, setuid and setgid included)");
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment p = Check.path(path, arena);
            Checked.lpll(Nr.fchmodat2, dirfd, p, mode, flags);
        }
    }

    /**
     * How much of a file's range is in the page cache, and in what state (Linux 6.5+).
     *
     * <p>C: {@code int cachestat(unsigned int fd, struct cachestat_range *range, struct cachestat
     * *cstat, unsigned int flags)}
     *
     * @param offset where the range starts, in bytes
     * @param length its length in bytes; 0 for everything up to the end of the file
     */
    public static PageCacheStat cachestat(int fd, long offset, long length) {
        Check.count(offset, "the offset");
        Check.count(length, "the length");
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment range = CachestatRange.allocate(arena);
            CachestatRange.off(range, offset);
            CachestatRange.len(range, length);
            MemorySegment c = Cachestat.allocate(arena);
            Checked.lppl(Nr.cachestat, fd, range, c, 0);
            return new PageCacheStat(
                    Cachestat.nr_cache(c),
                    Cachestat.nr_dirty(c),
                    Cachestat.nr_writeback(c),
                    Cachestat.nr_evicted(c),
                    Cachestat.nr_recently_evicted(c));
        }
    }
}
