package io.rawsys.cli.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.rawsys.cli.RawsysJar;
import io.rawsys.testing.I386Programs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs one command under strace and under rawsys trace, the same way, and puts the two traces side
 * by side. Both run with address-space randomisation off ({@code setarch -R}) and the same minimal
 * environment, so the two tracees see the same addresses, file descriptors and stack: what differs
 * is only what must (pids, the tracer's own pointer to the environment, random bytes), and {@link
 * #normalize} replaces those.
 */
public final class StraceComparison {
    private StraceComparison() {}

    /** The environment both tracers and their tracees get. */
    static final List<String> ENVIRONMENT =
            List.of("env", "-i", "PATH=/usr/bin:/bin", "setarch", "-R");

    /** A trace: its lines, the tracer's exit status, and what the tracer printed. */
    public record Trace(List<String> lines, int status, String output) {}

    /** {@code strace OPTIONS -o FILE -- COMMAND}. */
    public static Trace strace(Path dir, List<String> options, List<String> command)
            throws Exception {
        List<String> line = new ArrayList<>(ENVIRONMENT);
        line.add("strace");
        return run(dir, "strace.txt", line, options, command);
    }

    /** {@code java -jar rawsys.jar trace OPTIONS -o FILE -- COMMAND}. */
    public static Trace rawsys(Path dir, List<String> options, List<String> command)
            throws Exception {
        return rawsys(dir, List.of(), options, command);
    }

    /** The same, with options for the JVM (system properties) before -jar. */
    public static Trace rawsys(
            Path dir, List<String> jvmOptions, List<String> options, List<String> command)
            throws Exception {
        List<String> line = new ArrayList<>(ENVIRONMENT);
        line.add(RawsysJar.JAVA);
        line.addAll(jvmOptions);
        line.addAll(List.of("-jar", RawsysJar.JAR.toString(), "trace"));
        return run(dir, "rawsys.txt", line, options, command);
    }

    private static Trace run(
            Path dir, String file, List<String> tracer, List<String> options, List<String> command)
            throws Exception {
        Path out = dir.resolve(file);
        List<String> line = new ArrayList<>(tracer);
        line.addAll(options);
        line.addAll(List.of("-o", out.toString(), "--"));
        line.addAll(command);
        RawsysJar.Run run = RawsysJar.run(new byte[0], line);
        List<String> lines =
                Files.exists(out)
                        ? Files.readAllLines(out, StandardCharsets.ISO_8859_1)
                        : List.of();
        return new Trace(lines, run.status(), run.both());
    }

    private static final Pattern PID_PREFIX = Pattern.compile("^(\\d+) +");
    private static final Pattern ENVIRONMENT_POINTER =
            Pattern.compile("\\], 0x[0-9a-f]+ /\\* (\\d+) vars? \\*/\\)");
    private static final Pattern GETRANDOM = Pattern.compile("^(\\S* ?getrandom\\()\"[^\"]*\"");
    private static final Pattern RESULT_PADDING = Pattern.compile("\\) +=(?= |$)");

    /**
     * The lines with what cannot match replaced: each pid (from -f's prefixes, or the exit line) by
     * {@code PID1}, {@code PID2} … in the order they appear; the tracer's own environment pointer
     * in execve by {@code ENV}; getrandom's random bytes by {@code RANDOM}. A line in which
     * anything was replaced has its padding before the result collapsed ({@link #unpadded}), since
     * the replaced text's width (a pid of 4 digits or 5) moved the column; -f's {@code PID } prefix
     * is followed by one space, whatever width strace padded the pid to.
     */
    public static List<String> normalize(List<String> lines, List<Integer> knownPids) {
        Map<String, String> pids = new LinkedHashMap<>();
        for (int pid : knownPids) {
            pids.putIfAbsent(Integer.toString(pid), "PID" + (pids.size() + 1));
        }
        for (String l : lines) {
            Matcher m = PID_PREFIX.matcher(l);
            if (m.find()) {
                pids.putIfAbsent(m.group(1), "PID" + (pids.size() + 1));
            }
        }
        List<String> result = new ArrayList<>();
        for (String l : lines) {
            String n = PID_PREFIX.matcher(l).replaceFirst("$1 ");
            n = ENVIRONMENT_POINTER.matcher(n).replaceAll("], ENV /* $1 vars */)");
            n = GETRANDOM.matcher(n).replaceAll("$1RANDOM");
            for (Map.Entry<String, String> e : pids.entrySet()) {
                n = n.replaceAll("\\b" + e.getKey() + "\\b", e.getValue());
            }
            result.add(n.equals(l) ? n : unpadded(n));
        }
        return result;
    }

    /**
     * The line with the spaces strace puts between a call's closing parenthesis and its {@code =}
     * (to reach column 40) cut to one: for lines in which a value of varying width was replaced,
     * which would otherwise compare unequal by their padding alone. Lines nothing was replaced in
     * keep their padding, so the column is still checked there.
     */
    public static String unpadded(String line) {
        Matcher m = RESULT_PADDING.matcher(line);
        int start = -1;
        int end = -1;
        while (m.find()) {
            start = m.start();
            end = m.end();
        }
        return start < 0 ? line : line.substring(0, start) + ") =" + line.substring(end);
    }

    /** The pids a trace's lines name as results of calls that return one (set_tid_address …). */
    public static List<Integer> resultPids(List<String> lines) {
        List<Integer> pids = new ArrayList<>();
        Pattern p =
                Pattern.compile(
                        "(?:set_tid_address|getpid|gettid|clone|clone3|fork|vfork)\\(.*\\)\\s+= (\\d+)");
        for (String l : lines) {
            Matcher m = p.matcher(l);
            if (m.find()) {
                pids.add(Integer.parseInt(m.group(1)));
            }
        }
        return pids;
    }

    /**
     * Runs {@code program} with {@code dir/work} (emptied first each time) as its argument under
     * strace and then under rawsys trace with {@code options}, and asserts that both exit alike,
     * that strace traced something, and that the normalized lines are equal once {@code comparable}
     * has replaced in each what differs from run to run however exact the decoding.
     */
    public static void sameInWorkDirectory(
            Path dir, Path program, List<String> options, UnaryOperator<String> comparable)
            throws Exception {
        Path work = dir.resolve("work");
        List<String> command = List.of(program.toString(), work.toString());
        emptyDirectory(work);
        Trace strace = strace(dir, options, command);
        emptyDirectory(work);
        Trace rawsys = rawsys(dir, options, command);
        assertEquals(strace.status(), rawsys.status(), rawsys.output());
        List<String> expected = comparable(normalized(strace), comparable);
        assertFalse(expected.isEmpty(), "strace traced nothing: " + strace.output());
        assertEquals(
                String.join("\n", expected),
                String.join("\n", comparable(normalized(rawsys), comparable)),
                options + " " + program.getFileName() + "\n" + rawsys.output());
    }

    /**
     * Each line through {@code comparable}; a line it changed has its result padding collapsed, as
     * {@link #normalize} does, since the replaced value's width moved the column.
     */
    private static List<String> comparable(List<String> lines, UnaryOperator<String> comparable) {
        return lines.stream()
                .map(
                        l -> {
                            String c = comparable.apply(l);
                            return c.equals(l) ? c : unpadded(c);
                        })
                .toList();
    }

    /**
     * {@link #sameInWorkDirectory} three ways, tracing {@code calls}: plain, with -y (descriptor
     * paths) and with -s 8 (short strings and arrays).
     */
    public static void sameEveryWay(
            Path dir, Path program, String calls, UnaryOperator<String> comparable)
            throws Exception {
        for (List<String> how : List.of(List.<String>of(), List.of("-y"), List.of("-s", "8"))) {
            List<String> options = new ArrayList<>(how);
            options.addAll(List.of("-e", "trace=" + calls));
            sameInWorkDirectory(dir, program, options, comparable);
        }
    }

    /**
     * {@code src/test/c/trace/NAME.c} built for i386, statically, into {@code dir/i386}; the
     * calling test is skipped, with the reason, where this kernel does not execute i386 programs.
     */
    public static Path compileI386(Path dir, String name) throws Exception {
        I386Programs.assumeRunnable();
        return compile(
                Files.createDirectories(dir.resolve("i386")),
                name,
                "i686-linux-gnu-gcc",
                "-static");
    }

    /** Makes {@code directory} exist and be empty. */
    public static void emptyDirectory(Path directory) throws IOException {
        if (Files.exists(directory)) {
            try (Stream<Path> files = Files.walk(directory)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(directory);
    }

    /** A trace's lines, normalized with the pids it shows. */
    public static List<String> normalized(Trace trace) {
        return normalize(trace.lines(), resultPids(trace.lines()));
    }

    /**
     * Each line reduced to its call's name and result ({@code openat = 3}), or kept whole when it
     * is no call ({@code +++ exited with 0 +++}).
     */
    public static List<String> namesAndResults(List<String> lines) {
        Pattern call =
                Pattern.compile(
                        "^((?:PID\\d+ )?)(?:<\\.\\.\\. )?([a-z_0-9]+)[( ].*?(?:\\)\\s+= (.*)|<unfinished \\.\\.\\.>)$");
        List<String> result = new ArrayList<>();
        for (String l : lines) {
            Matcher m = call.matcher(l);
            if (m.matches()) {
                result.add(
                        m.group(1)
                                + m.group(2)
                                + (m.group(3) == null ? " <unfinished>" : " = " + m.group(3)));
            } else {
                result.add(l);
            }
        }
        return result;
    }

    /**
     * A -f trace ({@code PID line} lines) as one sequence of calls per process, in a canonical
     * order: each call's {@code <unfinished ...>} and {@code <... resumed>} halves joined, every
     * call reduced to its name and result, the pid labels dropped. Two traces of the same program
     * compare equal however the kernel interleaved its processes and whatever pids they had.
     */
    public static List<List<String>> perProcess(List<String> lines) {
        Pattern prefixed = Pattern.compile("^(\\d+|PID\\d+) +(.*)$");
        Pattern unfinished = Pattern.compile("^([a-z_0-9]+)\\(.*<unfinished \\.\\.\\.>$");
        Pattern resumed =
                Pattern.compile("^<\\.\\.\\. ([a-z_0-9]+) resumed>.*?(?:\\)\\s+= (.*))?$");
        Pattern complete = Pattern.compile("^([a-z_0-9]+)\\(.*\\)\\s+= (.*)$");
        Map<String, List<String>> byPid = new LinkedHashMap<>();
        for (String l : lines) {
            Matcher m = prefixed.matcher(l);
            String pid = m.matches() ? m.group(1) : "main";
            String rest = m.matches() ? m.group(2) : l;
            List<String> calls = byPid.computeIfAbsent(pid, k -> new ArrayList<>());
            Matcher u = unfinished.matcher(rest);
            Matcher r = resumed.matcher(rest);
            Matcher c = complete.matcher(rest);
            if (u.matches()) {
                calls.add(u.group(1) + " = …");
            } else if (r.matches()) {
                String pending = r.group(1) + " = …";
                int at = calls.lastIndexOf(pending);
                String done = r.group(1) + " = " + r.group(2);
                if (at >= 0) {
                    calls.set(at, done);
                } else {
                    calls.add(done);
                }
            } else if (c.matches()) {
                calls.add(c.group(1) + " = " + c.group(2));
            } else {
                calls.add(rest);
            }
        }
        List<List<String>> result = new ArrayList<>(byPid.values());
        result.sort(java.util.Comparator.comparing(Object::toString));
        return result;
    }

    /**
     * Each line kept whole when it is a call of {@code calls} (the calls whose decoding a test
     * checks), otherwise reduced as {@link #namesAndResults} reduces it.
     */
    public static List<String> wholeFor(java.util.Set<String> calls, List<String> lines) {
        Pattern name = Pattern.compile("^(?:PID\\d+ )?(?:<\\.\\.\\. )?([a-z_0-9]+)[( ]");
        List<String> result = new ArrayList<>();
        for (String l : lines) {
            Matcher m = name.matcher(l);
            result.add(
                    m.find() && calls.contains(m.group(1))
                            ? l
                            : namesAndResults(List.of(l)).getFirst());
        }
        return result;
    }

    /** Compiles {@code src/test/c/trace/NAME.c} with {@code compiler} into {@code dir}. */
    public static Path compile(Path dir, String name, String compiler, String... flags)
            throws Exception {
        Path source = Path.of("src/test/c/trace", name + ".c").toAbsolutePath();
        Path binary = dir.resolve(name);
        List<String> line =
                new ArrayList<>(
                        List.of(
                                compiler,
                                "-Wall",
                                "-Wextra",
                                "-Werror",
                                "-O1",
                                "-o",
                                binary.toString()));
        line.addAll(List.of(flags));
        line.add(source.toString());
        RawsysJar.Run run = RawsysJar.run(new byte[0], line);
        assertEquals(0, run.status(), "compiling " + source + ": " + run.both());
        return binary;
    }

    /** Writes {@code text} to a file in {@code dir} and returns its path. */
    public static Path file(Path dir, String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private static final Pattern KEY = Pattern.compile("\\$\\{(\\w+)}");

    /**
     * Expected lines written from strace's sources, with each {@code ${KEY}} replaced by what the
     * traced program printed as {@code KEY=value} (an address, a mount's id): what a line cannot
     * know in advance.
     *
     * @throws AssertionError naming a key the program did not print
     */
    public static String filled(String expected, Trace trace) {
        Map<String, String> printed = new LinkedHashMap<>();
        for (String line : trace.output().split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0 && line.substring(0, eq).matches("[A-Z_0-9]+")) {
                printed.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        StringBuilder filled = new StringBuilder();
        Matcher m = KEY.matcher(expected);
        while (m.find()) {
            String value = printed.get(m.group(1));
            if (value == null) {
                throw new AssertionError(
                        "the program printed no " + m.group(1) + ":\n" + trace.output());
            }
            m.appendReplacement(filled, Matcher.quoteReplacement(value));
        }
        m.appendTail(filled);
        return filled.toString();
    }
}
