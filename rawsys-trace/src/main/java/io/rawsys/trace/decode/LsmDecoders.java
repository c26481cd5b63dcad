package io.rawsys.trace.decode;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The Linux security module calls of Linux 6.8: {@code lsm_get_self_attr}, {@code
 * lsm_set_self_attr} and {@code lsm_list_modules}, printed as strace 6.12 prints them (src/lsm.c at
 * its v6.12 tag; strace 6.1, this machine's, does not know the calls). The size behind its pointer
 * is read at entry and again at exit, and printed {@code [old => new]} when the kernel changed it;
 * a context is {@code struct lsm_ctx} (the same on every ABI: four 64-bit words, then the context's
 * bytes), a list of them follows each one's {@code len}.
 */
final class LsmDecoders {
    private LsmDecoders() {}

    static final Xlat ATTRS = Xlat.load("lsm_attrs");

    static final Xlat FLAGS = Xlat.load("lsm_flags");

    static final Xlat IDS = Xlat.load("lsm_ids");

    /** The size of struct lsm_ctx before its bytes: id, flags, len, ctx_len, 64 bits each. */
    private static final long HEADER = 32;

    /** What lsm_get_self_attr and lsm_list_modules kept at entry. */
    private record Entry(boolean decoded, long size) {}

    static void register(Decoders d) {
        d.add(
                "lsm_get_self_attr",
                new Coded(
                                LsmDecoders::getEntry,
                                c -> !decoded(c) && !single(c),
                                LsmDecoders::getExit,
                                Results.DECIMAL,
                                null)
                        // the entry line ends with ", " unless a single context's id is on it,
                        // which the contexts the kernel wrote follow as " => [{…}]"
                        .joinedBy(
                                c ->
                                        !decoded(c) && !single(c)
                                                ? ""
                                                : single(c) && sizeAt(c, c.ulong(2)) != null
                                                        ? " => "
                                                        : ", "));
        d.add(
                "lsm_set_self_attr",
                Coded.atEntry(
                        c -> {
                            long size = c.uint(2);
                            c.print(ATTRS.value(c.arch(), c.uint(0)));
                            MemorySegment header =
                                    size >= HEADER ? Peek.fetch(c, c.ulong(1), HEADER) : null;
                            c.print(
                                    header == null
                                            ? Text.pointer(c.ulong(1))
                                            : context(c, header, c.ulong(1), size));
                            c.print(Long.toString(size));
                            c.print(Text.hex(c.uint(3)));
                        }));
        d.add(
                "lsm_list_modules",
                new Coded(LsmDecoders::listEntry, c -> false, LsmDecoders::listExit));
    }

    private static boolean single(Call c) {
        return (c.uint(3) & c.arch().constants().find("LSM_FLAG_SINGLE").orElse(1)) != 0;
    }

    private static boolean decoded(Call c) {
        Object state = c.state();
        return state instanceof Entry e && e.decoded();
    }

    private static long saved(Call c) {
        Object state = c.state();
        return state instanceof Entry e ? e.size() : 0;
    }

    /** The u32 at {@code address}, read whatever the call's outcome, or null. */
    private static Long sizeAt(Call c, long address) {
        MemorySegment s = Peek.peek(c, address, 4);
        return s == null ? null : Integer.toUnsignedLong(Peek.intAt(c, s, 0));
    }

    /** strace's printnum_int with {@code %u}: {@code [24]}, or the address. */
    private static String sizeText(Call c, long address) {
        MemorySegment s = Peek.fetch(c, address, 4);
        return s == null
                ? Text.pointer(address)
                : "[" + Integer.toUnsignedString(Peek.intAt(c, s, 0)) + "]";
    }

    private static void getEntry(Call c) {
        c.print(ATTRS.value(c.arch(), c.uint(0)));
        Long size = sizeAt(c, c.ulong(2));
        MemorySegment ctx = single(c) ? Peek.peek(c, c.ulong(1), HEADER) : null;
        if (size == null || (single(c) && ctx == null)) {
            c.state(new Entry(true, 0));
            c.print(Text.pointer(c.ulong(1)));
            c.print(sizeText(c, c.ulong(2)));
            c.print(FLAGS.flags(c.arch(), c.uint(3)));
            return;
        }
        c.state(new Entry(false, size));
        if (single(c)) {
            c.print("{id=" + id(c, u64(c, ctx, 0)) + "}");
        }
    }

    private static void getExit(Call c) {
        if (decoded(c)) {
            return;
        }
        Long size = sizeAt(c, c.ulong(2));
        if (size == null) {
            if (!single(c)) {
                c.print(Text.pointer(c.ulong(1)));
            }
            c.print(sizeText(c, c.ulong(2)));
            c.print(FLAGS.flags(c.arch(), c.uint(3)));
            return;
        }
        c.print(contexts(c, c.ulong(1), size));
        c.print(sizes(saved(c), size));
        c.print(FLAGS.flags(c.arch(), c.uint(3)));
    }

    /** {@code [24]}, or {@code [8 => 24]} when the kernel changed the size. */
    private static String sizes(long before, long after) {
        return "[" + before + (before != after ? " => " + after : "") + "]";
    }

    private static void listEntry(Call c) {
        Long size = sizeAt(c, c.ulong(1));
        if (size == null) {
            c.state(new Entry(true, 0));
            c.print(Text.pointer(c.ulong(0)));
            c.print(sizeText(c, c.ulong(1)));
            c.print(Text.hex(c.uint(2)));
            return;
        }
        c.state(new Entry(false, size));
    }

    private static void listExit(Call c) {
        if (decoded(c)) {
            return;
        }
        Long size = sizeAt(c, c.ulong(1));
        if (size == null) {
            c.print(Text.pointer(c.ulong(0)));
            c.print(sizeText(c, c.ulong(1)));
            c.print(Text.hex(c.uint(2)));
            return;
        }
        long address = c.ulong(0);
        String ids;
        if (address != 0 && c.failed()) {
            ids = Text.pointer(address);
        } else if (address != 0
                && c.result() != 0
                && Long.compareUnsigned(c.result(), Long.MAX_VALUE / 8) > 0) {
            ids = Text.pointer(address);
        } else {
            ids =
                    FileArgs.array(
                            c,
                            address,
                            c.result(),
                            8,
                            (bytes, i) -> IDS.value(c.arch(), u64(c, bytes, 0)));
        }
        c.print(ids);
        c.print(sizes(saved(c), size));
        c.print(Text.hex(c.uint(2)));
    }

    /** A context's id: its name, or in hex (strace prints it with no comment). */
    private static String id(Call c, long id) {
        String name = IDS.name(c.arch(), id);
        return name != null ? name : Text.hex(id);
    }

    /**
     * The contexts the kernel wrote, {@code length} bytes from {@code address}: {@code [{…}, …]},
     * each found at the previous one's {@code len}; {@code ...} past -s of them (unless -v), {@code
     * ... /* 0x… *}{@code /} where one cannot be read, the address if the first cannot.
     */
    private static String contexts(Call c, long address, long length) {
        StringBuilder s = new StringBuilder();
        boolean sequence = false;
        long at = address;
        long left = length;
        for (int element = 0; ; element++) {
            MemorySegment header = left >= HEADER ? Peek.fetch(c, at, HEADER) : null;
            if (header == null) {
                if (sequence) {
                    s.append("... /* ").append(Text.hex(at)).append(" */");
                } else {
                    s.append(Text.pointer(at));
                }
                break;
            }
            if (!c.settings().verbose() && element + 1 > c.settings().stringLimit()) {
                s.append("...");
                break;
            }
            long len = u64(c, header, 16);
            long nextAt = 0;
            long nextLeft = 0;
            if (Long.compareUnsigned(len, HEADER) >= 0) {
                if (Long.compareUnsigned(left, len) >= 0) {
                    nextLeft = left - len;
                }
                if (nextLeft > 0 && Long.compareUnsigned(at + len, at) > 0) {
                    nextAt = at + len;
                }
            }
            if (!sequence) {
                s.append('[');
                sequence = true;
            }
            s.append(context(c, header, at, left));
            if (nextAt == 0) {
                break;
            }
            s.append(", ");
            at = nextAt;
            left = nextLeft;
        }
        return sequence ? s.append(']').toString() : s.toString();
    }

    /**
     * {@code {id=LSM_ID_SELINUX, flags=0, len=48, ctx_len=24, ctx="\x…"}}: the context's bytes in
     * hex, as many as both its {@code ctx_len} and the room the lengths leave allow.
     */
    private static String context(Call c, MemorySegment header, long address, long length) {
        long len = u64(c, header, 16);
        long ctxLen = u64(c, header, 24);
        StringBuilder s = new StringBuilder("{id=").append(id(c, u64(c, header, 0)));
        s.append(", flags=").append(Text.hex(u64(c, header, 8)));
        s.append(", len=").append(Long.toUnsignedString(len));
        s.append(", ctx_len=").append(Long.toUnsignedString(ctxLen));
        // strace works these out in unsigned ints: the length's low 32 bits
        long message = Long.compareUnsigned(len, length) < 0 ? len : length;
        message &= 0xffff_ffffL;
        long room = message > HEADER ? message - HEADER : 0;
        long shown = Long.compareUnsigned(ctxLen, room) < 0 ? ctxLen : room;
        if (shown > 0) {
            s.append(", ctx=").append(hexString(c, address + HEADER, shown));
        }
        return s.append('}').toString();
    }

    /** strace's printstr_ex with QUOTE_FORCE_HEX: {@code length} bytes all in hex, cut at -s. */
    private static String hexString(Call c, long address, long length) {
        int limit = c.settings().stringLimit();
        long size = Math.min(length, limit + 1L);
        byte[] data = c.memory().bytes(address, (int) size);
        if (data == null) {
            return Text.pointer(address);
        }
        int shown = (int) Math.min(size, limit);
        return Text.quote(data, shown, Text.Hex.ALL) + (length > limit ? "..." : "");
    }

    private static long u64(Call c, MemorySegment s, long offset) {
        return s.get(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(c.arch().byteOrder()), offset);
    }
}
