package io.rawsys.trace.decode;

import java.lang.foreign.MemorySegment;

/**
 * Signals: handlers (rt_sigaction), masks (rt_sigprocmask, rt_sigpending, rt_sigsuspend), the
 * return from a handler (rt_sigreturn, i386's sigreturn), the alternate stack, waiting for and
 * queueing signals, and sending them (kill, tkill, tgkill, pidfd_send_signal, pause).
 */
final class SignalDecoders {
    private SignalDecoders() {}

    static final Xlat SA_FLAGS = Xlat.load("sigact_flags");

    static final Xlat HANDLERS = Xlat.load("sa_handler_values");
    static final Xlat HOWS = Xlat.load("sigprocmaskcmds");
    static final Xlat SS_FLAGS = Xlat.load("sigaltstack_flags");

    static void register(Decoders d) {
        d.add(
                "rt_sigaction",
                Coded.split(
                        c -> {
                            c.print(signal(c, c.sint(0)));
                            c.print(sigaction(c, c.ulong(1)));
                        },
                        c -> {
                            c.print(sigaction(c, c.ulong(2)));
                            c.print(Long.toUnsignedString(c.ulong(3)));
                        }));
        d.add(
                "rt_sigprocmask",
                Coded.split(
                        c -> {
                            c.print(HOWS.value(c.arch(), c.uint(0)));
                            c.print(SigSets.at(c, c.ulong(1), c.ulong(3)));
                        },
                        c -> {
                            c.print(outputSet(c, c.ulong(2), c.ulong(3), c.arch().wordSize()));
                            c.print(Long.toUnsignedString(c.ulong(3)));
                        }));
        d.add(
                "rt_sigpending",
                Coded.split(
                        c -> {},
                        c -> {
                            c.print(outputSet(c, c.ulong(0), c.ulong(1), 1));
                            c.print(Long.toUnsignedString(c.ulong(1)));
                        }));
        d.add(
                "rt_sigsuspend",
                Coded.atEntry(
                        c -> {
                            c.print(SigSets.at(c, c.ulong(0), c.ulong(1)));
                            c.print(Long.toUnsignedString(c.ulong(1)));
                        }));
        d.add("rt_sigreturn", Coded.atEntry(c -> c.print(frameMask(c, rtFrameMask(c)))));
        d.add("sigreturn", Coded.atEntry(c -> c.print(sigreturnMask(c))));
        d.add(
                "sigaltstack",
                Coded.split(
                        c -> c.print(stack(c, c.ulong(0))), c -> c.print(stack(c, c.ulong(1)))));
        d.add(
                "rt_sigtimedwait",
                new Coded(
                        c -> {
                            c.print(SigSets.at(c, c.ulong(0), c.ulong(3)));
                            if (c.ulong(1) == 0) {
                                c.print("NULL");
                                c.print(ProcessStructs.callTimespec(c, c.ulong(2)));
                                c.print(Long.toUnsignedString(c.ulong(3)));
                            } else {
                                c.state(ProcessStructs.callTimespec(c, c.ulong(2)));
                            }
                        },
                        c -> c.ulong(1) != 0,
                        c -> {
                            if (c.ulong(1) != 0) {
                                c.print(ProcessStructs.siginfo(c, c.ulong(1)));
                                c.print(c.<String>state());
                                c.print(Long.toUnsignedString(c.ulong(3)));
                            }
                            if (!c.failed() && c.result() != 0) {
                                c.resultNote("(" + Signals.name(c.arch(), c.result()) + ")");
                            }
                        }));
        // i386's rt_sigtimedwait_time64: the same, its timeout a struct __kernel_timespec
        d.add("rt_sigtimedwait_time64", d.forName("rt_sigtimedwait", 4));
        Decoder queue =
                Coded.atEntry(
                        c -> {
                            c.print(Integer.toString(c.sint(0)));
                            c.print(signal(c, c.sint(1)));
                            c.print(ProcessStructs.siginfo(c, c.ulong(2)));
                        });
        d.add("rt_sigqueueinfo", queue);
        d.add(
                "rt_tgsigqueueinfo",
                Coded.atEntry(
                        c -> {
                            c.print(Integer.toString(c.sint(0)));
                            c.print(Integer.toString(c.sint(1)));
                            c.print(signal(c, c.sint(2)));
                            c.print(ProcessStructs.siginfo(c, c.ulong(3)));
                        }));
        d.add(
                "kill",
                Coded.atEntry(
                        c -> {
                            c.print(Args.pidText(c, c.sint(0)));
                            c.print(signal(c, c.sint(1)));
                        }));
        d.add("tkill", d.forName("kill", 2));
        d.add(
                "tgkill",
                Coded.atEntry(
                        c -> {
                            c.print(Args.pidText(c, c.sint(0)));
                            c.print(Args.pidText(c, c.sint(1)));
                            c.print(signal(c, c.sint(2)));
                        }));
        d.add(
                "pidfd_send_signal",
                Coded.atEntry(
                        c -> {
                            c.print(Args.fdText(c, c.sint(0)));
                            c.print(signal(c, c.sint(1)));
                            c.print(ProcessStructs.siginfo(c, c.ulong(2)));
                            c.print(Text.hex(c.uint(3)));
                        }));
        d.add("pause", new Signature());
    }

