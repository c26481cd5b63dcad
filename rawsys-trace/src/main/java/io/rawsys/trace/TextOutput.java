package io.rawsys.trace;

import io.rawsys.trace.decode.Call;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * strace's own output, byte for byte where strace is deterministic: {@code name(args) = result}
 * with {@code =} at column 40, {@code [pid N]} prefixes when several processes are traced ({@code N
 * } alone into a file), {@code <unfinished ...>} and {@code <... name resumed>} when two tracees'
 * calls interleave, timestamps and call times as -t, -tt, -ttt, -r and -T ask.
 */
final class TextOutput implements Events {
    private static final int RESULT_COLUMN = 40;
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final Writer out;
    private final boolean flushEachLine;
    private final boolean toFile;
    private final boolean follow;
    private final TraceOptions.Timestamps timestamps;
    private final boolean syscallTimes;
    private final Filter filter;
    private final IntSupplier traceeCount;

    /** The tracee whose call line is open: written up to its entry part, no newline yet. */
    private Tracee open;

    /** The column the open line has reached. */
    private int column;

    private long lastLeaderNanos = -1;

    /**
     * @param toFile the output is -o FILE: pids print as {@code N } rather than {@code [pid N] }
     * @param flushEachLine flush after every line (a terminal or a pipe someone reads)
     * @param traceeCount how many processes are traced now (strace marks lines when several)
     */
    TextOutput(
            Writer out,
            boolean toFile,
            boolean flushEachLine,
            TraceOptions options,
            IntSupplier traceeCount) {
        this.out = out;
        this.toFile = toFile;
        this.flushEachLine = flushEachLine;
        this.follow = options.follow();
        this.timestamps = options.timestamps();
        this.syscallTimes = options.syscallTimes();
        this.filter = options.filter();
        this.traceeCount = traceeCount;
    }

    @Override
    public void entered(Tracee t) {
        if (filter.filtersStatus()) {
            return; // the whole line waits for the outcome
        }
        interrupt(t);
        write(leader(t) + entryText(t));
        t.entryWritten = true;
        open = t;
    }

    @Override
    public void exited(Tracee t, String result, boolean failed, long elapsedNanos) {
        if (filter.filtersStatus()) {
            if (!filter.showsStatus(failed)) {
                return;
            }
            interrupt(t);
            write(leader(t) + entryText(t));
            open = t;
        } else if (open != t) {
            interrupt(t);
            write(leader(t) + "<... " + t.call.name() + " resumed>");
            open = t;
        }
        write(exitText(t));
        pad();
        write("= " + result);
        if (syscallTimes) {
            write(
                    String.format(
                            " <%d.%06d>",
                            elapsedNanos / 1_000_000_000, elapsedNanos / 1000 % 1_000_000));
        }
        endLine();
    }

    @Override
    public void unfinished(Tracee t) {
        if (filter.filtersStatus() && !filter.showsUnfinished()) {
            return;
        }
        if (filter.filtersStatus() || !t.entryWritten) {
            interrupt(t);
            write(leader(t) + entryText(t));
            open = t;
        } else if (open != t) {
            interrupt(t);
            write(leader(t) + "<... " + t.call.name() + " resumed>");
            open = t;
        }
        write(exitText(t));
        pad();
        write("= ?");
        endLine();
    }

    @Override
    public void detached(Tracee t) {
        if (open == t) {
            write(" <detached ...>");
            endLine();
        }
    }

    @Override
    public void signal(Tracee t, String name, String siginfo) {
        line(t, "--- " + name + " " + siginfo + " ---");
    }

    @Override
    public void stopped(Tracee t, String signal) {
        line(t, "--- stopped by " + signal + " ---");
    }

    @Override
    public void exited(Tracee t, int code) {
        line(t, "+++ exited with " + code + " +++");
    }

    @Override
    public void killed(Tracee t, String signal, boolean coreDumped) {
        line(t, "+++ killed by " + signal + (coreDumped ? " (core dumped)" : "") + " +++");
    }

    @Override
    public void note(Tracee t, String text) {
        line(t, text);
    }

    @Override
    public void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void finish() {
        interrupt(null);
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void line(Tracee t, String text) {
        interrupt(t);
        write(leader(t) + text);
        endLine();
    }

    /** Ends another tracee's open line with {@code <unfinished ...>}, as strace does. */
    private void interrupt(Tracee next) {
        if (open != null && open != next) {
            write(" <unfinished ...>");
            endLine();
        }
    }

    private static String entryText(Tracee t) {
        Call c = t.call;
        int entry = c.printedAtEntry() < 0 ? c.printed().size() : c.printedAtEntry();
        String args = String.join(", ", c.printed().subList(0, entry));
        boolean more = t.decoder.moreAtExit(c) && entry > 0;
        return c.name() + "(" + args + (more ? ", " : "");
    }

    /**
     * The arguments printed at exit and the closing parenthesis, joined to the entry part as the
     * decoder says (strace's clone ends its entry line after the flags, and prints the separator
     * with the exit part).
     */
    private static String exitText(Tracee t) {
        Call c = t.call;
        int entry = c.printedAtEntry() < 0 ? c.printed().size() : c.printedAtEntry();
        List<String> atExit = c.printed().subList(entry, c.printed().size());
        String separator = entry > 0 && !atExit.isEmpty() ? t.decoder.exitSeparator(c) : "";
        return separator + String.join(", ", atExit) + ")";
    }

    /** The pid prefix and the timestamp that start every line. */
    private String leader(Tracee t) {
        StringBuilder s = new StringBuilder();
        int tracees = traceeCount.getAsInt();
        if (toFile) {
            if (follow || tracees > 1) {
                s.append(String.format("%-5d ", t.pid));
            }
        } else if (tracees > 1) {
            s.append(String.format("[pid %5d] ", t.pid));
        }
        switch (timestamps) {
            case NONE -> {}
            case SECONDS -> s.append(LocalTime.now().format(SECONDS)).append(' ');
            case MICROS -> {
                Instant now = Instant.now();
                s.append(now.atZone(ZoneId.systemDefault()).toLocalTime().format(SECONDS))
                        .append(String.format(".%06d ", now.getNano() / 1000));
            }
            case EPOCH -> {
                Instant now = Instant.now();
                s.append(String.format("%d.%06d ", now.getEpochSecond(), now.getNano() / 1000));
            }
            case RELATIVE -> {
                long now = System.nanoTime();
                long since = lastLeaderNanos < 0 ? 0 : now - lastLeaderNanos;
                lastLeaderNanos = now;
                s.append(
                        String.format(
                                "%6d.%06d ", since / 1_000_000_000, since / 1000 % 1_000_000));
            }
        }
        return s.toString();
    }

    private void pad() {
        write(column < RESULT_COLUMN ? " ".repeat(RESULT_COLUMN - column) : " ");
    }

    private void write(String text) {
        try {
            out.write(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        column += text.length();
    }

    private void endLine() {
        try {
            out.write('\n');
            if (flushEachLine) {
                out.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        column = 0;
        open = null;
    }
}
