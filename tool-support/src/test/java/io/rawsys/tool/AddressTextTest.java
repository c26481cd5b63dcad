package io.rawsys.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rawsys.linux.Netlink;
import io.rawsys.linux.Socket;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class AddressTextTest {
    private static String v6(String address) throws Exception {
        return AddressText.inet(Socket.AF_INET6, InetAddress.getByName(address).getAddress());
    }

    @Test
    void ipv6IsWrittenAsGlibcsInetNtopWritesIt() throws Exception {
        assertEquals("::", v6("0:0:0:0:0:0:0:0"));
        assertEquals("::1", v6("0:0:0:0:0:0:0:1"));
        assertEquals("fe80::1", v6("fe80:0:0:0:0:0:0:1"));
        assertEquals("1::", v6("1:0:0:0:0:0:0:0"));
        assertEquals("fd00:200::1", v6("fd00:200:0:0:0:0:0:1"));
        assertEquals("2001:db8::1:0:0:1", v6("2001:db8:0:0:1:0:0:1"), "the first of two runs");
        assertEquals("1:0:2:3:4:5:6:7", v6("1:0:2:3:4:5:6:7"), "one zero is not compressed");
        assertEquals("1:2:3:4:5:6:7:8", v6("1:2:3:4:5:6:7:8"));
        assertEquals("1::5:0:0:8", v6("1:0:0:0:5:0:0:8"), "the longest run wins");
        assertEquals("::1.2.3.4", v6("::0102:0304"), "IPv4-compatible: dotted");
        assertEquals("::1:0:0", v6("0:0:0:0:0:1:0:0"));
        assertEquals("::2", v6("::2"));
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        mapped[12] = (byte) 192;
        mapped[15] = 1;
        assertEquals("::ffff:192.0.0.1", AddressText.inet(Socket.AF_INET6, mapped));
        byte[] compatible = new byte[16];
        compatible[12] = 10;
        compatible[15] = 7;
        assertEquals("::10.0.0.7", AddressText.inet(Socket.AF_INET6, compatible));
    }

    @Test
    void ipv4AndHardwareAddresses() {
        assertEquals(
                "192.0.2.255",
                AddressText.inet(Socket.AF_INET, new byte[] {(byte) 192, 0, 2, (byte) 255}));
        byte[] mac = {2, (byte) 0xfc, 0, 0, 0, 1};
        assertEquals("02:fc:00:00:00:01", AddressText.hardware(Netlink.ARPHRD_ETHER, mac));
        assertEquals(
                "10.0.0.1",
                AddressText.hardware(Netlink.ARPHRD_IPGRE, new byte[] {10, 0, 0, 1}),
                "a GRE tunnel's hardware address is its IPv4 endpoint");
    }
}
