package io.rawsys.trace.decode;

import io.rawsys.Arch;
import java.lang.foreign.MemorySegment;

/**
 * Socket addresses as strace's decode_sockaddr prints them: {@code {sa_family=AF_INET,
 * sin_port=htons(80), sin_addr=inet_addr("127.0.0.1")}}. A family strace decodes is decoded only
 * when the address is long enough for it; any other prints its bytes as {@code sa_data}.
 */
final class Sockaddrs {
    private Sockaddrs() {}

    /** A decoded address: its text, and its family (-1 when only its address could be printed). */
    record Decoded(String text, int family) {}

    /** The address of {@code length} bytes at {@code address}, at most a sockaddr_storage of it. */
    static Decoded decode(Call c, long address, int length) {
        if (length < 2) {
            return new Decoded(Text.pointer(address), -1);
        }
        int read = (int) Math.min(length, Peek.size(c, "sockaddr_storage"));
        MemorySegment bytes = Peek.fetch(c, address, read);
        if (bytes == null) {
            return new Decoded(Text.pointer(address), -1);
        }
        // zeros after it, as strace pads its copy: a path ends, and a short address reads zeros
        byte[] data = new byte[(int) Peek.size(c, "sockaddr_storage") + 1];
        MemorySegment.copy(bytes, java.lang.foreign.ValueLayout.JAVA_BYTE, 0, data, 0, read);
        return new Decoded(format(c, data, read), family(c, data));
    }

    /** The address in {@code data}, {@code length} bytes of it (strace's print_sockaddr). */
    static String format(Call c, byte[] data, int length) {
        Arch arch = c.arch();
        int family = family(c, data);
        StringBuilder s =
                new StringBuilder("{sa_family=").append(SocketTables.FAMILIES.value(arch, family));
        if (length > 2) {
            s.append(", ").append(data(c, data, length, family));
        }
        return s.append('}').toString();
    }

    private static int family(Call c, byte[] data) {
        return (int) get(c, data, "sockaddr", "sa_family");
    }

    private static String data(Call c, byte[] data, int length, int family) {
        Arch arch = c.arch();
        if (is(arch, family, "AF_UNIX") && length >= 3) {
            return unix(c, data, length);
        }
        if (is(arch, family, "AF_INET") && length >= Peek.size(c, "sockaddr_in")) {
            return "sin_port="
                    + port(c, data, "sockaddr_in", "sin_port")
                    + ", "
                    + InetAddresses.inetAddr(
                            "sin_addr", data, offset(c, "sockaddr_in", "sin_addr"));
        }
        if (is(arch, family, "AF_INET6") && length >= offset(c, "sockaddr_in6", "sin6_scope_id")) {
            return inet6(c, data, length);
        }
        if (is(arch, family, "AF_NETLINK") && length >= Peek.size(c, "sockaddr_nl")) {
            return netlink(c, data);
        }
        if (is(arch, family, "AF_PACKET") && length >= Peek.size(c, "sockaddr_ll")) {
            return packet(c, data, length);
        }
        return "sa_data="
                + Text.quote(
                        java.util.Arrays.copyOfRange(data, 2, length),
                        length - 2,
                        c.settings().hex());
    }

    private static String unix(Call c, byte[] data, int length) {
        int at = offset(c, "sockaddr_un", "sun_path");
        int pathLength = (int) Math.min(length, Peek.size(c, "sockaddr_un")) - at;
        if (data[at] != 0) {
            // strace prints up to the first NUL of the path and the byte after it
            int end = at;
            while (end < at + pathLength + 1 && end < data.length && data[end] != 0) {
                end++;
            }
            byte[] path = java.util.Arrays.copyOfRange(data, at, end);
            return "sun_path=" + Text.quote(path, path.length, c.settings().hex());
        }
        byte[] name = java.util.Arrays.copyOfRange(data, at + 1, at + pathLength);
        return "sun_path=@" + Text.quote(name, name.length, c.settings().hex());
    }

