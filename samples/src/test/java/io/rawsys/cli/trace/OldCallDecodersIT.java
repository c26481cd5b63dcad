package io.rawsys.cli.trace;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The old calls against strace 6.1: i386's old signal calls (one-word masks, struct old_sigaction),
 * oldstat, oldlstat, oldfstat, readdir, stime, uselib, nice, the calls strace prints as printargs,
 * and its *_time64 calls ppoll_time64, recvmmsg_time64, rt_sigtimedwait_time64 and futex_time64,
 * from a static i386 program (skipped, with the reason, where the kernel cannot execute one;
 * I386DecodingTest checks the same decoders there); and uselib and vhangup, which x86_64 has too,
 * from a 64-bit one. The lines must be equal byte for byte, plain and with -s 8.
 */
class OldCallDecodersIT {
    @TempDir Path dir;

    private static final String I386_CALLS =
            "ppoll_time64,recvmmsg_time64,rt_sigtimedwait_time64,futex_time64,signal,sigaction,"
                    + "sigprocmask,sigpending,sgetmask,ssetmask,sigsuspend,oldstat,oldlstat,"
                    + "oldfstat,readdir,stime,uselib,nice,break,stty,gtty,ftime,prof,lock,mpx,"
                    + "ulimit,profil,idle,olduname,oldolduname,vm86old,vm86,vhangup,bdflush";

    @Test
    void theOldCallsOfAThirtyTwoBitProgramPrintAsStraceDoes() throws Exception {
        Path program = StraceComparison.compileI386(dir, "old_i386");
        for (List<String> how : List.of(List.<String>of(), List.of("-s", "8"))) {
            List<String> options = new java.util.ArrayList<>(how);
            options.addAll(List.of("-e", "trace=" + I386_CALLS));
            StraceComparison.sameInWorkDirectory(
                    dir, program, options, OldCallDecodersIT::comparable);
        }
    }

    @Test
    void uselibAndVhangupOfASixtyFourBitProgramPrintAsStraceDoes() throws Exception {
        Path program = StraceComparison.compile(dir, "old_calls", "gcc");
        StraceComparison.sameInWorkDirectory(
                dir, program, List.of("-e", "trace=uselib,vhangup"), l -> l);
    }

    /**
     * The signal rt_sigtimedwait_time64 returns the program sent itself with raise (tgkill, traced
     * with the %signal class that strace's legacy name "signal" stands for): its pid varies.
     */
    private static String comparable(String line) {
        return line.replaceAll("si_pid=\\d+", "si_pid=PID")
                .replaceAll("^tgkill\\(\\d+, \\d+,", "tgkill(PID, PID,");
    }
}
