package io.rawsys.bindgen;

import java.util.List;

/**
 * One architecture (ABI) the generator reads headers for, as bindgen/arches.txt describes it
 * ({@link Registry}): its rawsys name and the C compiler whose headers and ABI define it. Every
 * compiler is a Debian cross compiler ({@code gcc-<triple>}), found by its triple.
 *
 * @param name the rawsys architecture name, also the Java package of its generated tables
 * @param triple the GNU triple; {@code <triple>-gcc} compiles for it with its own headers
 * @param cflags extra compiler flags selecting the ABI, where the triple alone does not
 * @param kernelArch the kernel's {@code ARCH=} for it, whose {@code make headers_install} gives its
 *     uapi headers
 */
record Target(String name, String triple, List<String> cflags, String kernelArch) {

    String compiler() {
        return triple + "-gcc";
    }

    /** The compiler and its ABI flags, as a reader would type them. */
    String compilerCommand() {
        return cflags.isEmpty() ? compiler() : compiler() + " " + cflags.getFirst();
    }

    /**
     * Where a generated table's values come from, for its header: the kernel's uapi headers of
     * {@code kernelVersion} for this architecture before the compiler's own (glibc's) headers.
     */
    String headersSeenBy(String kernelVersion) {
        return "Linux "
                + kernelVersion
                + "'s uapi headers (make headers_install ARCH="
                + kernelArch
                + ") and glibc's, as "
                + compilerCommand()
                + " sees them";
    }

    /** The Java package of this architecture's generated tables. */
    String javaPackage() {
        return "io.rawsys.linux.data." + name;
    }
}
