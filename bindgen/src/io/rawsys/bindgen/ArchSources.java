package io.rawsys.bindgen;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Writes one architecture's generated tables ({@code io.rawsys.linux.data.<arch>}) and the registry
 * that selects them by name ({@code io.rawsys.linux.data.ZArchData}).
 */
final class ArchSources {
    private final Path root;

    ArchSources(Path root) {
        this.root = root;
    }

    void write(TargetTables t) throws IOException {
        syscalls(t);
        errnos(t);
        constants(t);
        structs(t);
    }

    private void syscalls(TargetTables t) throws IOException {
        List<String> lines = new ArrayList<>();
        t.syscalls().numbers().forEach((name, nr) -> lines.add(name + " " + nr));
        JavaFile.write(
                root,
                t.target().javaPackage(),
                "ZSyscalls",
                "<asm/unistd.h> of " + t.source(),
                "The "
                        + t.target().name()
                        + " system calls: one {@code name number} line each, in number order.",
                JavaFile.textBlock(
                        "TABLE",
                        "Every {@code __NR_} macro of the headers but their bookkeeping ones.",
                        lines));
    }

    private void errnos(TargetTables t) throws IOException {
        List<String> lines = new ArrayList<>();
        t.errnos()
                .canonical()
                .forEach(
                        (name, nr) ->
                                lines.add(name + " " + nr + " " + t.errnos().messages().get(name)));
        List<String> aliases = new ArrayList<>();
        t.errnos().aliases().forEach((alias, canonical) -> aliases.add(alias + " " + canonical));
        JavaFile.write(
                root,
                t.target().javaPackage(),
                "ZErrnos",
                "<errno.h> of " + t.source() + "; messages from glibc's strerror",
                "The " + t.target().name() + " errno values.",
                JavaFile.textBlock(
                                "TABLE",
                                "One {@code NAME number message} line per canonical name, in number order.",
                                lines)
                        + "\n"
                        + JavaFile.textBlock(
                                "ALIASES",
                                "One {@code ALIAS NAME} line per name that stands for another.",
                                aliases));
    }

    private void constants(TargetTables t) throws IOException {
        StringBuilder body = new StringBuilder();
        StringBuilder select =
                new StringBuilder("    /** The table of the constants class {@code group}. */\n");
        select.append(
                "    public static String group(String group) {\n        return switch (group) {\n");
        for (Spec.ConstantGroup group : Spec.CONSTANTS) {
            List<String> lines = new ArrayList<>();
            t.constants()
                    .groups()
                    .get(group.javaClass())
                    .forEach(
                            (name, c) ->
                                    lines.add(
                                            name
                                                    + " "
                                                    + c.value()
                                                    + " "
                                                    + c.size()
                                                    + " "
                                                    + c.source()));
            String field = group.javaClass().toUpperCase(Locale.ROOT);
            String doc = group.doc() + " One {@code NAME value sizeof source} line each.";
            body.append(JavaFile.textBlock(field, doc, lines)).append('\n');
            select.append("            case \"")
                    .append(group.javaClass())
                    .append("\" -> ")
                    .append(field)
                    .append(";\n");
        }
        List<String> gaps = new ArrayList<>();
        t.constants()
                .unevaluated()
                .forEach((group, names) -> names.forEach(n -> gaps.add(group + " " + n)));
        body.append(
                        JavaFile.textBlock(
                                "UNEVALUATED",
                                "The names a group's headers define and its pattern matches that are no integer"
                                        + " constant on "
                                        + t.target().name()
                                        + " (a string, a pointer, a call, or a type its headers lack):"
                                        + " one {@code GROUP NAME} line each. The generator lists them so"
                                        + " that a gap is visible rather than silent.",
                                gaps))
                .append('\n');
        select.append(
                "            default -> throw new IllegalArgumentException(\"no constants group \" + group);\n");
        select.append("        };\n    }\n");
        String from = "the headers of each group in bindgen Spec: " + t.source();
        JavaFile.write(
                root,
                t.target().javaPackage(),
                "ZConstants",
                from,
                "The " + t.target().name() + " constants, group by group.",
                body.append(select));
    }

