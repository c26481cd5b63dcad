package io.rawsys.trace.decode;

/**
 * The process family: processes and threads (exec, clone, wait, exit), memory, signals, prctl,
 * futexes and thread areas, limits and usage, ids. Each sub-family registers its own decoders.
 */
public final class ProcessDecoders {
    private ProcessDecoders() {}

    /** Adds every decoder of the family. */
    public static void register(Decoders decoders) {
        ExecDecoders.register(decoders);
        CloneDecoders.register(decoders);
        WaitDecoders.register(decoders);
        MemoryDecoders.register(decoders);
        SignalDecoders.register(decoders);
        PrctlDecoders.register(decoders);
        ThreadDecoders.register(decoders);
        ResourceDecoders.register(decoders);
        IdDecoders.register(decoders);
    }
}
