package io.rawsys.trace;

import io.rawsys.Syscalls;
import io.rawsys.linux.Nr;
import io.rawsys.linux.struct.Iovec;
import io.rawsys.trace.decode.Memory;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Reads a tracee's memory: process_vm_readv, one system call for any length, and where that is
 * refused (a kernel without it, or a region it will not read) PTRACE_PEEKDATA a word at a time.
 * Reads never cross into a page the tracee has not mapped without stopping there: a C string near
 * the end of a mapping is read up to its NUL, not refused whole.
 */
final class TraceeMemory {
    private static final long PAGE = 4096;

    private final MemorySegment local;
    private final MemorySegment remote;
    private final MemorySegment scratch;
    private MemorySegment buffer;

    /**
     * Whether process_vm_readv is worth trying; -Drawsys.trace.peekdata=true starts with the
     * fallback alone (the tests compare both ways).
     */
    private boolean vmReadvWorks = !Boolean.getBoolean("rawsys.trace.peekdata");

    /** Buffers for the tracer thread's reads, from {@code arena}. */
    TraceeMemory(Arena arena) {
        local = Iovec.allocate(arena);
        remote = Iovec.allocate(arena);
        scratch = arena.allocate(8, 8);
        buffer = arena.allocate(4096);
    }

    /**
     * Copies up to {@code into.byteSize()} bytes from {@code address} in process {@code pid}.
     *
     * @return the bytes copied: fewer than asked where the tracee's memory ends; 0 when none could
     *     be read
     */
    long read(int pid, long address, MemorySegment into) {
        long length = into.byteSize();
        if (length == 0 || address == 0) {
            return 0;
        }
        if (vmReadvWorks) {
            Iovec.iov_base(local, into.address());
            Iovec.iov_len(local, length);
            Iovec.iov_base(remote, address);
            Iovec.iov_len(remote, length);
            long n =
                    Syscalls.raw(
                            Nr.process_vm_readv, pid, local.address(), 1, remote.address(), 1, 0);
            if (n >= 0) {
                return n;
            }
            if (n == -io.rawsys.linux.Errno.ENOSYS) {
                vmReadvWorks = false;
            } else if (n != -io.rawsys.linux.Errno.EPERM) {
                // EFAULT, EIO: the memory is not readable, and PTRACE_PEEKDATA must not say
                // otherwise (it reads PROT_NONE pages, forced, as a debugger may); ESRCH: gone.
                // strace's umoven falls back only where process_vm_readv is missing or refused.
                return 0;
            }
        }
        return peek(pid, address, into);
    }

    /** Reads word by word with PTRACE_PEEKDATA, stopping at the first word that cannot be read. */
    private long peek(int pid, long address, MemorySegment into) {
        long length = into.byteSize();
        long done = 0;
        while (done < length) {
            long at = address + done;
            long aligned = at & ~7L;
            if (PtraceCalls.peekData(pid, aligned, scratch) < 0) {
                break;
            }
            int skip = (int) (at - aligned);
            int take = (int) Math.min(8 - skip, length - done);
            MemorySegment.copy(scratch, skip, into, done, take);
            done += take;
        }
        return done;
    }

    /**
     * A NUL-terminated string of at most {@code limit} bytes, read page by page so that a string
     * that ends just before an unmapped page is still read.
     *
     * @return the bytes before the NUL, marked truncated when no NUL came within {@code limit}
     *     bytes; null if the memory could not be read before a NUL or the limit
     */
    Memory.CString readString(int pid, long address, int limit) {
        return readString(pid, address, limit, scratch(limit + 1L));
    }

    /**
     * The {@code length} bytes at {@code address} in process {@code pid}; null unless all could be
     * read.
     */
    byte[] bytes(int pid, long address, int length) {
        MemorySegment into = scratch(length);
        return read(pid, address, into) < length ? null : into.toArray(ValueLayout.JAVA_BYTE);
    }

    /**
     * A native buffer of {@code size} bytes for one read, reused from call to call (only the tracer
     * thread reads): a system call's strings and buffers cost no allocation of native memory each.
     * It grows to the largest size asked for; the garbage collector frees the smaller ones it
     * replaces.
     */
    private MemorySegment scratch(long size) {
        if (buffer.byteSize() < size) {
            buffer = Arena.ofAuto().allocate(Math.max(size, buffer.byteSize() * 2));
        }
        return buffer.asSlice(0, size);
    }

    private Memory.CString readString(int pid, long address, int limit, MemorySegment buffer) {
        long done = 0;
        while (done < buffer.byteSize()) {
            long at = address + done;
            long chunk = Math.min(PAGE - (at & (PAGE - 1)), buffer.byteSize() - done);
            long n = read(pid, at, buffer.asSlice(done, chunk));
            for (long i = done; i < done + n; i++) {
                if (buffer.get(ValueLayout.JAVA_BYTE, i) == 0) {
                    return new Memory.CString(
                            buffer.asSlice(0, i).toArray(ValueLayout.JAVA_BYTE), false);
                }
            }
            done += n;
            if (n < chunk) {
                // memory ends: a string that filled the limit before it is cut, as strace cuts it
                return done >= limit
                        ? new Memory.CString(
                                buffer.asSlice(0, limit).toArray(ValueLayout.JAVA_BYTE), true)
                        : null;
            }
        }
        return new Memory.CString(buffer.asSlice(0, limit).toArray(ValueLayout.JAVA_BYTE), true);
    }

    /** The memory of one tracee, as decoders see it. */
    Memory of(int pid) {
        return new Memory() {
            @Override
            public long read(long address, MemorySegment into) {
                return TraceeMemory.this.read(pid, address, into);
            }

            @Override
            public byte[] bytes(long address, int length) {
                return TraceeMemory.this.bytes(pid, address, length);
            }

            @Override
            public CString string(long address, int limit) {
                return readString(pid, address, limit);
            }
        };
    }
}
