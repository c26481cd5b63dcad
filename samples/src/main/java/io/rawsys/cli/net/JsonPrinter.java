package io.rawsys.cli.net;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

/** The JSON ip -j prints: the same keys, on one line. Text-only fields are dropped. */
final class JsonPrinter implements Printer {
    private final StringBuilder out = new StringBuilder();

    /** For each open object or array: whether nothing has been written in it yet. */
    private final Deque<Boolean> empty = new ArrayDeque<>();

    @Override
    public void value(String key, String format, Object value) {
        if (key != null) {
            name(key);
            out.append(encode(value));
        }
    }

    @Override
    public void text(String text) {}

    @Override
    public void newline() {}

    @Override
    public void strings(String key, List<String> items, Function<List<String>, String> text) {
        name(key);
        out.append('[');
        for (int i = 0; i < items.size(); i++) {
            out.append(i == 0 ? "" : ",").append(quote(items.get(i)));
        }
        out.append(']');
    }

    @Override
    public void beginObject(String key) {
        name(key);
        out.append('{');
        empty.push(true);
    }

    @Override
    public void endObject() {
        out.append('}');
        empty.pop();
    }

    @Override
    public void beginArray(String key) {
        name(key);
        out.append('[');
        empty.push(true);
    }

    @Override
    public void endArray() {
        out.append(']');
        empty.pop();
    }

    /** The JSON text. */
    @Override
    public String toString() {
        return out.toString();
    }

    /** The comma before a member or element, and the member's name. */
    private void name(String key) {
        if (!empty.isEmpty()) {
            if (!empty.pop()) {
                out.append(',');
            }
            empty.push(false);
        }
        if (key != null) {
            out.append(quote(key)).append(':');
        }
    }

    private static String encode(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        return quote(value.toString());
    }

    /** A JSON string: quotes, backslashes and control characters escaped. */
    static String quote(String s) {
        StringBuilder q = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> q.append("\\\"");
                case '\\' -> q.append("\\\\");
                case '\n' -> q.append("\\n");
                case '\r' -> q.append("\\r");
                case '\t' -> q.append("\\t");
                case '\b' -> q.append("\\b");
                case '\f' -> q.append("\\f");
                default -> {
                    if (c < 0x20) {
                        q.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        q.append(c);
                    }
                }
            }
        }
        return q.append('"').toString();
    }
}
