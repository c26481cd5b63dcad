package io.rawsys.trace.decode;

import java.util.HashMap;
import java.util.Map;

/**
 * The decoders by system-call name. A call without one prints its argument words in hex, as
 * strace's printargs does.
 */
public final class Decoders {
    private final Map<String, Decoder> byName = new HashMap<>();

    /** Every decoder rawsys has. */
    public static Decoders standard() {
        Decoders decoders = new Decoders();
        CoreDecoders.register(decoders);
        ProcessDecoders.register(decoders);
        FileDecoders.register(decoders);
        return decoders;
    }

    /** Adds (or replaces) the decoder for {@code name}. */
    public void add(String name, Decoder decoder) {
        byName.put(name, decoder);
    }

    /** Whether {@code name} has a decoder of its own. */
    public boolean has(String name) {
        return byName.containsKey(name);
    }

    /** The decoder for {@code name}; for one without, {@code arguments} raw words in hex. */
    public Decoder forName(String name, int arguments) {
        Decoder decoder = byName.get(name);
        return decoder != null ? decoder : raw(arguments);
    }

    private static final Decoder[] RAW = new Decoder[7];

    static {
        for (int n = 0; n < RAW.length; n++) {
            Arg[] args = new Arg[n];
            java.util.Arrays.fill(args, Args.HEX);
            RAW[n] = new Signature(args).returning(Results.DECIMAL);
        }
    }

    /** {@code n} argument words in hex. */
    public static Decoder raw(int n) {
        return RAW[Math.max(0, Math.min(n, 6))];
    }
}
