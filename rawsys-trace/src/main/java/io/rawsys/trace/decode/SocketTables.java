package io.rawsys.trace.decode;

import io.rawsys.Arch;

/**
 * The socket tables, as strace 6.1 names their values: address families, socket types and type
 * flags, protocols per family, message flags, shutdown's hows, and control message types. Each is
 * in strace's order, which decides the name printed where two names share a value; a name the
 * tracee's architecture does not define (or rawsys has no header for) is simply absent there.
 */
final class SocketTables {
    private SocketTables() {}

    static final Xlat FAMILIES = Xlat.load("addrfams");

    static final Xlat TYPES = Xlat.load("socktypes");

    static final Xlat TYPE_FLAGS = Xlat.load("sock_type_flags");

    /**
     * The bits of a socket type that are the type (the kernel's SOCK_TYPE_MASK, which no uapi
     * header defines; strace defines it the same way).
     */
    static final int TYPE_MASK = 0xf;

    static final Xlat INET_PROTOCOLS = Xlat.load("inet_protocols");

    static final Xlat NETLINK_PROTOCOLS = Xlat.load("netlink_protocols");

    static final Xlat ETHERNET_PROTOCOLS = Xlat.load("ethernet_protocols");

    /*
     * The protocols of the other families strace names. rawsys has no headers for most of them,
     * so their values print as unknown ones, the same way strace prints the values it lacks.
     */
    static final Xlat AX25_PROTOCOLS = Xlat.load("ax25_protocols");

    static final Xlat CAN_PROTOCOLS = Xlat.load("can_protocols");
    static final Xlat IRDA_PROTOCOLS = Xlat.load("irda_protocols");

    static final Xlat BLUETOOTH_PROTOCOLS = Xlat.load("bt_protocols");

    static final Xlat ISDN_PROTOCOLS = Xlat.load("isdn_protocols");

    static final Xlat PHONET_PROTOCOLS = Xlat.load("phonet_protocols");

    static final Xlat CAIF_PROTOCOLS = Xlat.load("caif_protocols");

    static final Xlat NFC_PROTOCOLS = Xlat.load("nfc_protocols");

    static final Xlat KCM_PROTOCOLS = Xlat.load("kcm_protocols");

    static final Xlat SMC_PROTOCOLS = Xlat.load("smc_protocols");

    static final Xlat MESSAGE_FLAGS = Xlat.load("msg_flags");

    static final Xlat SHUTDOWN_HOWS = Xlat.load("shutdown_modes");

    static final Xlat LEVELS = Xlat.load("socketlayers");

    /**
     * A level of setsockopt or getsockopt, where strace's comment for an unknown one has a question
     * mark less: {@code 0x270f /* SOL_?? *}{@code /}.
     */
    static String optionLevel(Arch arch, long level) {
        return LEVELS.value(arch, level, "SOL_??");
    }

    static final Xlat SOCKET_MESSAGES = Xlat.load("scmvals");

    static final Xlat IP_MESSAGES = Xlat.load("ip_cmsg_types");

    static final Xlat PACKET_TYPES = Xlat.load("af_packet_types");

    static final Xlat HARDWARE_TYPES = Xlat.load("arp_hardware_types");
}
