package io.rawsys.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class I386ProgramsTest {
    /** The entry Debian's qemu-user-binfmt registers for i386 (as binfmt_misc lists it). */
    static final String QEMU_I386 =
            """
            enabled
            interpreter /usr/libexec/qemu-binfmt/i386-binfmt-P
            flags: POCF
            offset 0
            magic 7f454c4601010100000000000000000002000300
            mask fffffffffffefcfffffffffffffffffffeffffff
            """;

    /** The same for x86_64 programs, which the probe program is not. */
    static final String QEMU_X86_64 =
            """
            enabled
            interpreter /usr/libexec/qemu-binfmt/x86_64-binfmt-P
            flags: POCF
            offset 0
            magic 7f454c4602010100000000000000000002003e00
            mask fffffffffffefcfffffffffffffffffffeffffff
            """;

    @Test
    void theProbeProgramIsAStaticI386ExecutableThatBinutilsReads(@TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("probe");
        Files.write(file, I386Programs.program());
        Process p =
                new ProcessBuilder("readelf", "-h", "-l", file.toString())
                        .redirectErrorStream(true)
                        .start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
        for (String expected :
                List.of(
                        "Class:                             ELF32",
                        "Machine:                           Intel 80386",
                        "Type:                              EXEC (Executable file)",
                        "Entry point address:               0x8048054",
                        "LOAD           0x000000 0x08048000 0x08048000 0x00060 0x00060 R E 0x1000")) {
            assertTrue(out.contains(expected), "readelf lacks '" + expected + "':\n" + out);
        }
        assertFalse(out.contains("Warning"), out);
    }

    @Test
    void aBinfmtEmulatorForI386ProgramsIsRecognisedAndOneForX8664IsNot() {
        assertTrue(I386Programs.matches(QEMU_I386, I386Programs.program()));
        assertFalse(I386Programs.matches(QEMU_X86_64, I386Programs.program()));
        assertFalse(
                I386Programs.matches(
                        "enabled\ninterpreter /bin/sh\nextension .sh\n", I386Programs.program()));
    }

    @Test
    void theProbeSaysWhyWhenI386ProgramsDoNotRun() {
        Probe probe = I386Programs.probe();
        if (probe.available()) {
            assertEquals("", probe.reason());
        } else {
            assertFalse(probe.reason().isBlank());
            assertTrue(probe.message().contains(probe.reason()), probe.message());
        }
    }
}
