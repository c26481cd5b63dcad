package io.rawsys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.rawsys.linux.data.ZArchData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Constants of foreign ABIs that a generator once got wrong or missed, held against a C program
 * built by that ABI's own compiler with its own glibc headers (not the kernel tree the generator
 * read) and run under qemu-user: MIPS o32's 64-bit record locks, PowerPC's terminal requests, which
 * take the kernel's {@code struct termios}, MIPS's requests sized by {@code pid_t} or {@code struct
 * serial_rs485}, and the 32-bit ABIs' {@code SIOCGSTAMP}, sized by {@code struct timeval}.
 */
class ForeignConstantsTest {
    @TempDir Path dir;

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(
            delimiter = ';',
            value = {
                "mipsel; F_GETLK64 F_SETLK64 F_SETLKW64; fcntl.h",
                "mipsel; SIOCGPGRP SIOCSPGRP TIOCGRS485 TIOCSRS485 TIOCSER_TEMT;"
                        + " sys/types.h sys/ioctl.h sys/socket.h asm/termbits.h linux/serial.h",
                "mips64el; SIOCGPGRP SIOCSPGRP TIOCGRS485 TIOCSRS485 TIOCSER_TEMT;"
                        + " sys/types.h sys/ioctl.h sys/socket.h asm/termbits.h linux/serial.h",
                // the kernel's struct termios (44 bytes), not glibc's (60 on PowerPC): glibc's
                // <termios.h> with <sys/ioctl.h> would give a TCGETS the kernel does not know
                "ppc64le; TCGETS TCSETS TCSETSW TCSETSF TIOCGETP TIOCSETP TIOCSETN TIOCGLTC"
                        + " TIOCSLTC; asm/termios.h",
                "i386; SIOCGSTAMP SIOCGSTAMPNS; sys/time.h sys/ioctl.h sys/socket.h linux/sockios.h",
                "arm; SIOCGSTAMP SIOCGSTAMPNS; sys/time.h sys/ioctl.h sys/socket.h linux/sockios.h",
                "mipsel; SIOCGSTAMP SIOCGSTAMPNS; sys/time.h sys/ioctl.h sys/socket.h"
                        + " linux/sockios.h",
            })
    void generatedValuesEqualWhatTheAbisOwnProgramPrints(String arch, String names, String headers)
            throws Exception {
        Map<String, Long> printed = runOn(arch, List.of(names.split(" ")), headers.split(" "));
        Map<String, Long> generated = new TreeMap<>();
        for (String name : printed.keySet()) {
            generated.put(name, Arch.of(arch).constants().value(name));
        }
        assertEquals(printed, generated, arch);
        Set<String> gaps = unevaluated(arch);
        printed.keySet().forEach(n -> assertFalse(gaps.contains(n), n + " listed as unevaluated"));
    }

    /** The values the issue that asked for these names gave. */
    @Test
    void theIssuesValuesHold() {
        assertEquals(462, Arch.of("x86_64").syscalls().number("mseal"));
        assertEquals(458, Arch.of("aarch64").syscalls().number("listmount"));
        assertEquals(35, Arch.of("mipsel").constants().value("F_SETLKW64"));
        assertEquals(0x402c7413L, Arch.of("ppc64le").constants().value("TCGETS"));
        assertFalse(
                Arch.of("mips64el").constants().find("F_SETLKW64").isPresent(),
                "a 64-bit ABI has no separate 64-bit lock requests");
    }

    /** The list of names no ABI could evaluate is there, and holds only what cannot be a value. */
    @Test
    void everyAbiListsWhatItCouldNotEvaluate() {
        for (String arch : Arch.names()) {
            Set<String> gaps = unevaluated(arch);
            // strings, include guards and attributes: never integer constants
            assertTrue(gaps.contains("ELFMAG"), arch + ": " + gaps);
            assertTrue(gaps.size() < 20, arch + " has grown gaps: " + gaps);
        }
    }

    private static Set<String> unevaluated(String arch) {
        return ZArchData.unevaluated(arch)
                .lines()
                .map(l -> l.split(" ")[1])
                .collect(Collectors.toSet());
    }

    /**
     * Compiles a static program for {@code arch} that prints each name's value, and runs it under
     * qemu-user.
     */
    private Map<String, Long> runOn(String arch, List<String> names, String... headers)
            throws IOException, InterruptedException {
        String compiler = ZArchData.triple(arch) + "-gcc";
        String qemu = Arch.of(arch).qemu();
        assumeTrue(
                onPath(compiler) && onPath(qemu),
                "needs "
                        + compiler
                        + " and "
                        + qemu
                        + " (.ci/install-deps installs both; a -Phost-only machine may lack them)");
        StringBuilder c = new StringBuilder("#define _GNU_SOURCE\n");
        for (String h : headers) {
            c.append("#include <").append(h).append(">\n");
        }
        c.append("#include <stdio.h>\nint main(void) {\n");
        for (String name : names) {
            c.append("    printf(\"%s %lld\\n\", \"")
                    .append(name)
                    .append("\", (long long)(")
                    .append(name)
                    .append("));\n");
        }
        c.append("    return 0;\n}\n");
        Path source = Files.writeString(dir.resolve(arch + ".c"), c);
        Path exe = dir.resolve(arch);
        run(
                List.of(
                        compiler,
                        "-static",
                        "-Wall",
                        "-Werror",
                        "-o",
                        exe.toString(),
                        source.toString()));
        Map<String, Long> values = new TreeMap<>();
        for (String line : run(List.of(qemu, exe.toString())).split("\n")) {
            String[] p = line.split(" ");
            values.put(p[0], Long.parseLong(p[1]));
        }
        assertEquals(names.size(), values.size(), "printed: " + values);
        return values;
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), command + " did not finish");
        assertEquals(0, p.exitValue(), command + ":\n" + out);
        return out;
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv("PATH").split(":")) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
