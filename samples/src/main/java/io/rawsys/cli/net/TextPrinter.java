package io.rawsys.cli.net;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;

/** The text ip prints, less the space ip leaves at the end of most lines. */
final class TextPrinter implements Printer {
    private static final Pattern TRAILING_SPACES = Pattern.compile(" +\n");

    private final StringBuilder out = new StringBuilder();

    @Override
    public void value(String key, String format, Object value) {
        if (format != null) {
            out.append(String.format(Locale.ROOT, format, value));
        }
    }

    @Override
    public void text(String text) {
        out.append(text);
    }

    @Override
    public void newline() {
        out.append('\n');
    }

    @Override
    public void strings(String key, List<String> items, Function<List<String>, String> text) {
        out.append(text.apply(items));
    }

    @Override
    public void beginObject(String key) {}

    @Override
    public void endObject() {}

    @Override
    public void beginArray(String key) {}

    @Override
    public void endArray() {}

    /** What was printed, without the spaces ip leaves at the ends of lines. */
    @Override
    public String toString() {
        return TRAILING_SPACES.matcher(out).replaceAll("\n");
    }
}
