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

    @Test
    void aMissingValueIsAUsageError() throws Exception {
        for (String option : List.of("--root", "--kernel", "--output", "--print-headers")) {
            Run run = generate(option);
            assertEquals(2, run.status(), option + ": " + run.output());
            assertTrue(run.output().contains(option + " needs a value"), run.output());
        }
    }
}
