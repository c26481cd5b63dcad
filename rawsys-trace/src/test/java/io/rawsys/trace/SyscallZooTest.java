package io.rawsys.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.rawsys.Arch;
import io.rawsys.SyscallTable;
import io.rawsys.testing.I386Programs;
import io.rawsys.testing.ProcessTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The catalog against this machine's strace 6.1: the syscall zoo (src/test/c/syscall_zoo.c) makes
 * every call of the x86_64 table, then every call of the i386 table as a static i386 program, with
 * arguments no call can act on, under strace. For each class, the calls strace prints with {@code
 * -e trace=CLASS} must be the catalog's members among those the zoo made; with {@code -e raw=all},
 * each call must print the catalog's number of arguments, and decoded too, but for the few decoders
 * whose output follows the call's arguments.
 */
class SyscallZooTest {
    static final String STRACE_VERSION = "strace -- version 6.1";
    static final Path ZOO_SOURCE = Path.of("src/test/c/syscall_zoo.c");
    static final Map<String, List<String>> COMPILERS =
            Map.of(
                    "x86_64", List.of("gcc"),
                    "i386", List.of("i686-linux-gnu-gcc", "-static"));
    static final SyscallCatalog CATALOG = SyscallCatalog.load();

    /** {@code [pid] name(}: the start of a call line in strace -f -o output. */
    static final Pattern CALL = Pattern.compile("^(?:\\d+ +)?(\\w+)\\(");

    /** The zoo's line for a call it refuses: {@code skip NR NAME: REASON}. */
    static final Pattern REFUSED = Pattern.compile("(?m)^skip \\d+ (\\w+): .*$");

    @TempDir static Path dir;
    static final Map<String, Zoo> zoos = new TreeMap<>();

    /** One ABI's zoo: the program, the numbers it is given, and what a plain strace saw of it. */
    record Zoo(Arch arch, List<String> command, Set<String> refused, List<Call> calls) {
        Set<String> made() {
            Set<String> names = new TreeSet<>();
            calls.forEach(call -> names.add(call.name()));
            return names;
        }
    }

    /** One line strace printed: the call's name, its arguments' text, and the whole line. */
    record Call(String name, List<String> arguments, String line) {}

    @BeforeAll
    static void buildAndTraceTheZoos() throws Exception {
        assumeTrue(
                Arch.current().name().equals("x86_64"),
                "the zoo runs x86_64 programs (and i386 ones where the kernel can) natively");
        String version;
        try {
            version =
                    run(dir.resolve("version"), List.of("strace", "-V"))
                            .lines()
                            .findFirst()
                            .orElse("");
        } catch (IOException e) {
            throw new AssertionError(
                    "strace is not installed; the catalog is checked against strace 6.1"
                            + " (Debian: apt-get install strace, or .ci/install-deps)",
                    e);
        }
        assertEquals(STRACE_VERSION, version, "syscalls.txt describes strace 6.1");
        for (var compiler : COMPILERS.entrySet()) {
            if (compiler.getKey().equals("i386") && !I386Programs.probe().available()) {
                continue; // its tests are skipped, each saying why (zoo())
            }
            Arch arch = Arch.of(compiler.getKey());
            Path program = dir.resolve("syscall_zoo-" + arch.name());
            List<String> build = new ArrayList<>(compiler.getValue());
            build.addAll(
                    List.of(
                            "-Wall",
                            "-Wextra",
                            "-Werror",
                            "-O2",
                            "-o",
                            program.toString(),
                            ZOO_SOURCE.toString()));
            run(dir.resolve("build-" + arch.name()), build);
            List<String> command = new ArrayList<>(List.of(program.toString()));
            // strace 6.1 prints the calls it predates as syscall_0xNNN(...): no oracle for them
            known(arch).forEach(call -> command.add(Long.toString(call.number())));
            Path trace = dir.resolve("trace-" + arch.name());
            String output = strace(trace, command);
            Set<String> refused = new TreeSet<>();
            Matcher m = REFUSED.matcher(output);
            while (m.find()) {
                refused.add(m.group(1));
            }
            zoos.put(arch.name(), new Zoo(arch, command, refused, calls(trace)));
        }
    }

    /** The calls of {@code arch}'s table that strace 6.1 knows: the zoo makes these. */
    static List<SyscallTable.Entry> known(Arch arch) {
        return arch.syscalls().entries().stream()
                .filter(call -> CATALOG.knownToStrace61(arch, call.name()))
                .toList();
    }

    /** The ABIs whose zoos the tests look at: x86_64's always, i386's where the kernel runs it. */
    static final List<String> ABIS = List.of("x86_64", "i386");

