package io.rawsys.trace.decode;

import java.lang.foreign.MemorySegment;

/**
 * Memory: brk, mmap in its three forms (x86_64's, i386's mmap2 with an offset in pages, and i386's
 * old mmap with its arguments in memory), munmap, mprotect, madvise, mremap, msync, the mlock calls
 * and mincore. Addresses returned print in hex.
 */
final class MemoryDecoders {
    private MemoryDecoders() {}

    static final Xlat PROT = Xlat.load("mmap_prot");

    static final Xlat MADV = Xlat.load("madvise_cmds");

    static final Xlat MREMAP = Xlat.load("mremap_flags");
    static final Xlat MSYNC = Xlat.load("mctl_sync");
    static final Xlat MCL = Xlat.load("mlockall_flags");
    static final Xlat MLOCK = Xlat.load("mlock_flags");
    static final Xlat SHADOW_STACK = Xlat.load("shadow_stack_flags");

    private static final Arg SIZE = Args.ULONG;
    private static final Arg PROT_ARG = (c, at) -> PROT.flags(c.arch(), c.ulong(at));

    static void register(Decoders d) {
        d.add("brk", new Signature(Args.PTR).returning(Results.HEX));
        d.add(
                "mmap",
                Coded.atEntry(
                                c -> {
                                    if (c.arch().name().equals("i386")) {
                                        oldMmap(c);
                                    } else {
                                        mmap(c, words(c), c.ulong(5));
                                    }
                                })
                        .returning(Results.HEX));
        d.add(
                "mmap2",
                Coded.atEntry(c -> mmap(c, words(c), c.ulong(5) * pageSize()))
                        .returning(Results.HEX));
        d.add("munmap", new Signature(Args.PTR, SIZE));
        d.add("mprotect", new Signature(Args.PTR, SIZE, PROT_ARG));
        d.add("pkey_mprotect", new Signature(Args.PTR, SIZE, PROT_ARG, Args.INT));
        d.add("madvise", new Signature(Args.PTR, SIZE, Args.xlat(MADV)));
        // strace 6.10+ (src/mem.c): the flags in hex, all 64 bits (the kernel takes none yet)
        d.add("mseal", new Signature(Args.PTR, SIZE, Args.HEX));
        // strace 6.6+ (src/map_shadow_stack.c): the address it returns in unsigned decimal
        d.add(
                "map_shadow_stack",
                new Signature(
                                Args.PTR,
                                SIZE,
                                (c, at) ->
                                        FileArgs.flags(
                                                c, SHADOW_STACK, c.uint(at), "SHADOW_STACK_???"))
                        .returning(c -> Long.toUnsignedString(c.result())));
        d.add(
                "mremap",
                Coded.atEntry(
                                c -> {
                                    c.print(Text.pointer(c.ulong(0)));
                                    c.print(Long.toUnsignedString(c.ulong(1)));
                                    c.print(Long.toUnsignedString(c.ulong(2)));
                                    long flags = c.ulong(3);
                                    c.print(MREMAP.flags(c.arch(), flags));
                                    long both =
                                            c.arch().constants().value("MREMAP_MAYMOVE")
                                                    | c.arch().constants().value("MREMAP_FIXED");
                                    if ((flags & both) == both) {
                                        c.print(Text.pointer(c.ulong(4)));
                                    }
                                })
                        .returning(Results.HEX));
        d.add("msync", new Signature(Args.PTR, SIZE, Args.flags(MSYNC)));
        d.add("mlock", new Signature(Args.PTR, SIZE));
        d.add("munlock", new Signature(Args.PTR, SIZE));
        d.add("mlock2", new Signature(Args.PTR, SIZE, Args.flags(MLOCK)));
        d.add("mlockall", new Signature(Args.flags(MCL)));
        d.add("munlockall", new Signature());
        d.add(
                "mincore",
                Coded.split(
                        c -> {
                            c.print(Text.pointer(c.ulong(0)));
                            c.print(Long.toUnsignedString(c.ulong(1)));
                        },
                        c -> c.print(mincoreVector(c))));
    }

    /**
     * The page size strace multiplies mmap2's offset by and counts mincore's pages in: its own,
     * which is 4096 on x86, the only machines whose tracees have mmap2 here.
     */
    private static long pageSize() {
        return 4096;
    }

    private static long[] words(Call c) {
        long[] w = new long[6];
        for (int i = 0; i < 6; i++) {
            w[i] = c.ulong(i);
        }
        return w;
    }

    /** i386's old mmap: its six arguments are words in the tracee's memory. */
    private static void oldMmap(Call c) {
        MemorySegment args = Structs.bytes(c, c.ulong(0), 6 * 4L);
        if (args == null) {
            c.print(Text.pointer(c.ulong(0)));
            return;
        }
        long[] w = new long[6];
        for (int i = 0; i < 6; i++) {
            w[i] = Integer.toUnsignedLong(ProcessStructs.int32(c, args.asSlice(i * 4L)));
        }
        mmap(c, w, w[5]);
    }

    private static void mmap(Call c, long[] w, long offset) {
        c.print(Text.pointer(w[0]));
        c.print(Long.toUnsignedString(w[1]));
        c.print(PROT.flags(c.arch(), w[2]));
        c.print(mapFlags(c, w[3]));
        c.print(Args.fdText(c, (int) w[4]));
        c.print(Text.hex(offset));
    }

    static String mapFlags(Call c, long flags) {
        return MapFlags.text(c, flags);
    }

    /** {@code [1, 0, 1]}: one residency bit per page, at most -s of them. */
    private static String mincoreVector(Call c) {
        long vector = c.ulong(2);
        if (vector == 0) {
            return "NULL";
        }
        if (c.failed()) {
            return Text.pointer(vector);
        }
        long length = c.ulong(1);
        long pages = (length + pageSize() - 1) / pageSize();
        return ProcessStructs.array(c, vector, pages, 1, e -> Long.toString(e & 1));
    }
}
