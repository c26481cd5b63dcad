package io.rawsys.jmh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns one run of jmh/run into its report: {@code results.md} (a table per call: ns/op, error,
 * ratio to C, ratio to libc through FFM, allocation; then the targets, met or missed and why),
 * {@code chart.svg}, and the same table in the README between its {@code jmh} markers.
 *
 * <pre>Report RESULTS_DIR MODE README</pre>
 *
 * <p>RESULTS_DIR holds JMH's {@code jmh.json} and the C baseline's {@code baseline-before.json} and
 * {@code baseline-after.json}, measured right before and right after JMH: a C figure is their mean,
 * and its error widens by half their difference, so drift of a noisy machine during the run shows
 * in the error rather than in the ratios.
 */
public final class Report {
    /**
     * One measured benchmark: mean ns per call, the 99.9% half-width, bytes allocated per call (JMH
     * only).
     */
    record Score(String name, double ns, double error, double allocated) {}

    /** One call measured several ways, and the two figures every row is compared with. */
    record Group(
            String title,
            String benchClass,
            String cReference,
            String libcReference,
            List<String> cRows) {}

    static final List<Group> GROUPS =
            List.of(
                    new Group(
                            "getpid()",
                            "GetpidBench",
                            "c.getpid.raw",
                            "GetpidBench.libcViaFfm",
                            List.of(
                                    "c.getpid.raw",
                                    "c.getpid.stub",
                                    "c.getpid.libc",
                                    "c.getpid.syscall")),
                    new Group(
                            "clock_gettime(CLOCK_MONOTONIC)",
                            "ClockBench",
                            "c.clock.vdso",
                            "ClockBench.libcViaFfm",
                            List.of("c.clock.vdso", "c.clock.libc", "c.clock.raw")),
                    new Group(
                            "close(-1), learning errno EBADF",
                            "ErrnoBench",
                            "c.close.raw",
                            "ErrnoBench.libcViaFfmCapturingErrno",
                            List.of("c.close.raw", "c.close.stub", "c.close.libc")));

    private final Map<String, Score> scores = new LinkedHashMap<>();

