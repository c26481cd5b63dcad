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
    private static final String URING = "io_uring_setup,io_uring_enter,io_uring_register";

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
        i386("io_aio", AIO);
    }

    @Test
    void ioUringCallsPrintAsStraceDoes() throws Exception {
        assumeIoUring();
        StraceComparison.sameEveryWay(
                dir,
                StraceComparison.compile(dir, "io_uring", "gcc"),
                URING,
                AsyncIoDecodersIT::comparable);
    }

    @Test
    void aThirtyTwoBitProgramsIoUringCallsPrintAsStraceDoes() throws Exception {
        assumeIoUring();
        i386("io_uring", URING);
    }

    /** The i386 build of {@code name} traced for {@code calls}, plain and with -y -s 8. */
    private void i386(String name, String calls) throws Exception {
        Path program = StraceComparison.compileI386(dir, name);
        for (List<String> how : List.of(List.<String>of(), List.of("-y", "-s", "8"))) {
            List<String> options = new java.util.ArrayList<>(how);
            options.addAll(List.of("-e", "trace=" + calls));
            StraceComparison.sameInWorkDirectory(
                    dir, program, options, AsyncIoDecodersIT::comparable);
        }
    }

    /**
     * Skips, saying why, where io_uring is refused: a kernel without it (ENOSYS) or one that turned
     * it off (EPERM with the sysctl kernel.io_uring_disabled). Asked with NULL params, which sets
     * up nothing.
     */
    private static void assumeIoUring() {
        long probe = Syscalls.raw(Nr.io_uring_setup, 1, 0);
        assumeTrue(probe != -Errno.ENOSYS, "this kernel has no io_uring (CONFIG_IO_URING is off)");
        assumeTrue(
                probe != -Errno.EPERM,
                "io_uring is turned off for this process (sysctl kernel.io_uring_disabled)");
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
