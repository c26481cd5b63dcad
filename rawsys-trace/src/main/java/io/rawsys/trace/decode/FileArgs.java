package io.rawsys.trace.decode;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.function.BiFunction;

/**
 * The argument kinds the file decoders share: open flags, *at flags, modes, flags with strace's
 * {@code /* PREFIX_??? *}{@code /} comment, arrays, integers behind pointers.
 */
final class FileArgs {
    private FileArgs() {}

    /**
     * strace's printflags: names joined by {@code |} and the bits left in hex; a value that no name
     * covers at all as {@code 0x80 /* UNKNOWN *}{@code /}.
     */
    static String flags(Call c, Xlat table, long value, String unknown) {
        return table.flags(c.arch(), value, unknown);
    }

    /** Flags of {@code table} from an int argument, strace's printflags. */
    static Arg flags(Xlat table, String unknown) {
        return (c, at) -> flags(c, table, c.uint(at), unknown);
    }

    /**
     * One value of {@code table} from an int argument, {@code 0x7 /* UNKNOWN *}{@code /} if none.
     */
    static Arg xval(Xlat table, String unknown) {
        return (c, at) -> xval(c, table, c.uint(at), unknown);
    }

    static String xval(Call c, Xlat table, long value, String unknown) {
        return table.value(c.arch(), value, unknown);
    }

    /** {@code O_RDWR|O_CREAT|…}: the access mode first, then the other flags. */
    static String openFlags(Call c, long flags) {
        return OpenFlags.text(c.arch(), flags);
    }

    static final Arg OPEN_FLAGS = (c, at) -> openFlags(c, c.uint(at));

    /** Whether open's flags make it read a mode: O_CREAT or O_TMPFILE. */
    static boolean takesMode(Call c, long flags) {
        long create =
                c.arch().constants().value("O_CREAT") | c.arch().constants().value("__O_TMPFILE");
        return (flags & create) != 0;
    }

    /** The flags of the descriptor calls (dup3, pipe2): open's, without the access mode. */
    static final Arg DESCRIPTOR_FLAGS = flags(FileTables.OPEN_FLAGS, "O_???");

    /** *at flags. */
    static final Arg AT_FLAGS = flags(FileTables.AT_FLAGS, "AT_???");

    /** A mode of permission bits only, as chmod and mkdir take it: {@code 0644}. */
    static final Arg UMODE = (c, at) -> Text.octal(c.uint(at) & 0xffff);

    /** {@code S_IFREG|S_ISUID|0755}: a mode with its file type, as stat reports it. */
    static String symbolicMode(Call c, long mode) {
        return Xlat.composite(Text.octal(mode), () -> modeNames(c, mode));
    }

    private static String modeNames(Call c, long mode) {
        long typeMask = c.arch().constants().value("S_IFMT");
        String type = "";
        if ((mode & typeMask) != 0) {
            type = FileTables.FILE_TYPES.name(c.arch(), mode & typeMask);
            if (type == null) {
                return Text.octal(mode);
            }
        }
        StringBuilder s = new StringBuilder(type);
        if (!type.isEmpty()) {
            s.append('|');
        }
        long rest = mode & ~typeMask;
        for (String bit : new String[] {"S_ISUID", "S_ISGID", "S_ISVTX"}) {
            long value = c.arch().constants().value(bit);
            if ((mode & value) != 0) {
                s.append(bit).append('|');
                rest &= ~value;
            }
        }
        return s.append(Text.octal(rest)).toString();
    }

    /** A descriptor or {@code AT_FDCWD}, from an int. */
    static String dirfd(Call c, int fd) {
        return fd == (int) c.arch().constants().value("AT_FDCWD")
                ? Xlat.styled(Integer.toString(fd), "AT_FDCWD")
                : Args.fdText(c, fd);
    }

    /**
     * An int the kernel reads or writes through a pointer: {@code [42]}, or the address if it
     * cannot be read (or, at exit, the call failed).
     */
    static String intAt(Call c, long address, boolean atExit) {
        if (address == 0) {
            return "NULL";
        }
        if (atExit && c.failed()) {
            return Text.pointer(address);
        }
        MemorySegment bytes = Structs.bytes(c, address, 4);
        if (bytes == null) {
            return Text.pointer(address);
        }
        return "["
                + bytes.get(ValueLayout.JAVA_INT_UNALIGNED.withOrder(c.arch().byteOrder()), 0)
                + "]";
    }