    private Report() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: Report RESULTS_DIR MODE README");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        Report report = new Report();
        report.readJmh(dir.resolve("jmh.json"));
        report.readBaselines(
                dir.resolve("baseline-before.json"), dir.resolve("baseline-after.json"));
        String machine = machine(args[1]);
        String table = report.table();
        String targets = report.targets();
        Files.writeString(
                dir.resolve("results.md"),
                "# rawsys benchmarks\n\n" + machine + "\n\n" + table + "\n" + targets);
        Files.writeString(dir.resolve("chart.svg"), report.chart(shortMachine(args[1])));
        Path readme = Path.of(args[2]);
        String text = Files.readString(readme);
        int begin = text.indexOf("<!-- jmh:begin -->");
        int end = text.indexOf("<!-- jmh:end -->");
        if (begin < 0 || end < begin) {
            throw new IOException(
                    readme + " has no <!-- jmh:begin --> ... <!-- jmh:end --> section to fill");
        }
        String section =
                "<!-- jmh:begin -->\n"
                        + machine
                        + "\n\n![benchmark chart](jmh/results/chart.svg)\n\n"
                        + table
                        + "\n"
                        + targets
                        + "<!-- jmh:end -->";
        Files.writeString(
                readme,
                text.substring(0, begin)
                        + section
                        + text.substring(end + "<!-- jmh:end -->".length()));
        System.out.println(table + "\n" + targets);
    }

    @SuppressWarnings("unchecked")
    private void readJmh(Path file) throws IOException {
        for (Object o : (List<Object>) Json.parse(Files.readString(file))) {
            Map<String, Object> run = (Map<String, Object>) o;
            String benchmark = (String) run.get("benchmark");
            String name =
                    benchmark.substring(
                            benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1);
            Map<String, Object> primary = (Map<String, Object>) run.get("primaryMetric");
            Map<String, Object> secondary =
                    (Map<String, Object>) run.getOrDefault("secondaryMetrics", Map.of());
            Map<String, Object> alloc =
                    (Map<String, Object>)
                            secondary.getOrDefault(
                                    "gc.alloc.rate.norm", secondary.get("·gc.alloc.rate.norm"));
            scores.put(
                    name,
                    new Score(
                            name,
                            number(primary.get("score")),
                            number(primary.get("scoreError")),
                            alloc == null ? Double.NaN : number(alloc.get("score"))));
        }
    }

    @SuppressWarnings("unchecked")
    private void readBaselines(Path before, Path after) throws IOException {
        Map<String, Map<String, Object>> first = new LinkedHashMap<>();
        for (Object o : (List<Object>) Json.parse(Files.readString(before))) {
            Map<String, Object> b = (Map<String, Object>) o;
            first.put((String) b.get("name"), b);
        }
        for (Object o : (List<Object>) Json.parse(Files.readString(after))) {
            Map<String, Object> b = (Map<String, Object>) o;
            String name = (String) b.get("name");
            Map<String, Object> a = first.get(name);
            double ns1 = number(a.get("ns"));
            double ns2 = number(b.get("ns"));
            double error =
                    Math.max(number(a.get("error")), number(b.get("error")))
                            + Math.abs(ns1 - ns2) / 2;
            scores.put(name, new Score(name, (ns1 + ns2) / 2, error, Double.NaN));
        }
    }

    private static double number(Object value) {
        return value instanceof Double d ? d : Double.NaN; // JMH writes "NaN" as a string
    }

    private Score score(String name) {
        Score s = scores.get(name);
        if (s == null) {
            throw new IllegalStateException("no result for " + name + " in this run");
        }
        return s;
    }

    private List<Score> rows(Group g) {
        List<Score> rows = new ArrayList<>();
        g.cRows().forEach(c -> rows.add(score(c)));
        scores.values().stream()
                .filter(s -> s.name().startsWith(g.benchClass() + "."))
                .forEach(rows::add);
        return rows;
    }

    String table() {
        StringBuilder md = new StringBuilder();
        for (Group g : GROUPS) {
            Score c = score(g.cReference());
            Score libc = score(g.libcReference());
            md.append("**")
                    .append(g.title())
                    .append("**: ratios to C's `")
                    .append(g.cReference())
                    .append("` and to `")
                    .append(g.libcReference())
                    .append("`\n\n");
            md.append(
                    "| benchmark | ns/op | ± (99.9%) | × C | × libc via FFM | B/op |\n|---|---:|---:|---:|---:|---:|\n");
            for (Score s : rows(g)) {
                md.append(
                        String.format(
                                Locale.ROOT,
                                "| %s | %.1f | %.1f | %.2f | %.2f | %s |%n",
                                s.name(),
                                s.ns(),
                                s.error(),
                                s.ns() / c.ns(),
                                s.ns() / libc.ns(),
                                Double.isNaN(s.allocated())
                                        ? ""
                                        : String.format(Locale.ROOT, "%.0f", s.allocated())));
            }
            md.append('\n');
        }
        return md.toString();
    }

    /**
     * The targets rawsys set itself, each met or missed, with the figures and, when missed, the
     * reason.
     */
    String targets() {
        StringBuilder md = new StringBuilder("**Targets**\n\n");
        Score cRaw = score("c.getpid.raw");
        Score cStub = score("c.getpid.stub");
        Score raw = score("GetpidBench.rawsysRaw");
        Score critical = score("GetpidBench.rawsysCritical");
        Score jna = score("GetpidBench.jnaDirect");
        Score nanoTime = score("ClockBench.systemNanoTime");
        Score vdsoCritical = score("ClockBench.rawsysVdsoCritical");
        String returnCost =
                "C's loop runs the syscall instruction inline, with no call and no return around it. The same loop calling"
                        + String.format(
                                Locale.ROOT,
                                " rawsys's stub from C (c.getpid.stub) takes %.1f ns, %.2f× the inline loop, as glibc's wrapper"
                                        + " does (%.2f×): the return after the trap is mispredicted once the kernel's exit path has cleared the return"
                                        + " predictor. Against C calling the same stub, this Java call is ",
                                cStub.ns(),
                                cStub.ns() / cRaw.ns(),
                                score("c.getpid.libc").ns() / cRaw.ns());
        target(
                md,
                "raw stub, critical, getpid ≤ 1.05× C's raw syscall loop",
                critical,
                cRaw,
                1.05,
                returnCost + String.format(Locale.ROOT, "%.2f×", critical.ns() / cStub.ns()));
        target(
                md,
                "raw stub, default, getpid ≤ 1.15× C's raw syscall loop",
                raw,
                cRaw,
                1.15,
                returnCost + String.format(Locale.ROOT, "%.2f×", raw.ns() / cStub.ns()));
        target(
                md,
                "vDSO clock_gettime, critical, ≤ 1.2× C's vDSO call",
                vdsoCritical,
                score("c.clock.vdso"),
                1.2,
                "the vDSO call takes only tens of nanoseconds, so the downcall stub, the per-thread buffer lookup and the reads out of the"
                        + " buffer weigh more than a fifth of it");
        target(
                md,
                "vDSO clock_gettime, critical, ≤ System.nanoTime",
                vdsoCritical,
                nanoTime,
                1.0,
                "System.nanoTime is a JIT intrinsic that calls the same vDSO function from compiled code, with no downcall frame and no"
                        + " buffer to look up");
        target(
                md,
                "raw stub ≤ libc's getpid through FFM",
                raw,
                score("GetpidBench.libcViaFfm"),
                1.0,
                "both cross into native code the same way and make the same system call; what is left is the order of a few instructions");
        boolean jnaMet = jna.ns() >= 1.4 * raw.ns();
        md.append(
                String.format(
                        Locale.ROOT,
                        "- %s: ≥ 1.4× faster than JNA's direct mapping on getpid — JNA takes %.2f×%s.%n",
                        jnaMet ? "met" : "**missed**",
                        jna.ns() / raw.ns(),
                        jnaMet
                                ? ""
                                : ". Why: JNA adds its own tens of nanoseconds, which are"
                                        + " less than 40% of a system call this slow"));
        Score errno = score("ErrnoBench.rawsysRaw");
        boolean allocMet = errno.allocated() < 0.5;
        md.append(
                String.format(
                        Locale.ROOT,
                        "- %s: the errno path allocates nothing (JMH's gc profiler) — %.2f B/op%s.%n",
                        allocMet ? "met" : "**missed**",
                        errno.allocated(),
                        allocMet ? "" : ". Why: an allocation escaped the JIT's escape analysis"));
        Score invoke = score("ErrnoBench.rawsysInvokeCatching");
        target(
                md,
                "the failing call through `Syscalls.invoke`, ErrnoException caught, ≤ 1.3× `Syscalls.raw`",
                invoke,
                errno,
                1.3,
                "the exception object is made and thrown on every failure");
        boolean invokeAllocMet = invoke.allocated() <= 64;
        md.append(
                String.format(
                        Locale.ROOT,
                        "- %s: the ErrnoException allocates ≤ 64 B (no stack trace, its message made when read) — %.0f B/op%s.%n",
                        invokeAllocMet ? "met" : "**missed**",
                        invoke.allocated(),
                        invokeAllocMet
                                ? ""
                                : ". Why: the exception records more than its errno, call and detail"));
        Score typed = score("ErrnoBench.typedOpenatMissingCatching");
        Score rawOpenat = score("ErrnoBench.rawsysRawOpenatMissing");
        md.append(
                String.format(
                        Locale.ROOT,
                        "%nThe typed layer's failure, `FileCalls.openat` of a missing path with the ErrnoException caught, costs"
                                + " %.0f ns and %.0f B a call: %.2f× the same openat made raw with its path already in native"
                                + " memory; the difference is copying the path into a confined arena and the exception.%n",
                        typed.ns(),
                        typed.allocated(),
                        typed.ns() / rawOpenat.ns()));
        return md.toString();
    }

    /**
     * One target: {@code value} at most {@code factor} times {@code reference}. A miss within the
     * two scores' combined 99.9% error is reported as such: on this noisy machine it is no evidence
     * either way.
     */
    private static void target(
            StringBuilder md,
            String what,
            Score value,
            Score reference,
            double factor,
            String mechanism) {
        double limit = factor * reference.ns();
        boolean met = value.ns() <= limit;
        md.append("- ").append(met ? "met" : "**missed**").append(": ").append(what);
        md.append(
                String.format(
                        Locale.ROOT,
                        " — %.2f× (%.1f ns against %.1f ns)",
                        value.ns() / reference.ns(),
                        value.ns(),
                        reference.ns()));
        if (!met) {
            double noise = value.error() + factor * reference.error();
            md.append(". Why: ").append(mechanism);
            if (value.ns() - limit <= noise) {
                md.append(
                        String.format(
                                Locale.ROOT,
                                " (and the excess, %.1f ns, is within this run's error of ±%.1f ns)",
                                value.ns() - limit,
                                noise));
            }
        }
        md.append(".\n");
    }

    /** The chart's one-line caption: machine, kernel, JDK, mode and date. */
    static String shortMachine(String mode) throws IOException {
        return String.format(
                Locale.ROOT,
                "%s, %d cores, Linux %s, Java %s; jmh/run %s, %s; mean ns per call",
                cpu(),
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.version"),
                Runtime.version().feature(),
                mode,
                LocalDate.now());
    }

    private static String cpu() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
            if (line.startsWith("model name")) {
                return line.substring(line.indexOf(':') + 1).strip();
            }
        }
        return "unknown CPU";
    }

    /** The CPU, cores, kernel, JDK and run mode the figures come from. */
    static String machine(String mode) throws IOException {
        return String.format(
                Locale.ROOT,
                "Measured %s with `jmh/run %s` on %s, %d cores, Linux %s, Java %s. Every figure is the mean"
                        + " time per call; C baselines ran in the same run, before and after JMH.",
                LocalDate.now(),
                mode,
                cpu(),
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.version"),
                Runtime.version());
    }

    /**
     * Horizontal bars, one panel per call, each on its own scale; rawsys's bars in blue, C's in
     * grey.
     */
    String chart(String machine) {
        int width = 900;
        int barArea = 420;
        int labelWidth = 250;
        int rowHeight = 22;
        StringBuilder body = new StringBuilder();
        int y = 40;
        for (Group g : GROUPS) {
            List<Score> rows = rows(g);
            Score c = score(g.cReference());
            double max = rows.stream().mapToDouble(Score::ns).max().orElse(1);
            body.append(
                    String.format(
                            Locale.ROOT,
                            "<text x=\"10\" y=\"%d\" class=\"title\">%s</text>%n",
                            y,
                            escape(g.title())));
            y += 10;
            for (Score s : rows) {
                double length = barArea * s.ns() / max;
                String kind =
                        s.name().startsWith("c.")
                                ? "c"
                                : s.name().contains("rawsys") ? "rawsys" : "other";
                body.append(
                        String.format(
                                Locale.ROOT,
                                "<text x=\"%d\" y=\"%d\" class=\"label\">%s</text>%n",
                                labelWidth - 8,
                                y + 15,
                                escape(s.name())));
                body.append(
                        String.format(
                                Locale.ROOT,
                                "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"16\" class=\"%s\"/>%n",
                                labelWidth,
                                y + 3,
                                Math.max(1, length),
                                kind));
                body.append(
                        String.format(
                                Locale.ROOT,
                                "<text x=\"%.1f\" y=\"%d\" class=\"value\">%.1f ns (%.2f× C)</text>%n",
                                labelWidth + Math.max(1, length) + 6,
                                y + 15,
                                s.ns(),
                                s.ns() / c.ns()));
                y += rowHeight;
            }
            y += 24;
        }
        return String.format(
                Locale.ROOT,
                """
                <svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" font-family="sans-serif" font-size="12">
                <style>
                  .title { font-weight: bold; font-size: 14px; }
                  .label { text-anchor: end; }
                  .value { fill: #333; }
                  .rawsys { fill: #2f6fbf; }
                  .c { fill: #9a9a9a; }
                  .other { fill: #d08a2c; }
                  .note { fill: #555; font-size: 11px; }
                </style>
                <rect width="100%%" height="100%%" fill="white"/>
                <text x="10" y="20" class="note">%s</text>
                %s</svg>
                """,
                width,
                y + 10,
                escape(machine.replace("`", "")),
                body);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
