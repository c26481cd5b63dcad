package io.rawsys.vdso;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rawsys.ErrnoException;
import io.rawsys.Syscalls;
import io.rawsys.linux.Elf;
import io.rawsys.linux.Errno;
import io.rawsys.linux.Nr;
import io.rawsys.linux.Random;
import io.rawsys.linux.Time;
import io.rawsys.linux.struct.Timespec;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The running process's vDSO, read by rawsys and compared with readelf, the JDK's clocks and the
 * system calls.
 */
class VdsoTest {
    @TempDir Path dir;

    static VdsoMapping mapping() {
        return Vdso.mapping()
                .orElseThrow(
                        () ->
                                new AssertionError(
                                        "this process has a vDSO: " + VdsoMapping.problem()));
    }

    @Test
    void theSymbolTableIsWhatReadelfPrints() throws Exception {
        VdsoMapping vdso = mapping();
        Path dump = dir.resolve("vdso.so");
        Files.write(dump, vdso.bytes());
        Process readelf =
                new ProcessBuilder("readelf", "--dyn-syms", "-W", dump.toString()).start();
        String out = new String(readelf.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, readelf.waitFor());
        // "     1: 0000000000000af0   902 FUNC    WEAK   DEFAULT   12 clock_gettime@@LINUX_2.6"
        Matcher m =
                Pattern.compile(
                                "(?m)^\\s*(\\d+): ([0-9a-f]+)\\s+(\\d+) (\\w+)\\s+(\\w+)\\s+\\w+\\s+(\\w+) ?(\\S*)$")
                        .matcher(out);
        List<String> expected = new ArrayList<>();
        while (m.find()) {
            expected.add(
                    String.join(
                            " ",
                            m.group(1),
                            Long.toString(Long.parseLong(m.group(2), 16)),
                            m.group(3),
                            m.group(4),
                            m.group(5),
                            m.group(6),
                            m.group(7)));
        }
        List<String> parsed = new ArrayList<>();
        for (ElfImage.Symbol s : vdso.image().symbols()) {
            String section =
                    s.section() == Elf.SHN_UNDEF
                            ? "UND"
                            : s.section() == Elf.SHN_ABS ? "ABS" : Integer.toString(s.section());
            // readelf leaves out the version of the symbol that names the version itself
            String version =
                    s.version().isEmpty() || s.version().equals(s.name())
                            ? ""
                            : (s.hidden() ? "@" : "@@") + s.version();
            parsed.add(
                    String.join(
                            " ",
                            Integer.toString(s.index()),
                            Long.toString(s.value()),
                            Long.toString(s.size()),
                            typeName(s.type()),
                            bindName(s.binding()),
                            section,
                            s.name() + version));
        }
        assertTrue(expected.size() >= 5, out);
        assertEquals(expected, parsed);
    }

    private static String typeName(int type) {
        return type == Elf.STT_FUNC
                ? "FUNC"
                : type == Elf.STT_OBJECT
                        ? "OBJECT"
                        : type == Elf.STT_NOTYPE ? "NOTYPE" : "?" + type;
    }

    private static String bindName(int binding) {
        return binding == Elf.STB_GLOBAL
                ? "GLOBAL"
                : binding == Elf.STB_WEAK
                        ? "WEAK"
                        : binding == Elf.STB_LOCAL ? "LOCAL" : "?" + binding;
    }

    @Test
    void clockGettimeIsTheJdksClocks() {
        assertTrue(
                Vdso.bindings().getFirst().symbol().isPresent(),
                "clock_gettime is bound to the vDSO: " + Vdso.bindings());
        for (int i = 0; i < 1000; i++) {
            long before = System.nanoTime();
            long monotonic = Vdso.clockGettime(Time.CLOCK_MONOTONIC);
            long critical = Vdso.Critical.clockGettime(Time.CLOCK_MONOTONIC);
            long after = System.nanoTime();
            assertTrue(
                    before <= monotonic && monotonic <= critical && critical <= after,
                    before + " " + monotonic + " " + critical + " " + after);
        }
        Instant before = Instant.now();
        long realtime = Vdso.clockGettime(Time.CLOCK_REALTIME);
        Instant after = Instant.now();
        long beforeNanos = before.getEpochSecond() * 1_000_000_000L + before.getNano();
        long afterNanos = after.getEpochSecond() * 1_000_000_000L + after.getNano();
        assertTrue(
                beforeNanos <= realtime && realtime <= afterNanos,
                beforeNanos + " " + realtime + " " + afterNanos);
    }

