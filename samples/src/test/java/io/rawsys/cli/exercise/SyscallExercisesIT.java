package io.rawsys.cli.exercise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Exercises 1 and 2 from the jar: each way of making the three calls (C and Java through libc's
 * syscall(), C inline assembly, C through rawsys's stub, Java through Syscalls.invoke) prints the
 * same results, and strace, watching from outside, sees the same three system calls.
 */
class SyscallExercisesIT {
    static final Path JAR = Path.of(System.getProperty("rawsys.jar", "target/rawsys.jar"));
    static final String JAVA = ProcessHandle.current().info().command().orElseThrow();

    /** What strace must show for every way, the getpid result aside. */
    static final List<String> EXPECTED =
            List.of(
                    "getpid() = PID",
                    "write(1, \"hello from a system call\\n\", 25) = 25",
                    "openat(AT_FDCWD, \"/nonexistent/rawsys-exercise\", O_RDONLY)"
                            + " = -1 ENOENT (No such file or directory)");

    static final Pattern STRACE_LINE = Pattern.compile("^(\\w+)\\((.*)\\)\\s+= (.*)$");
    static final Pattern PRINTED_PID =
            Pattern.compile("(?m)^\\[(.*?)\\]\\s+getpid\\(\\)\\s+= (\\d+)$");

    @ParameterizedTest(name = "rawsys {0} --via {1}")
    @CsvSource({"libc,c", "libc,java", "asm,inline", "asm,stub", "asm,java"})
    void straceSeesTheSameThreeCalls(String exercise, String via, @TempDir Path dir)
            throws Exception {
        Path traces = dir.resolve("trace");
        Process p =
                new ProcessBuilder(
                                "strace",
                                "-ff",
                                "-qq",
                                "-o",
                                traces.toString(),
                                "-e",
                                "trace=getpid,write,openat",
                                JAVA,
                                "-jar",
                                JAR.toString(),
                                exercise,
                                "--via",
                                via)
                        .redirectErrorStream(true)
                        .start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), output);

        Matcher printed = PRINTED_PID.matcher(output);
        assertTrue(printed.find(), output);
        String pid = printed.group(2);
        assertTrue(output.contains("\nhello from a system call\n"), output);

        List<String> calls = callsOfTheThreadThatWroteTheMessage(dir);
        assertEquals(
                EXPECTED.stream().map(line -> line.replace("PID", pid)).toList(),
                calls,
                "strace of rawsys " + exercise + " --via " + via);
    }

    /**
     * strace -ff writes one file per thread, so no call is split by another thread's. The calls are
     * the last getpid before the message's write, that write, and the first openat of the missing
     * file after it; the thread's other calls (the JVM's, the lines printed) are skipped.
     */
    static List<String> callsOfTheThreadThatWroteTheMessage(Path dir) throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(f -> f.getFileName().toString().startsWith("trace.")).toList();
        }
        for (Path file : files) {
            List<String> lines = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.ISO_8859_1)) {
                Matcher m = STRACE_LINE.matcher(line);
                if (m.matches()) {
                    lines.add(m.group(1) + "(" + m.group(2) + ") = " + m.group(3));
                }
            }
            int message = lines.indexOf(EXPECTED.get(1));
            if (message < 0) {
                continue;
            }
            List<String> calls = new ArrayList<>();
            for (int i = message - 1; i >= 0; i--) {
                if (lines.get(i).startsWith("getpid()")) {
                    calls.add(lines.get(i));
                    break;
                }
            }
            calls.add(lines.get(message));
            lines.subList(message + 1, lines.size()).stream()
                    .filter(line -> line.contains("/nonexistent/rawsys-exercise"))
                    .findFirst()
                    .ifPresent(calls::add);
            return calls;
        }
        throw new AssertionError("no thread wrote the message; traces: " + files);
    }
}
