package io.rawsys.bindgen;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;

/**
 * An architecture's struct layouts. Member names and shapes come from the headers ({@link
 * CDeclarations}); every offset, size, alignment and signedness from the target compiler ({@code
 * offsetof}, {@code sizeof}, {@code __alignof__}, {@code __builtin_classify_type}).
 *
 * @param structs rawsys name to layout, for the structs this architecture has
 */
record StructTable(SequencedMap<String, Struct> structs) {

    /** How a scalar is read. */
    enum Kind {
        SIGNED("s"),
        UNSIGNED("u"),
        POINTER("p"),
        FLOAT("f");

        final String code;

        Kind(String code) {
            this.code = code;
        }
    }

    /** A member or the struct itself. Offsets are from the start of the outermost struct. */
    sealed interface Node permits Scalar, Array, Group {
        String name();

        String path();

        long offset();

        long size();

        long align();
    }

    record Scalar(String name, String path, long offset, long size, long align, Kind kind)
            implements Node {}

    record Array(
            String name, String path, long offset, long size, long align, long count, Node element)
            implements Node {}

    record Group(
            String name,
            String path,
            long offset,
            long size,
            long align,
            boolean union,
            List<Node> children)
            implements Node {}

    /**
     * One laid-out struct.
     *
     * @param name rawsys's name for it
     * @param cType the C type it is on this architecture
     * @param headers where that type comes from
     * @param layout the struct as a tree of members
     * @param flat whether the members are a given list of designators that may overlap (siginfo_t's
     *     union members), rather than the declaration's own members
     */
    record Struct(String name, String cType, List<String> headers, Group layout, boolean flat) {
        /**
         * Every member reachable by name, nested ones by their dotted path, in declaration order.
         */
        List<Field> fields() {
            List<Field> fields = new ArrayList<>();
            collect(layout.children(), fields);
            return fields;
        }

        private static void collect(List<Node> nodes, List<Field> out) {
            for (Node n : nodes) {
                switch (n) {
                    case Scalar s ->
                            out.add(new Field(s.path(), s.offset(), s.kind().code, s.size(), 1));
                    case Array a -> {
                        String kind = a.element() instanceof Scalar s ? s.kind().code : "g";
                        out.add(
                                new Field(
                                        a.path(), a.offset(), kind, a.element().size(), a.count()));
                    }
                    case Group g -> {
                        if (g.name() != null) {
                            out.add(new Field(g.path(), g.offset(), "g", g.size(), 1));
                        }
                        collect(g.children(), out);
                    }
                }
            }
        }
    }

    /**
     * One member as the runtime reads it: the line format of {@code ZStructs.FIELDS}.
     *
     * @param path its designator, {@code stx_atime.tv_sec}
     * @param offset from the start of the struct
     * @param kind s signed, u unsigned, p pointer, f floating, g struct or union
     * @param size the member's size, or its element's for an array
     * @param count 1 for a plain member, the length of an array, 0 for a flexible one
     */
    record Field(String path, long offset, String kind, long size, long count) {
        String line(String struct) {
            return struct + " " + path + " " + offset + " " + kind + " " + size + " " + count;
        }
    }

    private static final int CLASS_POINTER = 5;
    private static final int CLASS_REAL = 8;
    private static final int CLASS_RECORD = 12;
    private static final int CLASS_UNION = 13;

    static StructTable probe(Probe probe) throws IOException {
        SequencedMap<String, Struct> structs = new LinkedHashMap<>();
        for (Spec.StructSpec spec : Spec.STRUCTS) {
            String cType = spec.cType();
            List<String> headers = spec.headers();
            String override = spec.perArch().get(probe.target().name());
            if (override != null) {
                String[] parts = override.split("\\|");
                cType = parts[0];
                headers = Arrays.asList(parts[1].split(","));
            }
            StringBuilder prelude = new StringBuilder();
            for (Spec.Derived d : spec.derived()) {
                SequencedMap<String, String> expression =
                        new LinkedHashMap<>(Map.of("v", d.expression()));
                prelude.append("#define ")
                        .append(d.macro())
                        .append(' ')
                        .append(probe.values(d.headers(), "", expression).get("v"))
                        .append('\n');
            }
            Struct struct = layOut(probe, spec, cType, headers, prelude + spec.prelude());
            if (struct != null) {
                structs.put(spec.name(), struct);
            }
        }
        return new StructTable(structs);
    }

