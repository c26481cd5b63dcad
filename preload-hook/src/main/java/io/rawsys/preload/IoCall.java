package io.rawsys.preload;

import java.lang.foreign.MemorySegment;

/**
 * A call of the IO family: read, write, pread, pwrite, readv, writev, copy_file_range, sendfile.
 */
public final class IoCall extends Call {
    IoCall(Function f, long[] a, Memory m) {
        super(f, a, m);
    }

    /**
     * The descriptor read from or written to; for copy_file_range and sendfile the one read from.
     */
    public int fd() {
        String n = function().name();
        return n.startsWith("sendfile") ? intArg(Kind.FD, 1, -1) : intArg(Kind.FD, 0, -1);
    }

    /** The descriptor copy_file_range and sendfile write to, or -1. */
    public int outFd() {
        String n = function().name();
        if (n.startsWith("sendfile")) return intArg(Kind.FD, 0, -1);
        return n.equals("copy_file_range") ? intArg(Kind.FD, 1, -1) : -1;
    }

    /** The bytes asked for (read, write, pread, pwrite's count; copy_file_range's length). */
    public long count() {
        return longArg(Kind.COUNT, 0, 0);
    }

    /** pread's and pwrite's offset, or -1. */
    public long offset() {
        return longArg(Kind.OFF, 0, -1);
    }

    /**
     * The buffer bounded to the count: for writes the data, for reads the destination (filled only
     * after {@link #proceed()}). NULL for readv, writev, copy_file_range, sendfile.
     */
    public MemorySegment buffer() {
        return bufferArg();
    }
}
