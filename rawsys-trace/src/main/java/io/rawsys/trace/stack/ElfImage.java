package io.rawsys.trace.stack;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_SHORT_UNALIGNED;

import io.rawsys.linux.Elf;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A 64-bit little-endian ELF image (a file mapped with mmap, or the vDSO copied from a tracee): its
 * loadable segments, its symbols and where its .eh_frame and .eh_frame_hdr are. Every read is
 * bounds-checked by the segment: a malformed or truncated image makes a lookup fail with a
 * RuntimeException (which {@link Unwinder} catches), never read outside the image. Nothing is
 * copied into the heap but the sorted symbol addresses.
 */
final class ElfImage {
    static final ValueLayout.OfShort U16 = JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfInt U32 = JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfLong U64 = JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    /** A PT_LOAD program header. */
    record Load(long vaddr, long offset, long filesz) {}

    /** A section header's parts used here. */
    record Section(
            String name, int type, long addr, long offset, long size, int link, long entsize) {}

    final MemorySegment data;
    final boolean x86_64;
    final List<Load> loads;
    final List<Section> sections;

    /** The vaddr of .eh_frame_hdr (PT_GNU_EH_FRAME), or -1. */
    final long ehFrameHdr;

    /**
     * The .eh_frame FDEs sorted by start address, {pc_begin, file offset of the FDE} pairs, built
     * by {@link Cfi} on first use where there is no .eh_frame_hdr table to search.
     */
    long[] fdeIndex;

    private long[] symbolValues;
    private long[] symbolNames;

    private ElfImage(
            MemorySegment data,
            boolean x86_64,
            List<Load> loads,
            List<Section> sections,
            long ehFrameHdr) {
        this.data = data;
        this.x86_64 = x86_64;
        this.loads = loads;
        this.sections = sections;
        this.ehFrameHdr = ehFrameHdr;
    }

    /** The image in {@code data}, or null if it is not a 64-bit little-endian ELF file. */
    static ElfImage parse(MemorySegment data) {
        try {
            if (data.byteSize() < 64
                    || data.get(JAVA_BYTE, 0) != 0x7f
                    || data.get(JAVA_BYTE, 1) != 'E'
                    || data.get(JAVA_BYTE, 2) != 'L'
                    || data.get(JAVA_BYTE, 3) != 'F'
                    || data.get(JAVA_BYTE, 4) != Elf.ELFCLASS64
                    || data.get(JAVA_BYTE, 5) != 1) { // ELFDATA2LSB
                return null;
            }
            boolean x86_64 = u16(data, 0x12) == Elf.EM_X86_64;
            long phoff = data.get(U64, 0x20);
            long shoff = data.get(U64, 0x28);
            int phentsize = u16(data, 0x36);
            int phnum = u16(data, 0x38);
            int shentsize = u16(data, 0x3a);
            int shnum = u16(data, 0x3c);
            int shstrndx = u16(data, 0x3e);
            List<Load> loads = new ArrayList<>();
            long ehFrameHdr = -1;
            if (phentsize >= 56) {
                for (int i = 0; i < phnum; i++) {
                    long p = phoff + (long) i * phentsize;
                    if (p < 0 || p + 56 > data.byteSize()) {
                        break;
                    }
                    int type = data.get(U32, p);
                    if (type == Elf.PT_LOAD) {
                        loads.add(
                                new Load(
                                        data.get(U64, p + 16),
                                        data.get(U64, p + 8),
                                        data.get(U64, p + 32)));
                    } else if (type == Elf.PT_GNU_EH_FRAME) {
                        ehFrameHdr = data.get(U64, p + 16);
                    }
                }
            }
            List<Section> sections = new ArrayList<>();
            if (shentsize >= 64 && shoff > 0) {
                long strOffset = -1;
                long strSize = 0;
                if (shstrndx < shnum) {
                    long s = shoff + (long) shstrndx * shentsize;
                    if (s + 64 <= data.byteSize()) {
                        strOffset = data.get(U64, s + 24);
                        strSize = data.get(U64, s + 32);
                    }
                }
                for (int i = 0; i < shnum; i++) {
                    long s = shoff + (long) i * shentsize;
                    if (s < 0 || s + 64 > data.byteSize()) {
                        break;
                    }
                    int nameAt = data.get(U32, s);
                    String name =
                            strOffset >= 0 && Integer.toUnsignedLong(nameAt) < strSize
                                    ? string(
                                            data,
                                            strOffset + Integer.toUnsignedLong(nameAt),
                                            strOffset + strSize)
                                    : "";
                    sections.add(
                            new Section(
                                    name == null ? "" : name,
                                    data.get(U32, s + 4),
                                    data.get(U64, s + 16),
                                    data.get(U64, s + 24),
                                    data.get(U64, s + 32),
                                    data.get(U32, s + 40),
                                    data.get(U64, s + 56)));
                }
            }
            return new ElfImage(
                    data, x86_64, List.copyOf(loads), List.copyOf(sections), ehFrameHdr);
        } catch (RuntimeException e) {
            return null;
        }
    }

    static int u16(MemorySegment data, long at) {
        return Short.toUnsignedInt(data.get(U16, at));
    }

