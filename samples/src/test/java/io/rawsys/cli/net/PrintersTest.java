package io.rawsys.cli.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rawsys.linux.Netlink;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One description, two outputs: ip's text and ip -j's JSON. */
class PrintersTest {
    private static void describe(Printer p) {
        p.beginArray(null);
        for (int i = 1; i <= 2; i++) {
            p.beginObject(null);
            p.value("ifindex", "%d: ", i);
            p.strings("flags", List.of("UP", "LOWER_UP"), f -> "<" + String.join(",", f) + "> ");
            p.value("ifname", "%s ", "a\"b\\c\n");
            p.flag("deleted", "Deleted ");
            p.value("link", null, null);
            p.text("text only ");
            p.newline();
            p.beginArray("addr_info");
            p.endArray();
            p.endObject();
        }
        p.endArray();
    }

    @Test
    void jsonHasTheKeysCommasAndEscapes() {
        JsonPrinter json = new JsonPrinter();
        describe(json);
        String one =
                "{\"ifindex\":%d,\"flags\":[\"UP\",\"LOWER_UP\"],\"ifname\":\"a\\\"b\\\\c\\n\","
                        + "\"deleted\":true,\"link\":null,\"addr_info\":[]}";
        assertEquals("[" + one.formatted(1) + "," + one.formatted(2) + "]", json.toString());
        assertEquals("\"\\u0001\"", JsonPrinter.quote("\u0001"));
    }

    @Test
    void textHasTheFormatsWithoutTrailingSpaces() {
        TextPrinter text = new TextPrinter();
        describe(text);
        String one = "%d: <UP,LOWER_UP> a\"b\\c\n Deleted text only\n";
        assertEquals(one.formatted(1) + one.formatted(2), text.toString());
    }

    @Test
    void linkFlagsAreListedAsIpListsThem() {
        int up = Netlink.IFF_UP;
        int broadcast = Netlink.IFF_BROADCAST;
        assertEquals(
                List.of("NO-CARRIER", "BROADCAST", "UP", "M-DOWN"),
                LinkFormat.flagNames(up | broadcast, true));
        assertEquals(
                List.of("BROADCAST", "UP", "40000000"),
                LinkFormat.flagNames(up | broadcast | Netlink.IFF_RUNNING | 0x40000000, false));
    }
}
