package io.rawsys.tool;

import io.rawsys.linux.Netlink;
import io.rawsys.linux.Socket;
import java.util.HexFormat;

/**
 * Addresses as ip and strace write them: glibc's inet_ntop for IP, colon-separated hex for
 * hardware.
 */
public final class AddressText {
    private AddressText() {}

    /** An address of {@code family}: dotted IPv4, compressed IPv6, else colon-separated hex. */
    public static String inet(int family, byte[] address) {
        if (family == Socket.AF_INET && address.length == 4) {
            return ipv4(address, 0);
        }
        if (family == Socket.AF_INET6 && address.length == 16) {
            return ipv6(address, 0);
        }
        return hex(address);
    }

    /**
     * A hardware address of link type {@code type} (ll_addr_n2a): tunnels' are IP addresses,
     * everything else hex bytes joined by colons.
     */
    public static String hardware(int type, byte[] address) {
        if (address.length == 4
                && (type == Netlink.ARPHRD_TUNNEL
                        || type == Netlink.ARPHRD_SIT
                        || type == Netlink.ARPHRD_IPGRE)) {
            return ipv4(address, 0);
        }
        if (address.length == 16
                && (type == Netlink.ARPHRD_TUNNEL6 || type == Netlink.ARPHRD_IP6GRE)) {
            return ipv6(address, 0);
        }
        return hex(address);
    }

    private static String hex(byte[] address) {
        return HexFormat.ofDelimiter(":").formatHex(address);
    }

    /** The four bytes at {@code at}, dotted. */
    public static String ipv4(byte[] a, int at) {
        return (a[at] & 0xff)
                + "."
                + (a[at + 1] & 0xff)
                + "."
                + (a[at + 2] & 0xff)
                + "."
                + (a[at + 3] & 0xff);
    }

    /**
     * RFC 5952 text as glibc's inet_ntop writes it: the longest run of two or more zero words (the
     * first, on a tie) becomes {@code ::}, and IPv4-compatible and -mapped addresses end in dotted
     * IPv4. The sixteen bytes at {@code at}.
     */
    public static String ipv6(byte[] a, int at) {
        int[] words = new int[8];
        for (int i = 0; i < 8; i++) {
            words[i] = (a[at + 2 * i] & 0xff) << 8 | (a[at + 2 * i + 1] & 0xff);
        }
        int bestBase = -1;
        int bestLength = 0;
        for (int i = 0; i < 8; ) {
            if (words[i] != 0) {
                i++;
                continue;
            }
            int start = i;
            while (i < 8 && words[i] == 0) {
                i++;
            }
            if (i - start > bestLength) {
                bestBase = start;
                bestLength = i - start;
            }
        }
        if (bestLength < 2) {
            bestBase = -1;
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (bestBase >= 0 && i >= bestBase && i < bestBase + bestLength) {
                if (i == bestBase) {
                    text.append(':');
                }
                continue;
            }
            if (i != 0) {
                text.append(':');
            }
            boolean embeddedIpv4 =
                    i == 6
                            && bestBase == 0
                            && (bestLength == 6
                                    || (bestLength == 7 && words[7] != 1)
                                    || (bestLength == 5 && words[5] == 0xffff));
            if (embeddedIpv4) {
                text.append(ipv4(a, at + 12));
                return text.toString();
            }
            text.append(Integer.toHexString(words[i]));
        }
        if (bestBase >= 0 && bestBase + bestLength == 8) {
            text.append(':');
        }
        return text.toString();
    }
}
