package io.rawsys.trace.decode;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * perf_event_open, as strace 6.1 prints it: the struct perf_event_attr is read when the call starts
 * (as much of it as its size says, up to the 128 bytes strace knows; without -v only the 48 bytes
 * before wakeup_events) and printed with the other arguments once the call has returned, with the
 * size the kernel wrote back after an E2BIG ({@code size=0x100 => …}); an attr that cannot be read,
 * or whose size is below the first version's 64 bytes, prints as its address, and then the whole
 * call prints at entry.
 *
 * <p>No header rawsys reads declares struct perf_event_attr, so its layout is written here, as
 * strace's perf_event_struct.h writes it: the same on every architecture, its bit-fields in one
 * 64-bit word at offset 40 (read here in little-endian bit order, as x86's compilers lay them out).
 */
final class PerfDecoders {
    private PerfDecoders() {}

    private static final Xlat TYPES = Xlat.load("perf_type_id");
    private static final Xlat SIZES = Xlat.load("perf_attr_size");
    private static final Xlat HW_IDS = Xlat.load("perf_hw_id");
    private static final Xlat SW_IDS = Xlat.load("perf_sw_ids");
    private static final Xlat CACHES = Xlat.load("perf_hw_cache_id");
    private static final Xlat CACHE_OPS = Xlat.load("perf_hw_cache_op_id");
    private static final Xlat CACHE_RESULTS = Xlat.load("perf_hw_cache_op_result_id");
    private static final Xlat SAMPLE_TYPES = Xlat.load("perf_event_sample_format");
    private static final Xlat READ_FORMATS = Xlat.load("perf_event_read_format");
    private static final Xlat BRANCH_TYPES = Xlat.load("perf_branch_sample_type");
    private static final Xlat FLAGS = Xlat.load("perf_event_open_flags");
    private static final Xlat BP_TYPES = Xlat.load("hw_breakpoint_type");
    private static final Xlat BP_TYPES_INVALID = Xlat.load("hw_breakpoint_type_invalid");

    /** The first published size (PERF_ATTR_SIZE_VER0), and the largest strace 6.1 knows. */
    private static final int SIZE_VER0 = 64;

    private static final int SIZE_KNOWN = 128;

    /** offsetof(struct perf_event_attr, wakeup_events): all strace reads without -v. */
    private static final int ABBREVIATED = 48;

    // the types whose config strace decodes
    private static final long HARDWARE = 0;
    private static final long SOFTWARE = 1;
    private static final long TRACEPOINT = 2;
    private static final long HW_CACHE = 3;
    private static final long BREAKPOINT = 5;

    // sample_type's bits that bring in more members
    private static final long SAMPLE_BRANCH_STACK = 1L << 11;
    private static final long SAMPLE_STACK_USER = 1L << 13;

    /** The bit-fields at offset 40, in strace's order, each one bit but precise_ip (two). */
    private static final String[] BITS = {
        "disabled",
        "inherit",
        "pinned",
        "exclusive",
        "exclude_user",
        "exclude_kernel",
        "exclude_hv",
        "exclude_idle",
        "mmap",
        "comm",
        "freq",
        "inherit_stat",
        "enable_on_exec",
        "task",
        "watermark",
        "precise_ip",
        "mmap_data",
        "sample_id_all",
        "exclude_host",
        "exclude_guest",
        "exclude_callchain_kernel",
        "exclude_callchain_user",
        "mmap2",
        "comm_exec",
        "use_clockid",
        "context_switch",
        "write_backward",
        "namespaces",
        "ksymbol",
        "bpf_event",
        "aux_output",
        "cgroup",
        "text_poke",
        "build_id",
        "inherit_thread",
        "remove_on_exec",
        "sigtrap"
    };

    private static final String[] PRECISE_IP = {
        "arbitrary skid", "constant skid", "requested to have 0 skid", "must have 0 skid"
    };

    /** The attr as read at entry: its bytes (zero past what was read) and how many were read. */
    private record Attr(MemorySegment bytes, int size) {}

    static void register(Decoders d) {
        d.add(
                "perf_event_open",
                new Coded(PerfDecoders::enter, c -> c.state() != null, PerfDecoders::exit)
                        .returning(Results.FD));
    }

    private static void enter(Call c) {
        long address = c.ulong(0);
        Attr attr = fetch(c, address);
        c.state(attr);
        if (attr == null) {
            c.print(Text.pointer(address));
            rest(c);
        }
    }

    private static void exit(Call c) {
        Attr attr = c.state();
        if (attr == null) {
            return;
        }
        c.print(attr(c, attr));
        rest(c);
    }

    private static void rest(Call c) {
        c.print(Integer.toString(c.sint(1)));
        c.print(Integer.toString(c.sint(2)));
        c.print(Args.fdText(c, c.sint(3)));
        c.print(FLAGS.flags(c.arch(), c.ulong(4)));
    }

    /** strace's fetch_perf_event_attr: null where it prints the address. */
    private static Attr fetch(Call c, long address) {
        MemorySegment sizeField = Peek.peek(c, address + 4, 4);
        if (sizeField == null) {
            return null;
        }
        long size = Integer.toUnsignedLong(Peek.intAt(c, sizeField, 0));
        if (size > SIZE_KNOWN) {
            size = SIZE_KNOWN;
        }
        if (size == 0) {
            size = SIZE_VER0;
        }
        if (size < SIZE_VER0) {
            return null;
        }
        if (!c.settings().verbose()) {
            size = ABBREVIATED;
        }
        MemorySegment read = Peek.peek(c, address, size);
        if (read == null) {
            return null;
        }
        MemorySegment bytes = MemorySegment.ofArray(new byte[SIZE_KNOWN]);
        MemorySegment.copy(read, 0, bytes, 0, size);
        return new Attr(bytes, (int) size);
    }

    private static long u64(Call c, MemorySegment s, long offset) {
        return s.get(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(c.arch().byteOrder()), offset);
    }

    private static long u32(Call c, MemorySegment s, long offset) {
        return Integer.toUnsignedLong(Peek.intAt(c, s, offset));
    }

    private static int u16(Call c, MemorySegment s, long offset) {
        return Short.toUnsignedInt(
                s.get(ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(c.arch().byteOrder()), offset));
    }

    private static String attr(Call c, Attr attr) {
        var a = c.arch();
        MemorySegment s = attr.bytes();
        int size = attr.size();
        long type = u32(c, s, 0);
        long attrSize = u32(c, s, 4);
        long config = u64(c, s, 8);
        long sampleType = u64(c, s, 24);
        long bits = u64(c, s, 40);
        boolean verbose = c.settings().verbose();
        StringBuilder b = new StringBuilder("{type=").append(TYPES.value(a, type));
        b.append(", size=").append(SIZES.value(a, attrSize));
        long e2big = a.errnos().find("E2BIG").orElse(-1);
        if (c.failed() && -c.result() == e2big) {
            MemorySegment changed = Peek.peek(c, c.ulong(0) + 4, 4);
            b.append(" => ").append(changed == null ? "???" : SIZES.value(a, u32(c, changed, 0)));
        }
        b.append(", config=");
        if (type == HARDWARE || type == HW_CACHE) {
            if (config >>> 32 != 0) {
                b.append(Text.hex(config >>> 32)).append("<<32|");
            }
            if (type == HARDWARE) {
                b.append(HW_IDS.value(a, config & 0xffff_ffffL));
            } else {
                long high = (config & 0xffff_ffffL) >>> 24;
                if (high != 0) {
                    b.append(Text.hex(high)).append("<<24|");
                }
                b.append(CACHE_RESULTS.value(a, (config >>> 16) & 0xff))
                        .append("<<16|")
                        .append(CACHE_OPS.value(a, (config >>> 8) & 0xff))
                        .append("<<8|")
                        .append(CACHES.value(a, config & 0xff));
            }
        } else if (type == SOFTWARE) {
            b.append(SW_IDS.value(a, config));
        } else if (type == TRACEPOINT) {
            b.append(Long.toUnsignedString(config));
        } else {
            b.append(Text.hex(config));
        }
        b.append(bit(bits, "freq") != 0 ? ", sample_freq=" : ", sample_period=")
                .append(Long.toUnsignedString(u64(c, s, 16)));
        b.append(", sample_type=").append(SAMPLE_TYPES.flags(a, sampleType));
        b.append(", read_format=").append(READ_FORMATS.flags(a, u64(c, s, 32)));
        for (String name : BITS) {
            long value = bit(bits, name);
            if (name.equals("precise_ip")) {
                b.append(", precise_ip=")
                        .append(value)
                        .append(" /* ")
                        .append(PRECISE_IP[(int) value])
                        .append(" */");
            } else if (verbose || value != 0) {
                b.append(", ").append(name).append('=').append(value);
            }
        }
        long reserved1 = bits >>> 38;
        if (reserved1 != 0) {
            b.append(", __reserved_1=").append(Text.hex(reserved1)).append(" /* Bits 63..38 */");
        }
        if (verbose) {
            verboseMembers(c, b, s, size, type, sampleType, bits);
        }
        if ((attrSize != 0 && attrSize > size) || (attrSize == 0 && size < SIZE_VER0)) {
            b.append(", ...");
        }
        return b.append('}').toString();
    }

    /** The members strace prints only with -v, as far as the size read reaches. */
    private static void verboseMembers(
            Call c,
            StringBuilder b,
            MemorySegment s,
            int size,
            long type,
            long sampleType,
            long bits) {
        var a = c.arch();
        boolean breakpoint = type == BREAKPOINT;
        b.append(bit(bits, "watermark") != 0 ? ", wakeup_watermark=" : ", wakeup_events=")
                .append(u32(c, s, 48));
        if (breakpoint) {
            long bpType = u32(c, s, 52);
            b.append(", bp_type=")
                    .append((bpType <= 7 ? BP_TYPES_INVALID : BP_TYPES).value(a, bpType));
        }
        b.append(breakpoint ? ", bp_addr=" : ", config1=").append(Text.hex(u64(c, s, 56)));
        if (64 >= size) {
            return;
        }
        if (breakpoint) {
            b.append(", bp_len=").append(Long.toUnsignedString(u64(c, s, 64)));
        } else {
            b.append(", config2=").append(Text.hex(u64(c, s, 64)));
        }
        if (72 >= size) {
            return;
        }
        if ((sampleType & SAMPLE_BRANCH_STACK) != 0) {
            b.append(", branch_sample_type=").append(BRANCH_TYPES.flags(a, u64(c, s, 72)));
        }
        if (80 >= size) {
            return;
        }
        b.append(", sample_regs_user=").append(Text.hex(u64(c, s, 80)));
        if (88 >= size) {
            return;
        }
        if ((sampleType & SAMPLE_STACK_USER) != 0) {
            b.append(", sample_stack_user=").append(Text.hex(u32(c, s, 88)));
        }
        if (bit(bits, "use_clockid") != 0) {
            if (92 >= size) {
                return;
            }
            b.append(", clockid=").append(TimeArgs.CLOCKS.value(a, u32(c, s, 92)));
        }
        if (96 >= size) {
            return;
        }
        b.append(", sample_regs_intr=").append(Text.hex(u64(c, s, 96)));
        if (104 >= size) {
            return;
        }
        b.append(", aux_watermark=").append(u32(c, s, 104));
        if (108 >= size) {
            return;
        }
        b.append(", sample_max_stack=").append(u16(c, s, 108));
        if (110 >= size) {
            return;
        }
        int reserved2 = u16(c, s, 110);
        if (reserved2 != 0) {
            b.append(" /* bytes 110..111: ").append(Text.hex(reserved2)).append(" */");
        }
        if (112 >= size) {
            return;
        }
        b.append(", aux_sample_size=").append(u32(c, s, 112));
        if (116 >= size) {
            return;
        }
        long reserved3 = u32(c, s, 116);
        if (reserved3 != 0) {
            b.append(" /* bytes 116..119: ").append(Text.hex(reserved3)).append(" */");
        }
        if (120 >= size) {
            return;
        }
        b.append(", sig_data=").append(Text.hex(u64(c, s, 120)));
    }

    /** The bit-field {@code name} of the flags word. */
    private static long bit(long bits, String name) {
        int shift = 0;
        for (String n : BITS) {
            if (n.equals(name)) {
                return (bits >>> shift) & (n.equals("precise_ip") ? 3 : 1);
            }
            shift += n.equals("precise_ip") ? 2 : 1;
        }
        throw new IllegalArgumentException(name);
    }
}
