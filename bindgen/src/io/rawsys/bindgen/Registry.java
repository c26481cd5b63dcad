package io.rawsys.bindgen;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * bindgen/arches.txt: the one description of each ABI rawsys knows (its compiler, its kernel
 * architecture, its system-call convention, its audit architecture, its companions on one machine,
 * …). The file's header says what each key means; this class reads it, refusing anything it does
 * not understand with the file and line, and writes what is derived from it: the make fragment the
 * stubs and exercises are built with. {@link ArchSources} writes the Java.
 */
final class Registry {
    static final String FILE = "bindgen/arches.txt";
    static final String MAKE_FRAGMENT = "rawsys-stubs/src/generated/make/arches.mk";

    private static final Set<String> ERRORS =
            Set.of("NEGATED_RESULT", "SUMMARY_OVERFLOW_FLAG", "A3_FLAG");
    private static final Set<String> PAIRS = Set.of("NONE", "CONSECUTIVE", "EVEN_REGISTER");
    private static final Set<String> CLONE = Set.of("NONE", "BACKWARDS", "BACKWARDS2");
    private static final List<String> REQUIRED =
            List.of(
                    "triple",
                    "cflags",
                    "kernel-arch",
                    "trap",
                    "number",
                    "arguments",
                    "result",
                    "errors",
                    "pairs",
                    "stub",
                    "stub-asflags",
                    "audit-arch",
                    "machine",
                    "clone",
                    "qemu");
    private static final List<String> OPTIONAL = List.of("number-bit", "os-arch");

    /** One ABI's block, its values as written (comments and padding removed). */
    record Abi(String name, Map<String, String> facts) {
        String get(String key) {
            return facts.getOrDefault(key, "");
        }

        /** A list-valued fact, split on blanks; empty for "-" or an absent optional key. */
        List<String> list(String key) {
            String v = get(key);
            return v.isEmpty() || v.equals("-") ? List.of() : List.of(v.split("\\s+"));
        }

        /** The generator's view of it: the compiler and the headers it reads for this ABI. */
        Target target() {
            return new Target(name, get("triple"), list("cflags"), get("kernel-arch"));
        }

        /** number-bit's value, 0 when the ABI has none. */
        long numberBit() {
            String v = get("number-bit");
            return v.isEmpty() ? 0 : Long.decode(v);
        }
    }

    private final List<Abi> abis;

    private Registry(List<Abi> abis) {
        this.abis = List.copyOf(abis);
    }

    List<Abi> abis() {
        return abis;
    }

    List<Target> targets() {
        return abis.stream().map(Abi::target).toList();
    }