    /** The layout of one struct, or null when this architecture's headers do not define it. */
    private static Struct layOut(
            Probe probe, Spec.StructSpec spec, String cType, List<String> headers, String prelude)
            throws IOException {
        Walker walker = new Walker(cType);
        if (spec.fields().isEmpty()) {
            CDeclarations.Aggregate aggregate =
                    CDeclarations.read(probe.preprocess(headers, prelude)).aggregate(cType);
            if (aggregate == null) {
                return null;
            }
            walker.members(aggregate, "");
        } else {
            spec.fields().forEach(walker::scalar);
        }
        walker.expressions.put("Z:", "sizeof(" + cType + ")");
        walker.expressions.put("A:", "__alignof__(" + cType + ")");
        Map<String, Long> values = probe.valuesWhereValid(headers, prelude, walker.expressions);
        if (!values.containsKey("Z:")) {
            return null;
        }
        Group root = walker.build(values);
        return new Struct(spec.name(), cType, headers, root, !spec.fields().isEmpty());
    }

    /**
     * Walks a declaration twice: first to ask the compiler, then to build nodes from its answers.
     */
    private static final class Walker {
        final String cType;
        final SequencedMap<String, String> expressions = new LinkedHashMap<>();
        CDeclarations.Aggregate root;

        Walker(String cType) {
            this.cType = cType;
        }

        String access(String path) {
            return "((" + cType + " *)0)->" + path;
        }

        void scalar(String path) {
            expressions.put("O:" + path, "__builtin_offsetof(" + cType + ", " + path + ")");
            expressions.put("Z:" + path, "sizeof(" + access(path) + ")");
            expressions.put("A:" + path, "__alignof__(" + access(path) + ")");
            classify(path, access(path));
        }

        private void classify(String path, String expr) {
            expressions.put("C:" + path, "__builtin_classify_type(" + expr + ")");
            expressions.put("U:" + path, "((__typeof__(" + expr + "))-1 > 0)");
        }

        void members(CDeclarations.Aggregate aggregate, String prefix) {
            if (root == null) {
                root = aggregate;
            }
            for (CDeclarations.Member m : aggregate.members()) {
                if (m.bitField()) {
                    continue;
                }
                if (m.anonymous()) {
                    members(m.type(), prefix);
                    continue;
                }
                String path = prefix + m.name();
                expressions.put("O:" + path, "__builtin_offsetof(" + cType + ", " + path + ")");
                expressions.put("A:" + path, "__alignof__(" + access(path) + ")");
                if (!m.flexible()) {
                    expressions.put("Z:" + path, "sizeof(" + access(path) + ")");
                }
                if (m.array()) {
                    String element = path + "[0]".repeat(m.arrayDimensions());
                    expressions.put("E:" + path, "sizeof(" + access(element) + ")");
                    expressions.put("EA:" + path, "__alignof__(" + access(element) + ")");
                    if (m.type() != null) {
                        members(m.type(), element + ".");
                    } else {
                        classify(path, access(element));
                    }
                } else if (m.type() != null) {
                    members(m.type(), path + ".");
                } else {
                    classify(path, access(path));
                }
            }
        }