    /** A 64-bit signed integer behind a pointer (an loff_t): {@code [42]}, or the address. */
    static String longAt(Call c, long address, boolean atExit) {
        return numberAt(c, address, 8, true, atExit);
    }

    /**
     * A {@code size}-byte integer behind a pointer, signed or not: {@code [42]}, or the address if
     * it cannot be read (or, at exit, the call failed).
     */
    static String numberAt(Call c, long address, int size, boolean signed, boolean atExit) {
        if (address == 0) {
            return "NULL";
        }
        if (atExit && c.failed()) {
            return Text.pointer(address);
        }
        MemorySegment bytes = Structs.bytes(c, address, size);
        if (bytes == null) {
            return Text.pointer(address);
        }
        var order = c.arch().byteOrder();
        long value =
                size == 8
                        ? bytes.get(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(order), 0)
                        : bytes.get(ValueLayout.JAVA_INT_UNALIGNED.withOrder(order), 0);
        if (!signed && size == 4) {
            value &= 0xffff_ffffL;
        }
        return "[" + (signed ? Long.toString(value) : Long.toUnsignedString(value)) + "]";
    }

    /** The tracee's {@code long} at {@code offset} in {@code bytes}. */
    static long traceeLong(Call c, MemorySegment bytes, long offset) {
        return c.arch().wordSize() == 4
                ? bytes.get(ValueLayout.JAVA_INT_UNALIGNED.withOrder(c.arch().byteOrder()), offset)
                : bytes.get(
                        ValueLayout.JAVA_LONG_UNALIGNED.withOrder(c.arch().byteOrder()), offset);
    }

    /**
     * strace's print_array: {@code [a, b, c]} with each element as {@code element} prints the bytes
     * it is given; without -v at most -s elements, then {@code ...}; the address when the first
     * cannot be read, {@code ... /* 0x… *}{@code /} when a later one cannot; {@code []} for none.
     */
    static String array(
            Call c,
            long address,
            long count,
            int elementSize,
            BiFunction<MemorySegment, Long, String> element) {
        long limit = c.settings().verbose() ? Long.MAX_VALUE : c.settings().stringLimit();
        return array(c, address, count, elementSize, limit, true, element);
    }

    /**
     * The same, with {@code ...} after {@code limit} elements, and, unless {@code afterFailure},
     * the address at the exit of a call that failed (strace's tfetch_mem).
     */
    static String array(
            Call c,
            long address,
            long count,
            int elementSize,
            long limit,
            boolean afterFailure,
            BiFunction<MemorySegment, Long, String> element) {
        if (address == 0) {
            return "NULL";
        }
        if (count == 0) {
            return "[]";
        }
        if (!afterFailure && !Peek.fetchable(c)) {
            return Text.pointer(address);
        }
        StringBuilder s = new StringBuilder();
        // strace's order: read the element, open the bracket, then stop at the -s limit (so -s 0
        // prints "[...]", and an array it cannot read at all its address)
        for (long i = 0; i < count; i++) {
            long at = address + i * elementSize;
            if (Long.compareUnsigned(at, address) < 0) {
                break; // the array runs past the end of the address space
            }
            if (i > 0) {
                s.append(", ");
            }
            MemorySegment bytes = Structs.bytes(c, at, elementSize);
            if (bytes == null) {
                if (i == 0) {
                    return Text.pointer(address);
                }
                s.append("... /* ").append(Text.pointer(at)).append(" */");
                break;
            }
            if (i == 0) {
                s.append('[');
            }
            if (i >= limit) {
                s.append("...");
                break;
            }
            s.append(element.apply(bytes, i));
        }
        return s.append(']').toString();
    }

