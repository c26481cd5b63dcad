package io.rawsys.trace.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The decoder families (the {@code *Decoders} classes) use no other family, and the helpers use
 * none: what two families share lives in the helpers (Args, FileArgs, NetArgs, ProcessStructs,
 * TimeArgs ...), below them all. Only {@link Decoders#standard} names every family.
 */
class DecoderFamiliesTest {
    private static final Path SOURCES = Path.of("src/main/java/io/rawsys/trace/decode");
    private static final Pattern FAMILY = Pattern.compile("\\b([A-Z]\\w*Decoders)\\b");

    /** The families each source file names, comments and strings left out. */
    static Map<String, TreeSet<String>> familiesNamed(Map<String, String> sources) {
        Map<String, TreeSet<String>> named = new TreeMap<>();
        for (var source : sources.entrySet()) {
            String self = source.getKey();
            String code =
                    source.getValue()
                            .replaceAll("(?s)/\\*.*?\\*/", " ")
                            .replaceAll("//[^\\n]*", " ")
                            .replaceAll("\"(?:[^\"\\\\\\n]|\\\\.)*\"", "\"\"");
            Matcher m = FAMILY.matcher(code);
            TreeSet<String> families = new TreeSet<>();
            while (m.find()) {
                if (!m.group(1).equals(self)) {
                    families.add(m.group(1));
                }
            }
            if (!families.isEmpty() && !self.equals("Decoders")) {
                named.put(self, families);
            }
        }
        return named;
    }

    private static Map<String, String> sources() throws IOException {
        Map<String, String> sources = new TreeMap<>();
        try (Stream<Path> files = Files.list(SOURCES)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                if (name.endsWith(".java")) {
                    sources.put(name.substring(0, name.length() - 5), Files.readString(f));
                }
            }
        }
        return sources;
    }

    @Test
    void noFamilyOrHelperUsesAFamily() throws IOException {
        Map<String, String> sources = sources();
        assertTrue(sources.size() > 40, "found only " + sources.size() + " sources");
        List<String> problems = new ArrayList<>();
        familiesNamed(sources).forEach((self, families) -> problems.add(self + " -> " + families));
        assertEquals(List.of(), problems);
    }

    @Test
    void theCheckSeesAUseButNotAComment() {
        Map<String, String> sources =
                Map.of(
                        "MsgDecoders",
                        "class MsgDecoders { String s = ReadWriteDecoders.iovecs(c); }",
                        "FileArgs",
                        "class FileArgs { /** as StatDecoders did */ String s = \"OpenDecoders\";"
                                + " // TimeDecoders\n }",
                        "Decoders",
                        "class Decoders { void f() { OpenDecoders.register(this); } }");
        assertEquals(
                Map.of("MsgDecoders", new TreeSet<>(List.of("ReadWriteDecoders"))),
                familiesNamed(sources));
    }
}
