package io.rawsys.vdso;

import io.rawsys.linux.Elf;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The dynamic symbols of an ELF image held in memory, such as the vDSO the kernel maps into every
 * process: read through its program headers and dynamic section, as the dynamic loader does, with
 * no section headers needed.
 *
 * <p>The reader trusts nothing: every offset, count and string is checked against the bounds of the
 * segment before it is read, so a malformed image ends in an {@link ElfFormatException} naming what
 * is wrong, never in a crash or a read outside the image. It reads ELFCLASS32 and ELFCLASS64,
 * either byte order; the symbol count comes from DT_GNU_HASH or DT_HASH, whichever is there (with
 * 64-bit DT_HASH words on s390x and Alpha); versions from DT_VERSYM and DT_VERDEF.
 */
public final class ElfImage {
    /**
     * One entry of the dynamic symbol table.
     *
     * @param index its index in the table (0 is the null symbol)
     * @param name its name
     * @param version its version name ({@code LINUX_2.6}), or empty when it has none
     * @param hidden whether the version is not the default one ({@code name@V} rather than {@code
     *     name@@V})
     * @param type {@code STT_FUNC}, {@code STT_NOTYPE}, {@code STT_OBJECT} …
     * @param binding {@code STB_GLOBAL}, {@code STB_WEAK}, {@code STB_LOCAL}
     * @param section its section index: {@code SHN_UNDEF} for an undefined symbol, {@code SHN_ABS}
     *     for an absolute one
     * @param value its value: for a function, its address as the image is linked
     * @param size its size in bytes
     */
    public record Symbol(
            int index,
            String name,
            String version,
            boolean hidden,
            int type,
            int binding,
            int section,
            long value,
            long size) {
        /** Whether it is a function the image defines and exports: what a caller may bind to. */
        public boolean isCallable() {
            return section != Elf.SHN_UNDEF
                    && section != Elf.SHN_ABS
                    && (type == Elf.STT_FUNC || type == Elf.STT_NOTYPE)
                    && (binding == Elf.STB_GLOBAL || binding == Elf.STB_WEAK);
        }
    }

    private static final int EI_NIDENT = 16;
    private static final int VERSYM_HIDDEN = 0x8000;

    private final Reader in;
    private final boolean wide;
    private final int machine;
    private final long loadAddress;
    private final List<Symbol> symbols;
    private final Map<String, List<Symbol>> byName = new HashMap<>();

    private ElfImage(Reader in, boolean wide, int machine, long loadAddress, List<Symbol> symbols) {
        this.in = in;
        this.wide = wide;
        this.machine = machine;
        this.loadAddress = loadAddress;
        this.symbols = Collections.unmodifiableList(symbols);
        symbols.forEach(s -> byName.computeIfAbsent(s.name(), k -> new ArrayList<>()).add(s));
    }

