package io.rawsys.cli.trace;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pidfds, signalfds, namespaces and select against strace 6.1: a C program makes pidfd_getfd (with
 * pidfd_open and pidfd_send_signal), signalfd, signalfd4, select (i386's old select and _newselect
 * in its 32-bit build), pselect6 (and pselect6_time64), setns and unshare as they work and as the
 * kernel refuses them, and the lines of both tracers must be equal byte for byte, plain, with -y
 * and with -s 8, for x86_64 and i386. Traced with -f: the namespace calls are made only in a child
 * the program forks, which leaves with its namespaces.
 */
class DescriptorDecodersIT {
    @TempDir Path dir;

    /** {@code ?}: names the machine's own architecture may lack (i386's). */
    private static final String CALLS =
            "pidfd_open,pidfd_getfd,pidfd_send_signal,?signalfd,signalfd4,select,?_newselect,"
                    + "pselect6,?pselect6_time64,setns,unshare";

    @Test
    void descriptorNamespaceAndSelectCallsPrintAsStraceDoes() throws Exception {
        Path program = StraceComparison.compile(dir, "desc_ns", "gcc");
        for (List<String> how : List.of(List.<String>of(), List.of("-y"), List.of("-s", "8"))) {
            same(program, how);
        }
    }

    @Test
    void aThirtyTwoBitProgramsCallsPrintAsStraceDoes() throws Exception {
        Path program = StraceComparison.compileI386(dir, "desc_ns");
        same(program, List.of());
        same(program, List.of("-y", "-s", "8"));
    }

    private void same(Path program, List<String> how) throws Exception {
        List<String> options = new ArrayList<>(List.of("-f"));
        options.addAll(how);
        options.addAll(List.of("-e", "trace=" + CALLS));
        StraceComparison.sameInWorkDirectory(
                dir, program, options, DescriptorDecodersIT::comparable);
    }

    /**
     * The lines with what differs from run to run: the time select and pselect6 had left (the
     * kernel's, by the microsecond), and the inode in -y's {@code pipe:[1234]}.
     */
    private static String comparable(String line) {
        return line.replaceAll("left \\{[^}]*\\}", "left TIME")
                .replaceAll("pipe:\\[\\d+\\]", "pipe:[INODE]");
    }
}
