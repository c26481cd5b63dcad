package io.rawsys.trace.decode;

import static io.rawsys.trace.decode.Arg.atExit;
import static io.rawsys.trace.decode.Args.FD;
import static io.rawsys.trace.decode.Args.UINT;

import java.lang.foreign.MemorySegment;

/**
 * getdents and getdents64, as strace prints them without -v: the buffer's address and how many
 * entries the kernel wrote into it, {@code 0x… /* 30 entries *}{@code /}.
 */
final class DirentDecoders {
    private DirentDecoders() {}

    static void register(Decoders d) {
        d.add("getdents", new Signature(FD, entries("linux_dirent"), atExit(UINT)));
        d.add("getdents64", new Signature(FD, entries("linux_dirent64"), atExit(UINT)));
    }

    private static Arg entries(String struct) {
        return atExit(
                (c, at) -> {
                    long address = c.ulong(at);
                    if (c.failed()) {
                        return Text.pointer(address);
                    }
                    long length = c.result();
                    MemorySegment records = length == 0 ? null : Structs.bytes(c, address, length);
                    if (length != 0 && records == null) {
                        return Text.pointer(address);
                    }
                    return Text.pointer(address)
                            + " /* "
                            + count(c, struct, records, length)
                            + " entries */";
                });
    }

    /** How many records the kernel wrote, following each record's length. */
    private static long count(Call c, String struct, MemorySegment records, long length) {
        var reclen = Structs.member(c, struct, "d_reclen");
        long header = Structs.member(c, struct, "d_name").offset();
        long entries = 0;
        for (long i = 0; i + header <= length; entries++) {
            long size = reclen.get(records.asSlice(i));
            if (size == 0) {
                break;
            }
            i += size;
        }
        return entries;
    }
}
