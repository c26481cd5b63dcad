package io.rawsys.internal;

import io.rawsys.linux.data.ZArchData;

/**
 * Which ABI this JVM runs in, and rawsys's name for an ABI given by another name: below {@code
 * io.rawsys.Arch}, which answers the same through {@code Arch.current()} and {@code Arch.of}, so
 * that the stub loader and the struct accessors need nothing above this package.
 */
public final class HostAbi {
    private HostAbi() {}

    /**
     * rawsys's name for the ABI called {@code name}: the name itself, or the ABI whose {@code
     * os-arch} names (bindgen/arches.txt) include it, such as {@code amd64}; null for neither.
     */
    public static String lookUp(String name) {
        if (ZArchData.NAMES.contains(name)) {
            return name;
        }
        for (String abi : ZArchData.NAMES) {
            if (ZArchData.osArch(abi).contains(name)) {
                return abi;
            }
        }
        return null;
    }

    /**
     * This JVM's ABI.
     *
     * @throws UnsupportedOperationException saying why, on a system or architecture rawsys has no
     *     tables for
     */
    public static String name() {
        if (Current.NAME == null) {
            throw new UnsupportedOperationException(Current.PROBLEM);
        }
        return Current.NAME;
    }

    /**
     * The value of {@code errno}'s name on this JVM's ABI, from its generated table (the same table
     * {@code Arch.errnos()} reads).
     */
    static int errno(String errnoName) {
        String prefix = errnoName + " ";
        return ZArchData.errnos(name())
                .lines()
                .filter(l -> l.startsWith(prefix))
                .map(l -> Integer.parseInt(l.split(" ", 3)[1]))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(errnoName + " on " + name()));
    }

    /**
     * Resolved on first use. A host rawsys does not support is remembered as a message, not thrown
     * from this initializer: every call to {@link #name()} then throws the same clear exception,
     * instead of an ExceptionInInitializerError once and a NoClassDefFoundError after.
     */
    private static final class Current {
        static final String PROBLEM = problem();
        static final String NAME = PROBLEM == null ? lookUp(System.getProperty("os.arch")) : null;

        private static String problem() {
            String os = System.getProperty("os.name");
            if (!"Linux".equals(os)) {
                return "rawsys talks to the Linux kernel, and this JVM runs on " + os;
            }
            String osArch = System.getProperty("os.arch");
            if (lookUp(osArch) == null) {
                return "rawsys has no tables for this JVM's architecture (os.arch="
                        + osArch
                        + "); it supports "
                        + String.join(", ", ZArchData.NAMES);
            }
            return null;
        }
    }
}
