package io.rawsys.trace.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Malformed, truncated and random ELF images: parsing, symbol lookup and CFI never fail but with
 * the RuntimeExceptions {@link Unwinder} catches (a bounds check, {@link Cfi.Stop}), never loop,
 * and never read outside the image; /proc/PID/maps text that is not maps is skipped.
 */
class MalformedElfTest {
    /** The C library this JVM runs on: a large real image with .dynsym and .eh_frame_hdr. */
    static Path libc() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
            int slash = line.indexOf('/');
            if (slash > 0 && line.contains("/libc.so.6")) {
                return Path.of(line.substring(slash));
            }
        }
        return Path.of("/bin/true");
    }

    /** Runs every lookup a walk makes on {@code bytes}; only RuntimeExceptions may come out. */
    static int probe(byte[] bytes, long[] addresses) {
        ElfImage image = ElfImage.parse(MemorySegment.ofArray(bytes));
        if (image == null) {
            return 0;
        }
        int answered = 0;
        for (long vpc : addresses) {
            try {
                if (image.symbol(vpc) != null) {
                    answered++;
                }
            } catch (RuntimeException e) {
                // caught by the unwinder: the frame has no name
            }
            try {
                Cfi.Row row = Cfi.rowAt(image, vpc);
                if (row != null) {
                    answered++;
                    long[] regs = new long[Cfi.REGS];
                    boolean[] known = new boolean[Cfi.REGS];
                    java.util.Arrays.fill(known, true);
                    if (row.cfaExpression >= 0) {
                        Cfi.evaluate(
                                image,
                                row.cfaExpression,
                                row.cfaExpressionLength,
                                regs,
                                known,
                                null,
                                a -> 0);
                    }
                    for (int r = 0; r < Cfi.REGS; r++) {
                        if (row.kind[r] == Cfi.EXPRESSION || row.kind[r] == Cfi.VAL_EXPRESSION) {
                            Cfi.evaluate(
                                    image, row.value[r], row.length[r], regs, known, 0L, a -> 0);
                        }
                    }
                }
            } catch (RuntimeException e) {
                // caught by the unwinder: the walk ends
            }
        }
        return answered;
    }

    @Test
    void truncatedAndCorruptedImages() throws IOException {
        byte[] real = Files.readAllBytes(libc());
        ElfImage whole = ElfImage.parse(MemorySegment.ofArray(real));
        assertNotNull(whole);
        // addresses in the text: where the real image answers
        Random random = new Random(17);
        long[] addresses = new long[64];
        long text = whole.loads.size() > 1 ? whole.loads.get(1).vaddr() : 0x1000;
        long textSize = whole.loads.size() > 1 ? whole.loads.get(1).filesz() : 0x1000;
        for (int i = 0; i < addresses.length; i++) {
            addresses[i] = text + (long) (random.nextDouble() * textSize);
        }
        addresses[0] = 0;
        addresses[1] = -1;
        assertTrue(probe(real, addresses) > addresses.length, "the real image answers");
        assertTimeoutPreemptively(
                Duration.ofMinutes(2),
                () -> {
                    List<Integer> lengths = new ArrayList<>(List.of(0, 1, 4, 16, 63, 64, 65, 200));
                    for (int i = 1; i < 40; i++) {
                        lengths.add((int) ((long) real.length * i / 40));
                    }
                    for (ElfImage.Section s : whole.sections) {
                        lengths.add((int) Math.min(real.length, s.offset() + s.size() / 2));
                    }
                    for (int length : lengths) {
                        probe(java.util.Arrays.copyOf(real, length), addresses);
                    }
                    // bytes changed at random, in the headers and across the image
                    for (int round = 0; round < 300; round++) {
                        byte[] bad = real.clone();
                        int changes = 1 + random.nextInt(64);
                        for (int c = 0; c < changes; c++) {
                            int at =
                                    round % 2 == 0
                                            ? random.nextInt(Math.min(real.length, 4096))
                                            : random.nextInt(real.length);
                            bad[at] = (byte) random.nextInt(256);
                        }
                        // and the CFI's and the symbols' own bytes
                        for (ElfImage.Section s : whole.sections) {
                            if (s.size() > 0
                                    && s.offset() + s.size() <= real.length
                                    && random.nextInt(4) == 0) {
                                int at = (int) (s.offset() + random.nextLong(s.size()));
                                bad[at] = (byte) random.nextInt(256);
                            }
                        }
                        probe(bad, addresses);
                    }
                    // nothing but noise, with an ELF header's first bytes
                    for (int round = 0; round < 200; round++) {
                        byte[] noise = new byte[64 + random.nextInt(8192)];
                        random.nextBytes(noise);
                        System.arraycopy(new byte[] {0x7f, 'E', 'L', 'F', 2, 1}, 0, noise, 0, 6);
                        probe(noise, addresses);
                    }
                });
    }

    @Test
    void notElf() {
        assertNull(ElfImage.parse(MemorySegment.ofArray(new byte[0])));
        assertNull(ElfImage.parse(MemorySegment.ofArray("#!/bin/sh\nexit 0\n".getBytes())));
        byte[] elf32 = new byte[64];
        System.arraycopy(new byte[] {0x7f, 'E', 'L', 'F', 1, 1}, 0, elf32, 0, 6);
        assertNull(ElfImage.parse(MemorySegment.ofArray(elf32)), "32-bit ELF is not read");
    }

    @Test
    void mapsThatAreNotMaps() {
        Maps maps =
                Maps.parse(
                        "garbage\n"
                                + "zz-yy r-xp 0 0:0 0 /x\n"
                                + "1000-2000 r-xp 00000000 fd:01 42 /bin/with space\n"
                                + "1000-2000 r-xp 00000000 fd:01 42 /bin/again\n"
                                + "1800-2800 r-xp 00000000 fd:01 42 /bin/overlap\n"
                                + "3000-4000 rw-p 00000000 00:00 0\n"
                                + "5000-4000 r-xp 00000000 fd:01 42 /bin/backwards\n"
                                + "6000-7000 ?--p 00000000 fd:01 42 /bin/odd\n"
                                + "8000-9000 r-xp 00001000 fd:01 43 [vdso]\n");
        assertEquals(2, maps.all().size(), maps.all().toString());
        assertEquals("/bin/with space", maps.find(0x1800).path());
        assertNull(maps.find(0x3000), "anonymous memory is no module");
        assertEquals("[vdso]", maps.find(0x8fff).path());
        assertNull(maps.find(0x9000));
    }
}
