/*
 * The cost of tracing, measured: dd copying one byte at a time (two system calls per byte) run
 * plain, under strace, and under rawsys trace, with and without --seccomp-bpf. Rounds are
 * interleaved (plain, strace, rawsys, plain, …) so that a noisy neighbour slows all variants
 * alike; the report gives medians and ratios to the plain run of the same rounds.
 *
 *   rawsys-trace/bench/trace-overhead [ROUNDS]          (run by JDK 25's source launcher)
 *
 * Writes rawsys-trace/bench/results.md and the table between the trace-bench markers of
 * rawsys-trace/README.md.
 */
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

public class TraceOverhead {
    record Variant(String name, List<String> command) {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Path root = Path.of(System.getProperty("rawsys.root", ".")).toAbsolutePath().normalize();
        // the launcher users run: JDK 25, the CLI jar and its class-data-sharing archive
        List<String> rawsys = List.of(root.resolve("rawsys").toString(), "trace");
        String small = "count=100000";
        String large = "count=5000000";
        List<String> dd = List.of("dd", "if=/dev/zero", "of=/dev/null", "bs=1");
        List<Variant> variants = new ArrayList<>();
        variants.add(new Variant("dd, 200k calls, plain", concat(dd, List.of(small))));
        variants.add(new Variant("dd, 200k calls, strace -o /dev/null", concat(List.of("strace", "-o", "/dev/null"), dd, List.of(small))));
        variants.add(new Variant("dd, 200k calls, rawsys trace -o /dev/null", concat(rawsys, List.of("-o", "/dev/null"), dd, List.of(small))));
        List<String> seccomp = List.of("--seccomp-bpf", "-f", "-e", "trace=openat", "-o", "/dev/null");
        variants.add(new Variant("dd, 200k calls, strace --seccomp-bpf -f -e trace=openat", concat(List.of("strace"), seccomp, dd, List.of(small))));
        variants.add(new Variant("dd, 200k calls, rawsys trace --seccomp-bpf -f -e trace=openat", concat(rawsys, seccomp, dd, List.of(small))));
        variants.add(new Variant("dd, 10M calls, plain", concat(dd, List.of(large))));
        variants.add(new Variant("dd, 10M calls, strace --seccomp-bpf -f -e trace=openat", concat(List.of("strace"), seccomp, dd, List.of(large))));
        variants.add(new Variant("dd, 10M calls, rawsys trace --seccomp-bpf -f -e trace=openat", concat(rawsys, seccomp, dd, List.of(large))));
        variants.add(new Variant("rawsys trace -o /dev/null /bin/true (the JVM's start)", concat(rawsys, List.of("-o", "/dev/null", "/bin/true"))));

        Map<String, List<Double>> times = new LinkedHashMap<>();
        for (int round = 0; round < rounds; round++) {
            for (Variant v : variants) {
                times.computeIfAbsent(v.name(), k -> new ArrayList<>()).add(seconds(v.command()));
            }
            System.err.printf("round %d of %d done%n", round + 1, rounds);
        }
        Map<String, Double> median = new LinkedHashMap<>();
        times.forEach((name, list) -> median.put(name, median(list)));

        double plainSmall = median.get(variants.get(0).name());
        double plainLarge = median.get(variants.get(5).name());
        StringBuilder table = new StringBuilder();
        table.append("| run | median s | × plain |\n|---|---:|---:|\n");
        for (Variant v : variants) {
            double plain = v.name().startsWith("dd, 10M") ? plainLarge : plainSmall;
            String ratio = v.name().startsWith("rawsys trace -o /dev/null /bin/true") ? "" : String.format("%.2f", median.get(v.name()) / plain);
            table.append(String.format("| %s | %.3f | %s |%n", v.name(), median.get(v.name()), ratio));
        }
        double straceOverhead = median.get(variants.get(1).name()) - plainSmall;
        double rawsysOverhead = median.get(variants.get(2).name()) - plainSmall;
        String summary =
                String.format(
                        "Median of %d interleaved rounds on %s (%d cores), %s. Tracing overhead without a filter"
                                + " (traced minus plain): rawsys trace %.2f s, strace %.2f s, a ratio of %.2f.",
                        rounds,
                        cpu(),
                        Runtime.getRuntime().availableProcessors(),
                        java.time.LocalDate.now(),
                        rawsysOverhead,
                        straceOverhead,
                        rawsysOverhead / straceOverhead);
        String report = summary + "\n\n" + table;
        System.out.println(report);
        Path results = root.resolve("rawsys-trace/bench/results.md");
        Files.writeString(results, "# rawsys trace overhead\n\n" + report);
        Path readme = root.resolve("rawsys-trace/README.md");
        String text = Files.readString(readme);
        String begin = "<!-- trace-bench:begin -->";
        String end = "<!-- trace-bench:end -->";
        int i = text.indexOf(begin);
        int j = text.indexOf(end);
        if (i >= 0 && j > i) {
            Files.writeString(readme, text.substring(0, i + begin.length()) + "\n" + report + text.substring(j));
        }
    }

    @SafeVarargs
    static List<String> concat(List<String>... parts) {
        List<String> all = new ArrayList<>();
        for (List<String> p : parts) {
            all.addAll(p);
        }
        return all;
    }

    static double seconds(List<String> command) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        int status = p.waitFor();
        long elapsed = System.nanoTime() - start;
        if (status != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited " + status);
        }
        return elapsed / 1e9;
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    static String cpu() throws IOException {
        return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                .filter(l -> l.startsWith("model name"))
                .findFirst()
                .map(l -> l.substring(l.indexOf(':') + 1).trim())
                .orElse("an unknown CPU");
    }
}
