package io.rawsys.trace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * -c: counts calls, errors and time per system call, and prints strace's table at the end, most
 * time first. The time is the wall-clock time between a call's entry and exit stops (strace's -w);
 * it includes the tracer's own share of each stop, so it is larger than the call's time alone.
 */
final class Summary implements Events {
    private final Writer out;
    private final Map<String, Row> rows = new LinkedHashMap<>();

    private static final class Row {
        final String name;
        final long number;
        long calls;
        long errors;
        long nanos;

        Row(String name, long number) {
            this.name = name;
            this.number = number;
        }
    }

    Summary(Writer out) {
        this.out = out;
    }

    @Override
    public void entered(CallEvent call) {}

    @Override
    public void ended(CallEvent call) {
        if (call.outcome() == CallEvent.Outcome.UNFINISHED) {
            return; // strace counts a call only once it returns: exit_group never does
        }
        String name = call.name();
        long number = call.arch().syscalls().find(name).orElse(Long.MAX_VALUE);
        Row row = rows.computeIfAbsent(name, n -> new Row(n, number));
        row.calls++;
        row.nanos += call.elapsedNanos();
        if (call.failed()) {
            row.errors++;
        }
    }

    @Override
    public void detached(int pid) {}

    @Override
    public void signal(int pid, String name, String siginfo) {}

    @Override
    public void stopped(int pid, String signal) {}

    @Override
    public void exited(int pid, int code) {}

    @Override
    public void killed(int pid, String signal, boolean coreDumped) {}

    @Override
    public void note(int pid, String text) {}

    @Override
    public void flush() {}

    @Override
    public void finish() {
        List<Row> sorted = new ArrayList<>(rows.values());
        sorted.sort(Comparator.comparingLong((Row r) -> -r.nanos).thenComparingLong(r -> r.number));
        long totalNanos = sorted.stream().mapToLong(r -> r.nanos).sum();
        long totalCalls = sorted.stream().mapToLong(r -> r.calls).sum();
        long totalErrors = sorted.stream().mapToLong(r -> r.errors).sum();
        String rule = "------ ----------- ----------- --------- --------- ----------------\n";
        StringBuilder s = new StringBuilder();
        s.append("% time     seconds  usecs/call     calls    errors syscall\n").append(rule);
        for (Row r : sorted) {
            double percent = totalNanos == 0 ? 0 : 100.0 * r.nanos / totalNanos;
            s.append(line(percent, r.nanos, r.calls, r.errors, r.name));
        }
        s.append(rule).append(line(100.0, totalNanos, totalCalls, totalErrors, "total"));
        try {
            out.write(s.toString());
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One row: {@code %6.2f %11.6f %11lu %9lu %9.lu %s}; no error count when there is none. */
    private static String line(double percent, long nanos, long calls, long errors, String name) {
        long micros = nanos / 1000;
        return String.format(
                "%6.2f %4d.%06d %11d %9d %9s %s%n",
                percent,
                micros / 1_000_000,
                micros % 1_000_000,
                calls == 0 ? 0 : micros / calls,
                calls,
                errors == 0 ? "" : Long.toString(errors),
                name);
    }
}
