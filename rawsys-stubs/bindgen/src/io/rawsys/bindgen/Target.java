package io.rawsys.bindgen;

import java.util.List;

/**
 * One architecture the generator reads headers for: its rawsys name and the C compiler (by GNU
 * triple) whose headers and ABI define it.
 *
 * @param name the rawsys architecture name, also the Java package of its generated tables
 * @param triple the GNU triple; {@code <triple>-gcc} compiles for it with its own headers
 * @param cflags extra compiler flags selecting the ABI, if the triple alone does not
 */
record Target(String name, String triple, List<String> cflags) {

    static final List<Target> ALL = List.of(new Target("x86_64", "x86_64-linux-gnu", List.of()));

    String compiler() {
        return triple + "-gcc";
    }

    /** The Java package of this architecture's generated tables. */
    String javaPackage() {
        return "io.rawsys.linux.data." + name;
    }

    static Target named(String name) {
        return ALL.stream()
                .filter(t -> t.name.equals(name))
                .findFirst()
                .orElseThrow(
                        () ->
                                new IllegalArgumentException(
                                        "unknown architecture "
                                                + name
                                                + "; known: "
                                                + ALL.stream().map(Target::name).toList()));
    }
}
