package io.rawsys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rawsys.testing.KernelSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bindings generator's command line with bad input: a clear line and an exit status, never a
 * stack trace, and never a user's files removed.
 */
class GeneratorCommandLineTest {
    static final Path GENERATE = Path.of("../bindgen/generate").toAbsolutePath();

    record Run(int status, String output) {}

    static Run generate(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(GENERATE.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(p.waitFor(), out);
    }

    @Test
    void anOutputDirectoryOfOtherFilesIsRefusedAndKept(@TempDir Path dir) throws Exception {
        KernelSource.tree(); // skips, saying why, without the kernel source
        Path precious = Files.writeString(dir.resolve("notes.md"), "mine");
        Run run = generate("--output", dir.toString());
        assertEquals(1, run.status(), run.output());
        assertTrue(run.output().contains("holds files the generator did not write"), run.output());
        assertEquals("mine", Files.readString(precious), "the user's file is still there");
        Run file = generate("--output", precious.toString());
        assertTrue(file.output().contains("is a file; give a directory"), file.output());
        assertFalse(run.output().contains("\tat "), "no stack trace");
    }

    @Test
    void aBogusKernelArchitectureIsNamedWithTheRealOnes() throws Exception {
        KernelSource.tree();
        Run run = generate("--print-headers", "../..");
        assertEquals(1, run.status(), run.output());
        assertTrue(run.output().contains("'../..' is no kernel architecture"), run.output());
        assertTrue(run.output().contains("x86"), run.output());
    }

    /** bindgen/arches.txt of a scratch root, with {@code from} replaced by {@code to}. */
    private static Path registryWith(Path root, String from, String to) throws Exception {
        String registry = Files.readString(GENERATE.resolveSibling("arches.txt"));
        assertTrue(registry.contains(from), from);
        Path file = Files.createDirectories(root.resolve("bindgen")).resolve("arches.txt");
        Files.writeString(file, registry.replaceFirst(java.util.regex.Pattern.quote(from), to));
        return root;
    }

    @Test
    void aBrokenArchitectureRegistryIsRefusedWithItsLine(@TempDir Path dir) throws Exception {
        KernelSource.tree();
        Path root = registryWith(dir.resolve("a"), "clone         NONE", "clone         SIDEWAYS");
        Run run = generate("--root", root.toString(), "--check");
        assertEquals(1, run.status(), run.output());
        assertTrue(
                run.output()
                        .matches("(?s).*bindgen/arches.txt:\\d+: abi x86_64: 'clone' is one of.*"),
                run.output());
        root =
                registryWith(
                        dir.resolve("b"),
                        "  qemu          qemu-s390x",
                        "  qemu-user     qemu-s390x");
        run = generate("--root", root.toString(), "--check");
        assertEquals(1, run.status(), run.output());
        assertTrue(run.output().contains("unknown key 'qemu-user'"), run.output());
        root =
                registryWith(
                        dir.resolve("c"),
                        "machine       aarch64 arm\n  clone",
                        "machine       aarch64\n  clone");
        run = generate("--root", root.toString(), "--check");
        assertEquals(1, run.status(), run.output());
        assertTrue(run.output().contains("must list the same 'machine'"), run.output());
        assertFalse(run.output().contains("\tat "), "no stack trace");
    }

    @Test
    void aMissingValueIsAUsageError() throws Exception {
        for (String option : List.of("--root", "--kernel", "--output", "--print-headers")) {
            Run run = generate(option);
            assertEquals(2, run.status(), option + ": " + run.output());
            assertTrue(run.output().contains(option + " needs a value"), run.output());
        }
    }
}