    @Test
    void theOtherTimeCallsAgreeWithTheSystemCalls() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ts = Timespec.allocate(arena);
            Syscalls.invoke(Nr.clock_getres, Time.CLOCK_MONOTONIC, ts.address());
            assertEquals(
                    Timespec.tv_sec(ts) * 1_000_000_000L + Timespec.tv_nsec(ts),
                    Vdso.clockGetres(Time.CLOCK_MONOTONIC));
        }
        long millisBefore = System.currentTimeMillis();
        long micros = Vdso.gettimeofday();
        long seconds = Vdso.time();
        long millisAfter = System.currentTimeMillis();
        assertTrue(
                millisBefore <= micros / 1000 && micros / 1000 <= millisAfter,
                millisBefore + " " + micros + " " + millisAfter);
        assertTrue(millisBefore / 1000 <= seconds && seconds <= millisAfter / 1000);
        int cpu = Vdso.getcpu();
        assertTrue(cpu >= 0 && cpu < Runtime.getRuntime().availableProcessors() * 64, "cpu " + cpu);
        assertTrue(Vdso.Critical.getcpu() >= 0);
    }

    @Test
    void aBadClockIsEinval() {
        ErrnoException e = assertThrows(ErrnoException.class, () -> Vdso.clockGettime(12345));
        assertEquals(Errno.EINVAL, e.errno());
        assertEquals(Nr.clock_gettime, e.syscall());
        assertThrows(
                IllegalArgumentException.class,
                () -> Vdso.clockGettime(Time.CLOCK_MONOTONIC, MemorySegment.ofArray(new long[2])));
        try (Arena arena = Arena.ofConfined()) {
            assertThrows(
                    IndexOutOfBoundsException.class,
                    () -> Vdso.clockGettime(Time.CLOCK_MONOTONIC, arena.allocate(8)));
        }
    }

    @Test
    void getrandomFillsBuffersOnEveryThread() throws Exception {
        boolean exported =
                mapping().image().find("__vdso_getrandom", null).isPresent()
                        || mapping().image().find("__kernel_getrandom", null).isPresent();
        assertEquals(
                exported,
                Vdso.bindings().getLast().symbol().isPresent(),
                "bound to the vDSO exactly when it exports getrandom");
        Set<String> seen = ConcurrentHashMap.newKeySet();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            threads.add(
                    Thread.ofPlatform()
                            .start(
                                    () -> {
                                        try (Arena arena = Arena.ofConfined()) {
                                            MemorySegment buffer = arena.allocate(32);
                                            for (int i = 0; i < 500; i++) {
                                                assertEquals(32, Vdso.getrandom(buffer, 0));
                                                seen.add(
                                                        java.util.HexFormat.of()
                                                                .formatHex(
                                                                        buffer.toArray(
                                                                                ValueLayout
                                                                                        .JAVA_BYTE)));
                                            }
                                        }
                                    }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(8 * 500, seen.size(), "4000 draws of 32 random bytes, all different");
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment big = arena.allocate(4096);
            assertEquals(4096, Vdso.getrandom(big, Random.GRND_NONBLOCK));
            ErrnoException e =
                    assertThrows(ErrnoException.class, () -> Vdso.getrandom(big, 0x4000));
            assertEquals(Errno.EINVAL, e.errno());
        }
    }

    @Test
    void corruptedImagesAreRejectedWithoutACrash() {
        byte[] good = mapping().bytes();
        ElfImage.parse(MemorySegment.ofArray(good.clone()));
        int rejected = 0;
        // Every truncation short of the loadable segment's end must be rejected (the tables or
        // headers no
        // longer fit); past it only padding is cut, and the image still reads.
        long loadEnd = loadEnd(good);
        for (int length = 0; length < good.length; length += 7) {
            byte[] cut = java.util.Arrays.copyOf(good, length);
            if (length < loadEnd) {
                assertThrows(
                        ElfFormatException.class,
                        () -> ElfImage.parse(MemorySegment.ofArray(cut)),
                        "truncated to " + length);
                rejected++;
            } else {
                assertEquals(
                        image(good).symbols().size(),
                        ElfImage.parse(MemorySegment.ofArray(cut)).symbols().size());
            }
        }
        // Each structural field set to something impossible.
        ElfImage image = ElfImage.parse(MemorySegment.ofArray(good));
        for (long[] corruption : structuralCorruptions(good)) {
            byte[] bad = good.clone();
            write(bad, (int) corruption[0], (int) corruption[1], corruption[2]);
            assertThrows(
                    ElfFormatException.class,
                    () -> ElfImage.parse(MemorySegment.ofArray(bad)),
                    "a "
                            + corruption[1]
                            + "-byte field at "
                            + corruption[0]
                            + " set to 0x"
                            + Long.toHexString(corruption[2]));
            rejected++;
        }
        // Random damage anywhere in the tables: parsed or rejected, never anything else.
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < 2000; i++) {
            byte[] bad = good.clone();
            for (int flips = 1 + random.nextInt(8); flips > 0; flips--) {
                bad[random.nextInt(Math.min(bad.length, 0x800))] = (byte) random.nextInt(256);
            }
            try {
                ElfImage.parse(MemorySegment.ofArray(bad));
            } catch (ElfFormatException expected) {
                rejected++;
            }
        }
        assertTrue(rejected > 1000, "rejected " + rejected);
        assertTrue(image.symbols().size() > 1);
    }

    private static ElfImage image(byte[] bytes) {
        return ElfImage.parse(MemorySegment.ofArray(bytes));
    }

    /** Where the last PT_LOAD segment's file contents end. */
    private static long loadEnd(byte[] good) {
        long phoff = read(good, 32, 8);
        long end = 0;
        for (int i = 0; i < read(good, 56, 2); i++) {
            int ph = (int) (phoff + i * 56L);
            if (read(good, ph, 4) == Elf.PT_LOAD) {
                end = Math.max(end, read(good, ph + 8, 8) + read(good, ph + 32, 8));
            }
        }
        return end;
    }

    /** {offset, size, value} triples that make the image impossible: counts, offsets, tags. */
    private static List<long[]> structuralCorruptions(byte[] good) {
        List<long[]> c = new ArrayList<>();
        c.add(new long[] {0, 1, 0x7e}); // magic
        c.add(new long[] {4, 1, 3}); // EI_CLASS
        c.add(new long[] {5, 1, 9}); // EI_DATA
        c.add(new long[] {32, 8, 0xffff_ffffL}); // e_phoff
        c.add(new long[] {32, 8, good.length - 8}); // e_phoff near the end
        c.add(new long[] {54, 2, 55}); // e_phentsize
        c.add(new long[] {56, 2, 0xffff}); // e_phnum
        c.add(new long[] {56, 2, 0}); // no program headers
        long phoff = read(good, 32, 8);
        int phnum = (int) read(good, 56, 2);
        for (int i = 0; i < phnum; i++) {
            int ph = (int) (phoff + i * 56L);
            long type = read(good, ph, 4);
            if (type == Elf.PT_LOAD) {
                c.add(new long[] {ph + 32, 8, 0x10_0000}); // p_filesz past the image
                c.add(new long[] {ph + 8, 8, good.length + 1L}); // p_offset past the image
            } else if (type == Elf.PT_DYNAMIC) {
                c.add(new long[] {ph + 8, 8, 0x7fff_0000L}); // p_offset
                c.add(new long[] {ph, 4, 0}); // no PT_DYNAMIC any more
                long dyn = read(good, ph + 8, 8);
                long size = read(good, ph + 32, 8);
                c.add(new long[] {ph + 32, 8, 8}); // too short to hold DT_NULL
                for (long at = dyn; at < dyn + size; at += 16) {
                    long tag = read(good, (int) at, 8);
                    if (tag == Elf.DT_STRSZ) {
                        c.add(new long[] {at + 8, 8, 0x100_0000}); // the string table's size
                    } else if (tag == Elf.DT_SYMTAB
                            || tag == Elf.DT_STRTAB
                            || tag == Elf.DT_HASH
                            || tag == Elf.DT_GNU_HASH
                            || tag == Elf.DT_VERSYM
                            || tag == Elf.DT_VERDEF) {
                        c.add(new long[] {at + 8, 8, 0x7000_0000L}); // an address outside the image
                    } else if (tag == Elf.DT_SYMENT) {
                        c.add(new long[] {at + 8, 8, 12});
                    } else if (tag == Elf.DT_VERDEFNUM) {
                        c.add(new long[] {at + 8, 8, 0x7fff_ffffL});
                    }
                }
            }
        }
        return c;
    }

    private static long read(byte[] b, int offset, int size) {
        long v = 0;
        for (int i = size - 1; i >= 0; i--) {
            v = (v << 8) | (b[offset + i] & 0xff);
        }
        return v;
    }

    private static void write(byte[] b, int offset, int size, long value) {
        for (int i = 0; i < size; i++) {
            b[offset + i] = (byte) (value >>> (8 * i));
        }
    }

    @Test
    void aProcessSeesTheSameSymbolsThroughTheBindings() {
        Set<String> names = new HashSet<>();
        mapping().image().symbols().stream()
                .filter(ElfImage.Symbol::isCallable)
                .forEach(s -> names.add(s.name()));
        for (Vdso.Binding b : Vdso.bindings()) {
            b.symbol().ifPresent(s -> assertTrue(names.contains(s.name()), s.name()));
            assertFalse(b.toString().isEmpty());
        }
    }

    @Test
    void imageBytesArrayEqualsTheMapping() {
        VdsoMapping vdso = mapping();
        assertArrayEquals(vdso.bytes(), vdso.segment().toArray(ValueLayout.JAVA_BYTE));
        assertEquals(0, vdso.size() % 4096);
    }
}
