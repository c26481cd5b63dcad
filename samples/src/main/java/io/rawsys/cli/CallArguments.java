package io.rawsys.cli;

import io.rawsys.ConstantTable;
import io.rawsys.SyscallSignature;
import io.rawsys.calls.MemoryCalls;
import io.rawsys.calls.ProcessCalls;
import io.rawsys.linux.Mman;
import io.rawsys.tool.Hints;
import java.lang.foreign.Arena;
import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * The arguments of {@code rawsys call}, turned into the six registers' worth of {@code long}s a
 * system call takes.
 *
 * <ul>
 *   <li>An integer in C syntax: {@code 42}, {@code -100}, {@code 0x1f}, {@code 0755} (octal), up to
 *       64 bits.
 *   <li>A constant of the architecture, or several or'ed: {@code AT_FDCWD}, {@code
 *       O_WRONLY|O_CREAT|0644}.
 *   <li>{@code buf:N}: a pointer to N zeroed bytes, shown after the call.
 *   <li>Every buffer and string ends where an inaccessible page begins: a count larger than its
 *       buffer gets a short count or EFAULT from the kernel, never the JVM's memory.
 *   <li>{@code s:TEXT}: a pointer to a NUL-terminated copy of the text, C escapes ({@code \n},
 *       {@code \xHH} ...) resolved. A word without the prefix is text too when it is no number and
 *       no constant expression: it starts like no number, holds no {@code |} and is not shaped like
 *       a constant (it has a lowercase letter, a {@code /}, a space …). A word that is meant as a
 *       value and does not read as one is an error, never text.
 * </ul>
 */
final class CallArguments {
    static final long MAX_BUFFER = 1L << 30;

    /**
     * A word shaped like one constant: capitals, digits and underscores, starting with a capital or
     * an underscore (O_RDONLY, AT_FDCWD, EPERM).
     */
    private static final Pattern CONSTANT = Pattern.compile("[A-Z_][A-Z0-9_]*");

    /**
     * Integers may be signed (down to -2^63) or unsigned (up to 2^64 - 1), as C's register
     * arguments are.
     */
    private static final BigInteger MIN = BigInteger.ONE.shiftLeft(63).negate();

    private static final BigInteger MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    /**
     * A buffer argument, kept so its contents can be shown after the call: as text ({@code buf:N}),
     * as words ({@code u32:N}, {@code u64:N}: {@code wordSize} 4 or 8) or as a struct's members.
     *
     * @param layout the struct's layout for {@code struct:NAME}, else null
     * @param wordSize the element size of a word array, else 0
     */
    record Buffer(int position, MemorySegment segment, GroupLayout layout, int wordSize) {
        /** What the call left in it, as the line after {@code argN = }. */
        String show() {
            if (layout != null) {
                return StructLiterals.show(segment, layout);
            }
            if (wordSize > 0) {
                return StructLiterals.words(segment, wordSize);
            }
            byte[] bytes = segment.toArray(ValueLayout.JAVA_BYTE);
            int length = bytes.length;
            while (length > 0 && bytes[length - 1] == 0) {
                length--;
            }
            return CStrings.quote(bytes, length);
        }
    }

    private final long[] values;
    private final List<Buffer> buffers;
    private final long[] sizes;
    private final String[] forms;

    private CallArguments(long[] values, List<Buffer> buffers, long[] sizes, String[] forms) {
        this.values = values;
        this.buffers = buffers;
        this.sizes = sizes;
        this.forms = forms;
    }

