package io.rawsys.calls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rawsys.Arch;
import io.rawsys.linux.Seccomp;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * The programs SyscallFilter builds, run by a small classic-BPF interpreter of the instructions
 * seccomp programs use here (the kernel runs them in the tracer's and the supervisor's tests).
 */
class SyscallFilterTest {
    private static final Arch X86_64 = Arch.of("x86_64");
    private static final Arch I386 = Arch.of("i386");
    private static final Arch X32 = Arch.of("x32");
    private static final int NOTIF = Seccomp.SECCOMP_RET_USER_NOTIF;
    private static final int TRACE = Seccomp.SECCOMP_RET_TRACE;
    private static final int ALLOW = Seccomp.SECCOMP_RET_ALLOW;
    private static final int EPERM = Seccomp.SECCOMP_RET_ERRNO | 1;

    /** What the program returns for a call: seccomp_data's nr at 0 and arch at 4. */
    static int run(List<int[]> program, int arch, int nr) {
        int a = 0;
        for (int pc = 0; pc < program.size(); pc++) {
            int[] i = program.get(pc);
            int code = i[0];
            int k = i[3];
            if (code == (Seccomp.BPF_LD | Seccomp.BPF_W | Seccomp.BPF_ABS)) {
                a = k == 0 ? nr : k == 4 ? arch : fail("load of offset " + k);
            } else if (code == (Seccomp.BPF_RET | Seccomp.BPF_K)) {
                return k;
            } else if (code == (Seccomp.BPF_JMP | Seccomp.BPF_JA)) {
                pc += k;
            } else if (code == (Seccomp.BPF_JMP | Seccomp.BPF_JEQ | Seccomp.BPF_K)) {
                pc += a == k ? i[1] : i[2];
            } else if (code == (Seccomp.BPF_JMP | Seccomp.BPF_JSET | Seccomp.BPF_K)) {
                pc += (a & k) != 0 ? i[1] : i[2];
            } else {
                fail("instruction " + code);
            }
        }
        return fail("ran off the end");
    }

    private static int fail(String what) {
        throw new AssertionError(what);
    }

    private static long nr(Arch abi, String name) {
        return abi.syscalls().find(name).orElseThrow();
    }

    @Test
    void eachAbiOfTheMachineIsAnsweredInItsOwnNumbers() {
        List<int[]> p =
                SyscallFilter.on(X86_64)
                        .answer(X86_64, List.of(nr(X86_64, "openat"), nr(X86_64, "close")), NOTIF)
                        .answer(I386, List.of(nr(I386, "openat")), EPERM)
                        .answer(X32, List.of(nr(X32, "openat")), EPERM)
                        .instructions();
        int x86 = X86_64.auditArch();
        assertEquals(NOTIF, run(p, x86, (int) nr(X86_64, "openat")));
        assertEquals(NOTIF, run(p, x86, (int) nr(X86_64, "close")));
        assertEquals(ALLOW, run(p, x86, (int) nr(X86_64, "read")));
        // i386's openat is 295, which on x86_64 is preadv: each is answered in its own table
        assertEquals(EPERM, run(p, I386.auditArch(), (int) nr(I386, "openat")));
        assertEquals(ALLOW, run(p, x86, (int) nr(I386, "openat")));
        assertEquals(ALLOW, run(p, I386.auditArch(), (int) nr(X86_64, "openat")));
        // x32 shares x86_64's audit arch; its numbers carry bit 30
        assertEquals(EPERM, run(p, x86, (int) nr(X32, "openat")));
        assertEquals(ALLOW, run(p, x86, (int) nr(X32, "read")));
        assertEquals(Seccomp.SECCOMP_RET_KILL_PROCESS, run(p, 0x1234, 2));
    }

    @Test
    void theTracersProgramTracesAllOfX32AndUnknownArches() {
        List<int[]> p =
                SyscallFilter.on(X86_64)
                        .answer(X86_64, List.of(nr(X86_64, "execve")), TRACE)
                        .answerAll(X32, TRACE)
                        .unknownArch(TRACE)
                        .instructions();
        assertEquals(TRACE, run(p, X86_64.auditArch(), (int) nr(X86_64, "execve")));
        assertEquals(TRACE, run(p, X86_64.auditArch(), (int) nr(X32, "read")));
        assertEquals(TRACE, run(p, X86_64.auditArch(), -1)); // bit 30 set
        assertEquals(ALLOW, run(p, X86_64.auditArch(), (int) nr(X86_64, "read")));
        assertEquals(ALLOW, run(p, I386.auditArch(), (int) nr(I386, "execve")));
        assertEquals(TRACE, run(p, 0x1234, 0));
    }

    @Test
    void anAbiOfAnotherMachineIsRefused() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> SyscallFilter.on(X86_64).answerAll(Arch.of("aarch64"), TRACE));
        assertTrue(
                e.getMessage().contains("aarch64 is no ABI of x86_64's machine"), e.getMessage());
    }

    @Test
    void otherMachinesGetTheirOwnBlocks() {
        Arch aarch64 = Arch.of("aarch64");
        Arch arm = Arch.of("arm");
        List<int[]> p =
                SyscallFilter.on(aarch64)
                        .answer(aarch64, List.of(nr(aarch64, "openat")), NOTIF)
                        .instructions();
        assertEquals(NOTIF, run(p, aarch64.auditArch(), (int) nr(aarch64, "openat")));
        assertEquals(ALLOW, run(p, arm.auditArch(), (int) nr(aarch64, "openat")));
    }

    @Test
    void aProgramPastTheKernelsLimitIsRefusedWithTheCount() {
        SyscallFilter f =
                SyscallFilter.on(X86_64)
                        .answer(X86_64, LongStream.range(0, 3000).boxed().toList(), NOTIF);
        IllegalStateException e = assertThrows(IllegalStateException.class, f::instructions);
        assertTrue(e.getMessage().contains("more than the kernel's 4096"), e.getMessage());
    }
}
