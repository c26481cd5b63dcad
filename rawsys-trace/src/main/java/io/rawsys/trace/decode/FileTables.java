package io.rawsys.trace.decode;

/**
 * The named constants the file decoders print, each table in strace's order (strace's {@code
 * src/xlat/*.in}): where two names cover the same bits, the one strace lists first wins.
 */
final class FileTables {
    private FileTables() {}

    static final Xlat OPEN_ACCESS = Xlat.load("open_access_modes");

    static final Xlat OPEN_FLAGS = Xlat.load("open_mode_flags");

    static final Xlat RESOLVE = Xlat.load("open_resolve_flags");

    static final Xlat AT_FLAGS = Xlat.load("at_flags");

    static final Xlat FACCESSAT_FLAGS = Xlat.load("faccessat_flags");

    static final Xlat STATX_SYNC = Xlat.load("at_statx_sync_types");

    static final Xlat STATX_MASKS = Xlat.load("statx_masks");

    static final Xlat STATX_ATTRIBUTES = Xlat.load("statx_attrs");

    static final Xlat FILE_TYPES = Xlat.load("modetypes");

    static final Xlat ACCESS_MODES = Xlat.load("access_modes");

    static final Xlat WHENCE = Xlat.load("whence_codes");

    static final Xlat FADVISE = Xlat.load("advise");

    static final Xlat FALLOCATE = Xlat.load("falloc_flags");

    static final Xlat RWF = Xlat.load("rwf_flags");

    static final Xlat SPLICE = Xlat.load("splice_flags");

    static final Xlat SYNC_FILE_RANGE = Xlat.load("sync_file_range_flags");

    static final Xlat RENAME = Xlat.load("rename_flags");

    static final Xlat XATTR = Xlat.load("xattrflags");

    static final Xlat CLOSE_RANGE = Xlat.load("close_range_flags");

    static final Xlat MEMFD = Xlat.load("memfd_create_flags");

    static final Xlat INOTIFY_INIT = Xlat.load("inotify_init_flags");

    static final Xlat INOTIFY_EVENTS = Xlat.load("inotify_flags");

    static final Xlat FLOCK = Xlat.load("flockcmds");

    static final Xlat FCNTL_COMMANDS = Xlat.load("fcntlcmds");

    static final Xlat FD_FLAGS = Xlat.load("fdflags");

    static final Xlat LOCK_TYPES = Xlat.load("lockfcmds");

    static final Xlat OWNER_TYPES = Xlat.load("f_owner_types");

    static final Xlat SEALS = Xlat.load("f_seals");

    static final Xlat NOTIFY = Xlat.load("notifyflags");

    static final Xlat FS_MAGIC = Xlat.load("fsmagic");

    static final Xlat STATFS_FLAGS = Xlat.load("statfs_flags");
}
