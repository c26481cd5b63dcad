package io.rawsys.trace.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.rawsys.trace.Tamper;
import io.rawsys.trace.Trace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The unwinder on real stacks: src/test/c/stack_frames.c built three ways, traced by rawsys trace
 * with a hook that unwinds each write and clock_gettime at its entry, and by strace 6.1 with -k.
 * The time an unwind takes is not asserted.
 */
class UnwinderTest {
    static final Path SOURCE = Path.of("src/test/c/stack_frames.c");

    @TempDir Path dir;

    /** A call and the stack printed under it. */
    record Stack(String call, List<String> lines) {
        /** The function names in the stack, "?" for a frame without one. */
        List<String> names() {
            List<String> names = new ArrayList<>();
            for (String line : lines) {
                int open = line.indexOf('(');
                int plus = line.lastIndexOf('+');
                names.add(
                        open > 0 && plus > open && line.indexOf(')') > plus
                                ? line.substring(open + 1, plus)
                                : "?");
            }
            return names;
        }
    }

    static List<String> flags(String variant) {
        return switch (variant) {
            // frame pointers and CFI
            case "fp" -> List.of("-O0", "-fno-omit-frame-pointer");
            // CFI alone (-fasynchronous-unwind-tables is gcc's default on x86_64)
            case "omit" -> List.of("-O2", "-fomit-frame-pointer");
            // frame pointers alone: no .eh_frame entries for the program's functions
            case "nocfi" ->
                    List.of(
                            "-O0",
                            "-fno-omit-frame-pointer",
                            "-fno-asynchronous-unwind-tables",
                            "-fno-unwind-tables");
            default -> throw new IllegalArgumentException(variant);
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"fp", "omit", "nocfi"})
    void stacksAreStraces(String variant) throws Exception {
        Path program = build(variant);
        List<Stack> ours = new ArrayList<>();
        try (Unwinder unwinder = new Unwinder()) {
            int status =
                    Trace.run(
                            List.of(
                                    "-o",
                                    "/dev/null",
                                    "-e",
                                    "trace=write,clock_gettime",
                                    "--",
                                    program.toString()),
                            call -> {
                                ours.add(
                                        new Stack(
                                                call.name(),
                                                unwinder.unwind(call.pid()).stream()
                                                        .map(Frame::text)
                                                        .toList()));
                                return Tamper.none();
                            });
            assertEquals(0, status);
        }
        List<Stack> strace = strace(program);
        assertEquals(
                List.of("write", "clock_gettime", "write"),
                ours.stream().map(Stack::call).toList(),
                ours.toString());
        assertEquals(
                List.of("write", "clock_gettime", "write"),
                strace.stream().map(Stack::call).toList(),
                strace.toString());

        // main -> a -> b -> c -> write: the same lines as strace's
        Stack nested = ours.get(0);
        assertEquals(strace.get(0).lines(), nested.lines());
        assertEquals(List.of("__write", "c", "b", "a", "main"), nested.names().subList(0, 5));
        assertTrue(
                nested.lines().get(1).startsWith(" > " + program + "(c+0x"), nested.lines().get(1));

        // a signal handler's write, through glibc's trapoline (named __sigaction+0x40 here, the
        // exported symbol before __restore_rt), raise, d and main
        Stack handler = ours.get(2);
        List<String> names = handler.names();
        assertEquals(List.of("__write", "handler"), names.subList(0, 2), handler.toString());
        assertTrue(
                indexOf(names, "d") > 2 && indexOf(names, "main") == indexOf(names, "d") + 1,
                handler.toString());
        if (!variant.equals("nocfi")) {
            assertEquals(strace.get(2).lines(), handler.lines());
        }
        // else libunwind stops after the trampoline's caller, where this goes on with CFI

        // the vDSO: strace (libunwind) cannot read it; this names it and walks on to v and main
        Stack vdso = ours.get(1);
        assertTrue(vdso.lines().get(0).startsWith(" > [vdso]("), vdso.toString());
        List<String> vnames = vdso.names();
        assertTrue(vnames.contains("clock_gettime"), vdso.toString());
        assertTrue(indexOf(vnames, "main") == indexOf(vnames, "v") + 1, vdso.toString());
        assertEquals(
                strace.get(1).lines().get(0).substring(" > [vdso]() ".length()),
                vdso.lines().get(0).substring(vdso.lines().get(0).indexOf(" [0x") + 1),
                "the same offset in the vDSO");
    }

    static int indexOf(List<String> names, String name) {
        int i = names.indexOf(name);
        return i < 0 ? -100 : i;
    }

    @Test
    void aThreadNotTracedHasNoStack() {
        try (Unwinder unwinder = new Unwinder()) {
            assertEquals(List.of(), unwinder.unwind((int) ProcessHandle.current().pid()));
            assertEquals(List.of(), unwinder.unwind(-1));
        }
    }

    @Test
    void framesPrintAsStrace() {
        assertEquals(
                " > /usr/lib/x86_64-linux-gnu/libc.so.6(__write+0x10) [0xf8350]",
                new Frame(
                                Frame.Kind.SYMBOL,
                                "/usr/lib/x86_64-linux-gnu/libc.so.6",
                                "__write",
                                0x10,
                                0xf8350,
                                0x7f0000f8350L,
                                Frame.Method.REGISTERS)
                        .text());
        assertEquals(
                " > /usr/bin/echo() [0x60c4]",
                new Frame(
                                Frame.Kind.NO_SYMBOL,
                                "/usr/bin/echo",
                                null,
                                0,
                                0x60c4,
                                0x5560c4L,
                                Frame.Method.CFI)
                        .text());
        assertEquals(
                " > unexpected_backtracing_error [0x558621622dd8]",
                new Frame(
                                Frame.Kind.ERROR,
                                null,
                                null,
                                0,
                                0x558621622dd8L,
                                0x558621622dd8L,
                                Frame.Method.CFI)
                        .text());
        assertEquals(
                " > too many stack frames",
                new Frame(Frame.Kind.TOO_DEEP, null, null, 0, 0, 0, Frame.Method.CFI).text());
    }

    Path build(String variant) throws IOException, InterruptedException {
        Path program = dir.resolve("stack_frames-" + variant);
        List<String> command = new ArrayList<>(List.of("gcc", "-Wall", "-Wextra", "-Werror"));
        command.addAll(flags(variant));
        command.addAll(List.of("-o", program.toString(), SOURCE.toString()));
        run(command);
        return program;
    }

    /** strace -k's stacks of the program's write and clock_gettime calls. */
    List<Stack> strace(Path program) throws IOException, InterruptedException {
        Path trace = dir.resolve(program.getFileName() + ".strace");
        run(
                List.of(
                        "strace",
                        "-k",
                        "-qq",
                        "-o",
                        trace.toString(),
                        "-e",
                        "trace=write,clock_gettime",
                        "-e",
                        "signal=none",
                        program.toString()));
        List<Stack> stacks = new ArrayList<>();
        String call = null;
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(trace, StandardCharsets.ISO_8859_1)) {
            if (line.startsWith(" > ")) {
                lines.add(line);
                continue;
            }
            if (call != null) {
                stacks.add(new Stack(call, List.copyOf(lines)));
            }
            lines.clear();
            call = line.startsWith("+++") ? null : line.substring(0, line.indexOf('('));
        }
        if (call != null) {
            stacks.add(new Stack(call, List.copyOf(lines)));
        }
        return stacks;
    }

    static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            fail(String.join(" ", command) + ":\n" + new String(output, StandardCharsets.UTF_8));
        }
    }
}
