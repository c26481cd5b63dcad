package io.rawsys.trace.decode;

/**
 * Bytes and numbers as strace prints them: strings in C quotes with octal escapes, pointers in hex
 * or NULL, modes in octal.
 */
public final class Text {
    private Text() {}

    /** strace's -x, -xx and --strings-in-hex=: which strings print as hex escapes. */
    public enum Hex {
        /** None: printable ASCII as is, the rest in octal escapes. */
        NONE,
        /** --strings-in-hex=non-ascii-chars: as NONE, with {@code \xHH} for the octal escapes. */
        NON_ASCII_CHARS,
        /** -x: a string with a byte that is neither printable nor white space, all in hex. */
        NON_ASCII,
        /** -xx: every string, all in hex. */
        ALL
    }

    /**
     * {@code "bytes"} as strace quotes them: printable ASCII as is, {@code \" \\ \t \n \v \f \r}
     * escaped, anything else as the shortest octal escape that cannot be misread (three digits
     * before an octal digit); with {@code hex}, every byte as {@code \xHH}.
     */
    public static String quote(byte[] bytes, int length, boolean hex) {
        return quote(bytes, length, hex ? Hex.ALL : Hex.NONE);
    }

    /** {@code "bytes"} as strace quotes them with -x, -xx or --strings-in-hex= as {@code style}. */
    public static String quote(byte[] bytes, int length, Hex style) {
        boolean hex = style == Hex.ALL;
        if (style == Hex.NON_ASCII) {
            for (int i = 0; i < length && !hex; i++) {
                int c = bytes[i] & 0xff;
                // strace's rule: hex unless every byte is printable or white space (\t to \r)
                hex = c > 0x7e || (c < ' ' && (c < 9 || c > 13));
            }
        }
        StringBuilder s = new StringBuilder(length + 2).append('"');
        for (int i = 0; i < length; i++) {
            int c = bytes[i] & 0xff;
            if (hex) {
                appendHex(s, c);
                continue;
            }
            switch (c) {
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                case '\f' -> s.append("\\f");
                case '\n' -> s.append("\\n");
                case '\r' -> s.append("\\r");
                case '\t' -> s.append("\\t");
                case 0x0b -> s.append("\\v");
                default -> {
                    if (c >= 0x20 && c < 0x7f) {
                        s.append((char) c);
                    } else if (style == Hex.NON_ASCII_CHARS) {
                        appendHex(s, c);
                    } else {
                        s.append('\\');
                        boolean digitNext =
                                i + 1 < length && bytes[i + 1] >= '0' && bytes[i + 1] <= '7';
                        if (digitNext || c >> 6 != 0) {
                            s.append((char) ('0' + (c >> 6)));
                        }
                        if (digitNext || c >> 3 != 0) {
                            s.append((char) ('0' + ((c >> 3) & 7)));
                        }
                        s.append((char) ('0' + (c & 7)));
                    }
                }
            }
        }
        return s.append('"').toString();
    }

    private static void appendHex(StringBuilder s, int c) {
        s.append("\\x")
                .append(Character.forDigit(c >> 4, 16))
                .append(Character.forDigit(c & 15, 16));
    }

    /** {@code NULL}, or the address in hex. */
    public static String pointer(long address) {
        return address == 0 ? "NULL" : "0x" + Long.toHexString(address);
    }

    /** C's {@code %#lx}: {@code 0} for zero, {@code 0x…} otherwise. */
    public static String hex(long value) {
        return value == 0 ? "0" : "0x" + Long.toHexString(value);
    }

    /** C's {@code %#03o}: {@code 0644}, {@code 000}. */
    public static String octal(long value) {
        String digits = Long.toOctalString(value);
        return digits.length() >= 2 ? "0" + digits : "0" + "0".repeat(2 - digits.length()) + digits;
    }
}
