package io.rawsys.bindgen;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;

/**
 * Everything the generator learns about one target.
 *
 * @param source where its values come from, for the generated files' headers
 */
record TargetTables(
        Target target,
        String source,
        Abi abi,
        SyscallTable syscalls,
        ErrnoTable errnos,
        ConstantTable constants,
        StructTable structs) {

    /**
     * The facts of the target's C ABI that rawsys needs at run time, from the compiler.
     *
     * @param wordSize {@code sizeof(long)}: the width of a register argument
     * @param bigEndian whether {@code __BYTE_ORDER__} is big-endian
     */
    record Abi(long wordSize, boolean bigEndian) {
        static Abi probe(Probe probe) throws IOException {
            SequencedMap<String, String> expressions = new LinkedHashMap<>();
            expressions.put("word", "sizeof(long)");
            expressions.put("big", "__BYTE_ORDER__ == __ORDER_BIG_ENDIAN__");
            Map<String, Long> v = probe.values(List.of(), "", expressions);
            return new Abi(v.get("word"), v.get("big") == 1);
        }
    }

    static TargetTables probe(Probe probe, ErrnoMessages messages) throws IOException {
        return new TargetTables(
                probe.target(),
                probe.source(),
                Abi.probe(probe),
                SyscallTable.probe(probe),
                ErrnoTable.probe(probe, messages),
                ConstantTable.probe(probe),
                StructTable.probe(probe));
    }
}