    /**
     * Parses {@code words} and allocates their strings and buffers in {@code arena}.
     *
     * @throws IllegalArgumentException with a message naming the argument and what is wrong with it
     */
    static CallArguments parse(List<String> words, Arena arena, ConstantTable constants) {
        if (words.size() > 6) {
            throw new IllegalArgumentException(
                    "a system call takes at most 6 arguments, and " + words.size() + " were given");
        }
        long[] values = new long[words.size()];
        long[] sizes = new long[words.size()];
        java.util.Arrays.fill(sizes, -1);
        String[] forms = new String[words.size()]; // how to ask for a larger one
        List<Buffer> buffers = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            try {
                if (word.startsWith("s:")) {
                    MemorySegment copy = string(word.substring(2), arena);
                    values[i] = copy.address();
                    sizes[i] = copy.byteSize();
                    forms[i] = "text";
                } else if (word.startsWith("buf:")) {
                    MemorySegment buffer = guarded(arena, size(word.substring(4)));
                    buffers.add(new Buffer(i + 1, buffer, null, 0));
                    values[i] = buffer.address();
                    sizes[i] = buffer.byteSize();
                    forms[i] = "buf:N";
                } else if (word.startsWith("u32:") || word.startsWith("u64:")) {
                    int wordSize = word.startsWith("u32:") ? 4 : 8;
                    long count;
                    try {
                        count = size(word.substring(4));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException(
                                word.substring(0, 4)
                                        + " takes a number of "
                                        + wordSize * 8
                                        + "-bit words from 0 to "
                                        + MAX_BUFFER / wordSize);
                    }
                    if (count > MAX_BUFFER / wordSize) {
                        throw new IllegalArgumentException(
                                "at most " + MAX_BUFFER / wordSize + " words");
                    }
                    MemorySegment array = guarded(arena, count * wordSize);
                    buffers.add(new Buffer(i + 1, array, null, wordSize));
                    values[i] = array.address();
                    sizes[i] = array.byteSize();
                    forms[i] = word.substring(0, 4) + "N";
                } else if (word.startsWith("struct:")) {
                    StructLiterals.Literal literal =
                            StructLiterals.parse(word.substring(7), constants);
                    // the size rounded up to the struct's alignment, so that the struct, which
                    // ends at the guard page, starts aligned whatever +N is
                    long align = literal.layout().byteAlignment();
                    long total = literal.layout().byteSize() + literal.extra();
                    MemorySegment struct = guarded(arena, (total + align - 1) / align * align);
                    literal.fill(struct);
                    buffers.add(new Buffer(i + 1, struct, literal.layout(), 0));
                    values[i] = struct.address();
                    sizes[i] = struct.byteSize();
                    forms[i] = "struct:NAME+N";
                } else if (looksNumeric(word)) {
                    values[i] = integer(word);
                } else if (isExpression(word)) {
                    values[i] = constants(word, constants);
                } else {
                    MemorySegment copy = string(word, arena);
                    values[i] = copy.address();
                    sizes[i] = copy.byteSize();
                    forms[i] = "text";
                }
            } catch (IllegalArgumentException e) {
                String hint =
                        looksNumeric(word) || isExpression(word)
                                ? " (to pass the text itself, write s:" + word + ")"
                                : "";
                throw new IllegalArgumentException(
                        "argument " + (i + 1) + " '" + word + "': " + e.getMessage() + hint, e);
            }
        }
        return new CallArguments(values, buffers, sizes, forms);
    }

    long[] values() {
        return values.clone();
    }

    List<Buffer> buffers() {
        return buffers;
    }

    /**
     * The size in bytes of the memory rawsys made for argument {@code index} (0 for the first): a
     * {@code buf:N}, or a string with its NUL; -1 for an argument that is a value.
     */
    long size(int index) {
        return sizes[index];
    }

    /**
     * Refuses a count larger than the buffer it counts, where the kernel's prototype pairs the two
     * (read's {@code buf} and {@code count}, listmount's {@code mnt_ids} and {@code nr_mnt_ids}, …;
     * see {@link SyscallSignature#extents()}) and the command line gave rawsys both: the kernel
     * would write past the buffer's end (stopped by the guard page: a short count or EFAULT), or
     * read past it and show what lies beyond. A call rawsys has no prototype for, a count that is
     * no literal, and a pointer given as a number are not judged.
     *
     * @param wordSize the ABI's register width: on a 32-bit ABI a 64-bit argument before the pair
     *     takes two registers, and the positions no longer match the prototype's, so none is judged
     * @throws IllegalArgumentException naming the call, both arguments and what to do
     */
    void checkExtents(SyscallSignature signature, int wordSize) {
        List<SyscallSignature.Parameter> params = signature.parameters();
        for (SyscallSignature.Extent extent : signature.extents()) {
            if (extent.count() >= values.length
                    || sizes[extent.pointer()] < 0
                    || sizes[extent.count()] >= 0) {
                continue; // no buffer rawsys made, or the count is itself a text's address
            }
            if (wordSize == 4
                    && params.subList(0, extent.pointer()).stream()
                            .anyMatch(p -> WIDE.contains(p.type()))) {
                continue;
            }
            SyscallSignature.Parameter pointer = params.get(extent.pointer());
            SyscallSignature.Parameter count = params.get(extent.count());
            long value = values[extent.count()];
            boolean unsigned32 =
                    count.type().startsWith("unsigned") && !count.type().endsWith("long");
            if (count.type().equals("int")) {
                if ((int) value < 0) {
                    continue; // a negative int count: the kernel refuses it (EINVAL)
                }
                value = (int) value;
            } else if (unsigned32) {
                value &= 0xffff_ffffL;
            }
            long have = sizes[extent.pointer()];
            long units = have / extent.elementSize();
            if (Long.compareUnsigned(value, units) <= 0) {
                continue;
            }
            String countName = count.name().isEmpty() ? "count" : count.name();
            String pointerName = pointer.name().isEmpty() ? "buffer" : pointer.name();
            throw new IllegalArgumentException(
                    signature.name()
                            + "'s "
                            + countName
                            + " (argument "
                            + (extent.count() + 1)
                            + ") is "
                            + Long.toUnsignedString(value)
                            + (extent.elementSize() > 1
                                    ? " elements of " + extent.elementSize() + " bytes"
                                    : "")
                            + ", but its "
                            + pointerName
                            + " (argument "
                            + (extent.pointer() + 1)
                            + ") holds "
                            + (extent.elementSize() > 1
                                    ? units + " (" + have + " bytes)"
                                    : have + " bytes")
                            + ": the kernel would "
                            // send's and sethostname's prototypes lack the const their reading
                            // deserves: without it, say only that the kernel would go past
                            + (pointer.isReadOnly() ? "read" : "go")
                            + " past its end. Pass a "
                            + countName
                            + " of at most "
                            + units
                            + ", or a larger "
                            + forms[extent.pointer()]
                            + " (the prototype: "
                            + signature
                            + ")");
        }
    }

    /** Types a 32-bit ABI passes in two registers. */
    private static final java.util.Set<String> WIDE =
            java.util.Set.of("loff_t", "u64", "__u64", "s64", "long long", "unsigned long long");

    /**
     * Whether a word is meant as a value, not as text: one constant's shape, or anything with a
     * {@code |}. Such a word must then read as constants and integers or'ed together, or it is
     * refused: taken as text, a typo ({@code O_RDONLY|}, {@code O_RDNOLY}) would reach the kernel
     * as the address of its copy, which as flags is an arbitrary mix (O_CREAT|O_TRUNC…).
     */
    static boolean isExpression(String word) {
        return word.indexOf('|') >= 0 || CONSTANT.matcher(word).matches();
    }

    /**
     * {@code O_WRONLY|O_CREAT|0644}: constants of the architecture, and integers, or'ed together
     * (spaces around a {@code |} allowed). A part that is no constant of the architecture and no
     * integer, or an empty part, is refused with the nearest real names.
     */
    static long constants(String word, ConstantTable constants) {
        long value = 0;
        for (String spaced : word.split("\\|", -1)) {
            String part = spaced.strip();
            if (part.isEmpty()) {
                throw new IllegalArgumentException(
                        "an empty part between the |s; write constants or integers or'ed with |");
            }
            if (looksNumeric(part)) {
                try {
                    value |= integer(part);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("'" + part + "' is " + e.getMessage(), e);
                }
            } else {
                OptionalLong v = constants.find(part);
                if (v.isEmpty()) {
                    throw new IllegalArgumentException(
                            "no constant named "
                                    + part
                                    + " on "
                                    + constants.arch()
                                    + Hints.didYouMean(constants.suggest(part)));
                }
                value |= v.getAsLong();
            }
        }
        return value;
    }

    static boolean looksNumeric(String word) {
        int start = word.startsWith("-") || word.startsWith("+") ? 1 : 0;
        return word.length() > start && Character.isDigit(word.charAt(start));
    }

    /**
     * A number the command line gave for {@code what} ("NR", "errno"), as {@link #integer} reads it
     * and within {@code [min, max]}.
     *
     * @throws ParameterException (exit status 2) naming the word and what is wrong with it
     */
    static long number(CommandLine cli, String word, String what, long min, long max) {
        long value;
        try {
            value = integer(word);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(cli, what + " '" + word + "': " + e.getMessage());
        }
        if (value < min || value > max) {
            throw new ParameterException(
                    cli,
                    what + " '" + word + "': out of range; it runs from " + min + " to " + max);
        }
        return value;
    }

    /** A C integer literal, signed or unsigned, that fits in 64 bits. */
    static long integer(String word) {
        boolean negative = word.startsWith("-");
        String digits = negative || word.startsWith("+") ? word.substring(1) : word;
        int radix = 10;
        if (digits.startsWith("0x") || digits.startsWith("0X")) {
            radix = 16;
            digits = digits.substring(2);
        } else if (digits.length() > 1 && digits.startsWith("0")) {
            radix = 8;
            digits = digits.substring(1);
        }
        BigInteger value;
        try {
            if (digits.isEmpty() || !Character.isLetterOrDigit(digits.charAt(0))) {
                throw new NumberFormatException();
            }
            value = new BigInteger(digits, radix);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an integer (decimal, 0x hex or 0 octal)");
        }
        if (negative) {
            value = value.negate();
        }
        if (value.compareTo(MIN) < 0 || value.compareTo(MAX) > 0) {
            throw new IllegalArgumentException("does not fit in 64 bits");
        }
        return value.longValue();
    }

    private static long size(String text) {
        long size;
        try {
            size = integer(text);
        } catch (IllegalArgumentException e) {
            size = -1;
        }
        if (size < 0 || size > MAX_BUFFER || !looksNumeric(text)) {
            throw new IllegalArgumentException(
                    "buf: takes a size in bytes from 0 to " + MAX_BUFFER);
        }
        return size;
    }

    /**
     * {@code size} zeroed bytes that end where a PROT_NONE page begins. The command line cannot
     * know every call's idea of its buffer's size (read's count, getcwd's size, …), so a count
     * larger than the buffer must not let the kernel reach the JVM's memory: it stops at the guard
     * page instead, as in C, and the call returns a short count or EFAULT. Ending exactly at a page
     * boundary keeps the start as aligned as the size allows (8 for a 16-byte struct).
     */
    static MemorySegment guarded(Arena arena, long size) {
        long page = ProcessCalls.pageSize();
        long rounded = (size + page - 1) / page * page;
        MemorySegment mapping =
                MemoryCalls.mmapAnonymous(arena, rounded + page, Mman.PROT_READ | Mman.PROT_WRITE);
        MemoryCalls.mprotect(mapping.asSlice(rounded, page), Mman.PROT_NONE);
        return mapping.asSlice(rounded - size, size);
    }

    private static MemorySegment string(String text, Arena arena) {
        byte[] bytes = CStrings.unescape(text);
        MemorySegment copy = guarded(arena, bytes.length + 1L);
        MemorySegment.copy(bytes, 0, copy, ValueLayout.JAVA_BYTE, 0, bytes.length);
        return copy;
    }
}
