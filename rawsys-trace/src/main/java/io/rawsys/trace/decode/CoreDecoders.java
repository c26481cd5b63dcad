package io.rawsys.trace.decode;

/** Decoders that belong to the tracer itself rather than to a family of calls. */
final class CoreDecoders {
    private CoreDecoders() {}

    static void register(Decoders d) {
        // the kernel exercise's call (samples/kernel): named only in a rawsys built from the
        // patched
        // tree; its name in, the greeting the kernel wrote out, the buffer's size
        d.add("rawsys_greet", new Signature(Args.STRING, Args.OUT_BUFFER, Args.ULONG));
        // restart_syscall continues a call a signal or a stop interrupted; the tracer passes the
        // interrupted call's name in the Call's state.
        d.add(
                "restart_syscall",
                new Signature(
                        (c, at) ->
                                "<... resuming interrupted "
                                        + (c.state() == null ? "system call" : c.<String>state())
                                        + " ...>"));
    }
}
