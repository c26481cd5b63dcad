package io.rawsys.cli.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.rawsys.cli.RawsysJar;
import io.rawsys.cli.trace.StraceComparison.Trace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The key management decoders against strace 6.1: {@code src/test/c/trace/keys.c} makes add_key,
 * request_key and keyctl's commands, working and refused, in a new session keyring of its own (the
 * user's keyrings are never changed); it runs under both tracers, plain, with -y and with -s 8, and
 * the lines must be equal byte for byte once the key serials, which the kernel draws at random, are
 * replaced, in both traces alike, by {@code KEY1}, {@code KEY2} … in the order they are returned.
 */
class KeyDecodersIT {
    @TempDir Path dir;

    private static final String CALLS = "add_key,request_key,keyctl";

    @Test
    void keysPrintAsStraceDoes() throws Exception {
        Path program = StraceComparison.compile(dir, "keys", "gcc");
        sameEveryWay(program);
    }

    @Test
    void aThirtyTwoBitProgramMakesTheSameCalls() throws Exception {
        sameEveryWay(StraceComparison.compileI386(dir, "keys"));
    }

    private void sameEveryWay(Path program) throws Exception {
        RawsysJar.Run probe = RawsysJar.run(new byte[0], List.of(program.toString()));
        assumeTrue(
                probe.status() != 77,
                "no session keyring can be joined here (no CONFIG_KEYS, or keyctl refused): "
                        + probe.both());
        for (List<String> how : List.of(List.<String>of(), List.of("-y"), List.of("-s", "8"))) {
            List<String> options = new ArrayList<>(how);
            options.addAll(List.of("-e", "trace=" + CALLS));
            List<String> command = List.of(program.toString());
            Trace strace = StraceComparison.strace(dir, options, command);
            Trace rawsys = StraceComparison.rawsys(dir, options, command);
            assertEquals(strace.status(), rawsys.status(), rawsys.output());
            List<String> expected = serialsReplaced(StraceComparison.normalized(strace));
            assertFalse(expected.isEmpty(), "strace traced nothing: " + strace.output());
            assertEquals(
                    String.join("\n", expected),
                    String.join("\n", serialsReplaced(StraceComparison.normalized(rawsys))),
                    options + " " + program + "\n" + rawsys.output());
        }
    }

    private static final Pattern RETURNS_SERIAL =
            Pattern.compile(
                    "^(?:add_key|request_key|keyctl\\(KEYCTL_(?:JOIN_SESSION_KEYRING|GET_KEYRING_ID"
                            + "|SEARCH)).*\\) += (\\d+)$");

    /**
     * The lines with each key serial a call returned replaced, in decimal and in hex (keyctl prints
     * an unknown command's arguments in hex), by {@code KEYn}; a line changed has its padding
     * before the result collapsed, since the replaced number's width moved the column.
     */
    static List<String> serialsReplaced(List<String> lines) {
        Map<String, String> serials = new LinkedHashMap<>();
        for (String l : lines) {
            Matcher m = RETURNS_SERIAL.matcher(l);
            if (m.find()) {
                serials.putIfAbsent(m.group(1), "KEY" + (serials.size() + 1));
            }
        }
        List<String> result = new ArrayList<>();
        for (String l : lines) {
            String n = l;
            for (Map.Entry<String, String> e : serials.entrySet()) {
                String hex = "0x" + Long.toHexString(Long.parseLong(e.getKey()));
                n = n.replaceAll("\\b" + e.getKey() + "\\b", e.getValue());
                n = n.replaceAll("\\b" + hex + "\\b", e.getValue());
            }
            result.add(n.equals(l) ? n : StraceComparison.unpadded(n));
        }
        return result;
    }
}
