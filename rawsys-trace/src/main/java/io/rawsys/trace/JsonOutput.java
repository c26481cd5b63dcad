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
    public void entered(CallEvent call) {}

    @Override
    public void ended(CallEvent call) {
        StringBuilder s = start(call.pid(), "syscall");
        s.append(",\"name\":").append(string(call.name()));
        s.append(",\"arch\":").append(string(call.arch().name()));
        s.append(",\"args\":").append(strings(call.arguments()));
        if (call.outcome() == CallEvent.Outcome.UNFINISHED) {
            s.append(",\"result\":null");
            end(s);
            return;
        }
        s.append(",\"result\":").append(string(call.result()));
        if (call.failed()) {
            s.append(",\"errno\":").append(call.errno());
            s.append(",\"error\":")
                    .append(string(call.arch().errnos().name((int) call.errno()).orElse("E?")));
        }
        if (call.injected()) {
            s.append(",\"injected\":true");
        }
        if (call.poked()) {
            s.append(",\"poked\":true");
        }
        if (call.delayed()) {
            s.append(",\"delayed\":true");
        }
        s.append(",\"duration\":").append(String.format("%.9f", call.elapsedNanos() / 1e9));
        end(s);
    }

    @Override
    public void detached(int pid) {}

    @Override
    public void signal(int pid, String name, String siginfo) {
        StringBuilder s = start(pid, "signal");
        s.append(",\"signal\":")
                .append(string(name))
                .append(",\"siginfo\":")
                .append(string(siginfo));
        end(s);
    }

    @Override
    public void stopped(int pid, String signal) {
        end(start(pid, "stopped").append(",\"signal\":").append(string(signal)));
    }

    @Override
    public void exited(int pid, int code) {
        end(start(pid, "exited").append(",\"status\":").append(code));
    }

    @Override
    public void killed(int pid, String signal, boolean coreDumped) {
        end(
                start(pid, "killed")
                        .append(",\"signal\":")
                        .append(string(signal))
                        .append(",\"core_dumped\":")
                        .append(coreDumped));
    }

    @Override
    public void note(int pid, String text) {
        end(start(pid, "note").append(",\"text\":").append(string(text)));
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

    private static StringBuilder start(int pid, String type) {
        Instant now = Instant.now();
        return new StringBuilder("{\"type\":")
                .append(string(type))
                .append(",\"pid\":")
                .append(pid)
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
