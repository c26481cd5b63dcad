package io.rawsys.bindgen;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Asks a target's C compiler what its headers say, without running anything on the target.
 *
 * <p>Macro names come from the preprocessor ({@code cc -E -dM}). Values come from the compiler
 * itself: each expression is handed to an {@code asm} statement as immediate operands, the file is
 * compiled to assembly ({@code cc -S}), and the value is read back from the text, as the kernel's
 * {@code asm-offsets.c} does. The compiler folds every macro, cast, {@code sizeof} and {@code
 * offsetof} for the target's ABI, so nothing is evaluated here.
 *
 * <p>A value travels as four 16-bit pieces: every target prints a small unsigned immediate the same
 * way (in decimal, after a {@code $} on x86 and a {@code #} on ARM), while wider ones meet target
 * quirks (s390's {@code %c} prints one byte; MIPS o32 cannot print a 64-bit immediate at all).
 */
final class Probe {
    private static final Pattern DEFINE = Pattern.compile("^#define (\\w+)(?:\\s+(.*))?$");
    private static final Pattern UNDEFINED_IN_IF =
            Pattern.compile(
                    "(?m)^([^:\\s]+):(\\d+):\\d+: warning: \"(\\w+)\" is not defined, evaluates to 0");
    private static final Pattern LINE_MARKER = Pattern.compile("(?m)^# \\d+ \"([^\"]+)\"");
    private static final Pattern VALUE =
            Pattern.compile("@@rawsys (\\S+) [$#]?(\\d+) [$#]?(\\d+) [$#]?(\\d+) [$#]?(\\d+)");

    /**
     * Any diagnostic's line; with warnings off, every one belongs to an error, and macro errors
     * name the probe in a note.
     */
    private static final String PROBE_MACROS =
            """
            #define RAWSYS_PIECE(v, shift) "i"((int)((((unsigned long long)(long long)(v)) >> (shift)) & 0xffff))
            #define RAWSYS_PROBE(key, v) __asm__ volatile(".ascii \\"\\\\n@@rawsys " key " %0 %1 %2 %3\\\\n\\"" \\
                :: RAWSYS_PIECE(v, 48), RAWSYS_PIECE(v, 32), RAWSYS_PIECE(v, 16), RAWSYS_PIECE(v, 0))
            """;

    private final Target target;
    private final Path kernelHeaders;
    private final String kernelVersion;
    private final Path scratch;

    /**
     * @param kernelHeaders the {@code include} directory of the kernel's uapi headers for the
     *     target, searched before the compiler's own system directories (whose kernel headers are
     *     Debian's, an older kernel's)
     * @param kernelVersion the version of those headers, for the generated files' headers
     */
    Probe(Target target, Path kernelHeaders, String kernelVersion, Path scratch) {
        this.target = target;
        this.kernelHeaders = kernelHeaders;
        this.kernelVersion = kernelVersion;
        this.scratch = scratch;
    }

    /** Where this probe's values come from, for a generated file's header. */
    String source() {
        return target.headersSeenBy(kernelVersion);
    }

    Path kernelHeaders() {
        return kernelHeaders;
    }

    Target target() {
        return target;
    }

    /**
     * Every object-like macro the headers define, name to replacement text, in the preprocessor's
     * order.
     */
    SequencedMap<String, String> macros(List<String> includes) throws IOException {
        return defines(compile(write("macros.c", includeLines(includes, "")), "-E", "-dM"));
    }

    /** The object-like {@code #define} lines of preprocessor output, name to replacement text. */
    private static SequencedMap<String, String> defines(String text) {
        SequencedMap<String, String> macros = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            Matcher m = DEFINE.matcher(line);
            if (m.matches()) {
                macros.put(m.group(1), m.group(2) == null ? "" : m.group(2).strip());
            }
        }
        return macros;
    }

    /**
     * The preprocessed text of {@code includes}, without line markers, for reading declarations
     * from.
     */
    String preprocess(List<String> includes, String prelude) throws IOException {
        return compile(write("preprocess.c", includeLines(includes, prelude)), "-E", "-P");
    }

    /**
     * Macros and declarations of {@code includes} from one compiler run ({@code -E -dD}).
     *
     * @param macros every object-like macro, name to replacement text
     * @param text the preprocessed declarations, with the {@code #define} lines that {@link
     *     CDeclarations} skips
     */
    record Headers(SequencedMap<String, String> macros, String text) {}

    /**
     * Reads {@code includes} with {@code -Wundef}, and refuses them if a kernel header tests a
     * macro in {@code #if} that nothing included before has defined: such a test is false only
     * because of the include order, and whatever it guards silently takes another value (MIPS's
     * {@code F_GETLK64} under {@code __BITS_PER_LONG == 32} fell through to asm-generic's). The
     * cure is to include the header that defines the macro first.
     */
    Headers headers(List<String> includes, String prelude) throws IOException {
        Compiled result =
                check(
                        tryCompile(
                                write("headers.c", includeLines(includes, prelude)),
                                "-E",
                                "-P",
                                "-dD",
                                "-Wundef",
                                "-Wsystem-headers"));
        Matcher m = UNDEFINED_IN_IF.matcher(result.stderr());
        Set<String> undefined = new LinkedHashSet<>();
        while (m.find()) {
            if (Path.of(m.group(1)).startsWith(kernelHeaders)) {
                undefined.add(
                        kernelHeaders.relativize(Path.of(m.group(1)))
                                + ":"
                                + m.group(2)
                                + " tests "
                                + m.group(3));
            }
        }
        if (!undefined.isEmpty()) {
            throw new IOException(
                    target.name()
                            + ": with "
                            + includes
                            + ", kernel headers test macros that no header has defined yet, so"
                            + " what they guard depends on the include order; include the header"
                            + " that defines each one first:\n  "
                            + String.join("\n  ", undefined));
        }
        return new Headers(defines(result.stdout()), result.stdout());
    }

    /**
     * Evaluates C integer expressions with the target compiler; any expression that does not
     * compile is an error.
     *
     * @param expressions key to C expression; keys must not contain white space
     * @return key to value, as the 64-bit two's complement of the expression converted to {@code
     *     long long}
     */
    SequencedMap<String, Long> values(
            List<String> includes, String prelude, SequencedMap<String, String> expressions)
            throws IOException {
        SequencedMap<String, Long> values = evaluate(includes, prelude, expressions, false);
        for (String key : expressions.keySet()) {
            if (!values.containsKey(key)) {
                throw new IOException(target.name() + ": the compiler gave no value for " + key);
            }
        }
        return values;
    }

    /**
     * Like {@link #values}, but drops the expressions that are not integer constants for this
     * target (a macro that expands to a function call, a string, a pointer, or a name another
     * header was supposed to define).
     */
    SequencedMap<String, Long> valuesWhereValid(
            List<String> includes, String prelude, SequencedMap<String, String> expressions)
            throws IOException {
        return evaluate(includes, prelude, expressions, true);
    }

    private SequencedMap<String, Long> evaluate(
            List<String> includes,
            String prelude,
            SequencedMap<String, String> expressions,
            boolean dropInvalid)
            throws IOException {
        SequencedMap<String, String> remaining = new LinkedHashMap<>(expressions);
        while (true) {
            // One function per probe: the compiler then reports an undeclared name once for every
            // probe using it.
            String header = includeLines(includes, prelude) + PROBE_MACROS;
            int firstLine = (int) header.lines().count() + 1;
            StringBuilder c = new StringBuilder(header);
            List<String> keys = new ArrayList<>(remaining.keySet());
            for (int i = 0; i < keys.size(); i++) {
                c.append("void rawsys_probe")
                        .append(i)
                        .append("(void) { RAWSYS_PROBE(\"")
                        .append(keys.get(i))
                        .append("\", ")
                        .append(remaining.get(keys.get(i)))
                        .append("); }\n");
            }
            Path source = write("values.c", c.toString());
            Compiled result = tryCompile(source, "-S", "-O0", "-w", "-o", "-");
            if (result.ok()) {
                return parseValues(result.stdout());
            }
            Set<String> failing = new HashSet<>();
            // Any diagnostic's line: with warnings off, each belongs to an error, and an error
            // inside a
            // macro names the probe's line in a note.
            Matcher m =
                    Pattern.compile("(?m)^" + Pattern.quote(source.toString()) + ":(\\d+):\\d+: ")
                            .matcher(result.stderr());
            while (m.find()) {
                int index = Integer.parseInt(m.group(1)) - firstLine;
                if (index >= 0 && index < keys.size()) {
                    failing.add(keys.get(index));
                }
            }
            if (!dropInvalid || failing.isEmpty()) {
                throw new IOException(
                        target.name()
                                + ": "
                                + String.join(" ", result.command())
                                + " failed:\n"
                                + result.stderr());
            }
            failing.forEach(remaining::remove);
        }
    }

    private static SequencedMap<String, Long> parseValues(String assembly) {
        SequencedMap<String, Long> values = new LinkedHashMap<>();
        Matcher m = VALUE.matcher(assembly);
        while (m.find()) {
            long value = 0;
            for (int piece = 2; piece <= 5; piece++) {
                value = (value << 16) | Long.parseLong(m.group(piece));
            }
            values.put(m.group(1), value);
        }
        return values;
    }

    /**
     * The header files the preprocessor reads for {@code includes}, in the order it first enters
     * them.
     */
    Set<Path> headerFiles(List<String> includes) throws IOException {
        Set<Path> files = new LinkedHashSet<>();
        Matcher m =
                LINE_MARKER.matcher(compile(write("files.c", includeLines(includes, "")), "-E"));
        while (m.find()) {
            if (m.group(1).startsWith("/")) {
                files.add(Path.of(m.group(1)));
            }
        }
        return files;
    }

    /** Compiles {@code source} for the build machine, runs it, and returns what it printed. */
    String runOnHost(String fileName, String source) throws IOException {
        Path c = write(fileName, source);
        Path exe = scratch.resolve(target.name() + "-" + fileName.replace(".c", ""));
        check(
                run(
                        List.of(
                                "cc",
                                "-std=gnu11",
                                "-Wall",
                                "-Werror",
                                "-o",
                                exe.toString(),
                                c.toString())));
        return check(run(List.of(exe.toString()))).stdout();
    }

    private String compile(Path source, String... options) throws IOException {
        return check(tryCompile(source, options)).stdout();
    }

    private Compiled tryCompile(Path source, String... options) throws IOException {
        List<String> command = new ArrayList<>(List.of(target.compiler(), "-std=gnu11"));
        command.addAll(target.cflags());
        command.addAll(List.of("-isystem", kernelHeaders.toString()));
        command.addAll(List.of(options));
        command.add(source.toString());
        return run(command);
    }

    private static String includeLines(List<String> includes, String prelude) {
        // stddef.h first: kernel headers use size_t in ioctl numbers without including it.
        // asm/bitsperlong.h next: MIPS's asm/fcntl.h tests __BITS_PER_LONG without including it
        // (headers() refuses any such test that nothing has defined).
        StringBuilder c =
                new StringBuilder(
                        "#define _GNU_SOURCE\n#include <stddef.h>\n#include <asm/bitsperlong.h>\n");
        includes.forEach(h -> c.append("#include <").append(h).append(">\n"));
        return c.append(prelude).append('\n').toString();
    }

    private Path write(String fileName, String text) throws IOException {
        Path file = scratch.resolve(target.name() + "-" + fileName);
        Files.writeString(file, text);
        return file;
    }

    private record Compiled(List<String> command, int status, String stdout, String stderr) {
        boolean ok() {
            return status == 0;
        }
    }

    private static Compiled check(Compiled c) throws IOException {
        if (!c.ok()) {
            throw new IOException(String.join(" ", c.command()) + " failed:\n" + c.stderr());
        }
        return c;
    }

    /** Runs a command and returns what it printed and its exit status. */
    private Compiled run(List<String> command) throws IOException {
        Path stderr = Files.createTempFile(scratch, "stderr", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr.toFile());
        // The same output on every machine: no include paths or compiler prefixes from the caller's
        // environment, and the C locale for messages.
        Map<String, String> env = builder.environment();
        String path = env.get("PATH");
        env.clear();
        env.put("PATH", path);
        env.put("LC_ALL", "C");
        Process process = builder.start();
        process.getOutputStream().close();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            int status = process.waitFor();
            return new Compiled(command, status, stdout, Files.readString(stderr));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted running " + command.getFirst(), e);
        }
    }
}
