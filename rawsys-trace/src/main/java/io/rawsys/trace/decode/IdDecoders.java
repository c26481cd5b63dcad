package io.rawsys.trace.decode;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Identities: the calls without arguments that return an id, user and group ids (i386's 16-bit
 * calls and their {@code 32} twins), process groups and sessions, pidfd_open, and capget/capset.
 */
final class IdDecoders {
    private IdDecoders() {}

    static final Xlat CAP_VERSIONS = Xlat.load("cap_version");

    static void register(Decoders d) {
        Decoder none = new Signature();
        for (String name :
                new String[] {
                    "getuid",
                    "getgid",
                    "geteuid",
                    "getegid",
                    "getuid32",
                    "getgid32",
                    "geteuid32",
                    "getegid32",
                }) {
            d.add(name, none);
        }
        for (String name : new String[] {"getppid", "getpgrp", "gettid", "getpid", "setsid"}) {
            d.add(name, new Signature().returning(Results.PID));
        }
        for (String base : new String[] {"uid", "gid"}) {
            for (String suffix : new String[] {"", "32"}) {
                d.add("set" + base + suffix, ids(1));
                d.add("setfs" + base + suffix, ids(1));
                d.add("setre" + base + suffix, ids(2));
                d.add("setres" + base + suffix, ids(3));
                d.add(
                        "getres" + base + suffix,
                        Coded.split(
                                c -> {},
                                c -> {
                                    for (int i = 0; i < 3; i++) {
                                        c.print(idAt(c, c.ulong(i)));
                                    }
                                }));
            }
        }
        d.add("getpgid", new Signature(Args.PID).returning(Results.PID));
        d.add("getsid", new Signature(Args.PID).returning(Results.PID));
        d.add("setpgid", new Signature(Args.PID, Args.PID));
        d.add(
                "pidfd_open",
                new Signature(Args.PID, (c, at) -> pidfdFlags(c, c.uint(at)))
                        .returning(Results.FD));
        d.add(
                "capget",
                Coded.split(
                        c -> c.print(capHeader(c, c.ulong(0))),
                        c -> c.print(capData(c, c.ulong(0), c.ulong(1)))));
        d.add(
                "capset",
                Coded.atEntry(
                        c -> {
                            c.print(capHeader(c, c.ulong(0)));
                            c.print(capData(c, c.ulong(0), c.ulong(1)));
                        }));
    }

    /** Whether the call takes 16-bit ids: i386's calls without the {@code 32} suffix. */
    private static boolean narrow(Call c) {
        return c.arch().name().equals("i386") && !c.name().endsWith("32");
    }

    /** A uid or gid: {@code -1} for "unchanged", else unsigned. */
    private static String id(Call c, long value) {
        long all = narrow(c) ? 0xffffL : 0xffff_ffffL;
        value &= all;
        return value == all ? "-1" : Long.toString(value);
    }

    private static Decoder ids(int count) {
        Arg[] args = new Arg[count];
        java.util.Arrays.fill(args, (Arg) (c, at) -> id(c, c.ulong(at)));
        return new Signature(args);
    }

    private static String idAt(Call c, long address) {
        int size = narrow(c) ? 2 : 4;
        return ProcessStructs.bytes(
                c,
                address,
                size,
                s ->
                        "["
                                + id(
                                        c,
                                        size == 2
                                                ? s.get(
                                                        ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(
                                                                c.arch().byteOrder()),
                                                        0)
                                                : s.get(
                                                        ValueLayout.JAVA_INT_UNALIGNED.withOrder(
                                                                c.arch().byteOrder()),
                                                        0))
                                + "]");
    }

    /** pidfd_open's one flag, PIDFD_NONBLOCK, which linux/pidfd.h defines as O_NONBLOCK. */
    private static String pidfdFlags(Call c, long flags) {
        if (flags == 0) {
            return "0";
        }
        long nonblock = c.arch().constants().value("O_NONBLOCK");
        String text = (flags & nonblock) != 0 ? "PIDFD_NONBLOCK" : "";
        long rest = flags & ~nonblock;
        if (rest != 0) {
            text += (text.isEmpty() ? "" : "|") + Text.hex(rest);
        }
        // as strace's printflags: a value no name covers carries the table's comment
        return text.equals(Text.hex(flags)) ? text + " /* PIDFD_??? */" : text;
    }

    private static String capHeader(Call c, long address) {
        return ProcessStructs.struct(
                c,
                address,
                "user_cap_header",
                s ->
                        "{version="
                                + CAP_VERSIONS.value(
                                        c.arch(), Structs.get(c, s, "user_cap_header", "version"))
                                + ", pid="
                                + (int) Structs.get(c, s, "user_cap_header", "pid")
                                + "}");
    }

    /**
     * {@code {effective=1<<CAP_CHOWN|…, permitted=…, inheritable=0}}: version 1 has one 32-bit word
     * per set, versions 2 and 3 two.
     */
    private static String capData(Call c, long header, long address) {
        if (address == 0) {
            return "NULL";
        }
        MemorySegment h = Structs.read(c, "user_cap_header", header);
        long version = h == null ? 0 : Structs.get(c, h, "user_cap_header", "version");
        String v1 = "_LINUX_CAPABILITY_VERSION_1";
        int words =
                CAP_VERSIONS.name(c.arch(), version) == null
                        ? 0
                        : v1.equals(CAP_VERSIONS.name(c.arch(), version)) ? 1 : 2;
        long size = c.arch().layout("user_cap_data").orElseThrow().byteSize();
        if (words == 0) {
            return Text.pointer(address);
        }
        return ProcessStructs.bytes(
                c,
                address,
                size * words,
                s -> {
                    StringBuilder b = new StringBuilder("{");
                    String[] sets = {"effective", "permitted", "inheritable"};
                    for (int i = 0; i < sets.length; i++) {
                        long mask = 0;
                        for (int w = 0; w < words; w++) {
                            mask |=
                                    Structs.get(c, s.asSlice(w * size), "user_cap_data", sets[i])
                                            << (32 * w);
                        }
                        b.append(i == 0 ? "" : ", ")
                                .append(sets[i])
                                .append('=')
                                .append(caps(c, mask));
                    }
                    return b.append('}').toString();
                });
    }

    private static String caps(Call c, long mask) {
        if (mask == 0) {
            return "0";
        }
        StringBuilder b = new StringBuilder();
        long rest = mask;
        for (int bit = 0; bit < 64; bit++) {
            if ((mask >>> bit & 1) == 0) {
                continue;
            }
            String name = ProcessStructs.CAPABILITIES.name(c.arch(), bit);
            if (name != null) {
                b.append(b.isEmpty() ? "" : "|").append("1<<").append(name);
                rest &= ~(1L << bit);
            }
        }
        if (rest != 0) {
            b.append(b.isEmpty() ? "" : "|").append(Text.hex(rest));
        }
        return b.toString();
    }
}
