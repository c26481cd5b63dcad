package io.rawsys.cli;

import java.io.ByteArrayOutputStream;

/**
 * C string literals both ways: escapes typed on a command line to bytes, and bytes to strace's
 * quoted form.
 */
final class CStrings {
    private CStrings() {}

    /**
     * The bytes of {@code text} with C escapes resolved: {@code \n \t \r \0 \\ \" \e} and {@code
     * \xHH}. Other characters are encoded as UTF-8.
     *
     * @throws IllegalArgumentException naming an escape it does not know, or one cut short
     */
    static byte[] unescape(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\') {
                int end = Character.isHighSurrogate(c) && i + 1 < text.length() ? i + 2 : i + 1;
                out.writeBytes(
                        text.substring(i, end).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                i = end - 1;
                continue;
            }
            if (++i == text.length()) {
                throw new IllegalArgumentException(
                        "it ends with a lone backslash; write \\\\ for a backslash");
            }
            char e = text.charAt(i);
            switch (e) {
                case 'n' -> out.write('\n');
                case 't' -> out.write('\t');
                case 'r' -> out.write('\r');
                case '0' -> out.write(0);
                case 'e' -> out.write(0x1b);
                case '\\', '"', '\'' -> out.write(e);
                case 'x' -> {
                    int digits = 0;
                    int value = 0;
                    while (digits < 2
                            && i + 1 < text.length()
                            && Character.digit(text.charAt(i + 1), 16) >= 0) {
                        value = value * 16 + Character.digit(text.charAt(++i), 16);
                        digits++;
                    }
                    if (digits == 0) {
                        throw new IllegalArgumentException(
                                "\\x must be followed by one or two hex digits");
                    }
                    out.write(value);
                }
                default ->
                        throw new IllegalArgumentException(
                                "it has the unknown escape \\"
                                        + e
                                        + "; known are \\n \\t \\r \\0 \\e \\\\ \\\" \\xHH");
            }
        }
        return out.toByteArray();
    }

    /**
     * {@code bytes} as strace quotes them: printable ASCII as is, {@code \t \n \v \f \r} by name,
     * {@code "} and {@code \} escaped, anything else in octal ({@code \0}, {@code \33}, {@code
     * \377}).
     */
    static String quote(byte[] bytes, int length) {
        StringBuilder s = new StringBuilder(length + 2).append('"');
        for (int i = 0; i < length; i++) {
            int b = bytes[i] & 0xff;
            switch (b) {
                case '\t' -> s.append("\\t");
                case '\n' -> s.append("\\n");
                case 0x0b -> s.append("\\v");
                case '\f' -> s.append("\\f");
                case '\r' -> s.append("\\r");
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                default -> {
                    if (b >= 0x20 && b < 0x7f) {
                        s.append((char) b);
                    } else {
                        // strace pads to three digits only when a digit follows, so the escape
                        // cannot swallow it.
                        boolean digitNext =
                                i + 1 < length && bytes[i + 1] >= '0' && bytes[i + 1] <= '7';
                        s.append('\\')
                                .append(
                                        digitNext
                                                ? String.format("%03o", b)
                                                : Integer.toOctalString(b));
                    }
                }
            }
        }
        return s.append('"').toString();
    }
}
