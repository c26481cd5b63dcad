package io.rawsys.trace.decode;

import java.lang.foreign.MemorySegment;

/**
 * name_to_handle_at and open_by_handle_at, as strace 6.1's file_handle.c prints them: {@code struct
 * file_handle} with its size (and, at name_to_handle_at's exit, the size the kernel wrote, {@code
 * old => new}), its type and its bytes in hex (up to MAX_HANDLE_SZ, 128), the mount id the kernel
 * wrote, and the flags.
 */
final class FileHandleDecoders {
    private FileHandleDecoders() {}

    private static final Xlat FLAGS = Xlat.load("name_to_handle_at_flags");

    /** The kernel's MAX_HANDLE_SZ: the most of f_handle strace prints. */
    private static final long MAX_HANDLE_SZ = 128;

    /** handle_bytes and handle_type, before f_handle. */
    private static final long HEADER = 8;

    static void register(Decoders d) {
        d.add(
                "name_to_handle_at",
                new Coded(
                        FileHandleDecoders::nameEntry,
                        c -> false,
                        FileHandleDecoders::nameExit,
                        Results.DECIMAL,
                        c -> c.state() != null ? "" : ", "));
        d.add("open_by_handle_at", Coded.atEntry(FileHandleDecoders::open));
    }

    /** The size name_to_handle_at's caller gave, kept for the exit. */
    private record Given(long bytes) {}

    private static void nameEntry(Call c) {
        c.print(Args.DIRFD.print(c, 0));
        c.print(Args.PATH.print(c, 1));
        long handle = c.ulong(2);
        MemorySegment h = Peek.fetch(c, handle, HEADER);
        if (h == null) {
            c.print(Text.pointer(handle));
            c.print(Text.pointer(c.ulong(3)));
            c.print(FLAGS.flags(c.arch(), c.uint(4)));
            return;
        }
        long bytes = Integer.toUnsignedLong(Peek.intAt(c, h, 0));
        c.print("{handle_bytes=" + bytes);
        c.state(new Given(bytes));
    }

    private static void nameExit(Call c) {
        Given given = c.state();
        if (given == null) {
            return; // all printed at entry
        }
        long handle = c.ulong(2);
        StringBuilder s = new StringBuilder();
        boolean overflow =
                c.failed()
                        && c.arch().errnos().name((int) -c.result()).orElse("").equals("EOVERFLOW");
        MemorySegment h = !c.failed() || overflow ? Peek.peek(c, handle, HEADER) : null;
        if (h != null) {
            long bytes = Integer.toUnsignedLong(Peek.intAt(c, h, 0));
            if (bytes != given.bytes()) {
                s.append(" => ").append(bytes);
            }
            if (!c.failed()) {
                s.append(", handle_type=").append(Peek.intAt(c, h, 4));
                s.append(", f_handle=").append(bytes(c, handle, bytes));
            }
        }
        c.print(s.append('}').toString());
        c.print(FileArgs.intAt(c, c.ulong(3), true));
        c.print(FLAGS.flags(c.arch(), c.uint(4)));
    }

    private static void open(Call c) {
        c.print(Args.FD.print(c, 0));
        long handle = c.ulong(1);
        MemorySegment h = Peek.fetch(c, handle, HEADER);
        if (h == null) {
            c.print(Text.pointer(handle));
        } else {
            long bytes = Integer.toUnsignedLong(Peek.intAt(c, h, 0));
            c.print(
                    "{handle_bytes="
                            + bytes
                            + ", handle_type="
                            + Peek.intAt(c, h, 4)
                            + ", f_handle="
                            + bytes(c, handle, bytes)
                            + "}");
        }
        c.print(FileArgs.OPEN_FLAGS.print(c, 2));
    }

    /** f_handle's bytes, all in hex, cut at MAX_HANDLE_SZ; {@code ???} when unreadable. */
    private static String bytes(Call c, long handle, long count) {
        int length = (int) Math.min(count, MAX_HANDLE_SZ);
        MemorySegment b =
                Long.compareUnsigned(handle + HEADER, HEADER) > 0
                        ? (length == 0
                                ? MemorySegment.ofArray(new byte[0])
                                : Peek.peek(c, handle + HEADER, length))
                        : null;
        if (b == null) {
            return "???";
        }
        String text = Text.quote(Peek.array(b, 0, length), length, true);
        return count > length ? text + "..." : text;
    }
}