    /** A signal number: {@code SIGTERM}, or the number strace has no name for. */
    static String signal(Call c, long signo) {
        return Signals.styled(c.arch(), signo);
    }

    /**
     * A set the kernel writes: its address if the call failed, else as {@link SigSets#at} reads it.
     */
    private static String outputSet(Call c, long address, long length, long minLength) {
        if (c.failed() && address != 0) {
            return Text.pointer(address);
        }
        return SigSets.at(c, address, length, minLength);
    }

    /** {@code {sa_handler=…, sa_mask=[…], sa_flags=…, sa_restorer=…}}. */
    private static String sigaction(Call c, long address) {
        return ProcessStructs.struct(
                c,
                address,
                "kernel_sigaction",
                s -> {
                    long handler = Structs.get(c, s, "kernel_sigaction", "sa_handler");
                    long flags = Structs.get(c, s, "kernel_sigaction", "sa_flags");
                    String handlerName = HANDLERS.name(c.arch(), handler);
                    if (handlerName != null) {
                        handlerName = Xlat.styled(Text.hex(handler), handlerName);
                    }
                    MemorySegment mask = Structs.member(c, "kernel_sigaction", "sa_mask").slice(s);
                    StringBuilder b =
                            new StringBuilder("{sa_handler=")
                                    .append(
                                            handlerName != null
                                                    ? handlerName
                                                    : Text.pointer(handler))
                                    .append(", sa_mask=")
                                    .append(SigSets.format(c.arch(), mask))
                                    .append(", sa_flags=")
                                    .append(SA_FLAGS.flags(c.arch(), flags));
                    long restorer = c.arch().constants().find("SA_RESTORER").orElse(0);
                    if (restorer != 0
                            && (flags & restorer) != 0
                            && Structs.has(c, "kernel_sigaction", "sa_restorer")) {
                        b.append(", sa_restorer=")
                                .append(
                                        Text.pointer(
                                                Structs.get(
                                                        c, s, "kernel_sigaction", "sa_restorer")));
                    }
                    return b.append('}').toString();
                });
    }

    /** {@code {ss_sp=…, ss_flags=…, ss_size=…}}. */
    private static String stack(Call c, long address) {
        return ProcessStructs.struct(
                c,
                address,
                "stack_t",
                s ->
                        "{ss_sp="
                                + Text.pointer(Structs.get(c, s, "stack_t", "ss_sp"))
                                + ", ss_flags="
                                + SS_FLAGS.flags(
                                        c.arch(),
                                        Structs.get(c, s, "stack_t", "ss_flags") & 0xffff_ffffL)
                                + ", ss_size="
                                + Long.toUnsignedString(Structs.get(c, s, "stack_t", "ss_size"))
                                + "}");
    }

    /**
     * Where rt_sigreturn's frame keeps the mask it restores: the kernel finds the frame just below
     * the stack pointer (the handler's return popped its return address), and the mask in its
     * ucontext.
     */
    private static long rtFrameMask(Call c) {
        long sp = c.stackPointer();
        if (sp == 0) {
            return 0;
        }
        return switch (c.arch().name()) {
            // struct rt_sigframe: pretcode, then struct ucontext (flags, link, stack_t, a 256-byte
            // sigcontext, the mask)
            case "x86_64", "x32" -> sp - 8 + 8 + 8 + 8 + 24 + 256;
            // pretcode, sig, pinfo, puc, a 128-byte siginfo, then the ucontext (flags, link,
            // stack_t, an 88-byte sigcontext, the mask)
            case "i386" -> sp - 4 + 16 + 128 + 4 + 4 + 12 + 88;
            default -> 0;
        };
    }

    /** {@code {mask=[…]}} of the kernel's sigset at {@code address}. */
    private static String frameMask(Call c, long address) {
        if (address == 0) {
            return "{mask=?}";
        }
        int size = SigSets.kernelBytes(c.arch());
        MemorySegment mask = Structs.bytes(c, address, size);
        return "{mask="
                + (mask == null ? Text.pointer(address) : SigSets.format(c.arch(), mask))
                + "}";
    }

    /**
     * i386's sigreturn: the frame's sigcontext starts at the stack pointer, its {@code oldmask}
     * (word 20) holds the low half of the mask, and the {@code extramask} word after the unused
     * 624-byte fpstate the high half.
     */
    private static String sigreturnMask(Call c) {
        long sp = c.stackPointer();
        if (!c.arch().name().equals("i386") || sp == 0) {
            return "";
        }
        int oldmask = 20 * 4;
        int extramask = (20 + 1 + 1 + 156) * 4;
        MemorySegment frame = Structs.bytes(c, sp, extramask + 4);
        if (frame == null) {
            return Text.pointer(sp);
        }
        MemorySegment mask = MemorySegment.ofArray(new byte[8]);
        mask.asSlice(0, 4).copyFrom(frame.asSlice(oldmask, 4));
        mask.asSlice(4, 4).copyFrom(frame.asSlice(extramask, 4));
        return "{mask=" + SigSets.format(c.arch(), mask) + "}";
    }
}
