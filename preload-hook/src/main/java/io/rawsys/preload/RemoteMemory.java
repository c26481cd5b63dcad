package io.rawsys.preload;

import io.rawsys.Syscalls;
import io.rawsys.linux.Nr;
import io.rawsys.linux.struct.Iovec;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Another process's memory, read with process_vm_readv and written with process_vm_writev: the
 * program's, as the seccomp supervisor sees it. An address the program cannot read is refused by
 * the kernel (EFAULT), never a fault here.
 */
final class RemoteMemory implements Memory {
    private final int pid;

    RemoteMemory(int pid) {
        this.pid = pid;
    }

    @Override
    public long copyIn(long address, long destination, long length) {
        return transfer(Nr.process_vm_readv, destination, address, length);
    }

    /**
     * Copies {@code length} bytes of this process's {@code source} to the program's {@code
     * address}.
     */
    long copyOut(long source, long address, long length) {
        return transfer(Nr.process_vm_writev, source, address, length);
    }

    private long transfer(long nr, long local, long remote, long length) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment here = Iovec.allocate(arena);
            Iovec.iov_base(here, local);
            Iovec.iov_len(here, length);
            MemorySegment there = Iovec.allocate(arena);
            Iovec.iov_base(there, remote);
            Iovec.iov_len(there, length);
            return Syscalls.raw(nr, pid, here.address(), 1, there.address(), 1, 0);
        }
    }

    @Override
    public boolean local() {
        return false;
    }

    @Override
    public String proc() {
        return "/proc/" + pid;
    }
}
