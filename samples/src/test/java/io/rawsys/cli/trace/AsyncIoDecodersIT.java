package io.rawsys.cli.trace;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.rawsys.Syscalls;
import io.rawsys.linux.Errno;
import io.rawsys.linux.Nr;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Linux's native AIO and io_uring against strace 6.1: C programs that make each call as it works
 * and as the kernel refuses it (NULL, bad pointers, unknown opcodes and flags, counts that
 * overflow, arrays that run into an unmapped page) run under both tracers, and the lines must be
 * equal byte for byte, plain, with -y and with -s 8, for x86_64 and for an i386 build (4-byte iocb
 * pointers, a 32-bit timespec). The programs only use their own AIO contexts and rings, on files in
 * their work directory.
 */
class AsyncIoDecodersIT {
    @TempDir Path dir;

    private static final String AIO =
            "io_setup,io_destroy,io_submit,io_cancel,io_getevents,io_pgetevents";

    @Test
    void aioCallsPrintAsStraceDoes() throws Exception {
        assumeAio();
        StraceComparison.sameEveryWay(
                dir,
                StraceComparison.compile(dir, "io_aio", "gcc"),
                AIO,
                AsyncIoDecodersIT::comparable);
    }

    @Test
    void aThirtyTwoBitProgramsAioCallsPrintAsStraceDoes() throws Exception {
        assumeAio();
        Path program = StraceComparison.compileI386(dir, "io_aio");
        for (List<String> how : List.of(List.<String>of(), List.of("-y", "-s", "8"))) {
            List<String> options = new java.util.ArrayList<>(how);
            options.addAll(List.of("-e", "trace=" + AIO));
            StraceComparison.sameInWorkDirectory(
                    dir, program, options, AsyncIoDecodersIT::comparable);
        }
    }

    /** Skips, saying why, on a kernel built without AIO (CONFIG_AIO=n answers ENOSYS). */
    private static void assumeAio() {
        long probe = Syscalls.raw(Nr.io_destroy, 0);
        assumeTrue(probe != -Errno.ENOSYS, "this kernel has no native AIO (CONFIG_AIO is off)");
    }

    /** The lines with what differs from run to run: the inode in -y's {@code pipe:[1234]}. */
    private static String comparable(String line) {
        return line.replaceAll("pipe:\\[\\d+\\]", "pipe:[INODE]");
    }
}
