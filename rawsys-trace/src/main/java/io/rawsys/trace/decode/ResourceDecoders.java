package io.rawsys.trace.decode;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * What a process is and uses: resource limits (strace's {@code 8192*1024} and {@code
 * RLIM64_INFINITY}), usage, uname, sysinfo, times, getrandom (its bytes in hex), personality.
 */
final class ResourceDecoders {
    private ResourceDecoders() {}

    static final Xlat RESOURCES = Xlat.load("resources");

    static final Xlat USAGE_WHO = Xlat.load("usagewho");

    static final Xlat RANDOM_FLAGS = Xlat.load("getrandom_flags");

    static final Xlat PERSONALITY_TYPES = Xlat.load("personality_types");

    static final Xlat PERSONALITY_FLAGS = Xlat.load("personality_flags");

    private static final String[] SYSINFO_FIELDS = {
        "totalram",
        "freeram",
        "sharedram",
        "bufferram",
        "totalswap",
        "freeswap",
        "procs",
        "totalhigh",
        "freehigh",
        "mem_unit"
    };

    static void register(Decoders d) {
        Decoder getrlimit =
                Coded.split(
                        c -> c.print(RESOURCES.value(c.arch(), c.uint(0))),
                        c -> c.print(rlimit(c, c.ulong(1))));
        d.add("getrlimit", getrlimit);
        d.add("ugetrlimit", getrlimit);
        d.add(
                "setrlimit",
                Coded.atEntry(
                        c -> {
                            c.print(RESOURCES.value(c.arch(), c.uint(0)));
                            c.print(rlimit(c, c.ulong(1)));
                        }));
        d.add(
                "prlimit64",
                Coded.split(
                        c -> {
                            c.print(Integer.toString(c.sint(0)));
                            c.print(RESOURCES.value(c.arch(), c.uint(1)));
                            c.print(rlimit64(c, c.ulong(2)));
                        },
                        c -> c.print(rlimit64(c, c.ulong(3)))));
        d.add(
                "getrusage",
                Coded.split(
                        c -> c.print(USAGE_WHO.value(c.arch(), c.sint(0))),
                        c -> c.print(ProcessStructs.rusage(c, c.ulong(1)))));
        d.add("uname", Coded.split(c -> {}, c -> c.print(uname(c, c.ulong(0)))));
        d.add("sysinfo", Coded.split(c -> {}, c -> c.print(sysinfo(c, c.ulong(0)))));
        d.add("times", Coded.split(c -> {}, c -> c.print(times(c, c.ulong(0)))));
        d.add(
                "getrandom",
                Coded.split(
                        c -> {},
                        c -> {
                            c.print(
                                    c.failed()
                                            ? Text.pointer(c.ulong(0))
                                            : Args.buffer(c, c.ulong(0), c.result(), true));
                            c.print(Long.toUnsignedString(c.ulong(1)));
                            c.print(RANDOM_FLAGS.flags(c.arch(), c.uint(2)));
                        }));
        d.add(
                "personality",
                Coded.atEntry(
                                c ->
                                        c.print(
                                                c.uint(0) == 0xffff_ffffL
                                                        ? Text.hex(c.uint(0))
                                                        : personality(c, c.uint(0))))
                        .returning(
                                c ->
                                        Text.hex(c.result())
                                                + " ("
                                                + personality(c, c.result() & 0xffff_ffffL)
                                                + ")"));
    }

    /** {@code PER_LINUX|ADDR_NO_RANDOMIZE}: the execution domain, then the flags. */
    private static String personality(Call c, long persona) {
        long mask = c.arch().constants().value("PER_MASK");
        String text = PERSONALITY_TYPES.value(c.arch(), persona & mask);
        long flags = persona & ~mask;
        return flags == 0 ? text : text + "|" + PERSONALITY_FLAGS.flags(c.arch(), flags);
    }

