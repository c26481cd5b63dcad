package io.rawsys.trace.decode;

/**
 * The decoders of sockets, time, and waiting on descriptors: one register call for the family, each
 * sub-family in a file of its own.
 */
public final class NetDecoders {
    private NetDecoders() {}

    /** Adds the family's decoders (and i386's socketcall carrier) to {@code decoders}. */
    public static void register(Decoders decoders) {
        SocketDecoders.register(decoders);
        SockoptDecoders.register(decoders);
        MsgDecoders.register(decoders);
        PollDecoders.register(decoders);
        decoders.add("socketcall", SocketCall.CARRIER);
        decoders.addCarrier("socketcall", new SocketCall());
    }
}