    private void structs(TargetTables t) throws IOException {
        String order = t.abi().bigEndian() ? "BIG_ENDIAN" : "LITTLE_ENDIAN";
        StringBuilder body = new StringBuilder();
        body.append("    private static final ByteOrder ORDER = ByteOrder.")
                .append(order)
                .append(";\n");
        body.append("    private static final ValueLayout.OfByte I8 = ValueLayout.JAVA_BYTE;\n");
        body.append(
                "    private static final ValueLayout.OfShort I16 = ValueLayout.JAVA_SHORT.withOrder(ORDER);\n");
        body.append(
                "    private static final ValueLayout.OfInt I32 = ValueLayout.JAVA_INT.withOrder(ORDER);\n");
        body.append(
                "    private static final ValueLayout.OfLong I64 = ValueLayout.JAVA_LONG.withOrder(ORDER);\n");
        body.append(
                "    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT.withOrder(ORDER);\n");
        body.append(
                "    private static final ValueLayout.OfDouble F64 = ValueLayout.JAVA_DOUBLE.withOrder(ORDER);\n\n");
        List<String> fields = new ArrayList<>();
        List<String> headers = new ArrayList<>();
        for (StructTable.Struct s : t.structs().structs().values()) {
            StructTable.Group g = s.layout();
            body.append("    /** {@code ")
                    .append(s.cType())
                    .append("} from {@code <")
                    .append(String.join(">, <", s.headers()))
                    .append(">}: ")
                    .append(g.size())
                    .append(" bytes, aligned to ")
                    .append(g.align())
                    .append(". */\n");
            body.append("    public static final GroupLayout ")
                    .append(s.name())
                    .append(" =\n            ")
                    .append(new Layouts(s.flat()).layout(g, s.name(), "            ", g.align()))
                    .append(";\n\n");
            headers.add(
                    s.name()
                            + " "
                            + s.cType().replace(' ', '+')
                            + " "
                            + String.join(",", s.headers()));
            s.fields().forEach(f -> fields.add(f.line(s.name())));
        }
        body.append(
                        JavaFile.textBlock(
                                "FIELDS",
                                "One {@code struct path offset kind size count} line per member (kind: s signed, u unsigned, "
                                        + "p pointer, f floating, g struct or union; size is the element's for arrays).",
                                fields))
                .append('\n');
        body.append(
                        JavaFile.textBlock(
                                "HEADERS",
                                "One {@code struct C-type headers} line per struct (spaces in the C type as +).",
                                headers))
                .append('\n');
        body.append(
                "    /** The layout of the struct rawsys calls {@code name}, or null if this architecture has none. */\n");
        body.append(
                "    public static GroupLayout layout(String name) {\n        return switch (name) {\n");
        for (String name : t.structs().structs().keySet()) {
            body.append("            case \"")
                    .append(name)
                    .append("\" -> ")
                    .append(name)
                    .append(";\n");
        }
        body.append("            default -> null;\n        };\n    }\n");
        JavaFile.write(
                root,
                t.target().javaPackage(),
                "ZStructs",
                "the headers of each struct in bindgen Spec: " + t.source(),
                "The " + t.target().name() + " struct layouts.",
                body,
                "java.lang.foreign.GroupLayout",
                "java.lang.foreign.MemoryLayout",
                "java.lang.foreign.ValueLayout",
                "java.nio.ByteOrder");
    }

    /**
     * Java expressions building MemoryLayouts. A member's alignment is capped by its container's:
     * the members of a union inside a packed struct (x86_64's epoll_event) keep their own alignment
     * in C's answer, but sit wherever the packed struct puts them.
     */
    private record Layouts(boolean flat) {
        String layout(StructTable.Node node, String name, String indent, long cap) {
            String named = name == null ? "" : ".withName(\"" + name + "\")";
            return switch (node) {
                case StructTable.Scalar s -> scalar(s, cap) + named;
                case StructTable.Array a ->
                        "MemoryLayout.sequenceLayout("
                                + a.count()
                                + ", "
                                + layout(a.element(), null, indent, Math.min(cap, a.align()))
                                + ")"
                                + named;
                case StructTable.Group g -> group(g, indent, Math.min(cap, g.align())) + named;
            };
        }

