package io.rawsys.cli.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.rawsys.Arch;
import io.rawsys.Syscalls;
import io.rawsys.cli.trace.StraceComparison.Trace;
import io.rawsys.linux.Errno;
import io.rawsys.linux.Nr;
import io.rawsys.testing.KernelSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The calls Linux 6.5 to 6.10 added (fchmodat2, cachestat, mseal, futex_wake, futex_wait,
 * futex_requeue, listmount, statmount), and futex_waitv, traced from a C program that makes each as
 * it works and as the kernel refuses it.
 *
 * <p>This machine's strace is 6.1, which predates them all and prints {@code syscall_0x1c3(...)},
 * so it cannot be the oracle (it knows futex_waitv, but names its waiters' flags as 5.16 did,
 * FUTEX_32|FUTEX_PRIVATE_FLAG, where 6.12 prints the kernel's FUTEX2_ names). The expected lines
 * are strace 6.12's instead, written from its own decoders and test expectations at its v6.12 tag
 * (src/chmod.c, src/cachestat.c, src/mem.c, src/futex2.c, src/listmount.c, src/statmount.c;
 * tests/fchmodat2.c, tests/cachestat.c, tests/mseal.c, tests/futex2.c, tests/listmount.c,
 * tests/statmount.c), and were checked against a strace 6.12 built from that tag when they were
 * written. What a line cannot know in advance (an address, a mount's id and strings) the program
 * prints, and is filled in.
 */
class NewCallDecodersIT {
    @TempDir Path dir;

    private static final String CALLS =
            "fchmodat2,cachestat,mseal,futex_wake,futex_wait,futex_requeue,futex_waitv,listmount,"
                    + "statmount";

    /** strace 6.12's lines for new_calls.c, ${KEY} standing for what the program printed. */
    private static final String EXPECTED =
            """
            fchmodat2(AT_FDCWD, "f", 0640, 0) = 0
            fchmodat2(AT_FDCWD, "f", 004, AT_SYMLINK_NOFOLLOW|AT_EMPTY_PATH) = 0
            fchmodat2(AT_FDCWD, "f", 0600, 0xffffeeff /* AT_??? */) = -1 EINVAL (Invalid argument)
            fchmodat2(AT_FDCWD, 0x8, 0600, 0) = -1 EFAULT (Bad address)
            cachestat(3, {off=0, len=4096}, {nr_cache=1, nr_dirty=0, nr_writeback=0, nr_evicted=0, nr_recently_evicted=0}, 0) = 0
            cachestat(-1, NULL, NULL, 0) = -1 EBADF (Bad file descriptor)
            cachestat(3, 0x8, ${CSTAT}, 0xffffffff) = -1 EFAULT (Bad address)
            mseal(0x20000000, 4096, 0) = 0
            mseal(0x20001000, 4096, 0x1) = -1 EINVAL (Invalid argument)
            futex_wake(${WORD0}, FUTEX_BITSET_MATCH_ANY, 1, FUTEX2_SIZE_U32|FUTEX2_PRIVATE) = 0
            futex_wait(${WORD0}, 5, FUTEX_BITSET_MATCH_ANY, FUTEX2_SIZE_U32|FUTEX2_PRIVATE, {tv_sec=0, tv_nsec=1}, CLOCK_MONOTONIC) = -1 ETIMEDOUT (Connection timed out)
            futex_wait(${WORD0}, 4, FUTEX_BITSET_MATCH_ANY, FUTEX2_SIZE_U32|FUTEX2_PRIVATE, NULL, CLOCK_MONOTONIC) = -1 EAGAIN (Resource temporarily unavailable)
            futex_wake(NULL, 0, -1, FUTEX2_SIZE_U8|0xffffff78) = -1 EINVAL (Invalid argument)
            futex_requeue([{val=0x5, uaddr=${WORD0}, flags=FUTEX2_SIZE_U32|FUTEX2_PRIVATE}, {val=0, uaddr=${WORD1}, flags=FUTEX2_SIZE_U32|FUTEX2_PRIVATE}], 0, 1, 0) = 0
            futex_waitv([{val=0x5, uaddr=${WORD0}, flags=FUTEX2_SIZE_U32|FUTEX2_PRIVATE}, {val=0, uaddr=${WORD1}, flags=FUTEX2_SIZE_U32|FUTEX2_PRIVATE}], 2, 0, {tv_sec=0, tv_nsec=1}, CLOCK_MONOTONIC) = -1 ETIMEDOUT (Connection timed out)
            futex_waitv(NULL, 0, 0x1, NULL, 0x63 /* CLOCK_??? */) = -1 EINVAL (Invalid argument)
            futex_requeue([{val=0, uaddr=${WORD0}, flags=FUTEX2_SIZE_U32}, ... /* ${EDGE} */], 0, 1, 0) = -1 EFAULT (Bad address)
            listmount({size=24, mnt_id=LSMT_ROOT, param=0}, [${ID0}, ${ID1}], 2, 0) = 2
            listmount({size=24, mnt_id=LSMT_ROOT, param=0}, ${IDS}, 2, 0x2 /* LISTMOUNT_??? */) = -1 EINVAL (Invalid argument)
            statmount({size=24, mnt_id=${ID0}, param=STATMOUNT_MNT_ROOT|STATMOUNT_MNT_POINT|STATMOUNT_FS_TYPE}, {size=${SIZE}, mask=STATMOUNT_MNT_ROOT|STATMOUNT_MNT_POINT|STATMOUNT_FS_TYPE, fs_type="${FS_TYPE}", mnt_root="${MNT_ROOT}", mnt_point="${MNT_POINT}"}, 4096, 0) = 0
            statmount({size=24, mnt_id=0x3039, param=STATMOUNT_MNT_BASIC}, ${BUF}, 4096, 0) = -1 EINVAL (Invalid argument)
            +++ exited with 0 +++
            """;

    @Test
    void newCallsPrintAsStrace612Does() throws Exception {
        assumeTrue(
                Arch.current().name().equals("x86_64"),
                "the program is built for this machine with x86 kernel headers");
        long probe = Syscalls.raw(Nr.mseal, 0, 0, 0);
        assumeTrue(probe != -Errno.ENOSYS, "this kernel has no mseal (Linux 6.10+)");
        Path program =
                StraceComparison.compile(
                        dir,
                        "new_calls",
                        "gcc",
                        "-isystem",
                        KernelSource.headers("x86").toString(),
                        "-I",
                        Path.of("src/test/c/trace").toAbsolutePath().toString());
        Path work = Files.createDirectory(dir.resolve("work"));
        Trace trace =
                StraceComparison.rawsys(
                        dir,
                        List.of("-e", "trace=" + CALLS),
                        List.of(program.toString(), work.toString()));
        assertEquals(0, trace.status(), trace.output());
        String expected = StraceComparison.filled(EXPECTED, trace);
        List<String> unpadded = trace.lines().stream().map(StraceComparison::unpadded).toList();
        assertEquals(expected.strip(), String.join("\n", unpadded));
    }
}
