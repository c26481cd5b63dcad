package io.rawsys;

import io.rawsys.linux.data.ZArchData;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * A Linux architecture (more exactly an ABI) that rawsys has generated tables for: its system calls
 * and errno values. {@link #current()} is the one this JVM runs on; {@link #of(String)} gives any
 * other, for tools that look at foreign programs (a tracer decoding an i386 process on x86_64,
 * say). Instances are singletons and thread-safe.
 */
public final class Arch {
    /** The {@code os.arch} values JVMs report, mapped to rawsys names where they differ. */
    private static final Map<String, String> OS_ARCH =
            Map.of("amd64", "x86_64", "x86", "i386", "i686", "i386");

    private static final Map<String, Arch> ALL = new LinkedHashMap<>();

    static {
        for (String name : ZArchData.NAMES) {
            ALL.put(name, new Arch(name));
        }
    }

    private final String name;
    private volatile SyscallTable syscalls;
    private volatile ErrnoTable errnos;

    private Arch(String name) {
        this.name = name;
    }

    /**
     * The architecture this JVM runs on.
     *
     * @throws UnsupportedOperationException on an operating system other than Linux, or an
     *     architecture rawsys has no tables for; the message says which
     */
    public static Arch current() {
        return Current.ARCH;
    }

    /**
     * The architecture called {@code name}: a rawsys name such as {@code aarch64}, or a JVM {@code
     * os.arch} value such as {@code amd64}.
     *
     * @throws NoSuchElementException naming the architectures rawsys knows
     */
    public static Arch of(String name) {
        Arch arch = ALL.get(OS_ARCH.getOrDefault(name, name));
        if (arch == null) {
            throw new NoSuchElementException(
                    "rawsys has no architecture called '"
                            + name
                            + "'; it knows "
                            + String.join(", ", names()));
        }
        return arch;
    }

    /** The names of every architecture rawsys has tables for. */
    public static List<String> names() {
        return List.copyOf(ALL.keySet());
    }

    /** This architecture's rawsys name, such as {@code x86_64}. */
    public String name() {
        return name;
    }

    /** This architecture's system calls. */
    public SyscallTable syscalls() {
        SyscallTable table = syscalls;
        if (table == null) {
            // Racy but safe: the table is immutable, and two threads would build equal ones.
            syscalls = table = SyscallTable.parse(name, ZArchData.syscalls(name));
        }
        return table;
    }

    /** This architecture's errno values and messages. */
    public ErrnoTable errnos() {
        ErrnoTable table = errnos;
        if (table == null) {
            errnos =
                    table =
                            ErrnoTable.parse(
                                    name, ZArchData.errnos(name), ZArchData.errnoAliases(name));
        }
        return table;
    }

    @Override
    public String toString() {
        return name;
    }

    /** Resolved on first use, so that {@link #of} works on any host. */
    private static final class Current {
        static final Arch ARCH = detect();

        private static Arch detect() {
            String os = System.getProperty("os.name");
            if (!"Linux".equals(os)) {
                throw new UnsupportedOperationException(
                        "rawsys talks to the Linux kernel, and this JVM runs on " + os);
            }
            String osArch = System.getProperty("os.arch");
            Arch arch = ALL.get(OS_ARCH.getOrDefault(osArch, osArch));
            if (arch == null) {
                throw new UnsupportedOperationException(
                        "rawsys has no tables for this JVM's architecture (os.arch="
                                + osArch
                                + "); it supports "
                                + String.join(", ", names()));
            }
            return arch;
        }
    }
}