    /** {@code abi}'s zoo; the calling test is skipped, saying why, where it could not run. */
    static Zoo zoo(String abi) {
        if (abi.equals("i386")) {
            I386Programs.assumeRunnable();
        }
        return zoos.get(abi);
    }

    @ParameterizedTest
    @ValueSource(strings = {"x86_64", "i386"})
    void straceSeesEveryCallOfTheTableTheZooDoesNotRefuse(String abi) {
        Zoo zoo = zoo(abi);
        Set<String> table = new TreeSet<>();
        known(zoo.arch()).forEach(call -> table.add(call.name()));
        assertEquals(Set.of(), difference(zoo.refused(), table), "refused, not in the table");
        Set<String> unrefused = difference(table, zoo.refused());
        assertEquals(Set.of(), difference(unrefused, zoo.made()), "made, but strace did not see");
        assertEquals(Set.of(), difference(zoo.made(), table), "strace saw, not in the table");
    }

    @TestFactory
    Stream<DynamicTest> eachClassSelectsTheCatalogsMembers() {
        return ABIS.stream()
                .flatMap(
                        abi ->
                                SyscallCatalog.CLASSES.stream()
                                        .map(
                                                className ->
                                                        DynamicTest.dynamicTest(
                                                                abi + " " + className,
                                                                () ->
                                                                        classSelectsMembers(
                                                                                zoo(abi),
                                                                                className))));
    }

    static void classSelectsMembers(Zoo zoo, String className) throws Exception {
        Path trace = dir.resolve("trace-" + zoo.arch() + "-" + className.replace("%", "pct"));
        strace(trace, zoo.command(), "-e", "trace=" + className);
        Set<String> printed = new TreeSet<>();
        calls(trace).forEach(call -> printed.add(call.name()));
        Set<String> members = new TreeSet<>(CATALOG.members(zoo.arch(), className));
        members.retainAll(zoo.made());
        String what = " by strace -e trace=" + className + " on " + zoo.arch();
        assertEquals(Set.of(), difference(members, printed), "members not selected" + what);
        assertEquals(Set.of(), difference(printed, members), "selected, not members," + what);
    }

    /** With -e raw=all strace prints every call's arguments in hex, as many as its table has. */
    @ParameterizedTest
    @ValueSource(strings = {"x86_64", "i386"})
    void rawCallsPrintTheCatalogsNumberOfArguments(String abi) throws Exception {
        Zoo zoo = zoo(abi);
        Path trace = dir.resolve("trace-" + abi + "-raw");
        strace(trace, zoo.command(), "-e", "raw=all");
        List<String> wrong = new ArrayList<>();
        for (Call call : calls(trace)) {
            if (call.arguments().size() != CATALOG.arguments(zoo.arch(), call.name())) {
                wrong.add(call.line());
            }
        }
        assertEquals(List.of(), wrong, abi + " -e raw=all: want syscalls.txt's argument counts");
    }

    /**
     * The decoders of strace that print fewer arguments than the call's table has, by design, for
     * the zoo's arguments or libc's. Every other decoded call prints the catalog's count.
     */
    static final String DECODED_DIFFERENTLY =
            """
            all    restart_syscall   1   what it resumes, in place of its arguments
            all    openat            3   the mode only when the flags hold O_CREAT or O_TMPFILE
            all    mknod             2   the device only for a character or block special file
            all    mknodat           3   the device only for a character or block special file
            all    preadv2           5   the kernel's two offset words (pos_l, pos_h) as one value
            all    pwritev2          5   the kernel's two offset words (pos_l, pos_h) as one value
            i386   _llseek           4   a 64-bit value's two words as one value
            i386   pread64           4   a 64-bit value's two words as one value
            i386   pwrite64          4   a 64-bit value's two words as one value
            i386   preadv            4   a 64-bit value's two words as one value
            i386   pwritev           4   a 64-bit value's two words as one value
            i386   truncate64        2   a 64-bit value's two words as one value
            i386   ftruncate64       2   a 64-bit value's two words as one value
            i386   readahead         3   a 64-bit value's two words as one value
            i386   fadvise64         4   a 64-bit value's two words as one value
            i386   lookup_dcookie    3   a 64-bit value's two words as one value
            i386   fanotify_mark     5   a 64-bit value's two words as one value
            i386   fadvise64_64      4   two 64-bit values, each one value for two words
            i386   fallocate         4   two 64-bit values, each one value for two words
            i386   sync_file_range   4   two 64-bit values, each one value for two words
            """;

    /** One line of {@link #DECODED_DIFFERENTLY}. */
    record DecodedDifferently(String abi, String call, int printed) {
        boolean covers(Arch arch, Call c) {
            return (abi.equals("all") || abi.equals(arch.name()))
                    && call.equals(c.name())
                    && printed == c.arguments().size();
        }
    }

