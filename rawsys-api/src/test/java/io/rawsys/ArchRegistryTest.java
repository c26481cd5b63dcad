package io.rawsys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rawsys.testing.KernelSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * bindgen/arches.txt, as Arch reads it, against what else says the same: each stub's own header
 * table, the stub files present, the kernel's Kconfig for clone's argument order, and the audit
 * arches the kernel reports.
 */
class ArchRegistryTest {
    static final Path ASM = Path.of("../rawsys-stubs/src/main/asm");

    static List<String> names() {
        return Arch.names();
    }

    /** The {@code key value} lines a stub's opening comment holds: {@code * number rax}. */
    private static Map<String, String> stubHeader(Path file) throws IOException {
        Map<String, String> header = new TreeMap<>();
        Pattern line = Pattern.compile("^ \\*   (instruction|number|arguments|result)\\s+(.*)$");
        for (String l : Files.readAllLines(file)) {
            Matcher m = line.matcher(l);
            if (m.matches()) {
                header.putIfAbsent(m.group(1), m.group(2));
            }
        }
        return header;
    }

    @ParameterizedTest
    @MethodSource("names")
    void eachStubOpensWithTheRegistersTheRegistryGives(String name) throws IOException {
        Arch arch = Arch.of(name);
        Path stub = ASM.resolve(name + ".S");
        assertEquals(
                arch.abi().stub(),
                Files.isRegularFile(stub),
                stub + " exists exactly when bindgen/arches.txt says 'stub yes' for " + name);
        if (!arch.abi().stub()) {
            return;
        }
        Map<String, String> header = stubHeader(stub);
        assertTrue(
                header.get("instruction").startsWith(arch.abi().instruction()),
                name + ": the stub traps with " + header.get("instruction"));
        assertEquals(
                arch.abi().numberRegister(),
                header.get("number").split("\\s+")[0],
                name + "'s number register");
        assertEquals(
                arch.abi().resultRegister(),
                header.get("result").split("[\\s;]+")[0],
                name + "'s result register");
        // The registry's six places appear in the stub's line, in order ("a0  a1 … then 16($sp)").
        String arguments = header.get("arguments");
        int at = 0;
        for (String place : arch.abi().argumentRegisters()) {
            Matcher m =
                    Pattern.compile("(?<![\\w$(])" + Pattern.quote(place) + "(?![\\w)])")
                            .matcher(arguments);
            assertTrue(
                    m.find(at),
                    name + ": " + place + " missing or out of order in '" + arguments + "'");
            at = m.end();
        }
    }

    @Test
    void everyStubFileHasAnEntry() throws IOException {
        try (Stream<Path> files = Files.list(ASM)) {
            Set<String> stubs =
                    files.map(p -> p.getFileName().toString())
                            .filter(f -> f.endsWith(".S"))
                            .map(f -> f.substring(0, f.length() - 2))
                            .collect(Collectors.toCollection(TreeSet::new));
            Set<String> registered =
                    Arch.names().stream()
                            .filter(n -> Arch.of(n).abi().stub())
                            .collect(Collectors.toCollection(TreeSet::new));
            assertEquals(registered, stubs, "the stubs in " + ASM + " and bindgen/arches.txt");
        }
    }

    @ParameterizedTest
    @MethodSource("names")
    void theAuditArchAndNumberBitLeadBackToTheAbi(String name) {
        Arch arch = Arch.of(name);
        assertTrue(arch.auditArch() != 0, name + "'s " + arch.auditArchName());
        assertEquals(
                arch.auditArch(),
                arch.constants().intValue(arch.auditArchName()),
                name + ": the generated value is its headers' " + arch.auditArchName());
        // a call number as the kernel reports it: the ABI's bit, if any, and read(2)'s number
        long nr = arch.numberBit() | arch.syscalls().find("read").orElseThrow();
        assertEquals(Optional.of(arch), Arch.ofAudit(arch.auditArch(), nr));
    }

    @Test
    void anUnknownAuditArchIsNoAbi() {
        assertEquals(Optional.empty(), Arch.ofAudit(0x12345678, 0));
    }

    @ParameterizedTest
    @MethodSource("names")
    void companionsShareTheMachine(String name) {
        Arch arch = Arch.of(name);
        for (Arch other : arch.companions()) {
            assertTrue(other.companions().contains(arch), other + " lists " + name);
            assertTrue(!other.equals(arch), name + " is not its own companion");
        }
    }

    @Test
    void osArchNamesFindTheirAbi() {
        assertEquals("x86_64", Arch.of("amd64").name());
        assertEquals("i386", Arch.of("x86").name());
        assertEquals("i386", Arch.of("i686").name());
    }

    /**
     * The clone variant arch/KARCH/Kconfig selects for each ABI: a {@code select CLONE_BACKWARDS*}
     * in the block of the kernel architecture's own config applies to all its ABIs; one in {@code
     * config X86_32}'s block, to the 32-bit ABI alone (i386, which keeps that order under ia32
     * emulation too), not to x86_64 or x32; none selected means NONE.
     */
    @ParameterizedTest
    @MethodSource("names")
    void cloneArgumentsAreTheKernelsOwn(String name) throws IOException {
        Path tree = KernelSource.tree();
        Arch arch = Arch.of(name);
        String kernelArch = io.rawsys.linux.data.ZArchData.kernelArch(name);
        Path kconfig = tree.resolve("arch").resolve(kernelArch).resolve("Kconfig");
        Pattern config = Pattern.compile("^(?:menu)?config\\s+(\\w+)");
        Pattern select = Pattern.compile("^\\s+select CLONE_(BACKWARDS\\d?)\\s*$");
        String block = null;
        String expected = "NONE";
        boolean thirtyTwoBit = arch.wordSize() == 4 && arch.numberBit() == 0;
        for (String l : Files.readAllLines(kconfig)) {
            Matcher c = config.matcher(l);
            if (c.find()) {
                block = c.group(1);
                continue;
            }
            Matcher m = select.matcher(l);
            if (m.matches()) {
                if (!"X86_32".equals(block) || thirtyTwoBit) {
                    expected = m.group(1);
                }
            }
        }
        assertEquals(expected, arch.cloneArguments().name(), name + ": " + kconfig);
    }
}
