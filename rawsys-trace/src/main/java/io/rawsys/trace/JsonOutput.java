package io.rawsys.trace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.util.List;

/**
 * --json: one JSON object per line and event, for programs to read: each call once it returns (its
 * arguments as strace prints them, the result, the errno by name), each signal, stop and exit. No
 * line is ever split as strace's {@code <unfinished ...>} splits them.
 */
final class JsonOutput implements Events {
    private final Writer out;
    private final boolean flushEachLine;

    JsonOutput(Writer out, boolean flushEachLine) {
        this.out = out;
        this.flushEachLine = flushEachLine;
    }

    @Override
    public void entered(Tracee t) {}

    @Override
    public void exited(Tracee t, String result, boolean failed, long elapsedNanos) {
        StringBuilder s = start(t, "syscall");
        s.append(",\"name\":").append(string(t.call.name()));
        s.append(",\"arch\":").append(string(t.arch.name()));
        s.append(",\"args\":").append(strings(t.call.printed()));
        s.append(",\"result\":").append(string(result));
        if (failed) {
            long errno = -t.call.result();
            s.append(",\"errno\":").append(errno);
            s.append(",\"error\":").append(string(t.arch.errnos().name((int) errno).orElse("E?")));
        }
        s.append(",\"duration\":").append(String.format("%.9f", elapsedNanos / 1e9));
        end(s);
    }

    @Override
    public void unfinished(Tracee t) {
        StringBuilder s = start(t, "syscall");
        s.append(",\"name\":").append(string(t.call.name()));
        s.append(",\"arch\":").append(string(t.arch.name()));
        s.append(",\"args\":").append(strings(t.call.printed()));
        s.append(",\"result\":null");
        end(s);
    }

    @Override
    public void detached(Tracee t) {}

    @Override
    public void signal(Tracee t, String name, String siginfo) {
        StringBuilder s = start(t, "signal");
        s.append(",\"signal\":")
                .append(string(name))
                .append(",\"siginfo\":")
                .append(string(siginfo));
        end(s);
    }

    @Override
    public void stopped(Tracee t, String signal) {
        end(start(t, "stopped").append(",\"signal\":").append(string(signal)));
    }

    @Override
    public void exited(Tracee t, int code) {
        end(start(t, "exited").append(",\"status\":").append(code));
    }

    @Override
    public void killed(Tracee t, String signal, boolean coreDumped) {
        end(
                start(t, "killed")
                        .append(",\"signal\":")
                        .append(string(signal))
                        .append(",\"core_dumped\":")
                        .append(coreDumped));
    }

    @Override
    public void note(Tracee t, String text) {
        end(start(t, "note").append(",\"text\":").append(string(text)));
    }

    @Override
    public void flush() {
        finish();
    }

    @Override
    public void finish() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static StringBuilder start(Tracee t, String type) {
        Instant now = Instant.now();
        return new StringBuilder("{\"type\":")
                .append(string(type))
                .append(",\"pid\":")
                .append(t.pid)
                .append(",\"time\":")
                .append(String.format("%d.%06d", now.getEpochSecond(), now.getNano() / 1000));
    }

    private void end(StringBuilder s) {
        try {
            out.write(s.append("}\n").toString());
            if (flushEachLine) {
                out.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String strings(List<String> values) {
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            s.append(i == 0 ? "" : ",").append(string(values.get(i)));
        }
        return s.append(']').toString();
    }

    /** A JSON string: quotes, backslashes and control characters escaped. */
    static String string(String value) {
        StringBuilder s = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                case '\n' -> s.append("\\n");
                case '\r' -> s.append("\\r");
                case '\t' -> s.append("\\t");
                default -> {
                    if (c < 0x20) {
                        s.append(String.format("\\u%04x", (int) c));
                    } else {
                        s.append(c);
                    }
                }
            }
        }
        return s.append('"').toString();
    }
}
