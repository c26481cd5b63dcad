package io.rawsys.bindgen;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Writes the host-facing classes of {@code io.rawsys.linux}: one field per name, holding the value
 * of the architecture the JVM runs on, looked up once when the class is initialised. The source is
 * the same for every architecture; each field's comment gives its value on all of them.
 */
final class Facades {
    private static final String NOT_CONSTANT_EXPRESSIONS =
            """

            <p>The fields are {@code static final} but not compile-time constants, since their values
            depend on the architecture the JVM runs on: use them in {@code if}s, not in {@code case}
            labels.""";

    private final Path root;
    private final List<TargetTables> all;
    private final List<String> arches;

    Facades(Path root, List<TargetTables> all) {
        this.root = root;
        this.all = all;
        this.arches = all.stream().map(t -> t.target().name()).toList();
    }

    void write() throws IOException {
        syscalls();
        errnos();
        for (Spec.ConstantGroup group : Spec.CONSTANTS) {
            constants(group);
        }
        StructFacades structs = new StructFacades(root, all);
        for (Spec.StructSpec spec : Spec.STRUCTS) {
            if (all.stream().allMatch(t -> t.structs().structs().containsKey(spec.name()))) {
                structs.write(spec.name());
            }
        }
    }

    /** Name to (architecture to value), over every architecture, names in order. */
    private <V> Map<String, Map<String, V>> byName(Function<TargetTables, Map<String, V>> table) {
        Map<String, Map<String, V>> byName = new TreeMap<>();
        for (TargetTables t : all) {
            table.apply(t)
                    .forEach(
                            (name, v) ->
                                    byName.computeIfAbsent(name, k -> new LinkedHashMap<>())
                                            .put(t.target().name(), v));
        }
        return byName;
    }

    private void syscalls() throws IOException {
        Map<String, String> macros = new TreeMap<>();
        all.forEach(
                t ->
                        t.syscalls()
                                .numbers()
                                .keySet()
                                .forEach(n -> macros.putIfAbsent(n, t.syscalls().macro(n))));
        StringBuilder body =
                new StringBuilder(
                        "    private static final SyscallTable TABLE = Arch.current().syscalls();\n");
        byName(t -> t.syscalls().numbers())
                .forEach(
                        (name, values) ->
                                body.append(
                                        """

                    /** {@code %s}: %s. */
                    public static final long %s = TABLE.numberOr("%s", SyscallTable.MISSING);
                """
                                                .formatted(
                                                        macros.get(name),
                                                        JavaFile.perArch(values, arches),
                                                        JavaFile.identifier(name),
                                                        name)));
        JavaFile.write(
                root,
                "io.rawsys.linux",
                "Nr",
                "the syscall tables of every target",
                """
                System-call numbers of the architecture rawsys runs on, by the kernel's names: {@code __NR_openat} is
                {@link #openat}.

                <p>The fields cover every architecture rawsys knows. A call the running architecture lacks ({@code open}
                on aarch64) is {@link SyscallTable#MISSING}, for which {@link io.rawsys.Syscalls} returns ENOSYS without
                entering the kernel. A name that is a Java keyword ends in an underscore ({@code break_}). Each field's
                comment gives its number on every architecture."""
                        + NOT_CONSTANT_EXPRESSIONS,
                body,
                "io.rawsys.Arch",
                "io.rawsys.SyscallTable");
    }

    private void errnos() throws IOException {
        Map<String, String> messages = new TreeMap<>();
        for (TargetTables t : all) {
            t.errnos().messages().forEach(messages::putIfAbsent);
            t.errnos()
                    .aliases()
                    .forEach(
                            (alias, canonical) ->
                                    messages.putIfAbsent(
                                            alias, t.errnos().messages().get(canonical)));
        }
        StringBuilder body =
                new StringBuilder(
                        "    private static final ErrnoTable TABLE = Arch.current().errnos();\n");
        byName(t -> t.errnos().all())
                .forEach(
                        (name, values) ->
                                body.append(
                                        """

                    /** {@code %s}, "%s": %s. */
                    public static final int %s = TABLE.numberOr("%s", ErrnoTable.MISSING);
                """
                                                .formatted(
                                                        name,
                                                        messages.get(name),
                                                        JavaFile.perArch(values, arches),
                                                        JavaFile.identifier(name),
                                                        name)));
        JavaFile.write(
                root,
                "io.rawsys.linux",
                "Errno",
                "the errno tables of every target",
                """
                Errno values of the architecture rawsys runs on, by name. They differ between architectures (MIPS
                numbers many of them differently), so compare {@link io.rawsys.ErrnoException#errno()} with these, never
                with a number.

                <p>A name the running architecture lacks is {@link ErrnoTable#MISSING}, which no call returns. The
                message in each comment is glibc's on the first architecture that has the name."""
                        + NOT_CONSTANT_EXPRESSIONS,
                body,
                "io.rawsys.Arch",
                "io.rawsys.ErrnoTable");
    }

    /**
     * A constants class: the names every architecture defines; the others stay reachable through
     * Arch. A name whose C type is at most 4 bytes everywhere is an {@code int} (an unsigned one
     * keeps its 32 bits, as jextract does); the others are {@code long}.
     */
    private void constants(Spec.ConstantGroup group) throws IOException {
        Map<String, Map<String, ConstantTable.Constant>> byName =
                byName(t -> t.constants().groups().get(group.javaClass()));
        Set<String> everywhere = new TreeSet<>(byName.keySet());
        everywhere.removeIf(name -> byName.get(name).size() != all.size());
        StringBuilder body =
                new StringBuilder(
                        "    private static final ConstantTable TABLE = Arch.current().constants();\n");
        for (String name : everywhere) {
            Map<String, ConstantTable.Constant> values = byName.get(name);
            boolean isInt = values.values().stream().allMatch(c -> c.size() <= 4);
            Map<String, String> shown = new LinkedHashMap<>();
            values.forEach((arch, c) -> shown.put(arch, show(c.value())));
            body.append(
                    """

                        /** {@code %s}: %s. */
                        public static final %s %s = TABLE.%s("%s");
                    """
                            .formatted(
                                    name,
                                    JavaFile.perArch(shown, arches),
                                    isInt ? "int" : "long",
                                    JavaFile.identifier(name),
                                    isInt ? "intValue" : "value",
                                    name));
        }
        String headers =
                String.join(
                        ", ",
                        group.sources().stream()
                                .flatMap(s -> s.headers().stream())
                                .map(h -> "&lt;" + h + "&gt;")
                                .toList());
        JavaFile.write(
                root,
                "io.rawsys.linux",
                group.javaClass(),
                "the " + group.javaClass() + " group of bindgen Spec",
                group.doc()
                        + "\n\n<p>Values of the architecture rawsys runs on, from "
                        + headers
                        + ". Only names every architecture "
                        + "defines are fields here;\nthe others (such as an architecture's own ptrace requests) are in "
                        + "{@link Arch#constants()}. Each field's comment gives its value everywhere."
                        + NOT_CONSTANT_EXPRESSIONS,
                body,
                "io.rawsys.Arch",
                "io.rawsys.ConstantTable");
    }

    static String show(long value) {
        return value < 10 ? Long.toString(value) : value + " (0x" + Long.toHexString(value) + ")";
    }
}
