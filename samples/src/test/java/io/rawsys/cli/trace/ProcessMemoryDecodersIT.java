package io.rawsys.cli.trace;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.rawsys.Syscalls;
import io.rawsys.linux.Errno;
import io.rawsys.linux.Nr;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Memory policies and process memory against strace 6.1: a C program makes mbind, set_mempolicy,
 * get_mempolicy, migrate_pages, move_pages, memfd_secret, the pkey calls, userfaultfd,
 * process_madvise, process_mrelease, process_vm_readv, process_vm_writev and remap_file_pages as
 * they work and as the kernel refuses them, and the lines of both tracers must be equal byte for
 * byte, plain, with -y and with -s 8, for x86_64 and for an i386 build (4-byte words in node masks,
 * page lists and iovecs). The program changes nothing outside itself: policies on its own memory,
 * set back; its own child's memory read and written; its own mappings advised. clone is traced too,
 * so that the child's pid, which the process_vm calls name, is replaced by the comparison as the
 * result of the clone that made it.
 */
class ProcessMemoryDecodersIT {
    @TempDir Path dir;

    private static final String CALLS =
            "clone,mbind,set_mempolicy,get_mempolicy,migrate_pages,move_pages,memfd_secret,"
                    + "pkey_alloc,pkey_free,pkey_mprotect,userfaultfd,process_madvise,"
                    + "process_mrelease,process_vm_readv,process_vm_writev,remap_file_pages";

    @Test
    void memoryPolicyAndProcessMemoryCallsPrintAsStraceDoes() throws Exception {
        assumeNuma();
        StraceComparison.sameEveryWay(
                dir, StraceComparison.compile(dir, "process_vm", "gcc"), CALLS, line -> line);
    }

    @Test
    void aThirtyTwoBitProgramsCallsPrintAsStraceDoes() throws Exception {
        assumeNuma();
        Path program = StraceComparison.compileI386(dir, "process_vm");
        for (List<String> how : List.of(List.<String>of(), List.of("-y", "-s", "8"))) {
            List<String> options = new ArrayList<>(how);
            options.addAll(List.of("-e", "trace=" + CALLS));
            StraceComparison.sameInWorkDirectory(dir, program, options, line -> line);
        }
    }

    /**
     * Skips, saying why, on a kernel without NUMA (CONFIG_NUMA=n answers ENOSYS to the memory
     * policy calls, so their working cases could not be compared). Asked with get_mempolicy of
     * nothing, which changes nothing.
     */
    private static void assumeNuma() {
        long probe = Syscalls.raw(Nr.get_mempolicy, 0, 0, 0, 0, 0);
        assumeTrue(probe != -Errno.ENOSYS, "this kernel has no NUMA memory policies");
    }
}
