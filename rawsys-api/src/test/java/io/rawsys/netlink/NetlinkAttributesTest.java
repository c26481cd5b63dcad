package io.rawsys.netlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.rawsys.linux.Netlink;
import io.rawsys.linux.struct.Ifinfomsg;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The attribute parser and the request builder, on built bytes and on the kernel's own. */
class NetlinkAttributesTest {
    private static NetlinkMessage only(NetlinkRequest request) {
        List<NetlinkMessage> messages = NetlinkMessage.split(request.toSegment());
        assertEquals(1, messages.size());
        return messages.get(0);
    }

    @Test
    void whatTheBuilderWritesTheParserReads() {
        NetlinkRequest request =
                NetlinkRequest.of(Netlink.RTM_NEWLINK, Netlink.NLM_F_CREATE)
                        .struct(Ifinfomsg.sizeof(), ifi -> Ifinfomsg.ifi_index(ifi, 7))
                        .string(Netlink.IFLA_IFNAME, "veth-x")
                        .u32(Netlink.IFLA_MTU, 1400)
                        .u8(Netlink.IFLA_OPERSTATE, 6)
                        .beginNested(Netlink.IFLA_LINKINFO)
                        .string(Netlink.IFLA_INFO_KIND, "veth")
                        .beginNested(Netlink.IFLA_INFO_DATA)
                        .u16(1, 0xbeef)
                        .u64(2, 0x0102030405060708L)
                        .endNested()
                        .endNested();
        assertEquals(0, request.length() % 4, "padded to NLMSG_ALIGNTO");
        NetlinkMessage message = only(request);
        assertEquals(Netlink.RTM_NEWLINK, message.type());
        assertEquals(Netlink.NLM_F_CREATE | Netlink.NLM_F_REQUEST, message.flags());
        assertEquals(7, Ifinfomsg.ifi_index(message.fixedHeader(Ifinfomsg.sizeof())));
        NetlinkAttributes attributes = message.attributes(Ifinfomsg.sizeof());
        assertEquals(4, attributes.size());
        NetlinkAttribute name = attributes.find(Netlink.IFLA_IFNAME).orElseThrow();
        assertEquals("veth-x", name.string());
        assertEquals(7, name.value().byteSize(), "the NUL counts, the padding does not");
        assertEquals(1400, attributes.find(Netlink.IFLA_MTU).orElseThrow().u32());
        assertEquals(6, attributes.find(Netlink.IFLA_OPERSTATE).orElseThrow().u8());
        NetlinkAttribute linkinfo = attributes.find(Netlink.IFLA_LINKINFO).orElseThrow();
        assertTrue(linkinfo.nested());
        assertEquals(Netlink.IFLA_LINKINFO, linkinfo.type(), "NLA_F_NESTED is masked off");
        NetlinkAttributes info = linkinfo.nestedAttributes();
        assertEquals("veth", info.find(Netlink.IFLA_INFO_KIND).orElseThrow().string());
        NetlinkAttributes data = info.find(Netlink.IFLA_INFO_DATA).orElseThrow().nestedAttributes();
        assertEquals(0xbeef, data.find(1).orElseThrow().u16());
        assertEquals(0x0102030405060708L, data.find(2).orElseThrow().u64());
        assertFalse(attributes.has(Netlink.IFLA_ADDRESS));
    }

    @Test
    void networkByteOrderIsHonouredAndMaskedOff() {
        MemorySegment area = MemorySegment.ofArray(new byte[8]);
        area.set(ValueLayout.JAVA_SHORT_UNALIGNED, 0, (short) 8);
        area.set(ValueLayout.JAVA_SHORT_UNALIGNED, 2, (short) (5 | Netlink.NLA_F_NET_BYTEORDER));
        area.set(ValueLayout.JAVA_BYTE, 7, (byte) 1);
        NetlinkAttribute a = NetlinkAttributes.parse(area).list().get(0);
        assertEquals(5, a.type());
        assertTrue(a.networkByteOrder());
        assertEquals(1, a.u32(), "big-endian 00 00 00 01");
    }

