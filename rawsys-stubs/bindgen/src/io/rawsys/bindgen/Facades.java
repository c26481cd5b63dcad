package io.rawsys.bindgen;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Writes the host-facing classes of {@code io.rawsys.linux}: one field per name, holding the value
 * of the architecture the JVM runs on, looked up once when the class is initialised. The source is
 * the same for every architecture; each field's comment gives its value on all of them.
 */
final class Facades {
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
        for (Spec.StructSpec spec : Spec.STRUCTS) {
            if (all.stream().allMatch(t -> t.structs().structs().containsKey(spec.name()))) {
                struct(spec.name());
            }
        }
    }

    private void syscalls() throws IOException {
        Map<String, Map<String, String>> byName = new TreeMap<>();
        for (TargetTables t : all) {
            t.syscalls()
                    .numbers()
                    .forEach(
                            (name, nr) ->
                                    byName.computeIfAbsent(name, k -> new TreeMap<>())
                                            .put(t.target().name(), nr.toString()));
        }
        StringBuilder body =
                new StringBuilder(
                        "    private static final SyscallTable TABLE = Arch.current().syscalls();\n");
        byName.forEach(
                (name, values) -> {
                    body.append("\n    /** {@code __NR_")
                            .append(name)
                            .append("}: ")
                            .append(JavaFile.perArch(values, arches))
                            .append(". */\n");
                    body.append("    public static final long ")
                            .append(JavaFile.identifier(name))
                            .append(" = TABLE.numberOr(\"")
                            .append(name)
                            .append("\", SyscallTable.MISSING);\n");
                });
        JavaFile.write(
                root,
                "io.rawsys.linux",
                "Nr",
                "the syscall tables of every target",
                """
                System-call numbers of the architecture rawsys runs on, by the kernel's names: {@code __NR_openat} is
                {@link #openat}.

                <p>The fields cover every architecture rawsys knows. A call the running architecture lacks ({@code open}
                on aarch64) is {@link SyscallTable#MISSING}, which the kernel answers with ENOSYS. A name that is a Java
                keyword ends in an underscore ({@code break_}). Each field's comment gives its number on every
                architecture.""",
                body,
                "io.rawsys.Arch",
                "io.rawsys.SyscallTable");
    }

    private void errnos() throws IOException {
        Map<String, Map<String, String>> byName = new TreeMap<>();
        Map<String, String> messages = new TreeMap<>();
        for (TargetTables t : all) {
            t.errnos()
                    .all()
                    .forEach(
                            (name, nr) ->
                                    byName.computeIfAbsent(name, k -> new TreeMap<>())
                                            .put(t.target().name(), nr.toString()));
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
        byName.forEach(
                (name, values) -> {
                    body.append("\n    /** {@code ")
                            .append(name)
                            .append("}, \"")
                            .append(messages.get(name))
                            .append("\": ")
                            .append(JavaFile.perArch(values, arches))
                            .append(". */\n");
                    body.append("    public static final int ")
                            .append(JavaFile.identifier(name))
                            .append(" = TABLE.numberOr(\"")
                            .append(name)
                            .append("\", ErrnoTable.MISSING);\n");
                });
        JavaFile.write(
                root,
                "io.rawsys.linux",
                "Errno",
                "the errno tables of every target",
                """
                Errno values of the architecture rawsys runs on, by name. They differ between architectures (MIPS
                numbers many of them differently), so compare {@link io.rawsys.ErrnoException#errno()} with these, never
                with a number.

                <p>A name the running architecture lacks is {@link ErrnoTable#MISSING}, which no call returns.""",
                body,
                "io.rawsys.Arch",
                "io.rawsys.ErrnoTable");
    }

    /**
     * A constants class: the names every architecture defines; the others stay reachable through
     * Arch.
     */
    private void constants(Spec.ConstantGroup group) throws IOException {
        Map<String, Map<String, String>> shown = new TreeMap<>();
        Map<String, Boolean> fitsInt = new TreeMap<>();
        Set<String> everywhere = null;
        for (TargetTables t : all) {
            Map<String, ConstantTable.Constant> constants =
                    t.constants().groups().get(group.javaClass());
            everywhere = everywhere == null ? new TreeSet<>(constants.keySet()) : everywhere;
            everywhere.retainAll(constants.keySet());
            constants.forEach(
                    (name, c) -> {
                        shown.computeIfAbsent(name, k -> new TreeMap<>())
                                .put(t.target().name(), show(c.value()));
                        boolean isInt =
                                c.size() <= 4
                                        && c.value() >= Integer.MIN_VALUE
                                        && c.value() <= Integer.MAX_VALUE;
                        fitsInt.merge(name, isInt, Boolean::logicalAnd);
                    });
        }
        StringBuilder body =
                new StringBuilder(
                        "    private static final ConstantTable TABLE = Arch.current().constants();\n");
        for (String name : everywhere) {
            boolean isInt = fitsInt.get(name);
            body.append("\n    /** {@code ")
                    .append(name)
                    .append("}: ")
                    .append(JavaFile.perArch(shown.get(name), arches))
                    .append(". */\n");
            body.append("    public static final ")
                    .append(isInt ? "int " : "long ")
                    .append(JavaFile.identifier(name))
                    .append(" = TABLE.")
                    .append(isInt ? "intValue" : "value")
                    .append("(\"")
                    .append(name)
                    .append("\");\n");
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
                "the " + group.javaClass() + " group of rawsys-stubs/bindgen Spec",
                group.doc()
                        + "\n\n<p>Values of the architecture rawsys runs on, from "
                        + headers
                        + ". Only names every architecture "
                        + "defines are fields here;\nthe others (such as an architecture's own ptrace requests) are in "
                        + "{@link Arch#constants()}. Each field's comment gives its value everywhere.",
                body,
                "io.rawsys.Arch",
                "io.rawsys.ConstantTable");
    }

    private static String show(long value) {
        return value < 10 ? Long.toString(value) : value + " (0x" + Long.toHexString(value) + ")";
    }

    /** One field of a struct as one architecture lays it out. */
    private record FieldLine(String path, long offset, String kind, long size, long count) {
        String describe() {
            String type =
                    switch (kind) {
                        case "p" -> "pointer (" + size + ")";
                        case "g" -> "struct of " + size + " bytes";
                        case "f" -> "float" + size * 8;
                        default -> kind + size * 8;
                    };
            return (count == 1 ? type : type + "[" + count + "]") + " at " + offset;
        }
    }

    private void struct(String name) throws IOException {
        Map<String, Map<String, FieldLine>> fields = new LinkedHashMap<>();
        Map<String, String> sizes = new TreeMap<>();
        Map<String, String> cTypes = new TreeMap<>();
        for (TargetTables t : all) {
            StructTable.Struct s = t.structs().structs().get(name);
            sizes.put(t.target().name(), s.layout().size() + " bytes");
            cTypes.put(
                    t.target().name(),
                    "{@code "
                            + s.cType()
                            + "} in &lt;"
                            + String.join("&gt;, &lt;", s.headers())
                            + "&gt;");
            List<String> lines = new ArrayList<>();
            ArchSources.fieldLines(name, s.layout().children(), lines);
            for (String line : lines) {
                String[] p = line.split(" ");
                fields.computeIfAbsent(p[1], k -> new TreeMap<>())
                        .put(
                                t.target().name(),
                                new FieldLine(
                                        p[1],
                                        Long.parseLong(p[2]),
                                        p[3],
                                        Long.parseLong(p[4]),
                                        Long.parseLong(p[5])));
            }
        }
        String className = JavaFile.className(name);
        StringBuilder body = new StringBuilder();
        body.append("    /** The layout on the architecture rawsys runs on. */\n");
        body.append("    public static final GroupLayout LAYOUT = Arch.current().layout(\"")
                .append(name)
                .append("\").orElseThrow();\n\n");
        body.append("    /** The size in bytes on the architecture rawsys runs on. */\n");
        body.append(
                "    public static long sizeof() {\n        return LAYOUT.byteSize();\n    }\n\n");
        body.append(
                "    /** Allocates one, zeroed, laid out for the architecture rawsys runs on. */\n");
        body.append(
                "    public static MemorySegment allocate(SegmentAllocator allocator) {\n        return allocator.allocate(LAYOUT);\n    }\n");
        for (var e : fields.entrySet()) {
            if (e.getKey().contains("[")) {
                continue; // members of array elements are reached through the element's own class
            }
            member(body, name, e.getKey(), e.getValue());
        }
        JavaFile.write(
                root,
                "io.rawsys.linux.struct",
                className,
                "the struct list of rawsys-stubs/bindgen Spec",
                "{@code "
                        + name
                        + "}: "
                        + JavaFile.perArch(cTypes, arches)
                        + ".\n\n<p>Size: "
                        + JavaFile.perArch(sizes, arches)
                        + ".\n\n<p>Accessors read and write the layout of the architecture rawsys runs on, by that architecture's "
                        + "offsets; nested members\nare reached as {@code outer_inner}. A member the running architecture lacks "
                        + "throws {@link UnsupportedOperationException}.\nA segment too small for the struct, or an index "
                        + "past an array, throws {@link IndexOutOfBoundsException} before memory is touched.",
                body,
                "io.rawsys.Arch",
                "io.rawsys.internal.StructField",
                "java.lang.foreign.GroupLayout",
                "java.lang.foreign.MemorySegment",
                "java.lang.foreign.SegmentAllocator");
    }

    private void member(
            StringBuilder body, String struct, String path, Map<String, FieldLine> byArch) {
        String accessor = JavaFile.identifier(path.replace('.', '_'));
        String constant = path.replace('.', '_').toUpperCase(java.util.Locale.ROOT);
        Map<String, String> described = new TreeMap<>();
        byArch.forEach((arch, f) -> described.put(arch, f.describe()));
        FieldLine any = byArch.values().iterator().next();
        String doc = "{@code " + path + "}: " + JavaFile.perArch(described, arches) + ".";
        body.append("\n    private static final StructField ")
                .append(constant)
                .append(" = StructField.of(\"")
                .append(struct)
                .append("\", \"")
                .append(path)
                .append("\");\n");
        boolean array = byArch.values().stream().anyMatch(f -> f.count() != 1);
        boolean group = any.kind().equals("g");
        if (array || group) {
            body.append("\n    /** The bytes of ").append(doc).append(" */\n");
            body.append("    public static MemorySegment ")
                    .append(accessor)
                    .append("(MemorySegment struct) {\n        return ")
                    .append(constant)
                    .append(".slice(struct);\n    }\n");
        }
        if (group) {
            return;
        }
        long widest = byArch.values().stream().mapToLong(FieldLine::size).max().orElseThrow();
        boolean sameSize = byArch.values().stream().allMatch(f -> f.size() == widest);
        String type =
                any.kind().equals("f")
                        ? (widest == 4 ? "float" : "double")
                        : !sameSize || any.kind().equals("p")
                                ? "long"
                                : switch ((int) widest) {
                                    case 1 -> "byte";
                                    case 2 -> "short";
                                    case 4 -> "int";
                                    default -> "long";
                                };
        String getter = "get" + Character.toUpperCase(type.charAt(0)) + type.substring(1);
        String setter = "set" + Character.toUpperCase(type.charAt(0)) + type.substring(1);
        if (array) {
            body.append("\n    /** Element {@code index} of ").append(doc).append(" */\n");
            body.append("    public static ")
                    .append(type)
                    .append(' ')
                    .append(accessor)
                    .append("(MemorySegment struct, long index) {\n        return ")
                    .append(constant)
                    .append('.')
                    .append(getter)
                    .append("(struct, index);\n    }\n");
            body.append("\n    /** Sets element {@code index} of ").append(doc).append(" */\n");
            body.append("    public static void ")
                    .append(accessor)
                    .append("(MemorySegment struct, long index, ")
                    .append(type)
                    .append(" value) {\n        ")
                    .append(constant)
                    .append('.')
                    .append(setter)
                    .append("(struct, index, value);\n    }\n");
        } else {
            body.append("\n    /** ").append(doc).append(" */\n");
            body.append("    public static ")
                    .append(type)
                    .append(' ')
                    .append(accessor)
                    .append("(MemorySegment struct) {\n        return ")
                    .append(constant)
                    .append('.')
                    .append(getter)
                    .append("(struct, 0);\n    }\n");
            body.append("\n    /** Sets ").append(doc).append(" */\n");
            body.append("    public static void ")
                    .append(accessor)
                    .append("(MemorySegment struct, ")
                    .append(type)
                    .append(" value) {\n        ")
                    .append(constant)
                    .append('.')
                    .append(setter)
                    .append("(struct, 0, value);\n    }\n");
        }
    }
}