        Group build(Map<String, Long> values) {
            long size = values.get("Z:");
            long align = values.get("A:");
            List<Node> children = new ArrayList<>();
            if (root == null) { // an explicit list of scalar fields
                for (String key : expressions.keySet()) {
                    if (key.startsWith("O:")) {
                        String path = key.substring(2);
                        if (values.containsKey(key)) {
                            children.add(scalarNode(path, path, values));
                        }
                    }
                }
                children.sort((a, b) -> Long.compare(a.offset(), b.offset()));
                return new Group(null, "", 0, size, align, false, children);
            }
            return new Group(null, "", 0, size, align, root.union(), nodes(root, "", values));
        }

        private List<Node> nodes(
                CDeclarations.Aggregate aggregate, String prefix, Map<String, Long> values) {
            List<Node> nodes = new ArrayList<>();
            for (CDeclarations.Member m : aggregate.members()) {
                if (m.bitField()) {
                    continue;
                }
                if (m.anonymous()) {
                    List<Node> inner = nodes(m.type(), prefix, values);
                    if (!inner.isEmpty()) {
                        long start = inner.stream().mapToLong(Node::offset).min().orElseThrow();
                        long end =
                                inner.stream()
                                        .mapToLong(n -> n.offset() + n.size())
                                        .max()
                                        .orElseThrow();
                        long align = inner.stream().mapToLong(Node::align).max().orElseThrow();
                        nodes.add(
                                new Group(
                                        null,
                                        prefix,
                                        start,
                                        end - start,
                                        align,
                                        m.type().union(),
                                        inner));
                    }
                    continue;
                }
                String path = prefix + m.name();
                long offset = require(values, "O:" + path);
                long align = require(values, "A:" + path);
                if (m.array()) {
                    String element = path + "[0]".repeat(m.arrayDimensions());
                    long elementSize = require(values, "E:" + path);
                    long elementAlign = require(values, "EA:" + path);
                    long size = m.flexible() ? 0 : require(values, "Z:" + path);
                    Node elementNode =
                            m.type() != null
                                    ? new Group(
                                            null,
                                            element,
                                            offset,
                                            elementSize,
                                            elementAlign,
                                            m.type().union(),
                                            nodes(m.type(), element + ".", values))
                                    : new Scalar(
                                            null,
                                            element,
                                            offset,
                                            elementSize,
                                            elementAlign,
                                            kind(values, path));
                    nodes.add(
                            new Array(
                                    m.name(),
                                    path,
                                    offset,
                                    size,
                                    align,
                                    elementSize == 0 ? 0 : size / elementSize,
                                    elementNode));
                } else if (m.type() != null) {
                    long size = require(values, "Z:" + path);
                    nodes.add(
                            new Group(
                                    m.name(),
                                    path,
                                    offset,
                                    size,
                                    align,
                                    m.type().union(),
                                    nodes(m.type(), path + ".", values)));
                } else {
                    nodes.add(scalarNode(m.name(), path, values));
                }
            }
            return nodes;
        }

        private static Scalar scalarNode(String name, String path, Map<String, Long> values) {
            return new Scalar(
                    name,
                    path,
                    require(values, "O:" + path),
                    require(values, "Z:" + path),
                    require(values, "A:" + path),
                    kind(values, path));
        }

        private static Kind kind(Map<String, Long> values, String path) {
            long typeClass = require(values, "C:" + path);
            if (typeClass == CLASS_RECORD || typeClass == CLASS_UNION) {
                // The compiler says aggregate where the declaration reader saw none: laying it out
                // as an integer would be silently wrong.
                throw new IllegalStateException(
                        "member "
                                + path
                                + " holds a struct or union the declaration reader did not resolve");
            }
            if (typeClass == CLASS_POINTER) {
                return Kind.POINTER;
            }
            if (typeClass == CLASS_REAL) {
                return Kind.FLOAT;
            }
            return values.getOrDefault("U:" + path, 0L) == 1 ? Kind.UNSIGNED : Kind.SIGNED;
        }

        private static long require(Map<String, Long> values, String key) {
            Long v = values.get(key);
            if (v == null) {
                throw new IllegalStateException("the compiler gave no value for " + key);
            }
            return v;
        }
    }
}
