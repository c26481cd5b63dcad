package io.rawsys.trace.decode;

import io.rawsys.Arch;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The decoders by system-call name, each family's (a {@code *Decoders} class, which uses no other
 * family; what two families share is in the argument helpers) registered by {@link #standard}. A
 * call without one prints its argument words in hex, as strace's printargs does.
 */
public final class Decoders {
    private final Map<String, Decoder> byName = new HashMap<>();
    private final Map<String, Carrier> carriers = new HashMap<>();

    /**
     * A system call that carries another one, as i386's {@code socketcall(SYS_BIND, args)} carries
     * {@code bind}: strace names, filters and prints the carried call, with the arguments the
     * carrier points to.
     */
    public interface Carrier {
        /** The call carried by a carrier called with {@code args}, or null to print the carrier. */
        Carried carried(Arch arch, long[] args, Memory memory);

        /** The names of the calls it may carry (what -e trace= may name). */
        Set<String> carries();
    }

    /** A carried call: its name and its argument words. */
    public record Carried(String name, long[] args) {}

    /** Every decoder rawsys has. */
    public static Decoders standard() {
        Decoders decoders = new Decoders();
        CoreDecoders.register(decoders);
        // processes and threads, memory, signals, prctl, futexes, limits and usage, ids
        ExecDecoders.register(decoders);
        CloneDecoders.register(decoders);
        WaitDecoders.register(decoders);
        MemoryDecoders.register(decoders);
        SignalDecoders.register(decoders);
        OldSignalDecoders.register(decoders);
        PrctlDecoders.register(decoders);
        ThreadDecoders.register(decoders);
        ResourceDecoders.register(decoders);
        IdDecoders.register(decoders);
        // files and descriptors: reading and writing, opening, fcntl, stat, names, times,
        // extended attributes, directory entries, the terminal ioctls, mounts
        ReadWriteDecoders.register(decoders);
        OpenDecoders.register(decoders);
        FcntlDecoders.register(decoders);
        StatDecoders.register(decoders);
        PathDecoders.register(decoders);
        FileTimesDecoders.register(decoders);
        XattrDecoders.register(decoders);
        DirentDecoders.register(decoders);
        TtyIoctlDecoders.register(decoders);
        MountDecoders.register(decoders);
        LandlockDecoders.register(decoders);
        AdminDecoders.register(decoders);
        LsmDecoders.register(decoders);
        OldCallDecoders.register(decoders);
        // sockets, and waiting on descriptors; i386's socketcall carries the socket calls
        SocketDecoders.register(decoders);
        SockoptDecoders.register(decoders);
        MsgDecoders.register(decoders);
        PollDecoders.register(decoders);
        decoders.add("socketcall", SocketCall.CARRIER);
        decoders.addCarrier("socketcall", new SocketCall());
        TimeDecoders.register(decoders);
        DescriptorDecoders.register(decoders);
        AioDecoders.register(decoders);
        IoUringDecoders.register(decoders);
        ProcessMemoryDecoders.register(decoders);
        IpcDecoders.register(decoders);
        MqDecoders.register(decoders);
        SchedDecoders.register(decoders);
        KeyDecoders.register(decoders);
        // seccomp filters, clock adjustment, perf events, eBPF
        SeccompDecoders.register(decoders);
        PtraceDecoders.register(decoders);
        FanotifyDecoders.register(decoders);
        FileHandleDecoders.register(decoders);
        SystemDecoders.register(decoders);
        TimexDecoders.register(decoders);
        PerfDecoders.register(decoders);
        BpfDecoders.register(decoders);
        return decoders;
    }

    /** Adds (or replaces) the decoder for {@code name}. */
    public void add(String name, Decoder decoder) {
        byName.put(name, decoder);
    }

    /** Adds the carrier called {@code name}: its calls are traced as the calls they carry. */
    public void addCarrier(String name, Carrier carrier) {
        carriers.put(name, carrier);
    }

    /**
     * The call that {@code name} called with {@code args} carries, or null when {@code name}
     * carries none (or its carried call cannot be read).
     */
    public Carried carried(Arch arch, String name, long[] args, Memory memory) {
        Carrier carrier = carriers.get(name);
        return carrier == null ? null : carrier.carried(arch, args, memory);
    }

    /**
     * The names of the calls the carriers of {@code arch} carry: {@code send} and {@code recv} on
     * i386, which has them only inside socketcall; none where no carrier is a system call.
     */
    public Set<String> carriedNames(Arch arch) {
        Set<String> names = new java.util.HashSet<>();
        carriers.forEach(
                (name, carrier) -> {
                    if (arch.syscalls().find(name).isPresent()) {
                        names.addAll(carrier.carries());
                    }
                });
        return names;
    }

    /** Whether {@code name} is a carrier. */
    public boolean carries(String name) {
        return carriers.containsKey(name);
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

    private static final Decoder[] UNDECODED = new Decoder[7];

    static {
        for (int n = 0; n < UNDECODED.length; n++) {
            UNDECODED[n] = ((Signature) RAW[n]).returning(Results.HEX);
        }
    }

    /**
     * A call -e raw= names: {@code n} argument words in hex, and a successful result in hex too, as
     * strace prints such calls.
     */
    public static Decoder undecoded(int n) {
        return UNDECODED[Math.max(0, Math.min(n, 6))];
    }
}
