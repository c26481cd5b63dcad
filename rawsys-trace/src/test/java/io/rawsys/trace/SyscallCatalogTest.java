package io.rawsys.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rawsys.Arch;
import io.rawsys.SyscallTable;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The catalog's names against rawsys's generated tables, and its answers to the tracer. */
class SyscallCatalogTest {
    static final SyscallCatalog CATALOG = SyscallCatalog.load();
    static final List<String> COVERED = List.of("x86_64", "i386", "aarch64", "riscv64");
    static final Arch X86_64 = Arch.of("x86_64");
    static final Arch I386 = Arch.of("i386");

    @ParameterizedTest
    @ValueSource(strings = {"x86_64", "i386", "aarch64", "riscv64"})
    void everyCallOfTheTableHasALine(String abi) {
        Set<String> missing = new TreeSet<>();
        for (SyscallTable.Entry call : Arch.of(abi).syscalls().entries()) {
            if (!CATALOG.names().contains(call.name())) {
                missing.add(call.name());
            }
        }
        assertEquals(Set.of(), missing, abi + " calls without a line in syscalls.txt");
    }

    @Test
    void everyLineNamesACallOfSomeTable() {
        Set<String> unknown = new TreeSet<>(CATALOG.names());
        for (String abi : COVERED) {
            Arch.of(abi).syscalls().entries().forEach(call -> unknown.remove(call.name()));
        }
        assertEquals(Set.of(), unknown, "lines of syscalls.txt that no table has");
    }

    @Test
    void anAbiThatPassesA64BitValueInTwoWordsPrintsOneMoreArgument() {
        assertEquals(4, CATALOG.arguments(X86_64, "pread64"));
        assertEquals(5, CATALOG.arguments(I386, "pread64"));
        assertEquals(4, CATALOG.arguments(Arch.of("aarch64"), "pread64"));
    }

    @Test
    void i386sOldMmapTakesOnePointer() {
        assertEquals(6, CATALOG.arguments(X86_64, "mmap"));
        assertEquals(1, CATALOG.arguments(I386, "mmap"));
        assertEquals(6, CATALOG.arguments(I386, "mmap2"));
    }

    @Test
    void anUnknownCallPrintsSixArguments() {
        assertEquals(6, CATALOG.arguments(X86_64, "no_such_call"));
        assertEquals(Set.of(), CATALOG.classes("no_such_call"));
    }

    @Test
    void classesAreSpeltAsStraceTakesThem() {
        assertEquals(Set.of("%file", "%desc"), CATALOG.classes("openat"));
        assertEquals(Set.of("%file", "%stat", "%%stat"), CATALOG.classes("stat"));
        assertEquals(Set.of("%creds", "%pure"), CATALOG.classes("getuid"));
    }

    @Test
    void aClassMayBeNamedWithOrWithoutItsPercent() {
        Set<String> file = CATALOG.members(X86_64, "%file");
        assertTrue(file.containsAll(Set.of("open", "openat", "execve", "stat")), file.toString());
        assertEquals(file, CATALOG.members(X86_64, "file"));
        assertEquals(CATALOG.members(X86_64, "%network"), CATALOG.members(X86_64, "%net"));
    }

    @Test
    void theStatLikeClassIsWiderThanTheStatClass() {
        assertEquals(Set.of("stat"), CATALOG.members(X86_64, "%stat"));
        assertEquals(
                Set.of("stat", "lstat", "fstat", "newfstatat", "statx"),
                CATALOG.members(X86_64, "%%stat"));
        assertTrue(CATALOG.members(I386, "%%stat").contains("fstatat64"));
    }

    @Test
    void membersAreTheArchitecturesOwnCalls() {
        assertTrue(CATALOG.members(I386, "%ipc").contains("ipc"));
        assertTrue(CATALOG.members(I386, "%memory").contains("mmap2"));
        assertTrue(!CATALOG.members(X86_64, "%memory").contains("mmap2"));
    }

    @Test
    void anUnknownClassIsRefusedWithTheKnownOnes() {
        NoSuchElementException e =
                assertThrows(NoSuchElementException.class, () -> CATALOG.members(X86_64, "%fiel"));
        assertTrue(e.getMessage().contains("'%fiel'"), e.getMessage());
        for (String known : SyscallCatalog.CLASSES) {
            assertTrue(e.getMessage().contains(known), e.getMessage());
        }
    }
}
