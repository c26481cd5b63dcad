package io.rawsys.bindgen;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the classes of {@code io.rawsys.linux.struct}, jextract's way: a layout, {@code sizeof},
 * {@code allocate}, and a getter and setter per member named as in C. Members are the union of
 * every architecture's (user_regs_struct has rip on x86_64 and pc on aarch64); the accessors read
 * the running architecture's offsets.
 */
final class StructFacades {
    private final Path root;
    private final List<TargetTables> all;
    private final List<String> arches;

    StructFacades(Path root, List<TargetTables> all) {
        this.root = root;
        this.all = all;
        this.arches = all.stream().map(t -> t.target().name()).toList();
    }

    void write(String name) throws IOException {
        Map<String, Map<String, StructTable.Field>> members = new LinkedHashMap<>();
        Map<String, String> sizes = new LinkedHashMap<>();
        Map<String, String> cTypes = new LinkedHashMap<>();
        for (TargetTables t : all) {
            StructTable.Struct s = t.structs().structs().get(name);
            String arch = t.target().name();
            sizes.put(arch, s.layout().size() + " bytes");
            cTypes.put(
                    arch,
                    "{@code "
                            + s.cType()
                            + "} in &lt;"
                            + String.join("&gt;, &lt;", s.headers())
                            + "&gt;");
            for (StructTable.Field f : s.fields()) {
                members.computeIfAbsent(f.path(), k -> new LinkedHashMap<>()).put(arch, f);
            }
        }
        StringBuilder body =
                new StringBuilder(
                        """
                    /** The layout on the architecture rawsys runs on. */
                    public static final GroupLayout LAYOUT = Arch.current().layout("%s").orElseThrow();

                    /** The size in bytes on the architecture rawsys runs on. */
                    public static long sizeof() {
                        return LAYOUT.byteSize();
                    }

                    /** Allocates one, zeroed, laid out for the architecture rawsys runs on. */
                    public static MemorySegment allocate(SegmentAllocator allocator) {
                        return allocator.allocate(LAYOUT);
                    }
                """
                                .formatted(name));
        members.forEach(
                (path, byArch) -> {
                    if (!path.contains(
                            "[")) { // members of array elements are reached through the element's
                        // own class
                        member(body, name, path, byArch);
                    }
                });
        String doc =
                "{@code "
                        + name
                        + "}: "
                        + JavaFile.perArch(cTypes, arches)
                        + ".\n\n<p>Size: "
                        + JavaFile.perArch(sizes, arches)
                        + "."
                        + """


                <p>Accessors read and write the layout of the architecture rawsys runs on, by that architecture's offsets; nested
                members are reached as {@code outer_inner}. A member the running architecture lacks throws
                {@link UnsupportedOperationException}. A segment too small for the struct, or an index past an array, throws
                {@link IndexOutOfBoundsException} before memory is touched.""";
        JavaFile.write(
                root,
                "io.rawsys.linux.struct",
                JavaFile.className(name),
                "the struct list of bindgen Spec",
                doc,
                body,
                "io.rawsys.Arch",
                "io.rawsys.internal.StructField",
                "java.lang.foreign.GroupLayout",
                "java.lang.foreign.MemorySegment",
                "java.lang.foreign.SegmentAllocator");
    }

    private void member(
            StringBuilder body, String struct, String path, Map<String, StructTable.Field> byArch) {
        String accessor = JavaFile.identifier(path.replace('.', '_'));
        String constant = path.replace('.', '_').toUpperCase(Locale.ROOT);
        Map<String, String> described = new LinkedHashMap<>();
        byArch.forEach((arch, f) -> described.put(arch, describe(f)));
        String doc = "{@code " + path + "}: " + JavaFile.perArch(described, arches) + ".";
        body.append(
                "\n    private static final StructField %s = StructField.of(\"%s\", \"%s\");\n"
                        .formatted(constant, struct, path));
        StructTable.Field any = byArch.values().iterator().next();
        boolean array = byArch.values().stream().anyMatch(f -> f.count() != 1);
        boolean group = any.kind().equals("g");
        if (array || group) {
            body.append(
                    """

                        /** The bytes of %s */
                        public static MemorySegment %s(MemorySegment struct) {
                            return %s.slice(struct);
                        }
                    """
                            .formatted(doc, accessor, constant));
        }
        if (group) {
            return;
        }
        String type = javaType(byArch);
        String suffix = Character.toUpperCase(type.charAt(0)) + type.substring(1);
        if (array) {
            body.append(
                    """

                        /** Element {@code index} of %1$s */
                        public static %2$s %3$s(MemorySegment struct, long index) {
                            return %4$s.get%5$s(struct, index);
                        }

                        /** Sets element {@code index} of %1$s */
                        public static void %3$s(MemorySegment struct, long index, %2$s value) {
                            %4$s.set%5$s(struct, index, value);
                        }
                    """
                            .formatted(doc, type, accessor, constant, suffix));
        } else {
            body.append(
                    """

                        /** %1$s */
                        public static %2$s %3$s(MemorySegment struct) {
                            return %4$s.get%5$s(struct, 0);
                        }

                        /** Sets %1$s */
                        public static void %3$s(MemorySegment struct, %2$s value) {
                            %4$s.set%5$s(struct, 0, value);
                        }
                    """
                            .formatted(doc, type, accessor, constant, suffix));
        }
    }

    /**
     * The Java type of a member: C's size where every architecture agrees, {@code long} (widened by
     * each one's signedness) where they differ, and for pointers, which are addresses.
     */
    private static String javaType(Map<String, StructTable.Field> byArch) {
        StructTable.Field any = byArch.values().iterator().next();
        long widest =
                byArch.values().stream().mapToLong(StructTable.Field::size).max().orElseThrow();
        boolean sameSize = byArch.values().stream().allMatch(f -> f.size() == widest);
        if (any.kind().equals("f")) {
            return widest == 4 ? "float" : "double";
        }
        if (!sameSize || any.kind().equals("p")) {
            return "long";
        }
        return switch ((int) widest) {
            case 1 -> "byte";
            case 2 -> "short";
            case 4 -> "int";
            default -> "long";
        };
    }

    private static String describe(StructTable.Field f) {
        String type =
                switch (f.kind()) {
                    case "p" -> "pointer (" + f.size() + ")";
                    case "g" -> "struct of " + f.size() + " bytes";
                    case "f" -> "float" + f.size() * 8;
                    default -> f.kind() + f.size() * 8;
                };
        String shape = f.count() == 1 ? type : type + "[" + (f.count() == 0 ? "" : f.count()) + "]";
        return shape + " at " + f.offset();
    }
}
