package io.rawsys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rawsys.linux.data.ZArchData;
import io.rawsys.testing.KernelSource;
import java.io.IOException;
import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemoryLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The generated bindings against sources independent of the generator: a C program compiled and run
 * here (the generator never runs one; it reads values out of compiled assembly), and the
 * plain-number header files some architectures have.
 */
class GeneratedBindingsTest {
    @TempDir Path dir;

    /** Every host constant, as a C program printing it with printf sees it. */
    @Test
    void hostConstantsEqualWhatACProgramPrints() throws Exception {
        String arch = Arch.current().name();
        Map<String, List<String>> sources = new LinkedHashMap<>();
        Map<String, String> preludes = new LinkedHashMap<>();
        Map<String, Map<String, Long>> expectedBySource = new LinkedHashMap<>();
        for (String group : ZArchData.CONSTANT_GROUPS) {
            for (String line : ZArchData.CONSTANT_SOURCES.lines().toList()) {
                String[] p = line.split(" ", 4);
                if (p[0].equals(group)) {
                    sources.put(group + " " + p[1], List.of(p[2].split(",")));
                    preludes.put(group + " " + p[1], p.length > 3 ? p[3] + "\n" : "");
                }
            }
            ZArchData.constants(arch, group)
                    .lines()
                    .forEach(
                            line -> {
                                String[] p = line.split(" ");
                                expectedBySource
                                        .computeIfAbsent(group + " " + p[3], k -> new TreeMap<>())
                                        .put(p[0], Long.parseLong(p[1]));
                            });
        }
        List<String> units = new ArrayList<>();
        int n = 0;
        for (var source : expectedBySource.entrySet()) {
            // printf is declared, not included: <stdio.h> would define __GLIBC__, and kernel
            // headers such as
            // <linux/stat.h> would hide from this program what they showed the generator.
            StringBuilder c =
                    new StringBuilder(
                            "#define _GNU_SOURCE\n#include <stddef.h>\n#include <asm/bitsperlong.h>\nint printf(const char *, ...);\n");
            sources.get(source.getKey())
                    .forEach(h -> c.append("#include <").append(h).append(">\n"));
            c.append(preludes.get(source.getKey()));
            c.append("void check").append(n).append("(void) {\n");
            source.getValue()
                    .keySet()
                    .forEach(
                            name ->
                                    c.append("    printf(\"%s %lld\\n\", \"")
                                            .append(name)
                                            .append("\", (long long)(")
                                            .append(name)
                                            .append("));\n"));
            units.add(c.append("}\n").toString());
            n++;
        }
        Map<String, Long> printed = run(units);
        Map<String, Long> expected = new TreeMap<>();
        expectedBySource.values().forEach(expected::putAll);
        assertTrue(expected.size() > 3000, "constants checked: " + expected.size());
        assertEquals(expected, printed);
    }