    /**
     * Reads the dynamic symbols of the image in {@code image}.
     *
     * @throws ElfFormatException if the image is not ELF, or any structure in it is out of bounds
     *     or inconsistent
     */
    public static ElfImage parse(MemorySegment image) {
        if (image.byteSize() < EI_NIDENT) {
            throw new ElfFormatException(
                    "an ELF image is at least "
                            + EI_NIDENT
                            + " bytes; this one is "
                            + image.byteSize());
        }
        if (image.get(ValueLayout.JAVA_BYTE, 0) != 0x7f
                || image.get(ValueLayout.JAVA_BYTE, 1) != 'E'
                || image.get(ValueLayout.JAVA_BYTE, 2) != 'L'
                || image.get(ValueLayout.JAVA_BYTE, 3) != 'F') {
            throw new ElfFormatException("no ELF magic at the start of the image");
        }
        int elfClass = image.get(ValueLayout.JAVA_BYTE, Elf.EI_CLASS);
        int data = image.get(ValueLayout.JAVA_BYTE, Elf.EI_DATA);
        if (elfClass != Elf.ELFCLASS32 && elfClass != Elf.ELFCLASS64) {
            throw new ElfFormatException("unknown ELF class " + elfClass + " (EI_CLASS)");
        }
        if (data != Elf.ELFDATA2LSB && data != Elf.ELFDATA2MSB) {
            throw new ElfFormatException("unknown ELF byte order " + data + " (EI_DATA)");
        }
        Reader in =
                new Reader(
                        image,
                        data == Elf.ELFDATA2LSB ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        return new Parser(in, elfClass == Elf.ELFCLASS64).parse();
    }

    /** Whether the image is ELFCLASS64. */
    public boolean is64Bit() {
        return wide;
    }

    /** The image's byte order. */
    public ByteOrder byteOrder() {
        return in.order;
    }

    /** Its {@code e_machine}: {@code EM_X86_64}, {@code EM_AARCH64} … */
    public int machine() {
        return machine;
    }

    /** The virtual address the image is linked at: where its first loadable segment starts. */
    public long loadAddress() {
        return loadAddress;
    }

    /** Every dynamic symbol, in table order, the null symbol first. */
    public List<Symbol> symbols() {
        return symbols;
    }

    /**
     * The callable symbol {@code name} with version {@code version}, or with any version when it is
     * null; a default ({@code @@}) version is preferred to a hidden one.
     */
    public Optional<Symbol> find(String name, String version) {
        return byName.getOrDefault(name, List.of()).stream()
                .filter(Symbol::isCallable)
                .filter(s -> version == null || s.version().equals(version))
                .min((a, b) -> Boolean.compare(a.hidden(), b.hidden()));
    }

    /**
     * The offset in the image of a symbol's value: where its code is in memory, relative to the
     * image's start.
     */
    public long offsetOf(Symbol symbol) {
        return symbol.value() - loadAddress;
    }

    // ----- reading -----

    /** Reads one image, with every access checked against its size. */
    private record Parser(Reader in, boolean wide) {
        ElfImage parse() {
            int machine = in.u16(18, "e_machine");
            long phoff = wide ? in.u64(32, "e_phoff") : in.u32(28, "e_phoff");
            int phentsize = in.u16(wide ? 54 : 42, "e_phentsize");
            int phnum = in.u16(wide ? 56 : 44, "e_phnum");
            int expected = wide ? 56 : 32;
            if (phentsize != expected) {
                throw new ElfFormatException(
                        "e_phentsize is "
                                + phentsize
                                + ", but an ELF"
                                + (wide ? 64 : 32)
                                + " program header is "
                                + expected
                                + " bytes");
            }
            in.check(
                    phoff,
                    (long) phnum * phentsize,
                    phnum + " program headers at e_phoff " + phoff);
            List<long[]> loads = new ArrayList<>(); // {vaddr, offset, filesz}
            long dynamicOffset = -1;
            long dynamicSize = 0;
            for (int i = 0; i < phnum; i++) {
                long ph = phoff + (long) i * phentsize;
                long type = in.u32(ph, "p_type");
                long offset = wide ? in.u64(ph + 8, "p_offset") : in.u32(ph + 4, "p_offset");
                long vaddr = wide ? in.u64(ph + 16, "p_vaddr") : in.u32(ph + 8, "p_vaddr");
                long filesz = wide ? in.u64(ph + 32, "p_filesz") : in.u32(ph + 16, "p_filesz");
                if (type == Elf.PT_LOAD) {
                    in.check(offset, filesz, "PT_LOAD segment " + i);
                    loads.add(new long[] {vaddr, offset, filesz});
                } else if (type == Elf.PT_DYNAMIC) {
                    in.check(offset, filesz, "PT_DYNAMIC segment");
                    dynamicOffset = offset;
                    dynamicSize = filesz;
                }
            }
            if (loads.isEmpty()) {
                throw new ElfFormatException("no PT_LOAD segment");
            }
            if (dynamicOffset < 0) {
                throw new ElfFormatException("no PT_DYNAMIC segment: the image exports no symbols");
            }
            Addresses addresses = new Addresses(in, loads);
            Dynamic dynamic = Dynamic.read(in, wide, dynamicOffset, dynamicSize);
            // Every table the dynamic section names must lie in the image, used here or not.
            for (int tag : new int[] {Elf.DT_HASH, Elf.DT_GNU_HASH, Elf.DT_VERSYM, Elf.DT_VERDEF}) {
                long address = dynamic.value(tag, -1);
                if (address >= 0) {
                    addresses.offset(address, "dynamic tag 0x" + Integer.toHexString(tag));
                }
            }
            long symtab =
                    addresses.offset(dynamic.require(Elf.DT_SYMTAB, "DT_SYMTAB"), "DT_SYMTAB");
            long strtab =
                    addresses.offset(dynamic.require(Elf.DT_STRTAB, "DT_STRTAB"), "DT_STRTAB");
            long strsz = dynamic.require(Elf.DT_STRSZ, "DT_STRSZ");
            in.check(strtab, strsz, "the string table (DT_STRTAB, DT_STRSZ)");
            long syment = dynamic.value(Elf.DT_SYMENT, wide ? 24 : 16);
            if (syment != (wide ? 24 : 16)) {
                throw new ElfFormatException(
                        "DT_SYMENT is "
                                + syment
                                + ", but an ELF"
                                + (wide ? 64 : 32)
                                + " symbol is "
                                + (wide ? 24 : 16)
                                + " bytes");
            }
            long count = symbolCount(addresses, dynamic, machine);
            in.check(symtab, count * syment, count + " symbols at DT_SYMTAB");
            Strings strings = new Strings(in, strtab, strsz);
            Versions versions = Versions.read(in, addresses, dynamic, strings, count);
            List<Symbol> symbols = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                long sym = symtab + i * syment;
                long nameOffset = in.u32(sym, "st_name");
                long value = wide ? in.u64(sym + 8, "st_value") : in.u32(sym + 4, "st_value");
                long size = wide ? in.u64(sym + 16, "st_size") : in.u32(sym + 8, "st_size");
                int info = in.u8(wide ? sym + 4 : sym + 12, "st_info");
                int section = in.u16(wide ? sym + 6 : sym + 14, "st_shndx");
                int versym = versions.versym(i);
                symbols.add(
                        new Symbol(
                                i,
                                strings.at(nameOffset, "symbol " + i + "'s name"),
                                versions.name(versym & ~VERSYM_HIDDEN),
                                (versym & VERSYM_HIDDEN) != 0,
                                info & 0xf,
                                info >>> 4,
                                section,
                                value,
                                size));
            }
            return new ElfImage(in, wide, machine, loads.getFirst()[0], symbols);
        }

        /** How many symbols the table has: DT_HASH says it outright, DT_GNU_HASH by its chains. */
        private long symbolCount(Addresses addresses, Dynamic dynamic, int machine) {
            long hash = dynamic.value(Elf.DT_HASH, -1);
            if (hash >= 0) {
                // s390x and Alpha use 64-bit words in DT_HASH; everyone else 32-bit ones.
                boolean wideWords = wide && (machine == Elf.EM_S390 || machine == Elf.EM_ALPHA);
                long at = addresses.offset(hash, "DT_HASH");
                long nchain =
                        wideWords
                                ? in.u64(at + 8, "DT_HASH nchain")
                                : in.u32(at + 4, "DT_HASH nchain");
                return boundedCount(nchain, "DT_HASH nchain");
            }
            long gnu = dynamic.value(Elf.DT_GNU_HASH, -1);
            if (gnu < 0) {
                throw new ElfFormatException(
                        "neither DT_HASH nor DT_GNU_HASH: the symbol count is unknown");
            }
            long at = addresses.offset(gnu, "DT_GNU_HASH");
            long nbuckets = in.u32(at, "DT_GNU_HASH nbuckets");
            long symoffset = in.u32(at + 4, "DT_GNU_HASH symoffset");
            long bloomSize = in.u32(at + 8, "DT_GNU_HASH bloom size");
            long buckets = at + 16 + bloomSize * (wide ? 8 : 4);
            in.check(buckets, nbuckets * 4, nbuckets + " DT_GNU_HASH buckets");
            long chains = buckets + nbuckets * 4;
            long last = 0;
            for (long b = 0; b < nbuckets; b++) {
                last = Math.max(last, in.u32(buckets + b * 4, "a DT_GNU_HASH bucket"));
            }
            if (last < symoffset) {
                return boundedCount(symoffset, "DT_GNU_HASH symoffset");
            }
            // Follow the last bucket's chain to its end, marked by the low bit of a hash.
            for (long i = last; ; i++) {
                long h = in.u32(chains + (i - symoffset) * 4, "a DT_GNU_HASH chain");
                if ((h & 1) != 0) {
                    return boundedCount(i + 1, "the DT_GNU_HASH chains");
                }
            }
        }

        private long boundedCount(long count, String what) {
            long most = in.size() / (wide ? 24 : 16);
            if (count < 0 || count > most) {
                throw new ElfFormatException(
                        what
                                + " says "
                                + count
                                + " symbols, more than an image of "
                                + in.size()
                                + " bytes can hold");
            }
            return count;
        }
    }