    /**
     * {@code length} bytes at {@code address} quoted as strace's printstr_ex: at most {@code limit}
     * of them, then {@code ...} if there were more; with {@code omitTrailingNul}, a last NUL byte
     * is not shown (xattr values); the address if they cannot be read.
     */
    static String string(Call c, long address, long length, int limit, boolean omitTrailingNul) {
        if (address == 0) {
            return "NULL";
        }
        long shown = Long.compareUnsigned(length, limit) > 0 ? limit : length; // a size_t
        MemorySegment bytes = shown == 0 ? MemorySegment.NULL : Structs.bytes(c, address, shown);
        if (bytes == null) {
            return Text.pointer(address);
        }
        byte[] data = bytes.toArray(ValueLayout.JAVA_BYTE);
        int n = data.length;
        if (omitTrailingNul && shown == length && n > 0 && data[n - 1] == 0) {
            n--;
        }
        String quoted = Text.quote(data, n, c.settings().hex());
        return Long.compareUnsigned(length, limit) > 0 ? quoted + "..." : quoted;
    }

    /** The page size strace assumes for the tail of an extensible struct. */
    static final long PAGE_SIZE = 4096;

    /**
     * strace's print_nonzero_bytes: the bytes of an extensible struct past the ones the decoder
     * knows, from {@code from} to {@code to}: nothing if all are zero, {@code , ???} if they cannot
     * be read, else {@code , /* bytes 24..39 *}{@code / "\x00…"} in hex, cut at -s.
     */
    static String nonzeroBytes(Call c, long address, long from, long to) {
        MemorySegment bytes = Structs.bytes(c, address + from, to - from);
        if (bytes == null) {
            return ", ???";
        }
        byte[] data = bytes.toArray(ValueLayout.JAVA_BYTE);
        boolean zero = true;
        for (byte b : data) {
            zero &= b == 0;
        }
        if (zero) {
            return "";
        }
        int shown = Math.min(data.length, c.settings().stringLimit());
        return ", /* bytes "
                + from
                + ".."
                + (to - 1)
                + " */ "
                + Text.quote(data, shown, true)
                + (shown < data.length ? "..." : "");
    }

    /**
     * {@code [{iov_base="…", iov_len=5}, …]}: with {@code data} ≥ 0, only that many bytes in all
     * are shown (what readv returned); with {@code addresses}, the bases as pointers.
     */
    static String iovecs(Call c, long address, long count, long data, boolean addresses) {
        int word = c.arch().wordSize();
        long[] left = {data};
        return array(
                c,
                address,
                count,
                2 * word,
                (MemorySegment bytes, Long i) -> {
                    long base = word == 8 ? traceeLong(c, bytes, 0) : unsigned(c, bytes, 0);
                    long length = word == 8 ? traceeLong(c, bytes, word) : unsigned(c, bytes, word);
                    String shown;
                    if (addresses) {
                        shown = Text.pointer(base);
                    } else {
                        long n = length;
                        if (left[0] >= 0) {
                            n = Long.compareUnsigned(n, left[0]) > 0 ? left[0] : n;
                            left[0] -= n;
                        }
                        shown = Args.buffer(c, base, n, false);
                    }
                    return "{iov_base="
                            + shown
                            + ", iov_len="
                            + Long.toUnsignedString(length)
                            + "}";
                });
    }

    private static long unsigned(Call c, MemorySegment bytes, long offset) {
        return traceeLong(c, bytes, offset) & 0xffff_ffffL;
    }

    /** {@code makedev(0x88, 0)}: glibc's major and minor of a dev_t. */
    static String makedev(long dev) {
        long major = ((dev >>> 8) & 0xfff) | ((dev >>> 32) & ~0xfffL);
        long minor = (dev & 0xff) | ((dev >>> 12) & ~0xffL);
        return "makedev(" + Text.hex(major) + ", " + Text.hex(minor) + ")";
    }

    /** pipe's two descriptors, written by the kernel: {@code [3, 4]}, or the address. */
    static final Arg PIPE_FDS =
            Arg.atExit(
                    (c, at) -> {
                        long address = c.ulong(at);
                        MemorySegment fds = c.failed() ? null : Structs.bytes(c, address, 8);
                        if (fds == null) {
                            return Text.pointer(address);
                        }
                        ValueLayout.OfInt ints =
                                ValueLayout.JAVA_INT_UNALIGNED.withOrder(c.arch().byteOrder());
                        return "["
                                + Args.fdText(c, fds.get(ints, 0))
                                + ", "
                                + Args.fdText(c, fds.get(ints, 4))
                                + "]";
                    });
}