        private static String scalar(StructTable.Scalar s, long cap) {
            String base =
                    switch (s.kind()) {
                        case FLOAT -> s.size() == 4 ? "F32" : s.size() == 8 ? "F64" : null;
                        default ->
                                switch ((int) s.size()) {
                                    case 1 -> "I8";
                                    case 2 -> "I16";
                                    case 4 -> "I32";
                                    case 8 -> "I64";
                                    default -> null;
                                };
                    };
            if (base == null) { // long double, __int128: kept as opaque bytes
                return "MemoryLayout.sequenceLayout(" + s.size() + ", I8)";
            }
            long align = Math.min(s.align(), cap);
            return align == s.size() ? base : base + ".withByteAlignment(" + align + ")";
        }

        private String group(StructTable.Group g, String indent, long cap) {
            String inner = indent + "        ";
            List<String> parts = new ArrayList<>();
            long natural = 1;
            if (g.union()) {
                long largest = 0;
                for (StructTable.Node child : g.children()) {
                    String part = layout(child, child.name(), inner, cap);
                    long lead = child.offset() - g.offset();
                    parts.add(
                            lead == 0
                                    ? part
                                    : "MemoryLayout.structLayout(MemoryLayout.paddingLayout("
                                            + lead
                                            + "), "
                                            + part
                                            + ")");
                    largest = Math.max(largest, lead + child.size());
                    natural = Math.max(natural, Math.min(cap, child.align()));
                }
                if (largest < g.size()) {
                    parts.add("MemoryLayout.paddingLayout(" + g.size() + ")");
                }
            } else {
                long cursor = g.offset();
                List<StructTable.Node> children = new ArrayList<>(g.children());
                children.sort(Comparator.comparingLong(StructTable.Node::offset));
                for (StructTable.Node child : children) {
                    if (child.offset() < cursor) {
                        if (flat) {
                            continue; // an overlapping union member: reachable by its accessor, not
                            // in the layout
                        }
                        throw new IllegalStateException(
                                "overlapping member " + child.path() + " at " + child.offset());
                    }
                    if (child.offset() > cursor) {
                        parts.add("MemoryLayout.paddingLayout(" + (child.offset() - cursor) + ")");
                    }
                    parts.add(layout(child, child.name(), inner, cap));
                    cursor = child.offset() + child.size();
                    natural = Math.max(natural, Math.min(cap, child.align()));
                }
                if (g.offset() + g.size() > cursor) {
                    parts.add(
                            "MemoryLayout.paddingLayout(" + (g.offset() + g.size() - cursor) + ")");
                }
            }
            String kind = g.union() ? "MemoryLayout.unionLayout(" : "MemoryLayout.structLayout(";
            String layout = kind + "\n" + inner + String.join(",\n" + inner, parts) + ")";
            return cap > natural ? layout + ".withByteAlignment(" + cap + ")" : layout;
        }
    }

    void signatures(Signatures signatures, String kernelVersion) throws IOException {
        StringBuilder body =
                new StringBuilder(
                        JavaFile.textBlock(
                                "TABLE",
                                "One line per system call: {@code name type:name;type:name;...}, the"
                                        + " parameters of its {@code sys_} prototype (a parameter the"
                                        + " header leaves unnamed has an empty name).",
                                signatures.lines()));
        body.append('\n')
                .append(
                        JavaFile.textBlock(
                                "AMBIGUOUS",
                                "Names declared more than once with different parameters (per"
                                        + " architecture), which therefore have no line in TABLE.",
                                List.copyOf(signatures.ambiguous())));
        JavaFile.write(
                root,
                "io.rawsys.linux.data",
                "ZSignatures",
                Signatures.HEADER + " of Linux " + kernelVersion,
                "The kernel's C prototypes of its system calls, the same for every architecture.",
                body);
    }

