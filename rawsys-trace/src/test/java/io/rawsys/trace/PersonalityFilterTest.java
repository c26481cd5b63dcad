package io.rawsys.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rawsys.Arch;
import io.rawsys.trace.decode.Decoders;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which personality a call is made in, and whether {@code -e trace=} shows it, decided from the
 * values a syscall stop reports — without running a 32-bit program, so that this stays checked on
 * kernels that cannot execute one (TraceIT's i386 case is skipped there).
 *
 * <p>The stops are those of the static i386 and x86_64 builds of {@code killed.c} traced on x86_64,
 * as PTRACE_GET_SYSCALL_INFO reported them: the AUDIT_ARCH_* value and the call's number.
 */
class PersonalityFilterTest {
    private static final int AUDIT_ARCH_X86_64 = 0xc000003e;
    private static final int AUDIT_ARCH_I386 = 0x40000003;
    private static final Arch X86_64 = Arch.of("x86_64");

    /** What one stop reported, and the name its call has in that personality. */
    private record Stop(int auditArch, long nr, String arch, String name) {}

    /** {@code killed.c}'s calls, i386 build: int 0x80 numbers. */
    private static final List<Stop> I386_STOPS =
            List.of(
                    new Stop(AUDIT_ARCH_I386, 20, "i386", "getpid"),
                    new Stop(AUDIT_ARCH_I386, 4, "i386", "write"),
                    new Stop(AUDIT_ARCH_I386, 37, "i386", "kill"),
                    new Stop(AUDIT_ARCH_I386, 192, "i386", "mmap2"),
                    new Stop(AUDIT_ARCH_I386, 140, "i386", "_llseek"),
                    new Stop(AUDIT_ARCH_I386, 252, "i386", "exit_group"));

    /** The same program's x86_64 build: the same numbers mean other calls there. */
    private static final List<Stop> X86_64_STOPS =
            List.of(
                    new Stop(AUDIT_ARCH_X86_64, 39, "x86_64", "getpid"),
                    new Stop(AUDIT_ARCH_X86_64, 1, "x86_64", "write"),
                    new Stop(AUDIT_ARCH_X86_64, 62, "x86_64", "kill"),
                    new Stop(AUDIT_ARCH_X86_64, 9, "x86_64", "mmap"),
                    new Stop(AUDIT_ARCH_X86_64, 231, "x86_64", "exit_group"),
                    // x32: the x86_64 audit arch with __X32_SYSCALL_BIT in the number
                    new Stop(AUDIT_ARCH_X86_64, 0x4000_0000L | 39, "x32", "getpid"));

    private static Filter filter(String trace) {
        return Filter.parse(
                trace, null, SyscallCatalog.load()::members, Decoders.standard()::carriedNames);
    }

    private static String nameAt(Stop stop) {
        Arch arch = Tracer.personality(stop.auditArch(), stop.nr(), X86_64);
        assertEquals(stop.arch(), arch.name(), "personality of " + stop);
        return arch.syscalls()
                .name(stop.nr())
                .orElseThrow(() -> new AssertionError("no call " + stop));
    }

    @Test
    void theAuditArchAndTheX32BitChooseThePersonality() {
        for (Stop stop : I386_STOPS) {
            assertEquals(stop.name(), nameAt(stop), stop.toString());
        }
        for (Stop stop : X86_64_STOPS) {
            assertEquals(stop.name(), nameAt(stop), stop.toString());
        }
    }

    @Test
    void anAuditArchThisMachineDoesNotKnowIsTakenForTheHost() {
        assertEquals("x86_64", Tracer.personality(0x12345678, 39, X86_64).name());
    }

    /** TraceIT's set: the names of both personalities are accepted, each traces its own. */
    @Test
    void namesOfTheOtherPersonalityAreAcceptedAndTraceOnlyThere() {
        Filter filter = filter("getpid,write,kill,mmap2,_llseek");
        for (Stop stop : I386_STOPS) {
            assertEquals(
                    !stop.name().equals("exit_group"),
                    filter.traces(Arch.of(stop.arch()), nameAt(stop)),
                    stop.toString());
        }
        for (Stop stop : X86_64_STOPS) {
            assertEquals(
                    List.of("getpid", "write", "kill").contains(stop.name()),
                    filter.traces(Arch.of(stop.arch()), nameAt(stop)),
                    stop.toString());
        }
        assertFalse(filter.traced(X86_64).contains("mmap2"), "x86_64 has no mmap2");
    }

    /** i386's socket calls go through socketcall; a trace set names the calls it carries. */
    @Test
    void callsCarriedBySocketcallAreTracedByTheirOwnNames() {
        Filter filter = filter("send,recv");
        assertTrue(filter.traces(Arch.of("i386"), "send"));
        assertTrue(filter.traces(Arch.of("i386"), "recv"));
        assertFalse(filter.traces(X86_64, "send"), "x86_64 has neither send nor recv");
    }

    @Test
    void aNameOfNoPersonalityIsRefusedWithASuggestion() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> filter("getpdi").traced(X86_64));
        assertTrue(e.getMessage().contains("'getpdi' is no system call on x86_64"), e.getMessage());
        assertTrue(e.getMessage().contains("getpid"), e.getMessage());
    }
}
