package io.rawsys.trace.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A thread's file mappings, from /proc/TID/maps, kept as strace's mmap cache keeps them: lines with
 * a path (anonymous memory has none, so an address there is "unexpected"), in ascending order, a
 * line that repeats or overlaps the one before it dropped.
 */
final class Maps {
    /** One mapping; {@code path} as the kernel prints it ({@code (deleted)} and all). */
    record Mapping(
            long start,
            long end,
            boolean executable,
            long offset,
            int major,
            int minor,
            long inode,
            String path) {
        boolean contains(long address) {
            return Long.compareUnsigned(address, start) >= 0
                    && Long.compareUnsigned(address, end) < 0;
        }
    }

    private final List<Mapping> mappings;

    private Maps(List<Mapping> mappings) {
        this.mappings = mappings;
    }

    /** The mappings of {@code tid}; none if its maps cannot be read. */
    static Maps of(int tid) {
        try {
            byte[] text = Files.readAllBytes(Path.of("/proc/" + tid + "/maps"));
            return parse(new String(text, StandardCharsets.ISO_8859_1));
        } catch (IOException | RuntimeException e) {
            return new Maps(List.of());
        }
    }

    static Maps parse(String text) {
        List<Mapping> list = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            Mapping m = line(line);
            if (m == null) {
                continue;
            }
            if (!list.isEmpty()) {
                Mapping last = list.getLast();
                if (last.start == m.start && last.end == m.end) {
                    continue;
                }
                if (Long.compareUnsigned(m.start, last.start) <= 0
                        || Long.compareUnsigned(m.start, last.end) < 0) {
                    continue;
                }
            }
            list.add(m);
        }
        return new Maps(List.copyOf(list));
    }

    /** {@code start-end rwxp offset major:minor inode path}; null if not so, or without a path. */
    private static Mapping line(String line) {
        try {
            int[] at = {0};
            long start = hex(line, at, '-');
            long end = hex(line, at, ' ');
            if (at[0] + 5 > line.length() || line.charAt(at[0] + 4) != ' ') {
                return null;
            }
            char r = line.charAt(at[0]);
            char w = line.charAt(at[0] + 1);
            char x = line.charAt(at[0] + 2);
            char p = line.charAt(at[0] + 3);
            if ((r != 'r' && r != '-')
                    || (w != 'w' && w != '-')
                    || (x != 'x' && x != '-')
                    || (p != 'p' && p != 's')) {
                return null;
            }
            at[0] += 5;
            long offset = hex(line, at, ' ');
            int major = (int) hex(line, at, ':');
            int minor = (int) hex(line, at, ' ');
            int i = at[0];
            int digits = i;
            while (i < line.length() && line.charAt(i) >= '0' && line.charAt(i) <= '9') {
                i++;
            }
            if (i == digits || Long.compareUnsigned(end, start) < 0) {
                return null;
            }
            long inode = Long.parseUnsignedLong(line, digits, i, 10);
            while (i < line.length() && line.charAt(i) == ' ') {
                i++;
            }
            if (i >= line.length()) {
                return null; // anonymous memory: no path
            }
            return new Mapping(
                    start, end, x == 'x', offset, major, minor, inode, line.substring(i));
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Hex digits from {@code at[0]} up to {@code end}, which must follow; past it after. */
    private static long hex(String line, int[] at, char end) {
        int from = at[0];
        int i = line.indexOf(end, from);
        if (i <= from || i - from > 16) {
            throw new IllegalArgumentException("not maps");
        }
        at[0] = i + 1;
        return Long.parseUnsignedLong(line, from, i, 16);
    }

    /** The mapping holding {@code address}, or null. */
    Mapping find(long address) {
        int lo = 0;
        int hi = mappings.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            Mapping m = mappings.get(mid);
            if (Long.compareUnsigned(address, m.start) < 0) {
                hi = mid - 1;
            } else if (Long.compareUnsigned(address, m.end) >= 0) {
                lo = mid + 1;
            } else {
                return m;
            }
        }
        return null;
    }

    List<Mapping> all() {
        return mappings;
    }
}
