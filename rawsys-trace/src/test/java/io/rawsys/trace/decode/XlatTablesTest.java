package io.rawsys.trace.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rawsys.Arch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The table files of {@code xlat/}: each loads, each name is a constant of some ABI rawsys has
 * (unless its line says no header defines it, or the table writes its values), and each is a table
 * some decoder loads; and the loader refuses a malformed file, naming file and line.
 */
class XlatTablesTest {
    private static final Path TABLES = Path.of("src/main/resources/io/rawsys/trace/xlat");
    private static final Path SOURCES = Path.of("src/main/java/io/rawsys/trace/decode");

    private static List<String> tables() throws IOException {
        try (Stream<Path> files = Files.list(TABLES)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(f -> f.endsWith(".txt"))
                    .map(f -> f.substring(0, f.length() - ".txt".length()))
                    .sorted()
                    .toList();
        }
    }

    @Test
    void everyNameIsAConstantOfSomeAbi() throws IOException {
        List<Arch> arches = Arch.names().stream().map(Arch::of).toList();
        List<String> problems = new ArrayList<>();
        List<String> tables = tables();
        assertTrue(tables.size() > 100, "found only " + tables.size() + " tables in " + TABLES);
        for (String name : tables) {
            Xlat table = Xlat.load(name);
            for (String constant : table.kernelNames()) {
                if (arches.stream().noneMatch(a -> a.constants().find(constant).isPresent())) {
                    problems.add(name + ": " + constant + " is a constant of no ABI");
                }
            }
            for (String constant : table.absentNames()) {
                for (Arch a : arches) {
                    if (a.constants().find(constant).isPresent()) {
                        problems.add(
                                name + ": " + constant + " is marked '-', yet " + a + " has it");
                    }
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void everyTableIsLoadedByADecoderAndEveryLoadHasATable() throws IOException {
        Set<String> loaded = new TreeSet<>();
        Pattern load = Pattern.compile("Xlat\\.load\\(\"(\\w+)\"\\)");
        Pattern level = Pattern.compile("level\\(\"\\w+\", \"(\\w+)\"\\)");
        try (Stream<Path> files = Files.list(SOURCES)) {
            for (Path f : files.toList()) {
                String text = Files.readString(f);
                for (Pattern p : List.of(load, level)) {
                    Matcher m = p.matcher(text);
                    while (m.find()) {
                        loaded.add(m.group(1));
                    }
                }
            }
        }
        Set<String> included = new TreeSet<>();
        for (String name : tables()) {
            for (String line : Files.readAllLines(TABLES.resolve(name + ".txt"))) {
                if (line.startsWith("@")) {
                    included.add(line.substring(1).strip());
                }
            }
        }
        Set<String> unused = new TreeSet<>(tables());
        unused.removeAll(loaded);
        unused.removeAll(included);
        assertEquals(Set.of(), unused, "tables no decoder loads");
        Set<String> missing = new TreeSet<>(loaded);
        missing.removeAll(tables());
        assertEquals(Set.of(), missing, "tables loaded without a file");
    }

    @Test
    void aTableReadsAsItsFileSays() {
        Xlat written =
                Xlat.parse(
                        "t",
                        "# a comment\nxlat t unknown=T_??? values=written\nT_A 1\nT_B 0x10 # b\n");
        Arch arch = Arch.of("x86_64");
        assertEquals("T_A|T_B|0x2", written.flags(arch, 0x13));
        assertEquals("0x2 /* T_??? */", written.value(arch, 2));
        Xlat kernel = Xlat.parse("t", "xlat t unknown=- values=kernel\nO_APPEND\nO_NOPE -\n");
        assertEquals("O_APPEND", kernel.flags(arch, arch.constants().value("O_APPEND")));
        assertEquals(List.of("O_NOPE"), kernel.absentNames());
        Xlat included =
                Xlat.parse("t", "xlat t unknown=X_??? values=kernel\n@clone_flags\nX_Y -\n");
        assertEquals(Xlat.load("clone_flags").kernelNames(), included.kernelNames());
    }

    @Test
    void aMalformedFileIsRefusedNamingItsLine() {
        for (String[] bad :
                new String[][] {
                    {"O_APPEND\n", "xlat/t.txt:1: want the header"},
                    {"xlat u unknown=U_??? values=kernel\n", "xlat/t.txt:1: the header names u"},
                    {"xlat t unknown= values=kernel\n", "xlat/t.txt:1: unknown= wants"},
                    {"xlat t unknown=- values=guessed\n", "xlat/t.txt:1: want the header"},
                    {"xlat t unknown=- values=kernel\n\nA B\n", "xlat/t.txt:3: want NAME"},
                    {"xlat t unknown=- values=kernel\nA\nA\n", "xlat/t.txt:3: a second line"},
                    {"xlat t unknown=- values=kernel\nA-B\n", "xlat/t.txt:2: not a constant"},
                    {"xlat t unknown=- values=written\nA\n", "xlat/t.txt:2: want NAME VALUE"},
                    {"xlat t unknown=- values=written\nA 0xg\n", "xlat/t.txt:2: not a number"},
                    {"xlat t unknown=- values=kernel\n@no_such_table\n", "xlat/t.txt:2: xlat/no"},
                    {"xlat t unknown=- values=kernel\n@suid_dump\n", "xlat/t.txt:2: includes a"},
                    {"# nothing\n", "xlat/t.txt: no header"},
                }) {
            IllegalStateException e =
                    assertThrows(IllegalStateException.class, () -> Xlat.parse("t", bad[0]));
            assertTrue(e.getMessage().startsWith(bad[1]), bad[1] + " <> " + e.getMessage());
        }
        IllegalStateException missing =
                assertThrows(IllegalStateException.class, () -> Xlat.load("no_such_table"));
        assertEquals("xlat/no_such_table.txt is missing from the jar", missing.getMessage());
    }
}
