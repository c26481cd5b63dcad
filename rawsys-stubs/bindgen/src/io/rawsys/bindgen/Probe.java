package io.rawsys.bindgen;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SequencedMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Asks a target's C compiler what its headers say, without running anything on the target.
 *
 * <p>Macro names come from the preprocessor ({@code cc -E -dM}). Their values come from the
 * compiler itself: each expression is handed to an {@code asm} statement as an immediate operand,
 * the file is compiled to assembly ({@code cc -S}), and the value is read back from the text,
 * exactly as the kernel's {@code asm-offsets.c} does. The compiler folds every macro, cast, {@code
 * sizeof} and {@code offsetof} for the target's ABI, so nothing is evaluated here and nothing is
 * typed by hand.
 */
final class Probe {
    private static final Pattern DEFINE = Pattern.compile("^#define (\\w+)(?:\\s+(.*))?$");
    private static final Pattern MARKER = Pattern.compile("@@rawsys (\\S+) (-?\\d+)");

    private final Target target;
    private final Path scratch;

    Probe(Target target, Path scratch) {
        this.target = target;
        this.scratch = scratch;
    }

    /**
     * Every object-like macro the headers define, name to replacement text, in the preprocessor's
     * order.
     */
    SequencedMap<String, String> macros(List<String> includes) throws IOException {
        Path source = write("macros.c", includeLines(includes));
        List<String> command = compilerCommand();
        command.addAll(List.of("-E", "-dM", source.toString()));
        SequencedMap<String, String> macros = new LinkedHashMap<>();
        for (String line : run(command).split("\n")) {
            Matcher m = DEFINE.matcher(line);
            if (m.matches() && !m.group(1).contains("(")) {
                macros.put(m.group(1), m.group(2) == null ? "" : m.group(2).strip());
            }
        }
        return macros;
    }

    /**
     * Evaluates C integer expressions with the target compiler.
     *
     * @param includes the headers that give the expressions meaning
     * @param expressions key to C expression; keys must not contain white space
     * @return key to value, for every expression
     */
    SequencedMap<String, Long> values(
            List<String> includes, SequencedMap<String, String> expressions) throws IOException {
        StringBuilder c = new StringBuilder(includeLines(includes));
        c.append(
                "#define RAWSYS_PROBE(key, value) __asm__ volatile(\".ascii \\\"\\\\n@@rawsys \" key \" %c0\\\\n\\\"\" :: \"i\"((long long)(value)))\n");
        c.append("void rawsys_probe(void) {\n");
        expressions.forEach(
                (key, expr) ->
                        c.append("    RAWSYS_PROBE(\"")
                                .append(key)
                                .append("\", ")
                                .append(expr)
                                .append(");\n"));
        c.append("}\n");
        Path source = write("values.c", c.toString());
        List<String> command = compilerCommand();
        command.addAll(List.of("-S", "-O0", "-o", "-", source.toString()));
        String assembly = run(command);
        SequencedMap<String, Long> values = new LinkedHashMap<>();
        Matcher m = MARKER.matcher(assembly);
        while (m.find()) {
            values.put(m.group(1), Long.parseLong(m.group(2)));
        }
        for (String key : expressions.keySet()) {
            if (!values.containsKey(key)) {
                throw new IOException(target.name() + ": the compiler gave no value for " + key);
            }
        }
        return values;
    }

    /** Compiles {@code source} for the build machine, runs it, and returns what it printed. */
    String runOnHost(String fileName, String source) throws IOException {
        Path c = write(fileName, source);
        Path exe = scratch.resolve(fileName.replace(".c", ""));
        run(List.of("cc", "-std=gnu11", "-Wall", "-Werror", "-o", exe.toString(), c.toString()));
        return run(List.of(exe.toString()));
    }

    private List<String> compilerCommand() {
        List<String> command = new ArrayList<>(List.of(target.compiler(), "-std=gnu11"));
        command.addAll(target.cflags());
        return command;
    }

    private static String includeLines(List<String> includes) {
        StringBuilder c = new StringBuilder("#define _GNU_SOURCE\n");
        includes.forEach(h -> c.append("#include <").append(h).append(">\n"));
        return c.toString();
    }

    private Path write(String fileName, String text) throws IOException {
        Path file = scratch.resolve(target.name() + "-" + fileName);
        Files.writeString(file, text);
        return file;
    }

    /**
     * Runs a command and returns its standard output; a failure carries the command's standard
     * error.
     */
    private String run(List<String> command) throws IOException {
        Path stderr = Files.createTempFile(scratch, "stderr", ".txt");
        Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        process.getOutputStream().close();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (process.waitFor() != 0) {
                throw new IOException(
                        String.join(" ", command) + " failed:\n" + Files.readString(stderr));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted running " + command.getFirst(), e);
        }
        return stdout;
    }
}
