package io.rawsys.cli.net;

import java.util.List;
import java.util.function.Function;

/**
 * Where the formats send each field, as iproute2's {@code print_*} calls do: one description of a
 * link, address or route serves both the text that {@code ip} prints and the JSON that {@code ip
 * -j} prints, so the two cannot drift apart. A field with a null key appears in text only, one with
 * a null format in JSON only.
 */
interface Printer {
    /**
     * A field: in JSON {@code "key": value} (a string, number, boolean or null), in text {@code
     * format} applied to the value.
     */
    void value(String key, String format, Object value);

    /** Text only. */
    void text(String text);

    /** The end of a line of text (ip's {@code print_nl}); nothing in JSON. */
    void newline();

    /** A list of strings: a JSON array under {@code key}, and in text what {@code text} makes. */
    void strings(String key, List<String> items, Function<List<String>, String> text);

    /** Opens a JSON object, named {@code key} inside an object or unnamed in an array. */
    void beginObject(String key);

    /** Closes the innermost JSON object. */
    void endObject();

    /** Opens a JSON array, named {@code key} inside an object or unnamed at the top. */
    void beginArray(String key);

    /** Closes the innermost JSON array. */
    void endArray();

    /** A field that is {@code true} in JSON and the words {@code text} in text. */
    default void flag(String key, String text) {
        value(key, text, true);
    }
}