    /** Every host struct: its size, and each member's offset and size, as a C program sees them. */
    @Test
    void hostStructLayoutsEqualWhatACProgramPrints() throws Exception {
        String arch = Arch.current().name();
        Map<String, String[]> headers = new LinkedHashMap<>();
        ZArchData.structHeaders(arch)
                .lines()
                .forEach(
                        line -> {
                            String[] p = line.split(" ");
                            headers.put(p[0], new String[] {p[1].replace('+', ' '), p[2]});
                        });
        // rawsys's own spellings of kernel structs no uapi header declares (struct rawsys_...):
        // only the generator's prelude has them.
        headers.values().removeIf(h -> h[0].startsWith("struct rawsys_"));
        Map<String, Long> expected = new TreeMap<>();
        Map<String, List<String>> members = new LinkedHashMap<>();
        ZArchData.structFields(arch)
                .lines()
                .forEach(
                        line -> {
                            String[] p = line.split(" ");
                            if (headers.containsKey(p[0])) {
                                expected.put(p[0] + " " + p[1] + " offset", Long.parseLong(p[2]));
                                expected.put(p[0] + " " + p[1] + " size", Long.parseLong(p[4]));
                                members.computeIfAbsent(p[0], k -> new ArrayList<>())
                                        .add(p[1] + (Long.parseLong(p[5]) != 1 ? "[0]" : ""));
                            }
                        });
        List<String> units = new ArrayList<>();
        for (var struct : headers.entrySet()) {
            String name = struct.getKey();
            String cType = struct.getValue()[0];
            expected.put(name + " sizeof", Arch.current().layout(name).orElseThrow().byteSize());
            StringBuilder c =
                    new StringBuilder(
                            "#define _GNU_SOURCE\n#include <stddef.h>\n#include <stdio.h>\n");
            for (String h : struct.getValue()[1].split(",")) {
                c.append("#include <").append(h).append(">\n");
            }
            c.append("void check").append(units.size()).append("(void) {\n");
            c.append("    printf(\"%s %lld\\n\", \"")
                    .append(name)
                    .append(" sizeof\", (long long) sizeof(")
                    .append(cType)
                    .append("));\n");
            for (String member : members.getOrDefault(name, List.of())) {
                String path = member.replace("[0]", "");
                c.append("    printf(\"%s %lld\\n\", \"")
                        .append(name)
                        .append(' ')
                        .append(path)
                        .append(" offset\", (long long) offsetof(")
                        .append(cType)
                        .append(", ")
                        .append(path)
                        .append("));\n");
                c.append("    printf(\"%s %lld\\n\", \"")
                        .append(name)
                        .append(' ')
                        .append(path)
                        .append(" size\", (long long) sizeof(((")
                        .append(cType)
                        .append(" *)0)->")
                        .append(member)
                        .append("));\n");
            }
            units.add(c.append("}\n").toString());
        }
        Map<String, Long> printed = run(units);
        assertTrue(expected.size() > 400, "values checked: " + expected.size());
        assertEquals(expected, printed);
    }

