package io.rawsys.bindgen;

import java.util.List;

/**
 * One architecture (ABI) the generator reads headers for: its rawsys name and the C compiler whose
 * headers and ABI define it. Every compiler is a Debian cross compiler ({@code gcc-<triple>}),
 * found by its triple.
 *
 * @param name the rawsys architecture name, also the Java package of its generated tables
 * @param triple the GNU triple; {@code <triple>-gcc} compiles for it with its own headers
 * @param cflags extra compiler flags selecting the ABI, where the triple alone does not
 */
record Target(String name, String triple, List<String> cflags) {

    static final List<Target> ALL =
            List.of(
                    new Target("x86_64", "x86_64-linux-gnu", List.of()),
                    // x32 shares x86_64's compiler; Debian installs its kernel headers only in the
                    // x86_64
                    // directory, which the -mx32 compiler does not search by itself.
                    new Target(
                            "x32",
                            "x86_64-linux-gnu",
                            List.of("-mx32", "-idirafter", "/usr/include/x86_64-linux-gnu")),
                    new Target("i386", "i686-linux-gnu", List.of()),
                    new Target("aarch64", "aarch64-linux-gnu", List.of()),
                    new Target("arm", "arm-linux-gnueabihf", List.of()),
                    new Target("riscv64", "riscv64-linux-gnu", List.of()),
                    new Target("ppc64le", "powerpc64le-linux-gnu", List.of()),
                    new Target("s390x", "s390x-linux-gnu", List.of()),
                    new Target("mips64el", "mips64el-linux-gnuabi64", List.of()),
                    new Target("mipsel", "mipsel-linux-gnu", List.of()));

    String compiler() {
        return triple + "-gcc";
    }

    /** The compiler and its ABI flags, as a reader would type them. */
    String compilerCommand() {
        return cflags.isEmpty() ? compiler() : compiler() + " " + cflags.getFirst();
    }

    /** The Java package of this architecture's generated tables. */
    String javaPackage() {
        return "io.rawsys.linux.data." + name;
    }
}
