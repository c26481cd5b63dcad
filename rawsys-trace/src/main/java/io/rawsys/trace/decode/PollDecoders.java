package io.rawsys.trace.decode;

import java.lang.foreign.MemorySegment;

/**
 * poll, ppoll, the epoll calls, eventfd and eventfd2, as strace's poll.c, epoll.c and eventfd.c
 * print them: the pollfds at entry and those with events after the result ({@code = 1 ([{fd=5,
 * revents=POLLIN}])}), epoll_event's events and data.
 */
final class PollDecoders {
    private PollDecoders() {}

    static final Xlat POLL_EVENTS = Xlat.load("pollflags");

    static final Xlat POLL_REVENTS = Xlat.load("pollflags_revents");

    static final Xlat EPOLL_EVENTS = Xlat.load("epollevents");

    static final Xlat EPOLL_CTL_OPS = Xlat.load("epollctls");

    static final Xlat EPOLL_FLAGS = Xlat.load("epollflags");

    static final Xlat EVENTFD_FLAGS = Xlat.load("efd_flags");

    static void register(Decoders d) {
        d.add(
                "poll",
                new Coded(
                                c -> {
                                    pollfds(c);
                                    c.print(Integer.toString(c.sint(2)));
                                },
                                c -> false,
                                c -> revents(c, false))
                        .returning(Results.DECIMAL));
        Decoder ppoll =
                new Coded(
                        c -> {
                            pollfds(c);
                            c.print(ProcessStructs.callTimespec(c, c.ulong(2)));
                            c.print(SigSets.at(c, c.ulong(3), c.ulong(4)));
                            c.print(Long.toUnsignedString(c.ulong(4)));
                        },
                        c -> false,
                        c -> revents(c, true));
        // i386's ppoll_time64: the same, its timeout a struct __kernel_timespec
        d.add("ppoll", ppoll);
        d.add("ppoll_time64", ppoll);
        d.add("epoll_create", new Signature(Args.INT).returning(Results.FD));
        d.add("epoll_create1", new Signature(Args.flags(EPOLL_FLAGS)).returning(Results.FD));
        d.add("epoll_ctl", Coded.atEntry(PollDecoders::epollCtl));
        d.add("epoll_wait", epollWait(c -> Integer.toString(c.sint(3)), false));
        d.add("epoll_pwait", epollWait(c -> Integer.toString(c.sint(3)), true));
        d.add(
                "epoll_pwait2",
                epollWait(
                        c ->
                                ProcessStructs.struct(
                                        c,
                                        c.ulong(3),
                                        "kernel_timespec",
                                        s -> ProcessStructs.timespec(c, s, "kernel_timespec", "")),
                        true));
        d.add("eventfd", new Signature(Args.UINT).returning(Results.FD));
        d.add(
                "eventfd2",
                new Signature(Args.UINT, Args.flags(EVENTFD_FLAGS)).returning(Results.FD));
    }

    private static long pollfdSize(Call c) {
        return c.arch().layout("pollfd").orElseThrow().byteSize();
    }

    /** The pollfd array and its length, as the kernel reads them. */
    private static void pollfds(Call c) {
        c.print(
                FileArgs.array(
                        c,
                        c.ulong(0),
                        c.uint(1),
                        (int) pollfdSize(c),
                        (e, i) -> {
                            int fd = (int) Structs.get(c, e, "pollfd", "fd");
                            String s = "{fd=" + Args.fdText(c, fd);
                            if (fd >= 0) {
                                long events = Structs.get(c, e, "pollfd", "events") & 0xffff;
                                s += ", events=" + POLL_EVENTS.flags(c.arch(), events);
                            }
                            return s + "}";
                        }));
        c.print(Long.toString(c.uint(1)));
    }