    /**
     * Per ABI: every call prints the catalog's count but those a line of {@link
     * #DECODED_DIFFERENTLY} explains, and every line of that ABI's own is needed by some call (the
     * lines for {@code all} are held to that on x86_64, whose zoo always runs).
     */
    @ParameterizedTest
    @ValueSource(strings = {"x86_64", "i386"})
    void decodedCallsPrintTheCatalogsNumberOfArgumentsButWhereTheirDecoderSaysOtherwise(
            String abi) {
        Zoo zoo = zoo(abi);
        List<DecodedDifferently> known =
                DECODED_DIFFERENTLY
                        .lines()
                        .map(line -> line.split("\\s+", 4))
                        .map(c -> new DecodedDifferently(c[0], c[1], Integer.parseInt(c[2])))
                        .filter(k -> k.abi().equals(abi) || k.abi().equals("all"))
                        .toList();
        Set<DecodedDifferently> seen = new HashSet<>();
        List<String> wrong = new ArrayList<>();
        for (Call call : zoo.calls()) {
            if (call.arguments().size() == CATALOG.arguments(zoo.arch(), call.name())) {
                continue;
            }
            List<DecodedDifferently> why =
                    known.stream().filter(k -> k.covers(zoo.arch(), call)).toList();
            if (why.isEmpty()) {
                wrong.add(zoo.arch() + ": " + call.line());
            }
            seen.addAll(why);
        }
        assertEquals(List.of(), wrong, "want as many arguments as syscalls.txt says");
        assertEquals(
                List.of(),
                known.stream()
                        .filter(k -> k.abi().equals(abi) || abi.equals("x86_64"))
                        .filter(k -> !seen.contains(k))
                        .toList(),
                "DECODED_DIFFERENTLY lines that no call needs");
    }

    static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> difference = new TreeSet<>(a);
        difference.removeAll(b);
        return difference;
    }

    /** Runs strace -f -qq -o TRACE [OPTIONS] COMMAND; the zoo's own output. */
    static String strace(Path trace, List<String> command, String... options) throws Exception {
        List<String> strace =
                new ArrayList<>(List.of("strace", "-f", "-qq", "-o", trace.toString()));
        strace.addAll(List.of(options));
        strace.addAll(command);
        return run(trace.resolveSibling(trace.getFileName() + ".out"), strace);
    }

    /**
     * Runs a command to completion (10 s at most), its output into {@code output}, and returns it.
     */
    static String run(Path output, List<String> command) throws IOException, InterruptedException {
        Process p =
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(output.toFile())
                        .start();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            ProcessTree.kill(p); // the tracer and its tracees
            fail(
                    "still running after 10 s: "
                            + String.join(" ", command.subList(0, Math.min(6, command.size()))));
        }
        String text = Files.readString(output, StandardCharsets.ISO_8859_1);
        if (p.exitValue() != 0) {
            fail(command.get(0) + " failed (" + p.exitValue() + "):\n" + text);
        }
        return text;
    }

    /** The calls of a trace file: each line that starts a call, its arguments split. */
    static List<Call> calls(Path trace) throws IOException {
        List<Call> calls = new ArrayList<>();
        for (String line : Files.readAllLines(trace, StandardCharsets.ISO_8859_1)) {
            Matcher m = CALL.matcher(line);
            if (m.find()) {
                calls.add(new Call(m.group(1), arguments(line, m.end()), line));
            }
        }
        return calls;
    }

    /**
     * The arguments strace printed from {@code start} (just after the call's parenthesis) to the
     * parenthesis that closes it: split at the commas outside strings, comments and any bracket, so
     * {@code {st_mode=S_IFREG|0644, st_size=0, ...}} or {@code ["a", "b"]} count as one.
     */
    static List<String> arguments(String line, int start) {
        List<String> arguments = new ArrayList<>();
        int depth = 0;
        int from = start;
        for (int i = start; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                for (i++; i < line.length() && line.charAt(i) != '"'; i++) {
                    if (line.charAt(i) == '\\') {
                        i++;
                    }
                }
            } else if (line.startsWith("/*", i)) {
                int end = line.indexOf("*/", i + 2);
                i = end < 0 ? line.length() : end + 1;
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ']' || c == '}' || (c == ')' && depth > 0)) {
                depth--;
            } else if (c == ')' || (c == ',' && depth == 0)) {
                String argument = line.substring(from, i).strip();
                if (!argument.isEmpty() || c == ',') {
                    arguments.add(argument);
                }
                if (c == ')') {
                    return arguments;
                }
                from = i + 1;
            }
        }
        throw new IllegalArgumentException("no end to the arguments of: " + line);
    }
}
