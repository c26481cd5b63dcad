package io.rawsys.trace.decode;

/**
 * NUMA memory policies and memory shared with or taken from processes, as strace 6.1's numa.c,
 * mem.c, process_vm.c, memfd_secret.c, pkeys.c and userfaultfd.c print them: mbind, set_mempolicy,
 * get_mempolicy (everything at exit), migrate_pages, move_pages (the status the kernel writes at
 * exit), memfd_secret, pkey_alloc, pkey_free, userfaultfd, process_madvise, process_mrelease,
 * process_vm_readv (the local buffers with what was read, at exit), process_vm_writev and
 * remap_file_pages.
 */
final class ProcessMemoryDecoders {
    private ProcessMemoryDecoders() {}

    static final Xlat MODES = Xlat.load("mpol_modes");
    static final Xlat MODE_FLAGS = Xlat.load("mpol_mode_flags");
    static final Xlat MBIND_FLAGS = Xlat.load("mbind_flags");
    static final Xlat GET_FLAGS = Xlat.load("get_mempolicy_flags");
    static final Xlat MOVE_FLAGS = Xlat.load("move_pages_flags");
    static final Xlat SECRET_FLAGS = Xlat.load("memfd_secret_flags");
    static final Xlat PKEY_ACCESS = Xlat.load("pkey_access");
    static final Xlat UFFD_USER_MODE = Xlat.load("uffd_user_mode_flags");
    static final Xlat UFFD_FLAGS = Xlat.load("uffd_flags");
    static final Xlat MADVICE = Xlat.load("madvise_cmds");
    static final Xlat PROT = Xlat.load("mmap_prot");

    /** MPOL_F_STATIC_NODES, MPOL_F_RELATIVE_NODES and MPOL_F_NUMA_BALANCING. */
    private static final long MODE_FLAG_MASK = 0x8000 | 0x4000 | 0x2000;

    static void register(Decoders d) {
        d.add(
                "mbind",
                Coded.atEntry(
                        c -> {
                            c.print(Text.pointer(c.ulong(0)));
                            c.print(Long.toUnsignedString(c.ulong(1)));
                            c.print(mode(c, c.ulong(2)));
                            c.print(nodemask(c, c.ulong(3), c.ulong(4)));
                            c.print(Long.toUnsignedString(c.ulong(4)));
                            c.print(FileArgs.flags(c, MBIND_FLAGS, c.uint(5), "MPOL_???"));
                        }));
        d.add(
                "set_mempolicy",
                Coded.atEntry(
                        c -> {
                            c.print(mode(c, c.uint(0)));
                            c.print(nodemask(c, c.ulong(1), c.ulong(2)));
                            c.print(Long.toUnsignedString(c.ulong(2)));
                        }));
        d.add(
                "get_mempolicy",
                Coded.split(
                        c -> {},
                        c -> {
                            c.print(
                                    UapiStructs.at(
                                            c,
                                            c.ulong(0),
                                            4,
                                            s ->
                                                    "["
                                                            + MODES.value(
                                                                    c.arch(),
                                                                    UapiStructs.s32(c, s, 0))
                                                            + "]"));
                            c.print(nodemask(c, c.ulong(1), c.ulong(2)));
                            c.print(Long.toUnsignedString(c.ulong(2)));
                            c.print(Text.pointer(c.ulong(3)));
                            c.print(FileArgs.flags(c, GET_FLAGS, c.ulong(4), "MPOL_???"));
                        }));
        d.add(
                "migrate_pages",
                Coded.atEntry(
                        c -> {
                            c.print(Integer.toString(c.sint(0)));
                            c.print(Long.toUnsignedString(c.ulong(1)));
                            c.print(nodemask(c, c.ulong(2), c.ulong(1)));
                            c.print(nodemask(c, c.ulong(3), c.ulong(1)));
                        }));
        d.add(
                "move_pages",
                Coded.split(
                        c -> {
                            long count = c.ulong(1);
                            int word = c.arch().wordSize();
                            c.print(Integer.toString(c.sint(0)));
                            c.print(Long.toUnsignedString(count));
                            c.print(
                                    UapiStructs.array(
                                            c,
                                            c.ulong(2),
                                            count,
                                            word,
                                            (e, i) -> Text.pointer(UapiStructs.word(c, e, 0))));
                            c.print(
                                    UapiStructs.array(
                                            c,
                                            c.ulong(3),
                                            count,
                                            4,
                                            (e, i) -> Integer.toString(UapiStructs.s32(c, e, 0))));
                        },
                        c -> {
                            c.print(
                                    UapiStructs.array(
                                            c,
                                            c.ulong(4),
                                            c.ulong(1),
                                            4,
                                            (e, i) -> status(c, UapiStructs.s32(c, e, 0))));
                            c.print(FileArgs.flags(c, MOVE_FLAGS, c.uint(5), "MPOL_???"));
                        }));
        d.add("memfd_secret", new Signature(Args.flags(SECRET_FLAGS)).returning(Results.FD));
        d.add(
                "pkey_alloc",
                new Signature(
                        Args.HEX,
                        (c, at) -> FileArgs.flags(c, PKEY_ACCESS, c.ulong(at), "PKEY_???")));
        d.add("pkey_free", new Signature(Args.INT));
        d.add("userfaultfd", Coded.atEntry(c -> c.print(uffdFlags(c, c.uint(0))), Results.FD));
        d.add(
                "process_madvise",
                Coded.atEntry(
                        c -> {
                            c.print(Args.fdText(c, c.sint(0)));
                            c.print(iovecs(c, c.ulong(1), c.ulong(2), -1, true));
                            c.print(Long.toUnsignedString(c.ulong(2)));
                            c.print(MADVICE.value(c.arch(), c.uint(3)));
                            c.print(Text.hex(c.uint(4)));
                        }));
        d.add(
                "process_mrelease",
                Coded.atEntry(
                        c -> {
                            c.print(Args.fdText(c, c.sint(0)));
                            c.print(Text.hex(c.uint(1)));
                        }));
        d.add(
                "process_vm_readv",
                Coded.split(
                        c -> c.print(Integer.toString(c.sint(0))),
                        c -> {
                            // the local buffers as far as the call read into them; their
                            // addresses if it failed
                            c.print(
                                    iovecs(
                                            c,
                                            c.ulong(1),
                                            c.ulong(2),
                                            c.failed() ? -1 : c.result(),
                                            c.failed()));
                            vmRest(c);
                        }));
        d.add(
                "process_vm_writev",
                Coded.atEntry(
                        c -> {
                            c.print(Integer.toString(c.sint(0)));
                            c.print(iovecs(c, c.ulong(1), c.ulong(2), -1, false));
                            vmRest(c);
                        }));
        d.add(
                "remap_file_pages",
                Coded.atEntry(
                        c -> {
                            c.print(Text.pointer(c.ulong(0)));
                            c.print(Long.toUnsignedString(c.ulong(1)));
                            c.print(FileArgs.flags(c, PROT, c.ulong(2), "PROT_???"));
                            c.print(Long.toUnsignedString(c.ulong(3)));
                            c.print(MapFlags.text(c, c.ulong(4)));
                        }));
    }

