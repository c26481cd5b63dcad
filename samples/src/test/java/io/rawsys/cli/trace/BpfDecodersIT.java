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
 * bpf against strace 6.1: {@code bpf_calls.c} makes each of the 32 commands strace decodes, with
 * attrs laid out byte by byte (short ones, ones with bytes past the kernel's struct, sizes of 0 and
 * over a page, NULL, bad and cut pointers, unknown commands). Where the kernel lets the process use
 * bpf it makes an array map and a socket filter program of its own (freed at exit) and works on
 * them; everything that would attach, pin or link outside the process is refused. Where bpf is
 * refused altogether (EPERM), both tracers still print every attr. Plain, with -y and -s 8, and
 * from an i386 program; with -v (eBPF programs instruction by instruction, extra data in hex) once
 * rawsys trace takes -v, skipped until then (the map's and the program's info decoded, as strace
 * decodes it then).
 */
class BpfDecodersIT {
    @TempDir Path dir;

    private static final String CALLS = "bpf";

    @Test
    void bpfPrintsAsStraceDoes() throws Exception {
        assumeBpf();
        Path program = StraceComparison.compile(dir, "bpf_calls", "gcc");
        StraceComparison.sameEveryWay(dir, program, CALLS, BpfDecodersIT::comparable);
    }

    @Test
    void verboseAttrsPrintProgramsAndExtraData() throws Exception {
        assumeBpf();
        SeccompDecodersIT.assumeVerbose();
        Path program = StraceComparison.compile(dir, "bpf_calls", "gcc");
        StraceComparison.sameInWorkDirectory(
                dir, program, List.of("-v", "-e", "trace=" + CALLS), BpfDecodersIT::comparable);
    }

    @Test
    void aThirtyTwoBitProgramsAttrsPrintAsStraceDoes() throws Exception {
        assumeBpf();
        Path program = StraceComparison.compileI386(dir, "bpf_calls");
        StraceComparison.sameInWorkDirectory(
                dir, program, List.of("-e", "trace=" + CALLS), BpfDecodersIT::comparable);
    }

    /** bpf with a command no kernel has: EINVAL (or EPERM) where the kernel has the call. */
    private static void assumeBpf() {
        assumeTrue(
                Syscalls.raw(Nr.bpf, 0xffff, 0, 0) != -Errno.ENOSYS,
                "this kernel has no bpf (CONFIG_BPF_SYSCALL is off)");
    }

    /**
     * The line with what differs from run to run however exact the decoding replaced: the ids the
     * kernel hands out, which grow (the first program's id, which BPF_PROG_GET_NEXT_ID finds, is
     * the one the program just loaded), and with -v the map's and the program's ids in their info
     * and the time the program was loaded; with -y the inode of the pipe the tests' runner gives
     * the program as its standard input, which members naming descriptor 0 show.
     */
    private static String comparable(String line) {
        return line.replaceAll("(next_id=\\d+ => )\\d+", "$1ID")
                .replaceAll("(info=\\{type=\\w+, id=)\\d+", "$1ID")
                .replaceAll("load_time=\\d+ /\\* [^*]+ \\*/", "load_time=WHEN")
                .replaceAll("pipe:\\[\\d+]", "pipe:[INODE]");
    }
}