    /**
     * Translates the image's virtual addresses (what dynamic entries hold) to offsets in it,
     * through its PT_LOAD segments.
     */
    private record Addresses(Reader in, List<long[]> loads) {
        long offset(long vaddr, String what) {
            for (long[] load : loads) {
                if (vaddr >= load[0] && vaddr - load[0] < load[2]) {
                    return load[1] + (vaddr - load[0]);
                }
            }
            throw new ElfFormatException(
                    what
                            + " points at 0x"
                            + Long.toHexString(vaddr)
                            + ", in no loaded segment of the image");
        }
    }

    /** The dynamic section's entries, tag to value (the first of each tag). */
    private record Dynamic(Map<Long, Long> entries) {
        static Dynamic read(Reader in, boolean wide, long offset, long size) {
            Map<Long, Long> entries = new HashMap<>();
            int entry = wide ? 16 : 8;
            for (long at = offset; at + entry <= offset + size; at += entry) {
                long tag = wide ? in.u64(at, "d_tag") : in.u32(at, "d_tag");
                if (tag == Elf.DT_NULL) {
                    return new Dynamic(entries);
                }
                entries.putIfAbsent(tag, wide ? in.u64(at + 8, "d_val") : in.u32(at + 4, "d_val"));
            }
            throw new ElfFormatException(
                    "the dynamic section has no DT_NULL within its " + size + " bytes");
        }

