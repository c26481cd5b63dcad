package io.rawsys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link SyscallArguments} against the C harness of rawsys-stubs, which makes pread64 and
 * ftruncate64 with the same word layouts on each ABI under qemu-user and checks the kernel read and
 * truncated at the offset meant. Here each ABI's harness prints its words, and they must be what
 * Java builds for that ABI.
 */
class AbiPairsTest {
    private static final long OFFSET = 0x1_0000_2000L;

    /** Every ABI with a stub (bindgen/arches.txt). */
    static List<String> stubAbis() {
        return Arch.names().stream().filter(n -> Arch.of(n).abi().stub()).toList();
    }

    @ParameterizedTest
    @MethodSource("stubAbis")
    void javaSplitsSixtyFourBitArgumentsAsTheHarnessDoes(String arch) throws Exception {
        List<String> built = Arrays.asList(System.getProperty("rawsys.arches", "host").split(" "));
        boolean expected =
                built.contains(arch)
                        || built.contains("all")
                        || (built.contains("host") && arch.equals(Arch.current().name()));
        assumeTrue(expected, arch + " stubs are not part of this build (-Phost-only)");
        Path root = Path.of(System.getProperty("rawsys.root", ".."));
        boolean onHost = arch.equals(Arch.current().name());
        // A foreign ABI's statically linked harness runs under qemu-user without that ABI's libc.
        Path harness =
                root.resolve(
                        "rawsys-stubs/target/native/"
                                + arch
                                + (onHost ? "/harness" : "/harness-static"));
        List<String> command = new ArrayList<>();
        if (!onHost) {
            command.add(Arch.of(arch).qemu());
        }
        command.addAll(List.of(harness.toString(), "--words"));
        assertEquals(true, Files.isExecutable(harness), harness + " was built by rawsys-stubs");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> lines =
                new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                        .lines()
                        .toList();
        assertEquals(0, p.waitFor(), String.join("\n", lines));

        Arch a = Arch.of(arch);
        assertEquals(
                "pread64" + words(a.arguments().word(3).word(100).word(1).wide(OFFSET)),
                lines.get(0));
        assertEquals("ftruncate64" + words(a.arguments().word(3).wide(OFFSET)), lines.get(1));
    }

    /** The words as the harness prints them: C longs, 32-bit on a 32-bit ABI. */
    private static String words(SyscallArguments args) {
        StringBuilder s = new StringBuilder();
        for (long w : args.toArray()) {
            s.append(' ').append(w);
        }
        return s.toString();
    }
}
