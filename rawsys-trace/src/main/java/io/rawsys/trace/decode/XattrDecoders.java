package io.rawsys.trace.decode;

import static io.rawsys.trace.decode.Arg.atExit;
import static io.rawsys.trace.decode.Args.FD;
import static io.rawsys.trace.decode.Args.PATH;
import static io.rawsys.trace.decode.Args.STRING;
import static io.rawsys.trace.decode.Args.ULONG;

/**
 * Extended attributes: set, get, list and remove, each by path, by path without following a
 * symbolic link (l), and by descriptor (f). Values are printed as strings without their final NUL,
 * as strace 6.1 does.
 */
final class XattrDecoders {
    private XattrDecoders() {}

    /** The kernel's largest value (XATTR_SIZE_MAX): strace prints the address of larger ones. */
    private static final long SIZE_MAX = 65536;

    /** A value the kernel reads, {@code size} (the next word) bytes long. */
    private static final Arg VALUE_IN = (c, at) -> value(c, c.ulong(at), c.ulong(at + 1));

    /** A value the kernel wrote, as long as the call returned, or the address on failure. */
    private static final Arg VALUE_OUT =
            atExit((c, at) -> value(c, c.ulong(at), c.failed() ? -1 : c.result()));

    /** A list of NUL-separated names, as long as returned; the address for a size of 0. */
    private static final Arg LIST =
            atExit(
                    (c, at) ->
                            c.ulong(at + 1) == 0 || c.failed()
                                    ? Text.pointer(c.ulong(at))
                                    : Args.buffer(c, c.ulong(at), c.result(), false));

    private static String value(Call c, long address, long size) {
        if (Long.compareUnsigned(size, SIZE_MAX) > 0) {
            return Text.pointer(address);
        }
        return FileArgs.string(c, address, size, c.settings().stringLimit(), true);
    }

    static void register(Decoders d) {
        Arg flags = FileArgs.flags(FileTables.XATTR, "XATTR_???");
        for (String prefix : new String[] {"", "l", "f"}) {
            Arg target = prefix.equals("f") ? FD : PATH;
            d.add(prefix + "setxattr", new Signature(target, STRING, VALUE_IN, ULONG, flags));
            d.add(prefix + "getxattr", new Signature(target, STRING, VALUE_OUT, atExit(ULONG)));
            d.add(prefix + "listxattr", new Signature(target, LIST, atExit(ULONG)));
            d.add(prefix + "removexattr", new Signature(target, STRING));
        }
    }
}
