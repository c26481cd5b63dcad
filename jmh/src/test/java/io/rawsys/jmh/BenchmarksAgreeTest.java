package io.rawsys.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rawsys.linux.Errno;
import org.junit.jupiter.api.Test;

/**
 * Each benchmark measures what it says: every road to getpid returns this process's pid, every
 * clock reads CLOCK_MONOTONIC, every errno variant sees EBADF, and both openat rows ENOENT. A
 * benchmark that returned a constant would be fast and wrong.
 */
class BenchmarksAgreeTest {
    @Test
    void everyGetpidIsThisProcess() throws Throwable {
        long pid = ProcessHandle.current().pid();
        GetpidBench b = new GetpidBench();
        assertEquals(pid, b.libcViaFfm());
        assertEquals(pid, b.libcViaFfmCritical());
        assertEquals(pid, b.libcSyscallViaFfm());
        assertEquals(pid, b.rawsysRaw());
        assertEquals(pid, b.rawsysCritical());
        assertEquals(pid, b.rawsysInvoke());
        assertEquals(pid, b.jnaDirect());
        assertEquals(pid, b.jnrPosix());
        assertEquals(pid, b.jni());
    }

    @Test
    void everyClockIsMonotonic() throws Throwable {
        ClockBench b = new ClockBench();
        long before = System.nanoTime();
        long vdso = b.rawsysVdso();
        long critical = b.rawsysVdsoCritical();
        long after = b.systemNanoTime();
        assertTrue(before <= vdso && vdso <= critical && critical <= after);
        // The others return tv_nsec of the same clock.
        for (long nsec : new long[] {b.libcViaFfm(), b.libcViaFfmCritical(), b.rawsysSyscall()}) {
            assertTrue(nsec >= 0 && nsec < 1_000_000_000L, "tv_nsec " + nsec);
        }
    }

    @Test
    void everyErrnoIsEbadf() throws Throwable {
        ErrnoBench b = new ErrnoBench();
        assertEquals(Errno.EBADF, b.libcViaFfmCapturingErrno());
        assertEquals(-Errno.EBADF, b.rawsysRaw());
        assertEquals(Errno.EBADF, b.rawsysInvokeCatching());
        assertEquals(-Errno.ENOENT, b.rawsysRawOpenatMissing());
        assertEquals(-Errno.ENOENT, b.typedOpenatMissingCatching());
    }
}
