package io.rawsys.calls;

/**
 * One entry getdents64(2) returned.
 *
 * @param inode its inode number
 * @param offset the position to seek to for the entry after it
 * @param type {@code DT_REG}, {@code DT_DIR} … from {@link io.rawsys.linux.Dirent}; {@code
 *     DT_UNKNOWN} on file systems that do not say
 * @param name its name
 */
public record DirEntry(long inode, long offset, int type, String name) {}