    @Test
    void malformedListsAreRefusedWithTheOffset() {
        MemorySegment shortLength = attributeWithLength(3, 8);
        assertTrue(
                assertThrows(
                                NetlinkFormatException.class,
                                () -> NetlinkAttributes.parse(shortLength))
                        .getMessage()
                        .contains("fewer than its own 4-byte header"));
        MemorySegment longLength = attributeWithLength(12, 8);
        assertEquals(
                "the attribute at offset 0 (type 1) claims 12 bytes, but only 8 remain",
                assertThrows(
                                NetlinkFormatException.class,
                                () -> NetlinkAttributes.parse(longLength))
                        .getMessage());
        MemorySegment stray = attributeWithLength(8, 10);
        assertTrue(
                assertThrows(NetlinkFormatException.class, () -> NetlinkAttributes.parse(stray))
                        .getMessage()
                        .startsWith("2 stray bytes at offset 8"));
        NetlinkAttribute twoBytes =
                NetlinkAttributes.parse(attributeWithLength(6, 8)).list().get(0);
        assertEquals(
                "attribute type 1 holds 2 bytes, fewer than the 4 its value needs",
                assertThrows(NetlinkFormatException.class, twoBytes::u32).getMessage());
        assertEquals(0, NetlinkAttributes.parse(MemorySegment.ofArray(new byte[0])).size());
    }

    @Test
    void malformedMessagesAreRefused() {
        MemorySegment datagram = only(NetlinkSocketTest.dumpLinks()).bytes();
        for (long cut = 1; cut < datagram.byteSize(); cut++) {
            MemorySegment truncated = datagram.asSlice(0, cut);
            assertThrows(NetlinkFormatException.class, () -> NetlinkMessage.split(truncated));
        }
        NetlinkMessage noStruct = only(NetlinkRequest.of(Netlink.RTM_GETLINK, 0));
        assertThrows(NetlinkFormatException.class, () -> noStruct.attributes(Ifinfomsg.sizeof()));
    }

    @Test
    void theBuilderRefusesWhatCannotBeEncoded() {
        assertThrows(IllegalArgumentException.class, () -> NetlinkRequest.of(0x10000, 0));
        NetlinkRequest request = NetlinkRequest.of(Netlink.RTM_GETLINK, 0);
        assertThrows(
                IllegalArgumentException.class,
                () -> request.attribute(Netlink.IFLA_IFALIAS, new byte[0x10000]));
        request.beginNested(Netlink.IFLA_LINKINFO);
        assertThrows(IllegalStateException.class, request::toSegment);
        request.endNested();
        assertThrows(IllegalStateException.class, request::endNested);
    }

    /**
     * Thousands of damaged copies of a real link dump: every one parses, or fails with
     * NetlinkFormatException; no other exception, and nothing is read outside the copy.
     */
    @Test
    void damagedCopiesOfARealDumpFailCleanly() {
        List<NetlinkMessage> links;
        try (NetlinkSocket rtnl = NetlinkSocket.open(Netlink.NETLINK_ROUTE)) {
            links = rtnl.dump(NetlinkSocketTest.dumpLinks());
        }
        Random random = new Random(20251122);
        int failures = 0;
        for (int round = 0; round < 4000; round++) {
            byte[] original =
                    links.get(round % links.size()).bytes().toArray(ValueLayout.JAVA_BYTE);
            byte[] damaged = original.clone();
            for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                // Aim at the attribute headers' length bytes often; anywhere else sometimes.
                int at = random.nextInt(damaged.length);
                damaged[at] =
                        (byte) (random.nextBoolean() ? random.nextInt(256) : damaged[at] ^ 0x80);
            }
            int length =
                    random.nextInt(4) == 0 ? random.nextInt(damaged.length + 1) : damaged.length;
            MemorySegment copy = MemorySegment.ofArray(java.util.Arrays.copyOf(damaged, length));
            try {
                for (NetlinkMessage message : NetlinkMessage.split(copy)) {
                    walk(message.attributes(Ifinfomsg.sizeof()), 0);
                }
            } catch (NetlinkFormatException expected) {
                failures++;
            } catch (RuntimeException e) {
                fail("round " + round + ": " + e, e);
            }
        }
        assertTrue(failures > 100, "the damage was noticed " + failures + " times");
    }

    /** Reads every attribute every way, descending into what parses as nested. */
    private static void walk(NetlinkAttributes attributes, int depth) {
        for (NetlinkAttribute a : attributes) {
            a.string();
            a.bytes();
            if (a.value().byteSize() >= 8) {
                a.u64();
            }
            if (a.value().byteSize() >= 4) {
                a.u32();
            }
            if (depth < 4 && a.type() != Netlink.IFLA_IFNAME) {
                try {
                    walk(a.nestedAttributes(), depth + 1);
                } catch (NetlinkFormatException notNested) {
                    // most values are no attribute list: refused cleanly is the point
                }
            }
        }
    }

    private static MemorySegment attributeWithLength(int claimed, int size) {
        MemorySegment area = MemorySegment.ofArray(new byte[size]);
        area.set(ValueLayout.JAVA_SHORT_UNALIGNED, 0, (short) claimed);
        area.set(ValueLayout.JAVA_SHORT_UNALIGNED, 2, (short) 1);
        return area;
    }
}