    private static String inet6(Call c, byte[] data, int length) {
        int address = offset(c, "sockaddr_in6", "sin6_addr");
        StringBuilder s =
                new StringBuilder("sin6_port=")
                        .append(port(c, data, "sockaddr_in6", "sin6_port"))
                        .append(", sin6_flowinfo=htonl(")
                        .append(bigEndian(data, offset(c, "sockaddr_in6", "sin6_flowinfo"), 4))
                        .append("), ")
                        .append(InetAddresses.inetPton("sin6_addr", data, address));
        int scope = offset(c, "sockaddr_in6", "sin6_scope_id");
        if (length > scope) {
            long id = get(c, data, "sockaddr_in6", "sin6_scope_id");
            s.append(", sin6_scope_id=")
                    .append(
                            InetAddresses.linkLocal(data, address)
                                    ? InetAddresses.ifindex(id)
                                    : Long.toString(id));
        }
        return s.toString();
    }

    private static String netlink(Call c, byte[] data) {
        StringBuilder s = new StringBuilder();
        long pad = get(c, data, "sockaddr_nl", "nl_pad");
        if (pad != 0) {
            s.append("nl_pad=").append(Text.hex(pad)).append(", ");
        }
        return s.append("nl_pid=")
                .append(get(c, data, "sockaddr_nl", "nl_pid"))
                .append(", nl_groups=")
                .append(zeroPadded(get(c, data, "sockaddr_nl", "nl_groups"), 4))
                .toString();
    }

    private static String packet(Call c, byte[] data, int length) {
        Arch arch = c.arch();
        int halen = (int) get(c, data, "sockaddr_ll", "sll_halen");
        StringBuilder s =
                new StringBuilder("sll_protocol=htons(")
                        .append(
                                SocketTables.ETHERNET_PROTOCOLS.value(
                                        arch,
                                        bigEndian(
                                                data, offset(c, "sockaddr_ll", "sll_protocol"), 2)))
                        .append("), sll_ifindex=")
                        .append(InetAddresses.ifindex(get(c, data, "sockaddr_ll", "sll_ifindex")))
                        .append(", sll_hatype=")
                        .append(
                                SocketTables.HARDWARE_TYPES.value(
                                        arch, get(c, data, "sockaddr_ll", "sll_hatype")))
                        .append(", sll_pkttype=")
                        .append(
                                SocketTables.PACKET_TYPES.value(
                                        arch, get(c, data, "sockaddr_ll", "sll_pkttype")))
                        .append(", sll_halen=")
                        .append(halen);
        if (halen != 0) {
            int at = offset(c, "sockaddr_ll", "sll_addr");
            s.append(", sll_addr=[");
            for (int i = 0; i < halen; i++) {
                if (i > 0) {
                    s.append(", ");
                }
                if (i >= length - at) {
                    s.append("...");
                    break;
                }
                s.append(zeroPadded(at + i < data.length ? data[at + i] & 0xff : 0, 1));
            }
            s.append(']');
        }
        return s.toString();
    }

    /** {@code htons(80)}. */
    private static String port(Call c, byte[] data, String struct, String member) {
        return "htons(" + bigEndian(data, offset(c, struct, member), 2) + ")";
    }

    /**
     * strace's {@code %#0*x} for a member of {@code size} bytes: {@code 00000000}, {@code
     * 0x000001}.
     */
    static String zeroPadded(long value, int size) {
        int width = 2 * size;
        if (value == 0) {
            return "0".repeat(width);
        }
        String hex = Long.toHexString(value);
        return "0x" + "0".repeat(Math.max(0, width - 2 - hex.length())) + hex;
    }

    private static long bigEndian(byte[] data, int at, int size) {
        long v = 0;
        for (int i = 0; i < size; i++) {
            v = v << 8 | (data[at + i] & 0xff);
        }
        return v;
    }

    private static boolean is(Arch arch, int family, String name) {
        return arch.constants().find(name).orElse(-1) == family;
    }

    private static int offset(Call c, String struct, String member) {
        return (int) Structs.member(c, struct, member).offset();
    }

    private static long get(Call c, byte[] data, String struct, String member) {
        return Structs.member(c, struct, member).get(MemorySegment.ofArray(data));
    }
}
