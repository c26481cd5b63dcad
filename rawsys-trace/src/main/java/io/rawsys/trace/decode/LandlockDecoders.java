package io.rawsys.trace.decode;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Landlock: {@code landlock_create_ruleset}, {@code landlock_add_rule} and {@code
 * landlock_restrict_self}, printed as strace 6.1 prints them (its landlock.c). Its ruleset
 * attribute is the one member strace 6.1 knows, {@code handled_access_fs}, then {@code ...} when
 * the size says more follows; the only rule it prints is a path beneath a directory. The structs
 * are the same on every architecture (64-bit members, and a packed path rule).
 */
final class LandlockDecoders {
    private LandlockDecoders() {}

    static final Xlat CREATE_FLAGS = Xlat.load("landlock_create_ruleset_flags");

    static final Xlat RULE_TYPES = Xlat.load("landlock_rule_types");

    static final Xlat ACCESS_FS = Xlat.load("landlock_ruleset_access_fs");

    /** The size of the ruleset attribute strace 6.1 knows: handled_access_fs alone. */
    private static final long ATTR_KNOWN = 8;

    /** A path rule: allowed_access (8 bytes), parent_fd (4), packed. */
    private static final long PATH_BENEATH_SIZE = 12;

    static void register(Decoders d) {
        d.add(
                "landlock_create_ruleset",
                Coded.atEntry(
                        c -> {
                            c.print(rulesetAttr(c, c.ulong(0), c.ulong(1)));
                            c.print(Long.toUnsignedString(c.ulong(1)));
                            c.print(CREATE_FLAGS.flags(c.arch(), c.uint(2)));
                        },
                        // the version query returns a number, every other call a descriptor
                        c ->
                                (c.uint(2) & version(c)) != 0
                                        ? Long.toString(c.result())
                                        : Results.FD.apply(c)));
        d.add(
                "landlock_add_rule",
                Coded.atEntry(
                        c -> {
                            long type = c.uint(1);
                            c.print(Args.FD.print(c, 0));
                            c.print(RULE_TYPES.value(c.arch(), type));
                            c.print(
                                    "LANDLOCK_RULE_PATH_BENEATH"
                                                    .equals(RULE_TYPES.name(c.arch(), type))
                                            ? pathBeneath(c, c.ulong(2))
                                            : Text.pointer(c.ulong(2)));
                            c.print(Text.hex(c.uint(3)));
                        }));
        d.add("landlock_restrict_self", new Signature(Args.FD, Args.HEX32));
    }

    private static long version(Call c) {
        for (Xlat.Entry e : CREATE_FLAGS.entries(c.arch())) {
            if (e.name().equals("LANDLOCK_CREATE_RULESET_VERSION")) {
                return e.value();
            }
        }
        return 0;
    }

    /** {@code {handled_access_fs=…}}, {@code , ...} after it when the size is larger. */
    private static String rulesetAttr(Call c, long address, long size) {
        if (Long.compareUnsigned(size, ATTR_KNOWN) < 0) {
            return Text.pointer(address);
        }
        MemorySegment attr = Peek.peek(c, address, ATTR_KNOWN);
        if (attr == null) {
            return Text.pointer(address);
        }
        return "{handled_access_fs="
                + ACCESS_FS.flags(c.arch(), u64(c, attr, 0))
                + (Long.compareUnsigned(size, ATTR_KNOWN) > 0 ? ", ..." : "")
                + "}";
    }

    /** {@code {allowed_access=…, parent_fd=3}}. */
    private static String pathBeneath(Call c, long address) {
        MemorySegment rule = Peek.peek(c, address, PATH_BENEATH_SIZE);
        if (rule == null) {
            return Text.pointer(address);
        }
        return "{allowed_access="
                + ACCESS_FS.flags(c.arch(), u64(c, rule, 0))
                + ", parent_fd="
                + Args.fdText(c, Peek.intAt(c, rule, 8))
                + "}";
    }

    private static long u64(Call c, MemorySegment s, long offset) {
        return s.get(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(c.arch().byteOrder()), offset);
    }
}
