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
        for (String line : text.split("\n")) {
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
            String[] f = line.split(" +", 6);
            if (f.length < 6 || f[5].isEmpty()) {
                return null;
            }
            int dash = f[0].indexOf('-');
            String perms = f[1];
            if (dash < 0 || perms.length() != 4) {
                return null;
            }
            if ("r-".indexOf(perms.charAt(0)) < 0
                    || "w-".indexOf(perms.charAt(1)) < 0
                    || "x-".indexOf(perms.charAt(2)) < 0
                    || "ps".indexOf(perms.charAt(3)) < 0) {
                return null;
            }
            long start = Long.parseUnsignedLong(f[0].substring(0, dash), 16);
            long end = Long.parseUnsignedLong(f[0].substring(dash + 1), 16);
            if (Long.compareUnsigned(end, start) < 0) {
                return null;
            }
            int colon = f[3].indexOf(':');
            if (colon < 0) {
                return null;
            }
            return new Mapping(
                    start,
                    end,
                    perms.charAt(2) == 'x',
                    Long.parseUnsignedLong(f[2], 16),
                    Integer.parseUnsignedInt(f[3].substring(0, colon), 16),
                    Integer.parseUnsignedInt(f[3].substring(colon + 1), 16),
                    Long.parseUnsignedLong(f[4]),
                    f[5]);
        } catch (RuntimeException e) {
            return null;
        }
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
