package io.rawsys.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The auxiliary vector the kernel gave this process at exec, read from {@code /proc/self/auxv}:
 * pairs of a type ({@code AT_SYSINFO_EHDR}, {@code AT_PAGESZ} …) and a value, in native words.
 */
public final class Auxv {
    private static final Map<Long, Long> ENTRIES = read();

    private Auxv() {}

    /** The value of entry {@code type}, if the process has it. */
    public static OptionalLong get(long type) {
        Long value = ENTRIES.get(type);
        return value == null ? OptionalLong.empty() : OptionalLong.of(value);
    }

    private static Map<Long, Long> read() {
        Map<Long, Long> entries = new HashMap<>();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(Path.of("/proc/self/auxv"));
        } catch (IOException e) {
            return entries; // no /proc: no vDSO to find, and the system calls stand in
        }
        ByteBuffer words = ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder());
        while (words.remaining() >= 2 * Long.BYTES) {
            long type = words.getLong();
            long value = words.getLong();
            if (type == 0) { // AT_NULL
                break;
            }
            entries.putIfAbsent(type, value);
        }
        return entries;
    }
}