    /**
     * The bytes from {@code at} to the first NUL before {@code limit}, as text; null if there is no
     * NUL there (or it is more than 4096 bytes away).
     */
    static String string(MemorySegment data, long at, long limit) {
        long end = Math.min(Math.min(limit, data.byteSize()), at + 4096);
        for (long i = at; i >= 0 && i < end; i++) {
            if (data.get(JAVA_BYTE, i) == 0) {
                byte[] bytes = data.asSlice(at, i - at).toArray(JAVA_BYTE);
                return new String(bytes, StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /**
     * The load bias of the mapping of file offset {@code mapOffset} at {@code start}: what is added
     * to the file's link-time addresses (p_vaddr, st_value, CFI addresses) to get the process's.
     */
    long bias(long start, long mapOffset) {
        for (Load l : loads) {
            if (Long.compareUnsigned(mapOffset, l.offset & ~0xfffL) >= 0
                    && Long.compareUnsigned(mapOffset, l.offset + Math.max(l.filesz, 1)) < 0) {
                return start - mapOffset - (l.vaddr - l.offset);
            }
        }
        return start - mapOffset;
    }

    /** The file offset of link-time address {@code vaddr}, or -1 if no segment holds it. */
    long offsetOf(long vaddr) {
        for (Load l : loads) {
            if (Long.compareUnsigned(vaddr, l.vaddr) >= 0
                    && Long.compareUnsigned(vaddr - l.vaddr, l.filesz) < 0) {
                return l.offset + (vaddr - l.vaddr);
            }
        }
        return loads.isEmpty() ? vaddr : -1;
    }

    /** The link-time address of file offset {@code offset}, or -1 if no segment holds it. */
    long vaddrOf(long offset) {
        for (Load l : loads) {
            if (Long.compareUnsigned(offset, l.offset) >= 0
                    && Long.compareUnsigned(offset - l.offset, l.filesz) < 0) {
                return l.vaddr + (offset - l.offset);
            }
        }
        return loads.isEmpty() ? offset : -1;
    }

    /** The first section named {@code name}, or null. */
    Section section(String name) {
        for (Section s : sections) {
            if (s.name.equals(name)) {
                return s;
            }
        }
        return null;
    }

    /** A symbol and the distance of an address from it. */
    record Symbol(String name, long offset) {}

    /**
     * The function symbol libunwind 1.6 (whose names strace 6.1 prints) names {@code vaddr} with:
     * of the defined STT_FUNC symbols of .symtab and .dynsym, the nearest at or below it — nearest
     * preceding, not containing: st_size is not looked at, so an address in a local function of a
     * stripped library is named after the exported function before it, as strace shows; the first
     * in section and table order among symbols at one address; none if the distance is not below
     * the image's size. SHN_ABS symbols are left out. Null if none.
     */
    Symbol symbol(long vaddr) {
        if (symbolValues == null) {
            symbolValues = new long[0]; // if loading fails part way, no second try
            symbolNames = new long[0];
            loadSymbols();
        }
        int lo = 0;
        int hi = symbolValues.length - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(symbolValues[mid], vaddr) <= 0) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        if (found < 0) {
            return null;
        }
        long distance = vaddr - symbolValues[found];
        if (Long.compareUnsigned(distance, data.byteSize()) >= 0) {
            return null;
        }
        long packed = symbolNames[found];
        long at = packed >>> 20;
        String name = string(data, at, at + (packed & 0xfffff));
        return name == null || name.isEmpty() ? null : new Symbol(name, distance);
    }

    /** At most this many symbols are indexed (a large libxul has some 400,000). */
    static final int MAX_SYMBOLS = 2_000_000;

    private void loadSymbols() {
        long[] values = new long[1024];
        long[] names = new long[1024];
        int n = 0;
        for (Section s : sections) {
            if (s.type != Elf.SHT_SYMTAB && s.type != Elf.SHT_DYNSYM) {
                continue;
            }
            long entsize = s.entsize >= 24 ? s.entsize : 24;
            if (s.link < 0 || s.link >= sections.size()) {
                continue;
            }
            Section strings = sections.get(s.link);
            long end = Math.min(s.offset + s.size, data.byteSize());
            try {
                for (long p = s.offset; p >= 0 && p + 24 <= end && n < MAX_SYMBOLS; p += entsize) {
                    int info = data.get(JAVA_BYTE, p + 4) & 0xff;
                    int shndx = u16(data, p + 6);
                    if ((info & 0xf) != Elf.STT_FUNC
                            || shndx == Elf.SHN_UNDEF
                            || shndx == (Elf.SHN_ABS & 0xffff)) {
                        continue;
                    }
                    long name = Integer.toUnsignedLong(data.get(U32, p));
                    long at = strings.offset + name;
                    if (Long.compareUnsigned(name, strings.size) >= 0
                            || at < 0
                            || at >= (1L << 43)) {
                        continue;
                    }
                    if (n == values.length) {
                        values = Arrays.copyOf(values, n * 2);
                        names = Arrays.copyOf(names, n * 2);
                    }
                    values[n] = data.get(U64, p + 8);
                    names[n] = (at << 20) | Math.min(strings.size - name, 0xfffffL);
                    n++;
                }
            } catch (RuntimeException e) {
                // a malformed table: the symbols read before stand
            }
        }
        // sorted by address; a stable sort keeps the first of the symbols at one address first
        long[] v = values;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Long.compareUnsigned(v[x], v[y]));
        long[] sortedValues = new long[n];
        long[] sortedNames = new long[n];
        int m = 0;
        for (int i : order) {
            if (m > 0 && sortedValues[m - 1] == v[i]) {
                continue; // the first at an address wins, as in libunwind's strict "<"
            }
            sortedValues[m] = v[i];
            sortedNames[m] = names[i];
            m++;
        }
        symbolNames = Arrays.copyOf(sortedNames, m);
        symbolValues = Arrays.copyOf(sortedValues, m);
    }
}