    /** strace's rlim_t: the infinity by name, multiples of 1024 as {@code N*1024}. */
    private static String limit(long value, boolean wide) {
        long infinity = wide ? -1L : 0xffff_ffffL;
        if (value == infinity) {
            return wide ? "RLIM64_INFINITY" : "RLIM_INFINITY";
        }
        if (Long.compareUnsigned(value, 1024) > 0 && value % 1024 == 0) {
            return Long.toUnsignedString(value / 1024) + "*1024";
        }
        return Long.toUnsignedString(value);
    }

    /** prlimit64's struct: two 64-bit limits on every architecture. */
    private static String rlimit64(Call c, long address) {
        return ProcessStructs.struct(
                c,
                address,
                "rlimit64",
                s ->
                        "{rlim_cur="
                                + limit(Structs.get(c, s, "rlimit64", "rlim_cur"), true)
                                + ", rlim_max="
                                + limit(Structs.get(c, s, "rlimit64", "rlim_max"), true)
                                + "}");
    }

    /** getrlimit's struct: limits of the tracee's long (32-bit ones on i386). */
    private static String rlimit(Call c, long address) {
        boolean wide = c.arch().wordSize() == 8;
        return ProcessStructs.struct(
                c,
                address,
                "rlimit",
                s ->
                        "{rlim_cur="
                                + limit(Structs.get(c, s, "rlimit", "rlim_cur"), wide)
                                + ", rlim_max="
                                + limit(Structs.get(c, s, "rlimit", "rlim_max"), wide)
                                + "}");
    }

    /** A char array member up to its NUL, quoted. */
    private static String field(Call c, MemorySegment s, String struct, String member) {
        MemorySegment bytes = Structs.member(c, struct, member).slice(s);
        byte[] data = bytes.toArray(ValueLayout.JAVA_BYTE);
        int length = 0;
        while (length < data.length && data[length] != 0) {
            length++;
        }
        return Text.quote(data, length, c.settings().hex());
    }

    private static String uname(Call c, long address) {
        return ProcessStructs.struct(
                c,
                address,
                "utsname",
                s -> {
                    StringBuilder b =
                            new StringBuilder("{sysname=")
                                    .append(field(c, s, "utsname", "sysname"))
                                    .append(", nodename=")
                                    .append(field(c, s, "utsname", "nodename"));
                    if (!c.settings().verbose()) {
                        return b.append(", ...}").toString();
                    }
                    for (String f : new String[] {"release", "version", "machine", "domainname"}) {
                        if (Structs.has(c, "utsname", f)) {
                            b.append(", ").append(f).append('=').append(field(c, s, "utsname", f));
                        }
                    }
                    return b.append('}').toString();
                });
    }

    private static String sysinfo(Call c, long address) {
        return ProcessStructs.struct(
                c,
                address,
                "sysinfo",
                s -> {
                    StringBuilder b =
                            new StringBuilder("{uptime=")
                                    .append(Structs.get(c, s, "sysinfo", "uptime"))
                                    .append(", loads=[");
                    var loads = Structs.member(c, "sysinfo", "loads");
                    for (int i = 0; i < loads.count(); i++) {
                        b.append(i == 0 ? "" : ", ").append(Long.toUnsignedString(loads.get(s, i)));
                    }
                    b.append(']');
                    for (String f : SYSINFO_FIELDS) {
                        b.append(", ")
                                .append(f)
                                .append('=')
                                .append(Long.toUnsignedString(Structs.get(c, s, "sysinfo", f)));
                    }
                    return b.append('}').toString();
                });
    }

    private static String times(Call c, long address) {
        return ProcessStructs.struct(
                c,
                address,
                "tms",
                s ->
                        "{tms_utime="
                                + ProcessStructs.clock(Structs.get(c, s, "tms", "tms_utime"))
                                + ", tms_stime="
                                + ProcessStructs.clock(Structs.get(c, s, "tms", "tms_stime"))
                                + ", tms_cutime="
                                + ProcessStructs.clock(Structs.get(c, s, "tms", "tms_cutime"))
                                + ", tms_cstime="
                                + ProcessStructs.clock(Structs.get(c, s, "tms", "tms_cstime"))
                                + "}");
    }
}
