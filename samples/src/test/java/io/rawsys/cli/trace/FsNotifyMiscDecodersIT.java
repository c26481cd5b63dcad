package io.rawsys.cli.trace;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.rawsys.Syscalls;
import io.rawsys.linux.Errno;
import io.rawsys.linux.Nr;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * fanotify_init, fanotify_mark, name_to_handle_at, open_by_handle_at, membarrier, pivot_root, sysfs
 * and set_mempolicy_home_node against strace 6.1: {@code fs_notify_misc.c} makes each as it works
 * and as the kernel refuses it (it changes nothing: marks only on its own work directory, removed
 * again; pivot_root only refused; membarrier only queried; see the program's comment), and both
 * tracers must print the same lines, plain, with -y, -X verbose, -X raw, -s 4 and -e verbose=none,
 * and for an i386 build (where fanotify_mark's mask is a pair of words). sysfs is compared too,
 * though strace 6.1 decodes nothing of it: it prints its three words raw. The program is built
 * without PIE, so that the addresses of its globals (which sysfs's raw words show) are the same in
 * both runs.
 */
class FsNotifyMiscDecodersIT {
    @TempDir Path dir;

    private static final List<String> OPTIONS =
            List.of(
                    "-e",
                    "trace=fanotify_init,fanotify_mark,name_to_handle_at,open_by_handle_at,"
                            + "membarrier,pivot_root,sysfs,set_mempolicy_home_node");

    @Test
    void theseCallsPrintAsStraceDoes() throws Exception {
        assumeCalls();
        Path program = StraceComparison.compile(dir, "fs_notify_misc", "gcc", "-no-pie");
        for (List<String> how :
                List.of(
                        List.<String>of(),
                        List.of("-y"),
                        List.of("-X", "verbose"),
                        List.of("-X", "raw"),
                        List.of("-s", "4"),
                        List.of("-e", "verbose=none"))) {
            List<String> options = new ArrayList<>(how);
            options.addAll(OPTIONS);
            StraceComparison.sameInWorkDirectory(dir, program, options, UnaryOperator.identity());
        }
    }

    @Test
    void aThirtyTwoBitProgramsCallsPrintAsStraceDoes() throws Exception {
        assumeCalls();
        Path program = StraceComparison.compileI386(dir, "fs_notify_misc");
        StraceComparison.sameInWorkDirectory(dir, program, OPTIONS, UnaryOperator.identity());
    }

    /**
     * fanotify (CONFIG_FANOTIFY), file handles and membarrier: skipped, saying so, without them.
     */
    private static void assumeCalls() {
        assumeTrue(
                Syscalls.raw(Nr.fanotify_init, 0xfffff000L, 0) != -Errno.ENOSYS,
                "this kernel has no fanotify (CONFIG_FANOTIFY is off)");
        assumeTrue(
                Syscalls.raw(Nr.name_to_handle_at, -1, 0, 0, 0, -1) != -Errno.ENOSYS,
                "this kernel has no file handles (CONFIG_FHANDLE is off)");
        assumeTrue(
                Syscalls.raw(Nr.membarrier, -1, 0, 0) != -Errno.ENOSYS,
                "this kernel has no membarrier (CONFIG_MEMBARRIER is off)");
    }
}
