package io.rawsys.netlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UeventTest {
    private static MemorySegment bytes(String text) {
        return MemorySegment.ofArray(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theSummaryAndThePropertiesInOrder() {
        Uevent e =
                Uevent.parse(
                        bytes(
                                "add@/devices/virtual/net/d0\0ACTION=add\0DEVPATH=/devices/virtual/net/d0\0"
                                        + "SUBSYSTEM=net\0INTERFACE=d0\0IFINDEX=5\0SEQNUM=4242\0"));
        assertEquals("add", e.action());
        assertEquals("/devices/virtual/net/d0", e.devpath());
        assertEquals("d0", e.properties().get("INTERFACE"));
        assertEquals(
                List.of("ACTION", "DEVPATH", "SUBSYSTEM", "INTERFACE", "IFINDEX", "SEQNUM"),
                List.copyOf(e.properties().keySet()));
        assertEquals(Map.of(), Uevent.parse(bytes("change@/x")).properties());
    }

    @Test
    void udevMessagesAndGarbageAreRefused() {
        assertThrows(
                NetlinkFormatException.class,
                () -> Uevent.parse(bytes("libudev\0\u00fe\u00ed\u00ca\u00fe")));
        assertThrows(NetlinkFormatException.class, () -> Uevent.parse(bytes("")));
        assertThrows(NetlinkFormatException.class, () -> Uevent.parse(bytes("add@")));
        assertThrows(NetlinkFormatException.class, () -> Uevent.parse(bytes("add@/x\0NOEQUALS\0")));
    }
}
