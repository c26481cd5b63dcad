package io.rawsys.trace.decode;

/** Decoders that belong to the tracer itself rather than to a family of calls. */
final class CoreDecoders {
    private CoreDecoders() {}

    static void register(Decoders d) {
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
