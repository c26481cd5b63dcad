package io.rawsys.trace.decode;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * BPF programs as strace prints them: a classic one ({@code struct sock_fprog}: seccomp's filters,
 * prctl's PR_SET_SECCOMP, SO_ATTACH_FILTER) as {@code {len=N, filter=…}} whose instructions, with
 * -v, print as the {@code BPF_STMT}/{@code BPF_JUMP} macros that build them; an eBPF one
 * (bpf(BPF_PROG_LOAD)'s insns) as one struct per instruction. Without -v strace prints a program's
 * address only.
 */
final class BpfPrograms {
    private BpfPrograms() {}

    private static final Xlat CLASS = Xlat.load("bpf_class");
    private static final Xlat MISCOP = Xlat.load("bpf_miscop");
    private static final Xlat MODE = Xlat.load("bpf_mode");
    private static final Xlat OP_ALU = Xlat.load("bpf_op_alu");
    private static final Xlat OP_JMP = Xlat.load("bpf_op_jmp");
    private static final Xlat RVAL = Xlat.load("bpf_rval");
    private static final Xlat SIZE = Xlat.load("bpf_size");
    private static final Xlat SRC = Xlat.load("bpf_src");
    private static final Xlat EBPF_CLASS = Xlat.load("ebpf_class");
    private static final Xlat EBPF_MODE = Xlat.load("ebpf_mode");
    private static final Xlat EBPF_REGS = Xlat.load("ebpf_regs");
    private static final Xlat SECCOMP_RET = Xlat.load("seccomp_ret_action");

    /** The most instructions strace prints of one program (BPF_MAXINSNS). */
    private static final int MAX_INSNS = 4096;

    /** The action bits of a seccomp filter's return value (SECCOMP_RET_ACTION_FULL). */
    private static final long SECCOMP_ACTION_BITS = 0xffff_0000L;

    // the opcode's fields, as <linux/bpf_common.h> masks them
    private static final int CLASS_BITS = 0x07;
    private static final int SIZE_BITS = 0x18;
    private static final int MODE_BITS = 0xe0;
    private static final int OP_BITS = 0xf0;
    private static final int SRC_BITS = 0x08;
    private static final int RVAL_BITS = 0x18;
    private static final int MISCOP_BITS = 0xf8;

    // the classes whose opcodes are read differently
    private static final int LD = 0;
    private static final int LDX = 1;
    private static final int ST = 2;
    private static final int STX = 3;
    private static final int ALU = 4;
    private static final int JMP = 5;
    private static final int RET = 6;
    private static final int MISC = 7;

    /**
     * The classic program whose {@code struct sock_fprog} is at {@code address}: {@code {len=2,
     * filter=0x…}}, the instructions with -v, the return values of {@code seccomp}'s as seccomp
     * actions; the address when it cannot be read.
     */
    static String fprog(Call c, long address, boolean seccomp) {
        MemorySegment s = Peek.fetch(c, "sock_fprog", address);
        if (s == null) {
            return Text.pointer(address);
        }
        long len = Peek.get(c, s, "sock_fprog", "len") & 0xffff;
        long filter = Peek.get(c, s, "sock_fprog", "filter");
        if (c.arch().wordSize() == 4) {
            filter &= 0xffff_ffffL;
        }
        return "{len=" + len + ", filter=" + classic(c, filter, len, seccomp) + "}";
    }

    /** {@code len} classic instructions at {@code address}, or the address without -v. */
    static String classic(Call c, long address, long len, boolean seccomp) {
        if (!c.settings().verbose()) {
            return Text.pointer(address);
        }
        return array(c, address, len, 8, e -> instruction(c, e, seccomp));
    }

    /** {@code len} eBPF instructions at {@code address}, or the address without -v. */
    static String extended(Call c, long address, long len) {
        if (!c.settings().verbose()) {
            return Text.pointer(address);
        }
        return array(c, address, len, 8, e -> extendedInstruction(c, e));
    }

    private static String instruction(Call c, MemorySegment e, boolean seccomp) {
        int code = Short.toUnsignedInt(e.get(order(c, ValueLayout.JAVA_SHORT_UNALIGNED), 0));
        int jt = Byte.toUnsignedInt(e.get(ValueLayout.JAVA_BYTE, 2));
        int jf = Byte.toUnsignedInt(e.get(ValueLayout.JAVA_BYTE, 3));
        long k = Integer.toUnsignedLong(e.get(order(c, ValueLayout.JAVA_INT_UNALIGNED), 4));
        if (jt != 0 || jf != 0) {
            return "BPF_JUMP("
                    + code(c, code, false)
                    + ", "
                    + Text.hex(k)
                    + ", "
                    + Text.hex(jt)
                    + ", "
                    + Text.hex(jf)
                    + ")";
        }
        String value;
        if (seccomp && (code & CLASS_BITS) == RET) {
            long action = k & SECCOMP_ACTION_BITS;
            long data = k & ~action;
            value = SECCOMP_RET.value(c.arch(), action) + (data != 0 ? "|" + Text.hex(data) : "");
        } else {
            value = Text.hex(k);
        }
        return "BPF_STMT(" + code(c, code, false) + ", " + value + ")";
    }

    private static String extendedInstruction(Call c, MemorySegment e) {
        int code = Byte.toUnsignedInt(e.get(ValueLayout.JAVA_BYTE, 0));
        int regs = Byte.toUnsignedInt(e.get(ValueLayout.JAVA_BYTE, 1));
        // the register nibbles as the compiler lays out bit-fields: dst_reg in the low bits on a
        // little-endian machine, the high bits on a big-endian one
        boolean little = c.arch().byteOrder() == java.nio.ByteOrder.LITTLE_ENDIAN;
        int dst = little ? regs & 0xf : regs >> 4;
        int src = little ? regs >> 4 : regs & 0xf;
        short off = e.get(order(c, ValueLayout.JAVA_SHORT_UNALIGNED), 2);
        int imm = e.get(order(c, ValueLayout.JAVA_INT_UNALIGNED), 4);
        return "{code="
                + code(c, code, true)
                + ", dst_reg="
                + EBPF_REGS.value(c.arch(), dst)
                + ", src_reg="
                + EBPF_REGS.value(c.arch(), src)
                + ", off="
                + off
                + ", imm="
                + Text.hex(Integer.toUnsignedLong(imm))
                + "}";
    }

    private static <T extends ValueLayout> T order(Call c, T layout) {
        @SuppressWarnings("unchecked")
        T ordered = (T) layout.withOrder(c.arch().byteOrder());
        return ordered;
    }

    /**
     * An opcode as strace prints it: its class, then its other fields by name, joined by {@code |};
     * bits no field explains in hex, commented {@code BPF_???}.
     */
    static String code(Call c, int code, boolean extended) {
        var a = c.arch();
        int cls = code & CLASS_BITS;
        int rest = code & ~CLASS_BITS;
        StringBuilder s = new StringBuilder((extended ? EBPF_CLASS : CLASS).value(a, cls));
        switch (cls) {
            case ST, STX -> {
                if (extended) {
                    load(c, s, code, true);
                } else if (rest != 0) {
                    unexplained(s, rest);
                }
            }
            case LD, LDX -> load(c, s, code, extended);
            case MISC -> {
                if (extended) {
                    alu(c, s, code);
                } else {
                    s.append('|').append(MISCOP.value(a, code & MISCOP_BITS));
                    rest &= ~(code & MISCOP_BITS);
                    if (rest != 0) {
                        unexplained(s, rest);
                    }
                }
            }
            case ALU -> alu(c, s, code);
            case JMP ->
                    s.append('|')
                            .append(SRC.value(a, code & SRC_BITS))
                            .append('|')
                            .append(OP_JMP.value(a, code & OP_BITS));
            default -> { // RET; BPF_JMP32 in eBPF, whose fields strace leaves unnamed
                if (!extended) {
                    s.append('|').append(RVAL.value(a, code & RVAL_BITS));
                    rest &= ~(code & RVAL_BITS);
                }
                if (rest != 0) {
                    unexplained(s, rest);
                }
            }
        }
        return s.toString();
    }

    private static void load(Call c, StringBuilder s, int code, boolean extended) {
        s.append('|')
                .append(SIZE.value(c.arch(), code & SIZE_BITS))
                .append('|')
                .append((extended ? EBPF_MODE : MODE).value(c.arch(), code & MODE_BITS));
    }

    private static void alu(Call c, StringBuilder s, int code) {
        s.append('|')
                .append(SRC.value(c.arch(), code & SRC_BITS))
                .append('|')
                .append(OP_ALU.value(c.arch(), code & OP_BITS));
    }

    private static void unexplained(StringBuilder s, int bits) {
        s.append('|').append(Text.hex(bits)).append(" /* BPF_??? */");
    }

    /**
     * strace's print_array for a program: {@code count} elements of {@code size} bytes at {@code
     * address}, each read on its own; the address when the first cannot be read (or the array wraps
     * around the address space), {@code ... /* 0xADDR *}{@code /} where a later one cannot, {@code
     * ...} after {@link #MAX_INSNS} of them.
     */
    static String array(
            Call c,
            long address,
            long count,
            int size,
            java.util.function.Function<MemorySegment, String> element) {
        return array(c, address, count, size, MAX_INSNS, element);
    }

    /**
     * strace's print_array: as {@link #array(Call, long, long, int, java.util.function.Function)},
     * with {@code ...} after {@code limit} elements (-s's, where strace abbreviates), and read as
     * its tfetch_mem reads: not at the exit of a call that failed (the address then).
     */
    static String array(
            Call c,
            long address,
            long count,
            int size,
            long limit,
            java.util.function.Function<MemorySegment, String> element) {
        if (count > 0 && Long.compareUnsigned(address + count * size, address) <= 0) {
            return Text.pointer(address); // count is at most 2^32: only an end past 2^64 wraps
        }
        return FileArgs.array(c, address, count, size, limit, false, (e, i) -> element.apply(e));
    }
}
