package io.rawsys.trace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.Set;
import java.util.function.IntSupplier;

/**
 * strace's own output, byte for byte where strace is deterministic: {@code name(args) = result}
 * with {@code =} at column 40, {@code [pid N]} prefixes when several processes are traced ({@code N
 * } alone into a file), {@code <unfinished ...>} and {@code <... name resumed>} when two tracees'
 * calls interleave, timestamps and call times as -t, -tt, -ttt, -r and -T ask.
 */
final class TextOutput implements Events {
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final Writer out;
    private final boolean flushEachLine;
    private final boolean toFile;
    private final boolean follow;
    private final TraceOptions.Timestamps timestamps;
    private final boolean syscallTimes;
    private final Filter filter;
    private final IntSupplier traceeCount;
    private final java.util.function.IntToLongFunction lastNumber;
    private final boolean syscallNumbers;
    private final boolean alwaysShowPid;
    private final boolean pidComm;

    /** -a: where {@code =} goes (strace's acolumn, 40 unless told). */
    private final int resultColumn;

    private static final int NONE = -1;

    /**
     * The thread whose call line is open (written up to its entry part, no newline yet), or NONE.
     */
    private int open = NONE;

    /** The threads whose current call's entry part has been written. */
    private final Set<Integer> entryWritten = new HashSet<>();

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
            IntSupplier traceeCount,
            java.util.function.IntToLongFunction lastNumber) {
        this.out = out;
        this.toFile = toFile;
        this.flushEachLine = flushEachLine;
        this.follow = options.follow();
        this.timestamps = options.timestamps();
        this.syscallTimes = options.syscallTimes();
        this.filter = options.filter();
        this.traceeCount = traceeCount;
        this.lastNumber = lastNumber;
        this.syscallNumbers = options.syscallNumbers();
        this.alwaysShowPid = options.alwaysShowPid();
        this.pidComm = options.decodePids();
        this.resultColumn = options.column();
    }

    @Override
    public void entered(CallEvent call) {
        if (filter.filtersStatus()) {
            return; // the whole line waits for the outcome
        }
        interrupt(call.pid());
        write(leader(call.pid()) + call.entry());
        entryWritten.add(call.pid());
        open = call.pid();
    }

    @Override
    public void ended(CallEvent call) {
        int pid = call.pid();
        boolean written = entryWritten.remove(pid);
        boolean unfinished = call.outcome() == CallEvent.Outcome.UNFINISHED;
        lastPrinted = NONE;
        if (filter.filtersStatus()) {
            if (unfinished ? !filter.showsUnfinished() : !filter.showsStatus(call.failed())) {
                return;
            }
            interrupt(pid);
            write(leader(pid) + call.entry());
            open = pid;
        } else if (unfinished && !written) {
            // its entry was written under another thread (an execve the leader took over)
            interrupt(pid);
            write(leader(pid) + call.entry());
            open = pid;
        } else if (open != pid) {
            interrupt(pid);
            write(leader(pid) + "<... " + call.name() + " resumed>");
            open = pid;
        }
        write(call.exit());
        pad();
        write("= " + call.result());
        if (call.injected() || call.poked()) {
            // strace's print_injected_note
            write(
                    call.poked()
                            ? call.injected() ? " (INJECTED: args, retval)" : " (INJECTED: args)"
                            : " (INJECTED)");
        }
        if (call.delayed()) {
            write(" (DELAYED)");
        }
        if (syscallTimes && !unfinished) {
            long elapsed = call.elapsedNanos();
            write(String.format(" <%d.%06d>", elapsed / 1_000_000_000, elapsed / 1000 % 1_000_000));
        }
        endLine();
        lastPrinted = pid;
    }

    /** The thread whose line was the last printed, for -k's stack after it; NONE if held back. */
    private int lastPrinted = NONE;

    @Override
    public void stack(int pid, java.util.List<String> frames) {
        if (lastPrinted != pid) {
            return;
        }
        for (String frame : frames) {
            write(frame);
            endLine();
        }
        lastPrinted = pid;
    }

    @Override
    public void detached(int pid) {
        entryWritten.remove(pid);
        if (open == pid) {
            write(" <detached ...>");
            endLine();
        }
    }

    @Override
    public void signal(int pid, String name, String siginfo) {
        line(pid, "--- " + name + " " + siginfo + " ---");
    }

    @Override
    public void stopped(int pid, String signal) {
        line(pid, "--- stopped by " + signal + " ---");
    }

    @Override
    public void renamed(int from, int to) {
        if (open == from) {
            open = to;
        }
        if (entryWritten.remove(from)) {
            entryWritten.add(to);
        }
    }

    @Override
    public void ending(int pid) {
        if (pidComm) {
            comm(pid); // the exit line names it after it is gone
        }
    }

    @Override
    public void exited(int pid, int code) {
        line(pid, "+++ exited with " + code + " +++");
    }

    @Override
    public void killed(int pid, String signal, boolean coreDumped) {
        line(pid, "+++ killed by " + signal + (coreDumped ? " (core dumped)" : "") + " +++");
    }

    @Override
    public void note(int pid, String text) {
        line(pid, text);
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
        interrupt(NONE);
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void line(int pid, String text) {
        interrupt(pid);
        write(leader(pid) + text);
        endLine();
        lastPrinted = pid;
    }

    /** Ends another tracee's open line with {@code <unfinished ...>}, as strace does. */
    private void interrupt(int next) {
        if (open != NONE && open != next) {
            write(" <unfinished ...>");
            endLine();
        }
    }

    /** The pid prefix and the timestamp that start every line. */
    private String leader(int pid) {
        StringBuilder s = new StringBuilder();
        int tracees = traceeCount.getAsInt();
        String comm = pidComm ? "<" + comm(pid) + ">" : "";
        if (alwaysShowPid || (toFile && (follow || tracees > 1))) {
            // strace's print_pid_pfx: the pid left-aligned in five columns, unless -Y follows it
            s.append(comm.isEmpty() ? String.format("%-5d ", pid) : pid + comm + " ");
        } else if (!toFile && tracees > 1) {
            s.append(String.format("[pid %5d%s] ", pid, comm));
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
        if (syscallNumbers) {
            long nr = lastNumber.applyAsLong(pid);
            s.append(nr < 0 ? "[?] " : String.format("[%4d] ", nr));
        }
        return s.toString();
    }

    /** -Y: each tracee's command name, as last read (a tracee that is gone keeps its last). */
    private final java.util.Map<Integer, String> comms = new java.util.HashMap<>();

    private String comm(int pid) {
        String comm = io.rawsys.trace.decode.Args.comm(pid);
        if (comm != null && !comm.isEmpty()) {
            comms.put(pid, comm);
            return comm;
        }
        return comms.getOrDefault(pid, "");
    }

    private void pad() {
        write(column < resultColumn ? " ".repeat(resultColumn - column) : " ");
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
        open = NONE;
    }
}
