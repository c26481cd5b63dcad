package io.rawsys.bindgen;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.SequencedMap;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * An architecture's constants, group by group: every macro and enumerator of a group's headers
 * whose name matches the group's pattern and whose value is an integer constant for this target.
 *
 * @param groups Java class name to its constants, in name order
 * @param unevaluated Java class name to the names its sources define and its patterns match that
 *     are no integer constant for this target in any of its sources, in name order: a gap made
 *     visible (in the generated table and the generator's output), never silent
 */
record ConstantTable(
        Map<String, SequencedMap<String, Constant>> groups,
        Map<String, SortedSet<String>> unevaluated) {

    /**
     * One constant.
     *
     * @param value its value, converted to {@code long long}
     * @param size the size in bytes of its C type
     * @param source which of its group's sources defined it (an index into the group's list)
     */
    record Constant(long value, long size, int source) {}

    static ConstantTable probe(Probe probe) throws IOException {
        Map<String, SequencedMap<String, Constant>> groups = new LinkedHashMap<>();
        Map<String, SortedSet<String>> unevaluated = new LinkedHashMap<>();
        for (Spec.ConstantGroup group : Spec.CONSTANTS) {
            SequencedMap<String, Constant> constants = new TreeMap<>();
            SortedSet<String> failed = new TreeSet<>();
            for (int index = 0; index < group.sources().size(); index++) {
                Spec.Source source = group.sources().get(index);
                if (!source.appliesTo(probe.target().name())) {
                    continue;
                }
                Pattern pattern = Pattern.compile(source.pattern());
                Probe.Headers headers = probe.headers(source.headers(), source.prelude());
                // a macro defined as nothing is a header's include guard or a switch, no value
                Set<String> names = new LinkedHashSet<>();
                headers.macros()
                        .forEach(
                                (name, text) -> {
                                    if (!text.isEmpty()) {
                                        names.add(name);
                                    }
                                });
                names.addAll(CDeclarations.read(headers.text()).enumerators());
                SequencedMap<String, String> expressions = new LinkedHashMap<>();
                for (String name : names) {
                    if (pattern.matcher(name).matches() && !constants.containsKey(name)) {
                        expressions.put("V:" + name, name);
                        expressions.put("S:" + name, "sizeof(" + name + ")");
                    }
                }
                Map<String, Long> values =
                        probe.valuesWhereValid(source.headers(), source.prelude(), expressions);
                for (String key : expressions.keySet()) {
                    String name = key.substring(2);
                    Long value = values.get(key);
                    Long size = values.get("S:" + name);
                    if (!key.startsWith("V:")) {
                        continue;
                    }
                    if (value != null && size != null) {
                        constants.putIfAbsent(name, new Constant(value, size, index));
                    } else {
                        failed.add(name);
                    }
                }
            }
            failed.removeAll(constants.keySet());
            groups.put(group.javaClass(), constants);
            unevaluated.put(group.javaClass(), failed);
        }
        return new ConstantTable(groups, unevaluated);
    }

    int unevaluatedCount() {
        return unevaluated.values().stream().mapToInt(Set::size).sum();
    }

    /** The value of {@code name} in whichever group defines it, or null. */
    Long find(String name) {
        for (SequencedMap<String, Constant> group : groups.values()) {
            Constant c = group.get(name);
            if (c != null) {
                return c.value();
            }
        }
        return null;
    }

    int size() {
        return groups.values().stream().mapToInt(Map::size).sum();
    }
}