    /** process_vm_*'s local count, remote iovecs (as addresses), remote count and flags. */
    private static void vmRest(Call c) {
        c.print(Long.toUnsignedString(c.ulong(2)));
        c.print(iovecs(c, c.ulong(3), c.ulong(4), -1, true));
        c.print(Long.toUnsignedString(c.ulong(4)));
        c.print(Long.toUnsignedString(c.ulong(5)));
    }

    /** strace's tprint_iov_upto, {@link UapiStructs#iovecs}. */
    private static String iovecs(Call c, long address, long count, long data, boolean addresses) {
        return UapiStructs.iovecs(c, address, count, data, addresses);
    }

    /**
     * strace's print_mode: {@code MPOL_BIND}, {@code MPOL_BIND|MPOL_F_STATIC_NODES}; an unknown
     * mode with flags as flags and the rest in hex, without flags in hex with a comment.
     */
    private static String mode(Call c, long mode) {
        long flags = mode & MODE_FLAG_MASK;
        long bare = mode & ~MODE_FLAG_MASK;
        if (flags == 0) {
            return MODES.value(c.arch(), bare);
        }
        String name = MODES.name(c.arch(), bare);
        if (name == null) {
            return FileArgs.flags(c, MODE_FLAGS, mode, "MPOL_???");
        }
        return name + "|" + MODE_FLAGS.flags(c.arch(), flags);
    }

    /**
     * strace's print_nodemask: the words of a mask of {@code maxnodes} bits (one fewer, as the
     * kernel reads it), each as a zero-padded hex word; the address when the count overflows.
     */
    private static String nodemask(Call c, long address, long maxnodes) {
        int word = c.arch().wordSize();
        long bits = 8L * word;
        long count = Long.divideUnsigned(maxnodes + bits - 2, bits);
        if (Long.compareUnsigned(count, Long.divideUnsigned(maxnodes, bits)) < 0
                || (maxnodes != 0 && count == 0)) {
            return Text.pointer(address);
        }
        return UapiStructs.array(
                c, address, count, word, (e, i) -> zeroPadded(UapiStructs.word(c, e, 0), word));
    }

    /** C's {@code %#0*lx} with a width of two digits a byte: {@code 0x000001}, zero all zeros. */
    private static String zeroPadded(long value, int bytes) {
        int width = 2 * bytes;
        if (value == 0) {
            return "0".repeat(width);
        }
        String digits = Long.toHexString(value);
        return "0x" + "0".repeat(Math.max(0, width - 2 - digits.length())) + digits;
    }

    /** A page's status from move_pages: its node, or {@code -EFAULT}. */
    private static String status(Call c, int status) {
        if (status < 0) {
            var name = c.arch().errnos().name(-status);
            if (name.isPresent()) {
                return "-" + name.get();
            }
        }
        return Integer.toString(status);
    }

    /**
     * userfaultfd's flags as strace's uffd_flags prints them: UFFD_USER_MODE_ONLY first, then the
     * O_ flags, the bits left in hex; {@code 0x100 /* UFFD_??? *}{@code /} when none has a name.
     */
    private static String uffdFlags(Call c, long flags) {
        StringBuilder s = new StringBuilder();
        long rest = flags;
        for (Xlat table : new Xlat[] {UFFD_USER_MODE, UFFD_FLAGS}) {
            for (Xlat.Entry e : table.entries(c.arch())) {
                if (e.value() != 0 && (rest & e.value()) == e.value()) {
                    s.append(s.isEmpty() ? "" : "|").append(e.name());
                    rest &= ~e.value();
                }
            }
        }
        if (s.isEmpty()) {
            return flags == 0 ? "0" : Text.hex(flags) + " /* UFFD_??? */";
        }
        return rest == 0 ? s.toString() : s + "|" + Text.hex(rest);
    }
}
