package io.rawsys.trace.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.rawsys.testing.I386Programs;
import io.rawsys.trace.Tamper;
import io.rawsys.trace.Trace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    /** A call and the stack printed under it; {@code frames} only for the unwinder's. */
    record Stack(String call, List<String> lines, List<Frame> frames) {
        static Stack of(String call, List<Frame> frames) {
            return new Stack(call, frames.stream().map(Frame::text).toList(), frames);
        }

        /** The function names in the stack, "?" for a frame without one. */
        List<String> names() {
            List<String> names = new ArrayList<>();
            for (String line : lines) {
                Matcher m = SYMBOL.matcher(line);
                names.add(m.find() ? m.group(1) : "?");
            }
            return names;
        }

        Frame.Method method(String name) {
            return frames.get(names().indexOf(name)).method();
        }

        @Override
        public String toString() {
            return call + "\n" + String.join("\n", lines);
        }
    }

    /** The symbol of a line: "(NAME+0xOFFSET) [0xOFFSET]" at its end. */
    static final Pattern SYMBOL =
            Pattern.compile("\\(([^()]+)\\+0x[0-9a-f]+\\) \\[0x[0-9a-f]+\\]$");

    static List<String> flags(String variant) {
        List<String> flags = new ArrayList<>(List.of("-pthread"));
        flags.addAll(
                switch (variant) {
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
                });
        return flags;
    }

    static final List<String> CALLS =
            List.of("write", "clock_gettime", "write", "write", "write", "write");

    /** rawsys trace -f with a hook that unwinds each traced call at its entry. */
    static List<Stack> ours(Path program, Runnable atFirstCall) throws InterruptedException {
        List<Stack> ours = new ArrayList<>();
        try (Unwinder unwinder = new Unwinder()) {
            int status =
                    Trace.run(
                            List.of(
                                    "-f",
                                    "-o",
                                    "/dev/null",
                                    "-e",
                                    "trace=write,clock_gettime",
                                    "--",
                                    program.toString()),
                            call -> {
                                if (ours.isEmpty()) {
                                    atFirstCall.run();
                                }
                                ours.add(Stack.of(call.name(), unwinder.unwind(call.pid())));
                                return Tamper.none();
                            });
            assertEquals(0, status);
        }
        return ours;
    }

    @ParameterizedTest
    @ValueSource(strings = {"fp", "omit", "nocfi"})
    void stacksAreStraces(String variant) throws Exception {
        Path program = build(variant);
        List<Stack> ours = ours(program, () -> {});
        List<Stack> strace = strace(program);
        assertEquals(CALLS, ours.stream().map(Stack::call).toList(), ours.toString());
        assertEquals(CALLS, strace.stream().map(Stack::call).toList(), strace.toString());

        // main -> a -> b -> c -> write: the same lines as strace's
        Stack nested = ours.get(0);
        if (variant.equals("nocfi")) {
            // libunwind's frame-pointer guess for main can lose its way in libc after it (and print
            // unexpected_backtracing_error): compared up to main
            assertEquals(strace.get(0).lines().subList(0, 5), nested.lines().subList(0, 5));
        } else {
            assertEquals(strace.get(0).lines(), nested.lines());
        }
        assertEquals(List.of("__write", "c", "b", "a", "main"), nested.names().subList(0, 5));
        assertTrue(
                nested.lines().get(1).startsWith(" > " + program + "(c+0x"), nested.lines().get(1));
        assertEquals(Frame.Method.REGISTERS, nested.method("__write"));
        assertEquals(Frame.Method.CFI, nested.method("c"), "from libc's CFI");
        Frame.Method own = variant.equals("nocfi") ? Frame.Method.FRAME_POINTER : Frame.Method.CFI;
        for (String name : List.of("b", "a", "main")) {
            assertEquals(own, nested.method(name), name);
        }

        // a signal handler's write, through glibc's trampoline (named __sigaction+0x40 here, the
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

        // 301 frames of deep(): 256 printed, then strace's "too many stack frames"
        assertEquals(strace.get(3).lines(), ours.get(3).lines());
        assertEquals(Unwinder.MAX_FRAMES + 1, ours.get(3).lines().size());

        // a thread's stack ends in clone3, whose CFI says the return address is undefined
        if (variant.equals("nocfi")) {
            // libunwind's guess after t goes astray in start_thread; this finds clone3 as with CFI
            assertEquals(strace.get(4).lines().subList(0, 3), ours.get(4).lines().subList(0, 3));
        } else {
            assertEquals(strace.get(4).lines(), ours.get(4).lines());
        }
        assertEquals("t", ours.get(4).names().get(1));

        // code in anonymous memory: strace's error line at once, with the absolute address
        Frame anonymous = ours.get(5).frames().get(0);
        assertEquals(
                List.of(
                        " > unexpected_backtracing_error [0x"
                                + Long.toHexString(anonymous.pc())
                                + "]"),
                ours.get(5).lines());
        assertEquals(1, strace.get(5).lines().size());
        assertTrue(
                strace.get(5)
                        .lines()
                        .get(0)
                        .matches(" > unexpected_backtracing_error \\[0x[0-9a-f]+\\]"),
                strace.get(5).toString());

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

    @Test
    void aStrippedProgramsFramesHaveNoNames() throws Exception {
        Path program = build("omit");
        run(List.of("strip", program.toString()));
        List<Stack> ours = new ArrayList<>();
        try (Unwinder unwinder = new Unwinder()) {
            Trace.run(
                    List.of(
                            "-f",
                            "-o",
                            "/dev/null",
                            "-e",
                            "trace=write,exit_group",
                            "--",
                            program.toString()),
                    call -> {
                        // exit_group's stack: taken at its entry, as strace takes it
                        boolean atEntry = call.name().equals("exit_group");
                        List<String> lines =
                                unwinder.unwind(call.pid()).stream()
                                        .map(frame -> frame.text(atEntry))
                                        .toList();
                        ours.add(new Stack(call.name(), lines, List.of()));
                        return Tamper.none();
                    });
        }
        List<Stack> strace = strace(program, "trace=write,exit_group");
        assertEquals(
                List.of("write", "write", "write", "write", "write", "exit_group"),
                strace.stream().map(Stack::call).toList());
        assertEquals(
                strace.stream().map(Stack::call).toList(), ours.stream().map(Stack::call).toList());
        for (int i = 0; i < strace.size(); i++) {
            if (i != 4) { // the write from anonymous memory: an absolute address, ASLR's
                assertEquals(strace.get(i).lines(), ours.get(i).lines(), strace.get(i).call());
            }
        }
        assertTrue(
                ours.get(0).lines().get(1).startsWith(" > " + program + "() [0x"),
                ours.get(0).toString());
        assertTrue(
                ours.get(5).lines().stream().anyMatch(line -> line.contains("(+0x0) [0x")),
                ours.get(5).toString());
    }

    @Test
    void cxxNamesAreDemangledAsStraceDoes() throws Exception {
        assumeTrue(
                new ProcessBuilder("g++", "--version").start().waitFor() == 0,
                "no g++ to build the C++ program (Debian: g++)");
        Path program = dir.resolve("stack_frames-cxx");
        run(
                List.of(
                        "g++",
                        "-Wall",
                        "-Wextra",
                        "-Werror",
                        "-O2",
                        "-o",
                        program.toString(),
                        "src/test/c/stack_frames.cc"));
        List<Stack> ours = new ArrayList<>();
        try (Unwinder unwinder = new Unwinder()) {
            Trace.run(
                    List.of("-o", "/dev/null", "-e", "trace=write", "--", program.toString()),
                    call -> {
                        ours.add(Stack.of(call.name(), unwinder.unwind(call.pid())));
                        return Tamper.none();
                    });
        }
        List<Stack> strace = strace(program, "trace=write");
        assertEquals(1, strace.size(), strace.toString());
        // member, template (its return type first), library types, anonymous namespace, a clone
        assertEquals(strace.get(0).lines(), ours.get(0).lines());
        assertTrue(
                ours.get(0).lines().get(1).contains("(ns::K::m(int, char const*)+0x"),
                ours.get(0).toString());
    }

    @Test
    void aDeletedProgramIsReadThroughMapFiles() throws Exception {
        assumeTrue(
                Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid")),
                "/proc/PID/map_files opens a mapped file for root (CAP_SYS_ADMIN) only");
        Path program = build("omit");
        List<Stack> ours =
                ours(
                        program,
                        () -> {
                            try {
                                Files.delete(program);
                            } catch (IOException e) {
                                throw new java.io.UncheckedIOException(e);
                            }
                        });
        Stack nested = ours.get(0);
        assertTrue(
                nested.lines().get(1).startsWith(" > " + program + " (deleted)(c+0x"),
                nested.toString());
        assertEquals(List.of("__write", "c", "b", "a", "main"), nested.names().subList(0, 5));
    }

    static int indexOf(List<String> names, String name) {
        int i = names.indexOf(name);
        return i < 0 ? -100 : i;
    }

    @Test
    void i386ThreadsHaveNoStack() throws Exception {
        I386Programs.assumeRunnable();
        assumeTrue(
                new ProcessBuilder("i686-linux-gnu-gcc", "--version").start().waitFor() == 0,
                "no i686-linux-gnu-gcc to build the i386 program (Debian: gcc-i686-linux-gnu)");
        Path program = dir.resolve("stack_frames-i386");
        run(
                List.of(
                        "i686-linux-gnu-gcc",
                        "-static",
                        "-pthread",
                        "-Wall",
                        "-Wextra",
                        "-Werror",
                        "-O2",
                        "-o",
                        program.toString(),
                        SOURCE.toString()));
        List<Stack> ours = ours(program, () -> {});
        // the four writes (i386's glibc asks the time with clock_gettime64, which is not traced;
        // the program's code in anonymous memory is x86_64's)
        assertEquals(4, ours.stream().filter(stack -> stack.call().equals("write")).count());
        for (Stack stack : ours) {
            assertEquals(List.of(), stack.lines(), "strace prints no stack for i386");
        }
        for (Stack stack : strace(program)) {
            assertEquals(List.of(), stack.lines(), "strace 6.1 printed an i386 stack");
        }
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
                " > /usr/bin/dash(+0x0) [0x13230]",
                new Frame(
                                Frame.Kind.NO_SYMBOL,
                                "/usr/bin/dash",
                                null,
                                0,
                                0x13230,
                                0x55513230L,
                                Frame.Method.CFI)
                        .text(true));
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

    /** Whether the installed strace takes -k: its -V lists the unwinder it was built with. */
    static boolean straceUnwinds() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("strace", "-V").redirectErrorStream(true).start();
        String version = new String(p.getInputStream().readAllBytes());
        return p.waitFor() == 0 && version.contains("stack-trace=");
    }

    /** strace -k's stacks of the program's write and clock_gettime calls. */
    List<Stack> strace(Path program) throws IOException, InterruptedException {
        return strace(program, "trace=write,clock_gettime");
    }

    /** strace -k's stacks of the program's calls in {@code set}. */
    List<Stack> strace(Path program, String set) throws IOException, InterruptedException {
        assumeTrue(
                straceUnwinds(),
                "this strace was built without -k (strace -V names no stack-trace=)");
        Path trace = dir.resolve(program.getFileName() + ".strace");
        run(
                List.of(
                        "strace",
                        "-k",
                        "-f",
                        "-qq",
                        "-o",
                        trace.toString(),
                        "-e",
                        set,
                        "-e",
                        "signal=none",
                        program.toString()));
        List<Stack> stacks = new ArrayList<>();
        String call = null;
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(trace, StandardCharsets.ISO_8859_1)) {
            line = line.replaceFirst("^[0-9]+ +", ""); // -f's pid
            if (line.startsWith(" > ")) {
                lines.add(line);
                continue;
            }
            if (call != null) {
                stacks.add(new Stack(call, List.copyOf(lines), List.of()));
            }
            lines.clear();
            call = line.startsWith("+++") ? null : line.substring(0, line.indexOf('('));
        }
        if (call != null) {
            stacks.add(new Stack(call, List.copyOf(lines), List.of()));
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