    /**
     * Compiles each unit on its own (their headers may clash), links them with a main calling all,
     * runs it.
     */
    private Map<String, Long> run(List<String> units) throws IOException, InterruptedException {
        List<String> command =
                new ArrayList<>(
                        List.of(
                                "cc",
                                "-w",
                                // the kernel headers the generator read, before Debian's older ones
                                "-isystem",
                                KernelSource.headers(ZArchData.kernelArch(Arch.current().name()))
                                        .toString(),
                                "-o",
                                dir.resolve("check").toString()));
        StringBuilder main = new StringBuilder();
        for (int i = 0; i < units.size(); i++) {
            Path unit = dir.resolve("unit" + i + ".c");
            Files.writeString(unit, units.get(i));
            command.add(unit.toString());
            main.append("void check").append(i).append("(void);\n");
        }
        main.append("int main(void) {\n");
        for (int i = 0; i < units.size(); i++) {
            main.append("    check").append(i).append("();\n");
        }
        Path mainFile = dir.resolve("main.c");
        Files.writeString(mainFile, main.append("    return 0;\n}\n"));
        command.add(mainFile.toString());
        Process cc = new ProcessBuilder(command).redirectErrorStream(true).start();
        String ccOutput = new String(cc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, cc.waitFor(), ccOutput);
        Process check = new ProcessBuilder(dir.resolve("check").toString()).start();
        String out = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, check.waitFor());
        Map<String, Long> values = new TreeMap<>();
        for (String line : out.split("\n")) {
            int space = line.lastIndexOf(' ');
            values.put(line.substring(0, space), Long.parseLong(line.substring(space + 1)));
        }
        return values;
    }

    /**
     * The layouts of every architecture build (MemoryLayout checks sizes and alignments) and agree
     * with FIELDS.
     */
    @Test
    void everyArchitecturesLayoutsAreConsistent() {
        int checked = 0;
        for (String name : Arch.names()) {
            Arch arch = Arch.of(name);
            for (String line : ZArchData.structFields(name).lines().toList()) {
                String[] p = line.split(" ");
                GroupLayout layout = arch.layout(p[0]).orElseThrow();
                if (!p[1].contains("[")) {
                    MemoryLayout.PathElement[] path = pathOf(layout, p[1]);
                    if (path != null) {
                        assertEquals(
                                Long.parseLong(p[2]),
                                layout.byteOffset(path),
                                name + " " + p[0] + "." + p[1]);
                        checked++;
                    }
                }
            }
            assertTrue(
                    arch.structs()
                            .containsAll(
                                    List.of(
                                            "stat",
                                            "user_regs_struct",
                                            "siginfo",
                                            "ptrace_syscall_info")),
                    name);
        }
        assertTrue(checked > 2000, "offsets checked: " + checked);
    }

    /**
     * The layout path to a member, or null where an anonymous union stands between (C reaches
     * through it; paths cannot).
     */
    private static MemoryLayout.PathElement[] pathOf(GroupLayout layout, String designator) {
        List<MemoryLayout.PathElement> path = new ArrayList<>();
        MemoryLayout current = layout;
        for (String part : designator.split("\\.")) {
            if (!(current instanceof GroupLayout group)
                    || group.memberLayouts().stream()
                            .noneMatch(m -> m.name().equals(java.util.Optional.of(part)))) {
                return null;
            }
            path.add(MemoryLayout.PathElement.groupElement(part));
            current =
                    group.memberLayouts().stream()
                            .filter(m -> m.name().equals(java.util.Optional.of(part)))
                            .findFirst()
                            .orElseThrow();
        }
        return path.toArray(MemoryLayout.PathElement[]::new);
    }

    /**
     * Architectures whose headers give plain numbers (x86's generated unistd_*.h) or a base plus a
     * number (MIPS): the generated table must be exactly that list.
     */
    @ParameterizedTest
    @CsvSource({
        "i386, asm/unistd_32.h, 0",
        "x32, asm/unistd_x32.h, 1073741824",
        "mipsel, asm/unistd_o32.h, 4000",
        "mips64el, asm/unistd_n64.h, 5000",
    })
    void foreignTablesEqualTheirHeaders(String arch, String file, long base) throws IOException {
        Path header = KernelSource.headers(ZArchData.kernelArch(arch)).resolve(file);
        Map<String, Long> expected = new TreeMap<>();
        Matcher m =
                Pattern.compile(
                                "(?m)^#define __NR_(\\w+)\\s+\\(?(?:__X32_SYSCALL_BIT \\+ |__NR_Linux \\+ )?\\s*(\\d+)\\)?$")
                        .matcher(Files.readString(header));
        while (m.find()) {
            long nr = Long.parseLong(m.group(2));
            expected.put(m.group(1), m.group(0).contains("+") ? base + nr : nr);
        }
        Map<String, Long> generated = new TreeMap<>();
        Arch.of(arch).syscalls().entries().forEach(e -> generated.put(e.name(), e.number()));
        assertTrue(expected.size() > 300, header + " parsed: " + expected.size());
        assertEquals(expected, generated);
    }

    @Test
    void theIssuesExamplesHold() {
        assertEquals(56, Arch.of("aarch64").syscalls().number("openat"));
        assertEquals(257, Arch.of("x86_64").syscalls().number("openat"));
        assertEquals(4288, Arch.of("mipsel").syscalls().number("openat"));
        assertEquals(1133, Arch.of("mips64el").errnos().find("EDQUOT").orElseThrow());
        assertEquals(122, Arch.of("x86_64").errnos().find("EDQUOT").orElseThrow());
        assertEquals(
                0x40087468L,
                Arch.of("ppc64le").constants().value("TIOCGWINSZ"),
                "_IOR with ppc's own _IOC layout");
        assertEquals(0x5413, Arch.of("x86_64").constants().value("TIOCGWINSZ"));
        assertEquals(
                12,
                Arch.of("x86_64").layout("epoll_event").orElseThrow().byteSize(),
                "packed on x86_64");
        assertEquals(
                16,
                Arch.of("aarch64").layout("epoll_event").orElseThrow().byteSize(),
                "not packed elsewhere");
    }
}
