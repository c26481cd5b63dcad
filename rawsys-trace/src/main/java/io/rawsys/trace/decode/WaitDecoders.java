package io.rawsys.trace.decode;

/**
 * Waiting for children and ending: wait4 and waitpid (the status as the W* macros that decode it,
 * {@code [{WIFEXITED(s) && WEXITSTATUS(s) == 0}]}), waitid, exit and exit_group (which return
 * {@code ?}).
 */
final class WaitDecoders {
    private WaitDecoders() {}

    static final Xlat OPTIONS = Xlat.load("wait4_options");

    static final Xlat ID_TYPES = Xlat.load("waitid_types");

    static final Xlat PTRACE_EVENTS = Xlat.load("ptrace_events");

    static void register(Decoders d) {
        d.add("wait4", waitDecoder(true));
        d.add("waitpid", waitDecoder(false));
        d.add(
                "waitid",
                Coded.split(
                        c -> {
                            c.print(ID_TYPES.value(c.arch(), c.uint(0)));
                            c.print(Integer.toString(c.sint(1)));
                        },
                        c -> {
                            c.print(ProcessStructs.siginfo(c, c.ulong(2)));
                            c.print(OPTIONS.flags(c.arch(), c.uint(3)));
                            c.print(ProcessStructs.rusage(c, c.ulong(4)));
                        }));
        Decoder exit = new Signature(Args.INT).returning(Results.NONE);
        d.add("exit", exit);
        d.add("exit_group", exit);
    }

    private static Decoder waitDecoder(boolean rusage) {
        return Coded.split(
                        c -> c.print(Args.pidText(c, c.sint(0))),
                        c -> {
                            long address = c.ulong(1);
                            if (c.result() == 0 || c.failed()) {
                                c.print(Text.pointer(address));
                            } else {
                                c.print(
                                        ProcessStructs.intAt(
                                                c, address, status -> status(c, status)));
                            }
                            c.print(OPTIONS.flags(c.arch(), c.uint(2)));
                            if (rusage) {
                                c.print(
                                        c.result() > 0 && !c.failed()
                                                ? ProcessStructs.rusage(c, c.ulong(3))
                                                : Text.pointer(c.ulong(3)));
                            }
                        })
                .returning(Results.PID);
    }

    /** A wait status as the macros that take it apart: {@code {WIFSIGNALED(s) && …}}. */
    static String status(Call c, int status) {
        StringBuilder s = new StringBuilder();
        int low = status & 0x7f;
        if ((status & 0xff) == 0x7f) {
            int sig = (status >>> 8) & 0xff;
            s.append("{WIFSTOPPED(s) && WSTOPSIG(s) == ")
                    .append(Signals.name(c.arch(), sig & 0x7f))
                    .append((sig & 0x80) != 0 ? " | 0x80" : "")
                    .append('}');
            status &= ~((sig << 8) | 0x7f);
        } else if (low != 0 && low != 0x7f) {
            s.append("{WIFSIGNALED(s) && WTERMSIG(s) == ")
                    .append(Signals.name(c.arch(), low))
                    .append((status & 0x80) != 0 ? " && WCOREDUMP(s)" : "")
                    .append('}');
            status &= ~(low | 0x80);
        } else if (low == 0) {
            int code = (status >>> 8) & 0xff;
            s.append("{WIFEXITED(s) && WEXITSTATUS(s) == ").append(code).append('}');
            status &= ~(code << 8);
        } else if (status == 0xffff) {
            s.append("{WIFCONTINUED(s)}");
            status = 0;
        } else {
            return Text.hex(Integer.toUnsignedLong(status));
        }
        if (status != 0) {
            int event = status >>> 16;
            if (event != 0) {
                s.append(" | ").append(PTRACE_EVENTS.value(c.arch(), event)).append(" << 16");
                status &= 0xffff;
            }
            if (status != 0) {
                s.append(" | ").append(Text.hex(Integer.toUnsignedLong(status)));
            }
        }
        return s.toString();
    }
}