    /**
     * strace's decode_poll_exiting: {@code (Timeout)}, or the pollfds with events and, for ppoll,
     * the time left, after the result.
     */
    private static void revents(Call c, boolean left) {
        if (c.failed()) {
            return;
        }
        if (c.result() == 0) {
            c.resultNote("(Timeout)");
            return;
        }
        long start = c.ulong(0);
        long count = c.uint(1);
        long size = pollfdSize(c);
        StringBuilder s = new StringBuilder();
        if (start != 0 && count != 0) {
            long limit = c.settings().verbose() ? Long.MAX_VALUE : c.settings().stringLimit();
            long printed = 0;
            for (long i = 0; i < count; i++) {
                MemorySegment e = Structs.bytes(c, start + i * size, size);
                if (e == null) {
                    s.append(s.isEmpty() ? "[" : ", ").append(Text.hex(start + i * size));
                    break;
                }
                long revents = Structs.get(c, e, "pollfd", "revents") & 0xffff;
                if (revents == 0) {
                    continue;
                }
                s.append(s.isEmpty() ? "[" : ", ");
                if (printed >= limit) {
                    s.append("...");
                    break;
                }
                s.append("{fd=")
                        .append((int) Structs.get(c, e, "pollfd", "fd"))
                        .append(", revents=")
                        .append(POLL_REVENTS.flags(c.arch(), revents))
                        .append('}');
                printed++;
            }
            if (!s.isEmpty()) {
                s.append(']');
            }
        }
        if (left && c.ulong(2) != 0) {
            s.append(s.isEmpty() ? "left " : ", left ")
                    .append(ProcessStructs.callTimespec(c, c.ulong(2)));
        }
        if (!s.isEmpty()) {
            c.resultNote("(" + s + ")");
        }
    }

    private static void epollCtl(Call c) {
        c.print(Args.fdText(c, c.sint(0)));
        long op = c.uint(1);
        c.print(EPOLL_CTL_OPS.value(c.arch(), op));
        c.print(Args.fdText(c, c.sint(2)));
        long address = c.ulong(3);
        c.print(
                op == c.arch().constants().value("EPOLL_CTL_DEL")
                        ? Text.pointer(address)
                        : ProcessStructs.struct(c, address, "epoll_event", s -> event(c, s)));
    }

    /** {@code {events=EPOLLIN, data={u32=3, u64=3}}}. */
    private static String event(Call c, MemorySegment s) {
        return "{events="
                + EPOLL_EVENTS.flags(c.arch(), Structs.get(c, s, "epoll_event", "events"))
                + ", data={u32="
                + Long.toUnsignedString(Structs.get(c, s, "epoll_event", "data.u32"))
                + ", u64="
                + Long.toUnsignedString(Structs.get(c, s, "epoll_event", "data.u64"))
                + "}}";
    }

    /**
     * epoll_wait, epoll_pwait and epoll_pwait2: the descriptor at entry, the events the call
     * returned at exit, then the timeout and, for the pwaits, the signal mask and its size.
     */
    private static Decoder epollWait(
            java.util.function.Function<Call, String> timeout, boolean mask) {
        return Coded.split(
                c -> c.print(Args.fdText(c, c.sint(0))),
                c -> {
                    long address = c.ulong(1);
                    c.print(
                            c.failed()
                                    ? Text.pointer(address)
                                    : FileArgs.array(
                                            c,
                                            address,
                                            c.result(),
                                            (int)
                                                    c.arch()
                                                            .layout("epoll_event")
                                                            .orElseThrow()
                                                            .byteSize(),
                                            (e, i) -> event(c, e)));
                    c.print(Integer.toString(c.sint(2)));
                    c.print(timeout.apply(c));
                    if (mask) {
                        // read at exit, as strace: a failed call shows the mask's address
                        c.print(
                                c.failed()
                                        ? Text.pointer(c.ulong(4))
                                        : SigSets.at(c, c.ulong(4), c.ulong(5)));
                        c.print(Long.toUnsignedString(c.ulong(5)));
                    }
                });
    }
}
