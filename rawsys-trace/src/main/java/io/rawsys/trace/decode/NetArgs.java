package io.rawsys.trace.decode;

import io.rawsys.Arch;

/** The argument kinds the socket decoders share. */
final class NetArgs {
    private NetArgs() {}

    /**
     * One value of {@code table}, the argument read as a C {@code unsigned int} (strace prints an
     * unknown -1 as {@code 0xffffffff /* … *}{@code /}).
     */
    static Arg value(Xlat table) {
        return (c, at) -> table.value(c.arch(), c.uint(at));
    }

    static final Arg FAMILY = value(SocketTables.FAMILIES);

    static final Arg MESSAGE_FLAGS = Args.flags(SocketTables.MESSAGE_FLAGS);

    /** {@code SOCK_STREAM|SOCK_CLOEXEC}: the type in the low bits, then the flags. */
    static final Arg SOCKET_TYPE = (c, at) -> socketType(c.arch(), c.uint(at));

    static String socketType(Arch arch, long type) {
        return Xlat.composite(Text.hex(type), () -> socketTypeNames(arch, type));
    }

    private static String socketTypeNames(Arch arch, long type) {
        String name = SocketTables.TYPES.name(arch, type & SocketTables.TYPE_MASK);
        if (name == null) {
            return SocketTables.TYPE_FLAGS.flags(arch, type);
        }
        long flags = type & ~SocketTables.TYPE_MASK;
        return flags == 0 ? name : name + "|" + SocketTables.TYPE_FLAGS.flags(arch, flags);
    }

    /** A socket's protocol, named by the table of the family in word 0. */
    static final Arg PROTOCOL =
            (c, at) -> {
                Arch arch = c.arch();
                // strace switches on the whole word, and prints an unknown family's protocol whole
                String name = familyName(arch, c.ulong(0));
                if (name == null) {
                    return Long.toUnsignedString(c.ulong(at));
                }
                long protocol = c.uint(at);
                return switch (name) {
                    case "AF_INET", "AF_INET6" -> SocketTables.INET_PROTOCOLS.value(arch, protocol);
                    case "AF_AX25" -> SocketTables.AX25_PROTOCOLS.value(arch, protocol);
                    case "AF_NETLINK" -> SocketTables.NETLINK_PROTOCOLS.value(arch, protocol);
                    case "AF_PACKET" ->
                            "htons("
                                    + SocketTables.ETHERNET_PROTOCOLS.value(
                                            arch,
                                            Short.toUnsignedLong(
                                                    Short.reverseBytes((short) protocol)))
                                    + ")";
                    case "AF_IRDA" -> SocketTables.IRDA_PROTOCOLS.value(arch, protocol);
                    case "AF_CAN" -> SocketTables.CAN_PROTOCOLS.value(arch, protocol);
                    case "AF_BLUETOOTH" -> SocketTables.BLUETOOTH_PROTOCOLS.value(arch, protocol);
                    case "AF_RXRPC" -> SocketTables.FAMILIES.value(arch, protocol);
                    case "AF_ISDN" -> SocketTables.ISDN_PROTOCOLS.value(arch, protocol);
                    case "AF_PHONET" -> SocketTables.PHONET_PROTOCOLS.value(arch, protocol);
                    case "AF_CAIF" -> SocketTables.CAIF_PROTOCOLS.value(arch, protocol);
                    case "AF_NFC" -> SocketTables.NFC_PROTOCOLS.value(arch, protocol);
                    case "AF_KCM" -> SocketTables.KCM_PROTOCOLS.value(arch, protocol);
                    case "AF_SMC" -> SocketTables.SMC_PROTOCOLS.value(arch, protocol);
                    default -> Long.toUnsignedString(c.ulong(at));
                };
            };

    private static String familyName(Arch arch, long family) {
        return SocketTables.FAMILIES.name(arch, family);
    }

    /** The sockaddr at word {@code at}, as long as word {@code lengthWord} says. */
    static Arg sockaddr(int lengthWord) {
        return (c, at) -> Sockaddrs.decode(c, c.ulong(at), c.sint(lengthWord)).text();
    }

    /**
     * strace's value-result length: {@code [16]}, or {@code [110 => 16]} when the kernel changed
     * what the caller passed.
     */
    static String lengths(int before, int after) {
        return before == after ? "[" + after + "]" : "[" + before + " => " + after + "]";
    }

    /** A value printed from the length the caller passed and the one the kernel returned. */
    @FunctionalInterface
    interface ValueText {
        String text(int before, int after);
    }

    /**
     * The exit of a call that returns a value and its length through pointers (getsockopt, accept,
     * getsockname), the length passed kept as the call's state: the value and {@code [110 => 16]};
     * where the kernel's length cannot be read (or the call failed), the value's address and {@code
     * [110]}. False, printing nothing, where there was no length to keep.
     */
    static boolean valueResult(Call c, int valueWord, int lengthWord, ValueText value) {
        Integer before = c.state();
        if (before == null) {
            return false;
        }
        Integer after = c.failed() ? null : Peek.peekInt(c, c.ulong(lengthWord));
        if (after == null) {
            c.print(Text.pointer(c.ulong(valueWord)));
            c.print("[" + before + "]");
            return true;
        }
        c.print(value.text(before, after));
        c.print(lengths(before, after));
        return true;
    }
}
