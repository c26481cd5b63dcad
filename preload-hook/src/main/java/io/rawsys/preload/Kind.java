package io.rawsys.preload;

/** What an argument of a hooked function is (hooks.def's KIND column). */
public enum Kind {
    /** A file descriptor. */
    FD,
    /** A directory descriptor for a relative path, or AT_FDCWD. */
    DIRFD,
    /** A NUL-terminated path. */
    PATH,
    /** fopen's mode string ("r", "w+"…). */
    FMODE,
    /** Another NUL-terminated string (system's command). */
    STR,
    /** Flags (O_*, AT_*, MSG_*…). */
    FLAGS,
    /** Permission bits for a new file or directory. */
    MODE,
    /** A buffer the call reads or writes, bounded by the next COUNT argument. */
    BUF,
    /** The size of the preceding BUF. */
    COUNT,
    /** A file offset. */
    OFF,
    /** An int. */
    INT,
    /** A long. */
    LONG,
    /** A pointer Java does not interpret (a struct stat, a FILE*…). */
    PTR,
    /** An array of struct iovec. */
    IOV,
    /** A NULL-terminated array of argument strings. */
    ARGV,
    /** A NULL-terminated array of environment strings. */
    ENVP,
    /** A clockid_t. */
    CLOCK,
    /** A struct sockaddr, bounded by the next ADDRLEN argument when there is one. */
    ADDR,
    /** The size of the preceding ADDR. */
    ADDRLEN
}
