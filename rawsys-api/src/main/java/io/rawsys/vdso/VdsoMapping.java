package io.rawsys.vdso;

import io.rawsys.internal.Auxv;
import io.rawsys.linux.Elf;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where the kernel mapped this process's vDSO, and its symbols.
 *
 * @param base its address, from {@code AT_SYSINFO_EHDR}
 * @param size the length of its mapping, from {@code /proc/self/maps}
 * @param image its dynamic symbols
 */
public record VdsoMapping(long base, long size, ElfImage image) {
    /** The address where {@code symbol}'s code is in this process. */
    public long address(ElfImage.Symbol symbol) {
        return base + image.offsetOf(symbol);
    }

    /** The mapping as a segment bounded by its length. */
    @SuppressWarnings("restricted") // bounded by the mapping's own length, from /proc/self/maps
    public MemorySegment segment() {
        return MemorySegment.ofAddress(base).reinterpret(size);
    }

    /** A copy of the image, for a file that readelf or objdump can read. */
    public byte[] bytes() {
        return segment().toArray(ValueLayout.JAVA_BYTE);
    }

    /**
     * System property that, set to {@code off}, makes every vDSO call a system call: for comparing
     * the two.
     */
    public static final String DISABLE_PROPERTY = "rawsys.vdso";

    static Optional<VdsoMapping> current() {
        return Optional.ofNullable(Holder.MAPPING);
    }

    /** Why the process has no usable vDSO, when {@link #current()} is empty. */
    static String problem() {
        return Holder.PROBLEM;
    }

    @SuppressWarnings("restricted") // the vDSO mapping, bounded by its length from /proc/self/maps
    private static final class Holder {
        static final String PROBLEM;
        static final VdsoMapping MAPPING;

        static {
            VdsoMapping mapping = null;
            String problem = null;
            long base = Auxv.get(Elf.AT_SYSINFO_EHDR).orElse(0);
            if ("off".equals(System.getProperty(DISABLE_PROPERTY))) {
                problem = "the vDSO is not used (-D" + DISABLE_PROPERTY + "=off)";
            } else if (base == 0) {
                problem = "the process has no vDSO (no AT_SYSINFO_EHDR in its auxiliary vector)";
            } else {
                try {
                    long size = mappingSize(base);
                    MemorySegment image = MemorySegment.ofAddress(base).reinterpret(size);
                    mapping = new VdsoMapping(base, size, ElfImage.parse(image));
                } catch (ElfFormatException | IOException e) {
                    problem =
                            "the vDSO at 0x"
                                    + Long.toHexString(base)
                                    + " cannot be read: "
                                    + e.getMessage();
                }
            }
            MAPPING = mapping;
            PROBLEM = problem;
        }

        /** The length of the mapping that starts at {@code base}, as /proc/self/maps gives it. */
        private static long mappingSize(long base) throws IOException {
            List<String> maps = Files.readAllLines(Path.of("/proc/self/maps"));
            for (String line : maps) {
                int dash = line.indexOf('-');
                int space = line.indexOf(' ');
                if (dash > 0
                        && space > dash
                        && Long.parseUnsignedLong(line.substring(0, dash), 16) == base) {
                    return Long.parseUnsignedLong(line.substring(dash + 1, space), 16) - base;
                }
            }
            throw new IOException("no mapping in /proc/self/maps starts at AT_SYSINFO_EHDR");
        }
    }
}
