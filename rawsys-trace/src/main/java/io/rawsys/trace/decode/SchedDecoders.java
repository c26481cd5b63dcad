package io.rawsys.trace.decode;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Scheduling and priorities as strace's sched.c, resource.c (getpriority, setpriority), ioprio.c,
 * getcpu.c and kcmp.c print them: the sched_* policy, parameter, attribute and interval calls,
 * getpriority, setpriority, ioprio_get, ioprio_set, getcpu and kcmp. (sched_setaffinity,
 * sched_getaffinity and sched_yield are the thread family's.)
 *
 * <p>A {@code struct sched_attr} is read by hand: it is not among rawsys's generated layouts, and
 * its members have the same fixed widths on every ABI (strace's sched_attr.h).
 */
final class SchedDecoders {
    private SchedDecoders() {}

    static final Xlat SCHEDULERS = Xlat.load("schedulers");
    static final Xlat SCHED_FLAGS = Xlat.load("sched_flags");
    static final Xlat PRIORITIES = Xlat.load("priorities");
    static final Xlat IOPRIO_WHO = Xlat.load("ioprio_who");
    static final Xlat KCMP_TYPES = Xlat.load("kcmp_types");

    /** struct sched_attr: its first size (SCHED_ATTR_SIZE_VER0) and its size with util_min/max. */
    private static final int ATTR_MIN = 48;

    private static final int ATTR_VER1 = 56;

    private static final Arg PID = Args.INT;

    /** A policy from an argument word: strace's printxval, of an unsigned int. */
    private static final Arg POLICY = (c, at) -> SCHEDULERS.value(c.arch(), c.uint(at));

    static void register(Decoders d) {
        d.add(
                "sched_getscheduler",
                new Signature(PID)
                        .returning(
                                c -> {
                                    String name = SCHEDULERS.name(c.arch(), c.result());
                                    return name == null
                                            ? Long.toString(c.result())
                                            : c.result()
                                                    + " ("
                                                    + SCHEDULERS.value(c.arch(), c.result())
                                                    + ")";
                                }));
        d.add(
                "sched_setscheduler",
                new Signature(PID, POLICY, (c, at) -> FileArgs.intAt(c, c.ulong(at), false)));
        d.add(
                "sched_getparam",
                new Signature(PID, Arg.atExit((c, at) -> FileArgs.intAt(c, c.ulong(at), true))));
        d.add(
                "sched_setparam",
                new Signature(PID, (c, at) -> FileArgs.intAt(c, c.ulong(at), false)));
        d.add("sched_get_priority_min", new Signature(POLICY));
        d.add("sched_get_priority_max", new Signature(POLICY));
        d.add("sched_rr_get_interval", new Signature(PID, Arg.atExit(interval("timespec"))));
        d.add(
                "sched_rr_get_interval_time64",
                new Signature(PID, Arg.atExit(interval("kernel_timespec"))));
        d.add(
                "sched_setattr",
                Coded.separatedAtExit(
                                c -> {
                                    c.print(PID.print(c, 0));
                                    c.print(attr(c, c.ulong(1), 0));
                                },
                                c -> {
                                    String changed = setattrChanged(c);
                                    c.state(changed);
                                    if (changed != null) {
                                        c.print(changed);
                                    }
                                    c.print(Long.toString(c.uint(2)));
                                })
                        .joinedBy(c -> c.state() != null ? " => " : ", "));
        d.add(
                "sched_getattr",
                Coded.split(
                        c -> c.print(PID.print(c, 0)),
                        c -> {
                            long size = c.uint(2);
                            c.print(
                                    size != 0
                                            ? attr(c, c.ulong(1), size)
                                            : Text.pointer(c.ulong(1)));
                            c.print(Long.toString(size));
                            c.print(Long.toString(c.uint(3)));
                        }));
        d.add(
                "getpriority",
                Coded.atEntry(
                        c -> {
                            c.print(PRIORITIES.value(c.arch(), c.uint(0)));
                            c.print(Integer.toString(c.sint(1)));
                        }));
        d.add(
                "setpriority",
                Coded.atEntry(
                        c -> {
                            c.print(PRIORITIES.value(c.arch(), c.uint(0)));
                            c.print(Integer.toString(c.sint(1)));
                            c.print(Integer.toString(c.sint(2)));
                        }));
        d.add(
                "ioprio_get",
                Coded.atEntry(
                                c -> {
                                    c.print(IOPRIO_WHO.value(c.arch(), c.uint(0)));
                                    c.print(Integer.toString(c.sint(1)));
                                })
                        .returning(c -> c.result() + " (" + ioprio(c, c.result()) + ")"));
        d.add(
                "ioprio_set",
                Coded.atEntry(
                        c -> {
                            c.print(IOPRIO_WHO.value(c.arch(), c.uint(0)));
                            c.print(Integer.toString(c.sint(1)));
                            c.print(ioprio(c, c.uint(2)));
                        }));
        d.add(
                "getcpu",
                Coded.split(
                        c -> {},
                        c -> {
                            c.print(FileArgs.numberAt(c, c.ulong(0), 4, false, true));
                            c.print(FileArgs.numberAt(c, c.ulong(1), 4, false, true));
                            c.print(Text.pointer(c.ulong(2)));
                        }));
        d.add("kcmp", Coded.atEntry(SchedDecoders::kcmp));
    }

    /** sched_rr_get_interval's interval, at exit: its address if the call failed. */
    private static Arg interval(String struct) {
        return (c, at) -> {
            long address = c.ulong(at);
            if (c.failed() || address == 0) {
                return Text.pointer(address);
            }
            MemorySegment s = Structs.read(c, struct, address);
            return s == null ? Text.pointer(address) : ProcessStructs.timespec(c, s, struct, "");
        };
    }

    private static String ioprio(Call c, long ioprio) {
        return ProcessStructs.ioprio(c, ioprio & 0xffff_ffffL);
    }

    private static int u32(Call c, MemorySegment s, long offset) {
        return s.get(ValueLayout.JAVA_INT_UNALIGNED.withOrder(c.arch().byteOrder()), offset);
    }

    private static long u64(Call c, MemorySegment s, long offset) {
        return s.get(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(c.arch().byteOrder()), offset);
    }

    /**
     * A struct sched_attr as strace's print_sched_attr prints it: for sched_setattr ({@code usize}
     * 0) as much as its own size says (the size alone below 48 bytes, {@code ...} past 56); for
     * sched_getattr the {@code usize} bytes the call was given, printed as far as the size the
     * kernel wrote says. The address when it cannot be read.
     */
    private static String attr(Call c, long address, long usize) {
        boolean set = usize == 0;
        MemorySegment attr = java.lang.foreign.Arena.ofAuto().allocate(ATTR_VER1, 8);
        long size;
        if (address == 0) {
            return "NULL";
        }
        if (!set) {
            size = Math.min(usize, ATTR_VER1);
            MemorySegment read = Peek.fetch(c, address, size);
            if (read == null) {
                return Text.pointer(address);
            }
            attr.copyFrom(read);
            size = Integer.toUnsignedLong(u32(c, attr, 0));
        } else {
            MemorySegment first = Peek.fetch(c, address, 4);
            if (first == null) {
                return Text.pointer(address);
            }
            attr.copyFrom(first);
            usize = Integer.toUnsignedLong(u32(c, attr, 0));
            if (usize == 0) {
                usize = ATTR_MIN;
            }
            size = Math.min(usize, ATTR_VER1);
            if (size >= ATTR_MIN) {
                MemorySegment read = Peek.fetch(c, address, size);
                if (read == null) {
                    return Text.pointer(address);
                }
                attr.copyFrom(read);
            }
        }
        StringBuilder b =
                new StringBuilder("{size=").append(Integer.toUnsignedString(u32(c, attr, 0)));
        if (size >= ATTR_MIN) {
            int policy = u32(c, attr, 4);
            long flags = u64(c, attr, 8);
            long keep =
                    c.arch().constants().value("SCHED_FLAG_KEEP_POLICY")
                            | c.arch().constants().value("SCHED_FLAG_KEEP_PARAMS");
            long keepParams = c.arch().constants().value("SCHED_FLAG_KEEP_PARAMS");
            if (!set || policy < 0 || (flags & keep) == 0) {
                b.append(", sched_policy=")
                        .append(SCHEDULERS.value(c.arch(), Integer.toUnsignedLong(policy)));
            }
            b.append(", sched_flags=").append(SCHED_FLAGS.flags(c.arch(), flags));
            if (!set || (flags & keepParams) == 0) {
                b.append(", sched_nice=")
                        .append(u32(c, attr, 16))
                        .append(", sched_priority=")
                        .append(Integer.toUnsignedString(u32(c, attr, 20)))
                        .append(", sched_runtime=")
                        .append(Long.toUnsignedString(u64(c, attr, 24)))
                        .append(", sched_deadline=")
                        .append(Long.toUnsignedString(u64(c, attr, 32)))
                        .append(", sched_period=")
                        .append(Long.toUnsignedString(u64(c, attr, 40)));
            }
            if (size >= ATTR_VER1) {
                b.append(", sched_util_min=")
                        .append(Integer.toUnsignedString(u32(c, attr, 48)))
                        .append(", sched_util_max=")
                        .append(Integer.toUnsignedString(u32(c, attr, 52)));
            }
        }
        long declared = set ? usize : Integer.toUnsignedLong(u32(c, attr, 0));
        if (declared > size) {
            b.append(", ...");
        }
        return b.append('}').toString();
    }

    /**
     * What strace adds to sched_setattr's attributes when the kernel refused them with E2BIG and
     * wrote the size it knows: {@code {size=56}}; null otherwise.
     */
    private static String setattrChanged(Call c) {
        int e2big = c.arch().errnos().numberOr("E2BIG", 7);
        if (!c.failed() || -c.result() != e2big) {
            return null;
        }
        MemorySegment s = Peek.peek(c, c.ulong(1), 4);
        return s == null ? null : "{size=" + Integer.toUnsignedString(u32(c, s, 0)) + "}";
    }

    private static void kcmp(Call c) {
        int pid1 = c.sint(0);
        int pid2 = c.sint(1);
        int type = c.sint(2);
        long idx1 = Args.kulong(c, 3);
        long idx2 = Args.kulong(c, 4);
        c.print(Integer.toString(pid1));
        c.print(Integer.toString(pid2));
        c.print(KCMP_TYPES.value(c.arch(), Integer.toUnsignedLong(type)));
        String name = KCMP_TYPES.name(c.arch(), type);
        switch (name == null ? "" : name) {
            case "KCMP_FILE" -> {
                c.print(Args.fdTextOf(c, pid1, (int) idx1));
                c.print(Args.fdTextOf(c, pid2, (int) idx2));
            }
            case "KCMP_EPOLL_TFD" -> {
                c.print(Args.fdTextOf(c, pid1, (int) idx1));
                MemorySegment slot = idx2 == 0 ? null : Peek.fetch(c, idx2, 12);
                c.print(
                        slot == null
                                ? Text.pointer(idx2)
                                : "{efd="
                                        + Args.fdTextOf(c, pid2, u32(c, slot, 0))
                                        + ", tfd="
                                        + Args.fdTextOf(c, pid2, u32(c, slot, 4))
                                        + ", toff="
                                        + Integer.toUnsignedString(u32(c, slot, 8))
                                        + "}");
            }
            case "KCMP_FILES", "KCMP_FS", "KCMP_IO", "KCMP_SIGHAND", "KCMP_SYSVSEM", "KCMP_VM" -> {}
            default -> {
                c.print(Text.hex(idx1));
                c.print(Text.hex(idx2));
            }
        }
    }
}
