package io.rawsys.trace.decode;

import java.lang.foreign.MemorySegment;

/** A traced process's memory, as decoders read it. */
public interface Memory {
    /**
     * Copies up to {@code into.byteSize()} bytes from {@code address}.
     *
     * @return the bytes copied: fewer where the memory ends, 0 if none could be read
     */
    long read(long address, MemorySegment into);

    /** The {@code length} bytes at {@code address}; null unless all of them could be read. */
    byte[] bytes(long address, int length);

    /** A NUL-terminated string of at most {@code limit} bytes; null if it could not be read. */
    CString string(long address, int limit);

    /** A string read from the process: its bytes, and whether it went on past the limit. */
    record CString(byte[] bytes, boolean truncated) {}
}
