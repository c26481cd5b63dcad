package io.rawsys.trace.decode;

import io.rawsys.tool.AddressText;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Addresses and interfaces as strace prints them: {@code inet_addr("127.0.0.1")}, {@code
 * inet_pton(AF_INET6, "::1", &sin6_addr)}, {@code if_nametoindex("lo")}. IPv6 addresses are written
 * as glibc's inet_ntop writes them (the longest run of zero groups as {@code ::}, an IPv4-mapped or
 * -compatible address with its IPv4 part dotted), not as Java's InetAddress does.
 */
final class InetAddresses {
    private InetAddresses() {}

    /** {@code field=inet_addr("1.2.3.4")}. */
    static String inetAddr(String field, byte[] a, int at) {
        return field + "=inet_addr(\"" + AddressText.ipv4(a, at) + "\")";
    }

    /** {@code inet_pton(AF_INET6, "::1", &field)}. */
    static String inetPton(String field, byte[] a, int at) {
        return "inet_pton(AF_INET6, \"" + AddressText.ipv6(a, at) + "\", &" + field + ")";
    }

    /**
     * Whether the IPv6 address is link-local unicast (fe80::/10) or link-local multicast
     * (ff02::/16).
     */
    static boolean linkLocal(byte[] a, int at) {
        int first = a[at] & 0xff;
        int second = a[at + 1] & 0xff;
        return (first == 0xfe && (second & 0xc0) == 0x80)
                || (first == 0xff && (second & 0x0f) == 0x02);
    }

    /**
     * {@code if_nametoindex("eth0")} for an interface index the tracer's network namespace knows,
     * the index in decimal otherwise (strace's print_ifindex).
     */
    static String ifindex(long index) {
        String name = interfaceName(index);
        return name != null
                ? "if_nametoindex(\"" + name + "\")"
                : Long.toUnsignedString(index & 0xffff_ffffL);
    }

    private static String interfaceName(long index) {
        if (index <= 0 || index > Integer.MAX_VALUE) {
            return null;
        }
        try (DirectoryStream<Path> links = Files.newDirectoryStream(Path.of("/sys/class/net"))) {
            for (Path link : links) {
                try {
                    if (Long.parseLong(Files.readString(link.resolve("ifindex")).strip())
                            == index) {
                        return link.getFileName().toString();
                    }
                } catch (IOException | NumberFormatException e) {
                    // an interface that went away, or no index: not this one
                }
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }
}
