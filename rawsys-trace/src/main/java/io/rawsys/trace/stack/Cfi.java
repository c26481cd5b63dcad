package io.rawsys.trace.stack;

import static io.rawsys.trace.stack.ElfImage.U16;
import static io.rawsys.trace.stack.ElfImage.U32;
import static io.rawsys.trace.stack.ElfImage.U64;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import java.lang.foreign.MemorySegment;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * The call frame information of .eh_frame: finding the FDE that covers an address (binary search in
 * .eh_frame_hdr's table, else in an index of .eh_frame built once), and running its CIE's and its
 * own DW_CFA instructions up to the address, which gives the rules to find the caller's registers
 * (a {@link Row}). x86_64's DWARF register numbers: 0 rax, 1 rdx, 2 rcx, 3 rbx, 4 rsi, 5 rdi, 6
 * rbp, 7 rsp, 8-15 r8-r15, 16 the return address. Anything this does not understand (an instruction
 * or pointer encoding it does not know, a CIE it cannot parse, a table out of order) throws {@link
 * Stop}: the walk ends there rather than guessing.
 */
final class Cfi {
    private Cfi() {}

    static final int REGS = 17;
    static final int RSP = 7;
    static final int RBP = 6;
    static final int RA = 16;

    static final byte SAME = 0;
    static final byte UNDEFINED = 1;
    static final byte OFFSET = 2;
    static final byte VAL_OFFSET = 3;
    static final byte REGISTER = 4;
    static final byte EXPRESSION = 5;
    static final byte VAL_EXPRESSION = 6;

    /** The walk cannot go on: unknown or inconsistent data, unreadable memory. */
    static final class Stop extends RuntimeException {
        private static final long serialVersionUID = 1;

        Stop(String why) {
            super(why, null, false, false);
        }
    }

    /**
     * The rules at one address: the CFA (a register plus an offset, or a DWARF expression at a file
     * offset of the image) and each register's rule; {@code signal} for a signal trampoline's frame
     * (augmentation "S").
     */
    static final class Row {
        int cfaRegister = RSP;
        long cfaOffset;
        long cfaExpression = -1;
        long cfaExpressionLength;
        final byte[] kind = new byte[REGS];
        final long[] value = new long[REGS];
        final long[] length = new long[REGS];
        boolean signal;
        int returnColumn = RA;

        Row copy() {
            Row r = new Row();
            r.set(this);
            return r;
        }

        void set(Row o) {
            cfaRegister = o.cfaRegister;
            cfaOffset = o.cfaOffset;
            cfaExpression = o.cfaExpression;
            cfaExpressionLength = o.cfaExpressionLength;
            System.arraycopy(o.kind, 0, kind, 0, REGS);
            System.arraycopy(o.value, 0, value, 0, REGS);
            System.arraycopy(o.length, 0, length, 0, REGS);
            signal = o.signal;
            returnColumn = o.returnColumn;
        }

        void rule(long register, byte k, long v, long len) {
            if (register >= 0 && register < REGS) {
                kind[(int) register] = k;
                value[(int) register] = v;
                length[(int) register] = len;
            }
        }
    }

    /** A read position in the image, and the link-time address of file offset 0 at it. */
    private static final class Cursor {
        final MemorySegment data;
        long pos;
        final long delta;
        long dataRel = Long.MIN_VALUE;

        Cursor(MemorySegment data, long pos, long delta) {
            this.data = data;
            this.pos = pos;
            this.delta = delta;
        }

        int u8() {
            return data.get(JAVA_BYTE, pos++) & 0xff;
        }

        int u16() {
            int v = Short.toUnsignedInt(data.get(U16, pos));
            pos += 2;
            return v;
        }

        long u32() {
            long v = Integer.toUnsignedLong(data.get(U32, pos));
            pos += 4;
            return v;
        }

        long s32() {
            long v = data.get(U32, pos);
            pos += 4;
            return v;
        }

        long u64() {
            long v = data.get(U64, pos);
            pos += 8;
            return v;
        }

        long uleb() {
            long v = 0;
            for (int shift = 0; ; shift += 7) {
                int b = u8();
                if (shift < 64) {
                    v |= (long) (b & 0x7f) << shift;
                }
                if ((b & 0x80) == 0) {
                    return v;
                }
                if (shift > 70) {
                    throw new Stop("LEB128 too long");
                }
            }
        }

        long sleb() {
            long v = 0;
            int shift = 0;
            int b;
            do {
                b = u8();
                if (shift < 64) {
                    v |= (long) (b & 0x7f) << shift;
                }
                shift += 7;
                if (shift > 77) {
                    throw new Stop("LEB128 too long");
                }
            } while ((b & 0x80) != 0);
            if (shift < 64 && (b & 0x40) != 0) {
                v |= -1L << shift;
            }
            return v;
        }

        /** A DW_EH_PE-encoded pointer; with {@code skip}, read past and not interpreted. */
        long pointer(int encoding, boolean skip) {
            if (encoding == 0xff) {
                throw new Stop("omitted pointer");
            }
            long at = pos + delta;
            long v =
                    switch (encoding & 0x0f) {
                        case 0x00, 0x04, 0x0c -> u64();
                        case 0x01 -> uleb();
                        case 0x02 -> u16();
                        case 0x03 -> u32();
                        case 0x09 -> sleb();
                        case 0x0a -> {
                            long s = data.get(U16, pos);
                            pos += 2;
                            yield s;
                        }
                        case 0x0b -> s32();
                        default -> throw new Stop("pointer encoding " + encoding);
                    };
            if (skip) {
                return 0;
            }
            switch (encoding & 0x70) {
                case 0x00 -> {}
                case 0x10 -> v += at;
                case 0x30 -> {
                    if (dataRel == Long.MIN_VALUE) {
                        throw new Stop("datarel pointer");
                    }
                    v += dataRel;
                }
                default -> throw new Stop("pointer encoding " + encoding);
            }
            if ((encoding & 0x80) != 0) {
                throw new Stop("indirect pointer");
            }
            return v;
        }
    }

    /** A parsed CIE. */
    private record Cie(
            long codeAlign,
            long dataAlign,
            int returnColumn,
            int fdeEncoding,
            boolean augmented,
            boolean signal,
            long instructions,
            long end) {}

    /**
     * The rules at link-time address {@code vpc} of {@code image}, or null if no FDE covers it.
     *
     * @throws Stop if the CFI cannot be used
     * @throws RuntimeException (IndexOutOfBoundsException) if it points outside the image
     */
    static Row rowAt(ElfImage image, long vpc) {
        long fde = findFde(image, vpc);
        if (fde < 0) {
            return null;
        }
        long delta = delta(image, fde);
        Cursor c = new Cursor(image.data, fde, delta);
        long[] bounds = entry(c);
        if (bounds == null) {
            return null;
        }
        long idAt = c.pos;
        long id = c.u32();
        if (id == 0) {
            throw new Stop("a CIE where an FDE was expected");
        }
        Cie cie = cie(image, idAt - id, delta);
        long begin = c.pointer(cie.fdeEncoding, false);
        long range = c.pointer(cie.fdeEncoding & 0x0f, false);
        if (Long.compareUnsigned(vpc - begin, range) >= 0) {
            return null;
        }
        if (cie.augmented) {
            c.pos += block(c, bounds[1]);
        }
        Row row = new Row();
        row.signal = cie.signal;
        row.returnColumn = cie.returnColumn;
        Cursor ci = new Cursor(image.data, cie.instructions, delta);
        run(ci, cie.end, cie, row, null, begin, -1L >>> 1, true);
        Row initial = row.copy();
        run(c, bounds[1], cie, row, initial, begin, vpc, false);
        return row;
    }

    /** The link-time address minus the file offset where {@code offset} is. */
    private static long delta(ElfImage image, long offset) {
        long v = image.vaddrOf(offset);
        return v == -1 ? 0 : v - offset;
    }

    /**
     * Reads an entry's length at the cursor: {start, end} of the entry, the cursor after the
     * length; null for the zero terminator.
     */
    private static long[] entry(Cursor c) {
        long start = c.pos;
        long length = c.u32();
        if (length == 0) {
            return null;
        }
        if (length == 0xffffffffL) {
            length = c.u64();
        }
        long end = c.pos + length;
        if (length < 4 || end < c.pos || end > c.data.byteSize()) {
            throw new Stop("entry length");
        }
        return new long[] {start, end};
    }

    private static Cie cie(ElfImage image, long at, long delta) {
        Cursor c = new Cursor(image.data, at, delta);
        long[] bounds = entry(c);
        if (bounds == null || c.u32() != 0) {
            throw new Stop("no CIE");
        }
        int version = c.u8();
        if (version != 1 && version != 3 && version != 4) {
            throw new Stop("CIE version " + version);
        }
        StringBuilder aug = new StringBuilder();
        for (int b; (b = c.u8()) != 0; ) {
            aug.append((char) b);
            if (aug.length() > 16) {
                throw new Stop("augmentation");
            }
        }
        String augmentation = aug.toString();
        if (augmentation.startsWith("eh")) {
            c.pos += 8;
            augmentation = augmentation.substring(2);
        }
        if (version == 4) {
            c.pos += 2; // address_size, segment_selector_size
        }
        long codeAlign = c.uleb();
        long dataAlign = c.sleb();
        long returnColumn = version == 1 ? c.u8() : c.uleb();
        if (returnColumn < 0 || returnColumn >= REGS) {
            throw new Stop("return address column " + returnColumn);
        }
        int fdeEncoding = 0;
        boolean signal = false;
        boolean augmented = augmentation.startsWith("z");
        long instructions;
        if (augmented) {
            long len = block(c, bounds[1]);
            long after = c.pos + len;
            for (int i = 1; i < augmentation.length(); i++) {
                char a = augmentation.charAt(i);
                switch (a) {
                    case 'R' -> fdeEncoding = c.u8();
                    case 'P' -> c.pointer(c.u8(), true);
                    case 'L' -> c.u8();
                    case 'S' -> signal = true;
                    case 'B', 'G' -> {}
                    default -> i = augmentation.length(); // the rest is skipped by its length
                }
            }
            instructions = after;
        } else if (augmentation.isEmpty()) {
            instructions = c.pos;
        } else {
            throw new Stop("augmentation " + augmentation);
        }
        return new Cie(
                codeAlign,
                dataAlign,
                (int) returnColumn,
                fdeEncoding,
                augmented,
                signal,
                instructions,
                bounds[1]);
    }

    /**
     * Runs instructions from the cursor to {@code end} while the location is not past {@code
     * target}; {@code initial} is the CIE's row ({@code DW_CFA_restore}), null while running the
     * CIE.
     */
    private static void run(
            Cursor c,
            long end,
            Cie cie,
            Row row,
            Row initial,
            long location,
            long target,
            boolean inCie) {
        Deque<Row> saved = new ArrayDeque<>();
        long loc = location;
        long ca = cie.codeAlign;
        long da = cie.dataAlign;
        while (c.pos < end) {
            int op = c.u8();
            int low = op & 0x3f;
            switch (op & 0xc0) {
                case 0x40 -> {
                    loc += low * ca;
                    if (Long.compareUnsigned(loc, target) > 0) {
                        return;
                    }
                    continue;
                }
                case 0x80 -> {
                    row.rule(low, OFFSET, c.uleb() * da, 0);
                    continue;
                }
                case 0xc0 -> {
                    restore(row, initial, low);
                    continue;
                }
                default -> {}
            }
            switch (op) {
                case 0x00 -> {}
                case 0x01, 0x02, 0x03, 0x04 -> {
                    if (inCie) {
                        throw new Stop("advance in a CIE");
                    }
                    loc =
                            switch (op) {
                                case 0x01 -> c.pointer(cie.fdeEncoding, false);
                                case 0x02 -> loc + c.u8() * ca;
                                case 0x03 -> loc + c.u16() * ca;
                                default -> loc + c.u32() * ca;
                            };
                    if (Long.compareUnsigned(loc, target) > 0) {
                        return;
                    }
                }
                case 0x05 -> row.rule(c.uleb(), OFFSET, c.uleb() * da, 0);
                case 0x06 -> restore(row, initial, c.uleb());
                case 0x07 -> row.rule(c.uleb(), UNDEFINED, 0, 0);
                case 0x08 -> row.rule(c.uleb(), SAME, 0, 0);
                case 0x09 -> row.rule(c.uleb(), REGISTER, c.uleb(), 0);
                case 0x0a -> {
                    if (saved.size() > 64) {
                        throw new Stop("remember_state too deep");
                    }
                    saved.push(row.copy());
                }
                case 0x0b -> {
                    if (saved.isEmpty()) {
                        throw new Stop("restore_state without remember_state");
                    }
                    row.set(saved.pop());
                }
                case 0x0c -> {
                    row.cfaRegister = register(c.uleb());
                    row.cfaOffset = c.uleb();
                    row.cfaExpression = -1;
                }
                case 0x0d -> {
                    row.cfaRegister = register(c.uleb());
                    row.cfaExpression = -1;
                }
                case 0x0e -> row.cfaOffset = c.uleb();
                case 0x0f -> {
                    long len = block(c, end);
                    row.cfaExpression = c.pos;
                    row.cfaExpressionLength = len;
                    c.pos += len;
                }
                case 0x10, 0x16 -> {
                    long reg = c.uleb();
                    long len = block(c, end);
                    row.rule(reg, op == 0x10 ? EXPRESSION : VAL_EXPRESSION, c.pos, len);
                    c.pos += len;
                }
                case 0x11 -> row.rule(c.uleb(), OFFSET, c.sleb() * da, 0);
                case 0x12 -> {
                    row.cfaRegister = register(c.uleb());
                    row.cfaOffset = c.sleb() * da;
                    row.cfaExpression = -1;
                }
                case 0x13 -> row.cfaOffset = c.sleb() * da;
                case 0x14 -> row.rule(c.uleb(), VAL_OFFSET, c.uleb() * da, 0);
                case 0x15 -> row.rule(c.uleb(), VAL_OFFSET, c.sleb() * da, 0);
                case 0x2e -> c.uleb(); // DW_CFA_GNU_args_size
                case 0x2f -> row.rule(c.uleb(), OFFSET, -c.uleb() * da, 0);
                default -> throw new Stop("DW_CFA op 0x" + Integer.toHexString(op));
            }
        }
    }

    /** A block's length, read at the cursor: within the instructions, or {@link Stop}. */
    private static long block(Cursor c, long end) {
        long len = c.uleb();
        if (len < 0 || len > end - c.pos) {
            throw new Stop("expression past its entry");
        }
        return len;
    }

    private static int register(long r) {
        if (r < 0 || r >= REGS) {
            throw new Stop("CFA register " + r);
        }
        return (int) r;
    }

    private static void restore(Row row, Row initial, long register) {
        if (register < 0 || register >= REGS) {
            return;
        }
        int r = (int) register;
        if (initial == null) {
            row.rule(r, SAME, 0, 0);
        } else {
            row.rule(r, initial.kind[r], initial.value[r], initial.length[r]);
        }
    }

    /** The file offset of the FDE covering {@code vpc}, or -1. */
    private static long findFde(ElfImage image, long vpc) {
        MemorySegment data = image.data;
        long ehFrame = -1;
        if (image.ehFrameHdr != -1) {
            long hdr = image.offsetOf(image.ehFrameHdr);
            if (hdr >= 0) {
                Cursor c = new Cursor(data, hdr, image.ehFrameHdr - hdr);
                c.dataRel = image.ehFrameHdr;
                int version = c.u8();
                int ptrEnc = c.u8();
                int countEnc = c.u8();
                int tableEnc = c.u8();
                if (version == 1) {
                    long ehFrameVaddr = c.pointer(ptrEnc, false);
                    ehFrame = image.offsetOf(ehFrameVaddr);
                    if (countEnc != 0xff && tableEnc == 0x3b) {
                        long count = c.pointer(countEnc, false);
                        long table = c.pos;
                        if (count > 0 && table + count * 8 <= data.byteSize()) {
                            return search(image, table, count, vpc);
                        }
                    }
                }
            }
        }
        if (ehFrame < 0) {
            ElfImage.Section s = image.section(".eh_frame");
            if (s == null) {
                return -1;
            }
            ehFrame = s.offset();
        }
        long[] index = image.fdeIndex;
        if (index == null) {
            index = index(image, ehFrame);
            image.fdeIndex = index;
        }
        int lo = 0;
        int hi = index.length / 2 - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(index[2 * mid], vpc) <= 0) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found < 0 ? -1 : index[2 * found + 1];
    }

    /** Binary search of .eh_frame_hdr's sorted table of {initial location, FDE address}. */
    private static long search(ElfImage image, long table, long count, long vpc) {
        MemorySegment data = image.data;
        long base = image.ehFrameHdr;
        long lo = 0;
        long hi = count - 1;
        long found = -1;
        while (lo <= hi) {
            long mid = (lo + hi) >>> 1;
            long start = base + (long) data.get(U32, table + mid * 8);
            if (Long.compareUnsigned(start, vpc) <= 0) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        if (found < 0) {
            return -1;
        }
        return image.offsetOf(base + (long) data.get(U32, table + found * 8 + 4));
    }

    /** Every FDE of the .eh_frame at file offset {@code at}, sorted by start address. */
    private static long[] index(ElfImage image, long at) {
        List<long[]> fdes = new ArrayList<>();
        long delta = delta(image, at);
        try {
            Cursor c = new Cursor(image.data, at, delta);
            while (c.pos < image.data.byteSize() && fdes.size() < 2_000_000) {
                long start = c.pos;
                long[] bounds = entry(c);
                if (bounds == null) {
                    break;
                }
                long idAt = c.pos;
                long id = c.u32();
                if (id != 0) {
                    try {
                        Cie cie = cie(image, idAt - id, delta);
                        long begin = c.pointer(cie.fdeEncoding, false);
                        fdes.add(new long[] {begin, start});
                    } catch (Stop e) {
                        // an FDE this cannot read: left out of the index
                    }
                }
                c.pos = bounds[1];
            }
        } catch (Stop | IndexOutOfBoundsException e) {
            // the index holds what came before
        }
        fdes.sort((x, y) -> Long.compareUnsigned(x[0], y[0]));
        long[] index = new long[fdes.size() * 2];
        for (int i = 0; i < fdes.size(); i++) {
            index[2 * i] = fdes.get(i)[0];
            index[2 * i + 1] = fdes.get(i)[1];
        }
        return Arrays.copyOf(index, index.length);
    }

    /** Reads a word of the tracee's memory, or throws {@link Stop}. */
    interface Words {
        long word(long address);
    }

    /**
     * Evaluates the DWARF expression of {@code length} bytes at file offset {@code at}: the
     * operations CFI uses (constants, bregN of rax..r15 and the return address, deref, arithmetic,
     * comparisons); {@code push} (the CFA, for DW_CFA_expression) is pushed first unless null.
     */
    static long evaluate(
            ElfImage image,
            long at,
            long length,
            long[] regs,
            boolean[] known,
            Long push,
            Words memory) {
        Cursor c = new Cursor(image.data, at, 0);
        long end = at + length;
        if (length < 0 || end > image.data.byteSize()) {
            throw new Stop("expression bounds");
        }
        long[] stack = new long[64];
        int sp = 0;
        if (push != null) {
            stack[sp++] = push;
        }
        int steps = 0;
        while (c.pos < end) {
            if (++steps > 1000) {
                throw new Stop("expression too long");
            }
            int op = c.u8();
            if (sp >= 60) {
                throw new Stop("expression stack");
            }
            if (op >= 0x30 && op <= 0x4f) {
                stack[sp++] = op - 0x30;
                continue;
            }
            if (op >= 0x70 && op <= 0x8f) {
                int r = op - 0x70;
                long off = c.sleb();
                stack[sp++] = reg(regs, known, r) + off;
                continue;
            }
            switch (op) {
                case 0x08 -> stack[sp++] = c.u8();
                case 0x09 -> stack[sp++] = (byte) c.u8();
                case 0x0a -> stack[sp++] = c.u16();
                case 0x0b -> stack[sp++] = (short) c.u16();
                case 0x0c -> stack[sp++] = c.u32();
                case 0x0d -> stack[sp++] = c.s32();
                case 0x0e, 0x0f -> stack[sp++] = c.u64();
                case 0x10 -> stack[sp++] = c.uleb();
                case 0x11 -> stack[sp++] = c.sleb();
                case 0x92 -> {
                    long r = c.uleb();
                    long off = c.sleb();
                    if (r < 0 || r >= REGS) {
                        throw new Stop("bregx register");
                    }
                    stack[sp++] = reg(regs, known, (int) r) + off;
                }
                case 0x96 -> {}
                default -> {
                    if (sp < 1) {
                        throw new Stop("expression stack empty");
                    }
                    switch (op) {
                        case 0x06 -> stack[sp - 1] = memory.word(stack[sp - 1]);
                        case 0x12 -> {
                            stack[sp] = stack[sp - 1];
                            sp++;
                        }
                        case 0x13 -> sp--;
                        case 0x1f -> stack[sp - 1] = -stack[sp - 1];
                        case 0x20 -> stack[sp - 1] = ~stack[sp - 1];
                        case 0x23 -> stack[sp - 1] += c.uleb();
                        case 0x14, 0x16 -> {
                            if (sp < 2) {
                                throw new Stop("expression stack empty");
                            }
                            long a = stack[sp - 2];
                            if (op == 0x14) { // DW_OP_over
                                stack[sp++] = a;
                            } else { // DW_OP_swap
                                stack[sp - 2] = stack[sp - 1];
                                stack[sp - 1] = a;
                            }
                        }
                        default -> {
                            if (sp < 2) {
                                throw new Stop("expression stack empty");
                            }
                            long b = stack[--sp];
                            long a = stack[sp - 1];
                            stack[sp - 1] =
                                    switch (op) {
                                        case 0x1a -> a & b;
                                        case 0x1c -> a - b;
                                        case 0x1e -> a * b;
                                        case 0x21 -> a | b;
                                        case 0x22 -> a + b;
                                        case 0x24 -> b >= 64 || b < 0 ? 0 : a << b;
                                        case 0x25 -> b >= 64 || b < 0 ? 0 : a >>> b;
                                        case 0x26 -> b >= 64 || b < 0 ? a >> 63 : a >> b;
                                        case 0x27 -> a ^ b;
                                        case 0x29 -> a == b ? 1 : 0;
                                        case 0x2a -> a >= b ? 1 : 0;
                                        case 0x2b -> a > b ? 1 : 0;
                                        case 0x2c -> a <= b ? 1 : 0;
                                        case 0x2d -> a < b ? 1 : 0;
                                        case 0x2e -> a != b ? 1 : 0;
                                        default ->
                                                throw new Stop(
                                                        "DW_OP 0x" + Integer.toHexString(op));
                                    };
                        }
                    }
                }
            }
        }
        if (sp < 1) {
            throw new Stop("expression left nothing");
        }
        return stack[sp - 1];
    }

    private static long reg(long[] regs, boolean[] known, int r) {
        if (!known[r]) {
            throw new Stop("expression reads an unknown register");
        }
        return regs[r];
    }
}