    void archData(List<TargetTables> all, Registry registry) throws IOException {
        Map<String, Registry.Abi> abis = new HashMap<>();
        registry.abis().forEach(a -> abis.put(a.name(), a));
        Function<String, Function<TargetTables, String>> text =
                key -> t -> quoted(abis.get(t.target().name()).get(key));
        Function<String, Function<TargetTables, String>> list =
                key ->
                        t ->
                                "List.of("
                                        + String.join(
                                                ", ",
                                                abis.get(t.target().name()).list(key).stream()
                                                        .map(ArchSources::quoted)
                                                        .toList())
                                        + ")";
        StringBuilder body = new StringBuilder();
        body.append("    /** The architectures with generated tables. */\n");
        body.append("    public static final List<String> NAMES =\n            List.of(");
        body.append(
                        String.join(
                                ", ",
                                all.stream().map(t -> '"' + t.target().name() + '"').toList()))
                .append(");\n\n");
        body.append(
                "    /** The generated constants classes of {@code io.rawsys.linux}; each architecture has a table for each. */\n");
        body.append("    public static final List<String> CONSTANT_GROUPS =\n            List.of(");
        body.append(
                        String.join(
                                ", ",
                                Spec.CONSTANTS.stream()
                                        .map(g -> '"' + g.javaClass() + '"')
                                        .toList()))
                .append(");\n\n");
        List<String> sources = new ArrayList<>();
        for (Spec.ConstantGroup group : Spec.CONSTANTS) {
            for (int i = 0; i < group.sources().size(); i++) {
                sources.add(
                        group.javaClass()
                                + " "
                                + i
                                + " "
                                + String.join(",", group.sources().get(i).headers())
                                + (group.sources().get(i).prelude().isEmpty()
                                        ? ""
                                        : " " + group.sources().get(i).prelude()));
            }
        }
        String doc =
                "One {@code group source headers [prelude]} line per source of a constants group: the headers a constant's source number names, and the C line read after them, if any.";
        body.append(JavaFile.textBlock("CONSTANT_SOURCES", doc, sources)).append('\n');
        body.append(
                selector(
                        "String syscalls(String arch)",
                        "{@code ZSyscalls.TABLE}",
                        all,
                        t -> member(t, "ZSyscalls.TABLE")));
        body.append(
                selector(
                        "String errnos(String arch)",
                        "{@code ZErrnos.TABLE}",
                        all,
                        t -> member(t, "ZErrnos.TABLE")));
        body.append(
                selector(
                        "String errnoAliases(String arch)",
                        "{@code ZErrnos.ALIASES}",
                        all,
                        t -> member(t, "ZErrnos.ALIASES")));
        body.append(
                selector(
                        "String constants(String arch, String group)",
                        "{@code ZConstants.group(group)}",
                        all,
                        t -> member(t, "ZConstants.group(group)")));
        body.append(
                selector(
                        "String unevaluated(String arch)",
                        "{@code ZConstants.UNEVALUATED}",
                        all,
                        t -> member(t, "ZConstants.UNEVALUATED")));
        body.append(
                selector(
                        "GroupLayout layout(String arch, String struct)",
                        "{@code ZStructs.layout(struct)}",
                        all,
                        t -> member(t, "ZStructs.layout(struct)")));
        body.append(
                selector(
                        "String structFields(String arch)",
                        "{@code ZStructs.FIELDS}",
                        all,
                        t -> member(t, "ZStructs.FIELDS")));
        body.append(
                selector(
                        "String structHeaders(String arch)",
                        "{@code ZStructs.HEADERS}",
                        all,
                        t -> member(t, "ZStructs.HEADERS")));
        body.append(
                selector(
                        "int wordSize(String arch)",
                        "The size in bytes of C's {@code long} (a register), from the compiler,",
                        all,
                        t -> Long.toString(t.abi().wordSize())));
        body.append(
                selector(
                        "boolean bigEndian(String arch)",
                        "Whether the byte order is big-endian ({@code __BYTE_ORDER__}),",
                        all,
                        t -> Boolean.toString(t.abi().bigEndian())));
        body.append(
                selector(
                        "String kernelArch(String arch)",
                        "The kernel's {@code ARCH=} name (its {@code arch/} directory), whose uapi"
                                + " headers the tables come from,",
                        all,
                        t -> '"' + t.target().kernelArch() + '"'));
        body.append(
                selector(
                        "String triple(String arch)",
                        "The GNU triple whose {@code <triple>-gcc} the tables were read with,",
                        all,
                        t -> '"' + t.target().triple() + '"'));
        String from = " (" + Registry.FILE + ")";
        body.append(
                selector(
                        "String trap(String arch)",
                        "The instruction that enters the kernel" + from + ",",
                        all,
                        text.apply("trap")));
        body.append(
                selector(
                        "String numberRegister(String arch)",
                        "The register the call number goes in" + from + ",",
                        all,
                        text.apply("number")));
        body.append(
                selector(
                        "List<String> argumentRegisters(String arch)",
                        "Where arguments 1 to 6 go" + from + ",",
                        all,
                        list.apply("arguments")));
        body.append(
                selector(
                        "String resultRegister(String arch)",
                        "The register the result comes back in" + from + ",",
                        all,
                        text.apply("result")));
        body.append(
                selector(
                        "String errors(String arch)",
                        "How the kernel signals an error, a {@code SyscallAbi.Errors} name"
                                + from
                                + ",",
                        all,
                        text.apply("errors")));
        body.append(
                selector(
                        "String pairs(String arch)",
                        "How a 64-bit argument is split, a {@code SyscallAbi.Pairs} name"
                                + from
                                + ",",
                        all,
                        text.apply("pairs")));
        body.append(
                selector(
                        "boolean stub(String arch)",
                        "Whether rawsys-stubs has a stub" + from + ",",
                        all,
                        t ->
                                Boolean.toString(
                                        abis.get(t.target().name()).get("stub").equals("yes"))));
        body.append(
                selector(
                        "String auditArch(String arch)",
                        "The {@code AUDIT_ARCH_*} constant its calls are reported with"
                                + from
                                + ",",
                        all,
                        text.apply("audit-arch")));
        body.append(
                selector(
                        "int auditArchValue(String arch)",
                        "The value of its {@code auditArch}, from its own headers,",
                        all,
                        t -> {
                            String audit = abis.get(t.target().name()).get("audit-arch");
                            Long v = t.constants().find(audit);
                            if (v == null) {
                                throw new IllegalStateException(
                                        Registry.FILE
                                                + ": "
                                                + t.target().name()
                                                + "'s audit-arch "
                                                + audit
                                                + " is no constant of its headers (Spec's groups)");
                            }
                            return "0x" + Integer.toHexString(v.intValue());
                        }));
        body.append(
                selector(
                        "long numberBit(String arch)",
                        "The bit every call number has set, telling it from an ABI with the same audit"
                                + " arch, or 0"
                                + from
                                + ",",
                        all,
                        t ->
                                "0x"
                                        + Long.toHexString(abis.get(t.target().name()).numberBit())
                                        + "L"));
        body.append(
                selector(
                        "List<String> machine(String arch)",
                        "The ABIs a process on its machine may run in, itself included"
                                + from
                                + ",",
                        all,
                        list.apply("machine")));
        body.append(
                selector(
                        "String clone(String arch)",
                        "The order of clone's arguments, a CONFIG_CLONE_BACKWARDS variant or NONE"
                                + from
                                + ",",
                        all,
                        text.apply("clone")));
        body.append(
                selector(
                        "List<String> osArch(String arch)",
                        "What a JVM's os.arch says on it where that is not its name" + from + ",",
                        all,
                        list.apply("os-arch")));
        body.append(
                selector(
                        "String qemu(String arch)",
                        "The qemu-user program that runs its binaries" + from + ",",
                        all,
                        text.apply("qemu")));
        JavaFile.write(
                root,
                "io.rawsys.linux.data",
                "ZArchData",
                Registry.FILE + " and the list of targets in it",
                "Selects an architecture's generated tables by name; only the selected architecture's classes are loaded.",
                body,
                "java.lang.foreign.GroupLayout",
                "java.util.List");
    }

    private static String quoted(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static String member(TargetTables t, String member) {
        return t.target().javaPackage() + "." + member;
    }

    /**
     * A static method switching on the architecture's name: {@code value} for each, an exception
     * for any other.
     */
    private static String selector(
            String signature,
            String what,
            List<TargetTables> all,
            Function<TargetTables, String> value) {
        StringBuilder s = new StringBuilder();
        s.append("    /** ").append(what).append(" of the architecture {@code arch}. */\n");
        s.append("    public static ")
                .append(signature)
                .append(" {\n        return switch (arch) {\n");
        for (TargetTables t : all) {
            s.append("            case \"")
                    .append(t.target().name())
                    .append("\" -> ")
                    .append(value.apply(t))
                    .append(";\n");
        }
        s.append(
                "            default -> throw new IllegalArgumentException(\"no generated tables for \" + arch);\n");
        return s.append("        };\n    }\n\n").toString();
    }
}
