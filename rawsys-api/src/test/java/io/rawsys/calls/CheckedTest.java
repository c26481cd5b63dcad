package io.rawsys.calls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.rawsys.ErrnoException;
import io.rawsys.SyscallTable;
import io.rawsys.Syscalls;
import io.rawsys.internal.Shapes;
import io.rawsys.linux.Errno;
import io.rawsys.linux.Nr;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

/**
 * The typed calls' road ({@link Checked}) and {@link Syscalls}' are one: the same guard, the same
 * errors; and the raw road ({@link Shapes}) answers a negative number in both linkages.
 */
class CheckedTest {
    @Test
    void aNegativeNumberOnTheTypedRoadIsSyscallsInvokesEnosys() {
        ErrnoException expected =
                assertThrows(
                        ErrnoException.class, () -> Syscalls.invoke(SyscallTable.MISSING, 0, 0, 0));
        ErrnoException typed =
                assertThrows(
                        ErrnoException.class,
                        () -> Checked.lpl(SyscallTable.MISSING, 0, MemorySegment.NULL, 0));
        assertEquals("ENOSYS", typed.errnoName());
        assertEquals(expected.errno(), typed.errno());
        assertEquals(expected.syscall(), typed.syscall());
        assertEquals(expected.getMessage(), typed.getMessage());
        assertEquals(expected.toString(), typed.toString());
        // one with pointers only, and one of all longs, which Syscalls.invoke shares
        assertEquals(
                expected.toString(),
                assertThrows(
                                ErrnoException.class,
                                () ->
                                        Checked.pp(
                                                SyscallTable.MISSING,
                                                MemorySegment.NULL,
                                                MemorySegment.NULL))
                        .toString());
        assertEquals(
                expected.toString(),
                assertThrows(ErrnoException.class, () -> Checked.lll(SyscallTable.MISSING, 0, 0, 0))
                        .toString());
    }

    @Test
    void aNegativeNumberNeverReachesTheKernel() {
        // Negative, with getpid's number in its low 32 bits: x86_64 and arm64 read the number as an
        // int, so in the kernel this would be getpid. ENOSYS says the guard answered instead.
        long getpidInDisguise = Nr.getpid | 0xFFFF_FFFF_0000_0000L;
        ErrnoException typed =
                assertThrows(ErrnoException.class, () -> Checked.none(getpidInDisguise));
        assertEquals("ENOSYS", typed.errnoName());
        assertEquals(
                assertThrows(ErrnoException.class, () -> Syscalls.invoke(getpidInDisguise))
                        .toString(),
                typed.toString());
        assertEquals(-Errno.ENOSYS, Shapes.Critical.none(getpidInDisguise));
    }

    @Test
    void aNegativeNumberOnTheRawRoadIsEnosysInBothLinkages() {
        assertEquals(-Errno.ENOSYS, Shapes.Default.lpl(-5, 0, MemorySegment.NULL, 0));
        assertEquals(Syscalls.raw(-5, 0, 0, 0), Shapes.Default.lll(-5, 0, 0, 0));
        assertEquals(Syscalls.Critical.raw(-5, 0, 0, 0), Shapes.Critical.lll(-5, 0, 0, 0));
        assertEquals(-Errno.ENOSYS, Shapes.Critical.none(SyscallTable.MISSING));
    }
}