        long value(long tag, long fallback) {
            return entries.getOrDefault(tag, fallback);
        }

        long require(long tag, String name) {
            Long v = entries.get(tag);
            if (v == null) {
                throw new ElfFormatException("the dynamic section has no " + name);
            }
            return v;
        }
    }

    /** NUL-terminated names in the string table. */
    private record Strings(Reader in, long offset, long size) {
        String at(long index, String what) {
            if (index < 0 || index >= size) {
                throw new ElfFormatException(
                        what + " is at " + index + ", outside the " + size + "-byte string table");
            }
            long start = offset + index;
            long end = start;
            while (true) {
                if (end >= offset + size) {
                    throw new ElfFormatException(what + " runs past the end of the string table");
                }
                if (in.u8(end, what) == 0) {
                    break;
                }
                end++;
            }
            byte[] bytes = in.bytes(start, end - start);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** DT_VERSYM (a version index per symbol) and DT_VERDEF (the names of those versions). */
    private record Versions(Reader in, long versym, Map<Integer, String> names) {
        static Versions read(
                Reader in, Addresses addresses, Dynamic dynamic, Strings strings, long count) {
            long versymAddress = dynamic.value(Elf.DT_VERSYM, -1);
            Map<Integer, String> names = new HashMap<>();
            if (versymAddress < 0) {
                return new Versions(in, -1, names);
            }
            long versym = addresses.offset(versymAddress, "DT_VERSYM");
            in.check(versym, count * 2, "DT_VERSYM's " + count + " entries");
            long verdef = dynamic.value(Elf.DT_VERDEF, -1);
            long defs = dynamic.value(Elf.DT_VERDEFNUM, 0);
            if (verdef >= 0) {
                long at = addresses.offset(verdef, "DT_VERDEF");
                // At most as many definitions as DT_VERDEFNUM says, each at least 20 bytes: a loop
                // ends.
                if (defs < 0 || defs > in.size() / 20) {
                    throw new ElfFormatException(
                            "DT_VERDEFNUM says "
                                    + defs
                                    + " version definitions, more than the image can hold");
                }
                for (long d = 0; d < defs; d++) {
                    int index = in.u16(at + 4, "vd_ndx");
                    int auxCount = in.u16(at + 6, "vd_cnt");
                    long aux = in.u32(at + 12, "vd_aux");
                    long next = in.u32(at + 16, "vd_next");
                    if (auxCount > 0) {
                        names.put(
                                index,
                                strings.at(
                                        in.u32(at + aux, "vda_name"),
                                        "version " + index + "'s name"));
                    }
                    if (next == 0) {
                        break;
                    }
                    at += next;
                }
            }
            return new Versions(in, versym, names);
        }

        int versym(int symbol) {
            return versym < 0 ? 1 : in.u16(versym + symbol * 2L, "a DT_VERSYM entry");
        }

        /** Index 0 is local, 1 the unversioned global base; the others are DT_VERDEF's. */
        String name(int index) {
            return index <= 1 ? "" : names.getOrDefault(index, "");
        }
    }

    /** Bounds-checked reads of the image, in its byte order. */
    private record Reader(MemorySegment image, ByteOrder order) {
        long size() {
            return image.byteSize();
        }

        void check(long offset, long length, String what) {
            if (offset < 0 || length < 0 || offset > size() || length > size() - offset) {
                throw new ElfFormatException(
                        what
                                + " ("
                                + length
                                + " bytes at offset "
                                + offset
                                + ") lies outside the image of "
                                + size()
                                + " bytes");
            }
        }

        int u8(long offset, String what) {
            check(offset, 1, what);
            return Byte.toUnsignedInt(image.get(ValueLayout.JAVA_BYTE, offset));
        }

        int u16(long offset, String what) {
            check(offset, 2, what);
            return Short.toUnsignedInt(
                    image.get(ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(order), offset));
        }

        long u32(long offset, String what) {
            check(offset, 4, what);
            return Integer.toUnsignedLong(
                    image.get(ValueLayout.JAVA_INT_UNALIGNED.withOrder(order), offset));
        }

        long u64(long offset, String what) {
            check(offset, 8, what);
            long v = image.get(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(order), offset);
            if (v < 0) {
                throw new ElfFormatException(
                        what
                                + " at offset "
                                + offset
                                + " is 0x"
                                + Long.toHexString(v)
                                + ", beyond any image");
            }
            return v;
        }

        byte[] bytes(long offset, long length) {
            check(offset, length, "a string");
            return image.asSlice(offset, length).toArray(ValueLayout.JAVA_BYTE);
        }
    }
}