    /** Reads {@code root}'s bindgen/arches.txt. */
    static Registry read(Path root) throws IOException {
        Path file = root.resolve(FILE);
        List<String> lines = Files.readAllLines(file);
        List<Abi> abis = new ArrayList<>();
        String name = null;
        Map<String, String> facts = null;
        int opened = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            // a comment is a "#" that stands alone as a word ("svc #0" is an instruction)
            String text = line.replaceFirst("(^|\\s)#(\\s.*)?$", "").strip();
            if (text.isEmpty()) {
                continue;
            }
            String[] kv = text.split("\\s+", 2);
            String where = FILE + ":" + (i + 1) + ": ";
            if (kv[0].equals("abi")) {
                if (name != null) {
                    abis.add(checked(name, facts, FILE + ":" + opened + ": "));
                }
                if (kv.length < 2 || !kv[1].matches("[a-z0-9_]+")) {
                    throw new IOException(where + "'abi' needs a name of [a-z0-9_]");
                }
                name = kv[1];
                facts = new LinkedHashMap<>();
                opened = i + 1;
                continue;
            }
            if (name == null) {
                throw new IOException(where + "'" + kv[0] + "' before the first 'abi NAME' line");
            }
            if (!REQUIRED.contains(kv[0]) && !OPTIONAL.contains(kv[0])) {
                throw new IOException(
                        where + "unknown key '" + kv[0] + "'; the keys are " + REQUIRED + OPTIONAL);
            }
            if (kv.length < 2) {
                throw new IOException(where + "'" + kv[0] + "' has no value");
            }
            if (facts.put(kv[0], kv[1].strip().replaceAll("\\s+", " ")) != null) {
                throw new IOException(where + "'" + kv[0] + "' given twice for " + name);
            }
        }
        if (name != null) {
            abis.add(checked(name, facts, FILE + ":" + opened + ": "));
        }
        if (abis.isEmpty()) {
            throw new IOException(FILE + ": no 'abi NAME' block");
        }
        Registry registry = new Registry(abis);
        registry.crossCheck();
        return registry;
    }

    private static Abi checked(String name, Map<String, String> facts, String where)
            throws IOException {
        for (String key : REQUIRED) {
            if (!facts.containsKey(key)) {
                throw new IOException(where + "abi " + name + " has no '" + key + "'");
            }
        }
        Abi abi = new Abi(name, Map.copyOf(facts));
        oneOf(abi, "errors", ERRORS, where);
        oneOf(abi, "pairs", PAIRS, where);
        oneOf(abi, "clone", CLONE, where);
        oneOf(abi, "stub", Set.of("yes", "no"), where);
        if (abi.list("arguments").size() != 6) {
            throw new IOException(where + "abi " + name + ": 'arguments' names six places");
        }
        if (!abi.get("audit-arch").startsWith("AUDIT_ARCH_")) {
            throw new IOException(where + "abi " + name + ": 'audit-arch' is an AUDIT_ARCH_ name");
        }
        try {
            long bit = abi.numberBit();
            if (bit != 0 && Long.bitCount(bit) != 1) {
                throw new IOException(where + "abi " + name + ": 'number-bit' is one bit");
            }
        } catch (NumberFormatException e) {
            throw new IOException(where + "abi " + name + ": 'number-bit' is a number (0x…)");
        }
        return abi;
    }

    private static void oneOf(Abi abi, String key, Set<String> values, String where)
            throws IOException {
        if (!values.contains(abi.get(key))) {
            throw new IOException(
                    where
                            + "abi "
                            + abi.name()
                            + ": '"
                            + key
                            + "' is one of "
                            + values.stream().sorted().toList()
                            + ", not '"
                            + abi.get(key)
                            + "'");
        }
    }

    /** What no single block can check: machines agree, and audit arches tell the ABIs apart. */
    private void crossCheck() throws IOException {
        Map<String, Abi> byName = new LinkedHashMap<>();
        for (Abi a : abis) {
            if (byName.put(a.name(), a) != null) {
                throw new IOException(FILE + ": abi " + a.name() + " described twice");
            }
        }
        for (Abi a : abis) {
            List<String> machine = a.list("machine");
            if (!machine.contains(a.name())) {
                throw new IOException(
                        FILE + ": abi " + a.name() + ": its 'machine' must name itself");
            }
            for (String other : machine) {
                Abi o = byName.get(other);
                if (o == null || !Set.copyOf(o.list("machine")).equals(Set.copyOf(machine))) {
                    throw new IOException(
                            FILE
                                    + ": abi "
                                    + a.name()
                                    + " and "
                                    + other
                                    + " must list the same 'machine'");
                }
            }
            for (Abi b : abis) {
                if (a != b
                        && a.get("audit-arch").equals(b.get("audit-arch"))
                        && a.numberBit() == b.numberBit()) {
                    throw new IOException(
                            FILE
                                    + ": abis "
                                    + a.name()
                                    + " and "
                                    + b.name()
                                    + " share an audit-arch: give one a 'number-bit'");
                }
            }
        }
    }

    /** The make fragment: the ABIs with stubs, and each one's triple, qemu and stub flags. */
    String makeFragment() {
        StringBuilder s = new StringBuilder();
        s.append("# Generated by bindgen/generate from ")
                .append(FILE)
                .append("; DO NOT EDIT. Included by rawsys-stubs/arches.mk.\n\n");
        s.append("ALL_ARCHES :=");
        for (Abi a : abis) {
            if (a.get("stub").equals("yes")) {
                s.append(' ').append(a.name());
            }
        }
        s.append("\n");
        for (Abi a : abis) {
            if (!a.get("stub").equals("yes")) {
                continue;
            }
            s.append('\n');
            s.append("triple.").append(a.name()).append(" := ").append(a.get("triple"));
            s.append('\n');
            s.append("qemu.").append(a.name()).append(" := ").append(a.get("qemu"));
            s.append('\n');
            s.append("asflags.")
                    .append(a.name())
                    .append(" :=")
                    .append(a.list("stub-asflags").isEmpty() ? "" : " " + a.get("stub-asflags"));
            s.append('\n');
        }
        return s.toString();
    }
}
