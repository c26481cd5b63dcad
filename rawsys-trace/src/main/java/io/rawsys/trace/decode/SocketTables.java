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

    /** strace's addrfams: AF_UNIX, not AF_LOCAL or AF_FILE; AF_NETLINK, not AF_ROUTE. */
    static final Xlat FAMILIES =
            Xlat.of(
                    "AF_",
                    "AF_UNSPEC",
                    "AF_UNIX",
                    "AF_INET",
                    "AF_AX25",
                    "AF_IPX",
                    "AF_APPLETALK",
                    "AF_NETROM",
                    "AF_BRIDGE",
                    "AF_ATMPVC",
                    "AF_X25",
                    "AF_INET6",
                    "AF_ROSE",
                    "AF_DECnet",
                    "AF_NETBEUI",
                    "AF_SECURITY",
                    "AF_KEY",
                    "AF_NETLINK",
                    "AF_PACKET",
                    "AF_ASH",
                    "AF_ECONET",
                    "AF_ATMSVC",
                    "AF_RDS",
                    "AF_SNA",
                    "AF_IRDA",
                    "AF_PPPOX",
                    "AF_WANPIPE",
                    "AF_LLC",
                    "AF_IB",
                    "AF_MPLS",
                    "AF_CAN",
                    "AF_TIPC",
                    "AF_BLUETOOTH",
                    "AF_IUCV",
                    "AF_RXRPC",
                    "AF_ISDN",
                    "AF_PHONET",
                    "AF_IEEE802154",
                    "AF_CAIF",
                    "AF_ALG",
                    "AF_NFC",
                    "AF_VSOCK",
                    "AF_KCM",
                    "AF_QIPCRTR",
                    "AF_SMC",
                    "AF_XDP",
                    "AF_MCTP");

    /** The type in a socket type's low bits (strace's socktypes). */
    static final Xlat TYPES =
            Xlat.of(
                    "SOCK_",
                    "SOCK_STREAM",
                    "SOCK_DGRAM",
                    "SOCK_RAW",
                    "SOCK_RDM",
                    "SOCK_SEQPACKET",
                    "SOCK_DCCP",
                    "SOCK_PACKET");

    /** The flags above them, also accept4's flags. */
    static final Xlat TYPE_FLAGS = Xlat.of("SOCK_", "SOCK_CLOEXEC", "SOCK_NONBLOCK");

    /**
     * The bits of a socket type that are the type (the kernel's SOCK_TYPE_MASK, which no uapi
     * header defines; strace defines it the same way).
     */
    static final int TYPE_MASK = 0xf;

    /** strace's inet_protocols: IPPROTO_IP, not IPPROTO_HOPOPTS, for 0. */
    static final Xlat INET_PROTOCOLS =
            Xlat.of(
                    "IPPROTO_",
                    "IPPROTO_IP",
                    "IPPROTO_ICMP",
                    "IPPROTO_IGMP",
                    "IPPROTO_IPIP",
                    "IPPROTO_TCP",
                    "IPPROTO_EGP",
                    "IPPROTO_PUP",
                    "IPPROTO_UDP",
                    "IPPROTO_IDP",
                    "IPPROTO_TP",
                    "IPPROTO_DCCP",
                    "IPPROTO_IPV6",
                    "IPPROTO_ROUTING",
                    "IPPROTO_FRAGMENT",
                    "IPPROTO_RSVP",
                    "IPPROTO_GRE",
                    "IPPROTO_ESP",
                    "IPPROTO_AH",
                    "IPPROTO_ICMPV6",
                    "IPPROTO_NONE",
                    "IPPROTO_DSTOPTS",
                    "IPPROTO_MTP",
                    "IPPROTO_BEETPH",
                    "IPPROTO_ENCAP",
                    "IPPROTO_PIM",
                    "IPPROTO_COMP",
                    "IPPROTO_L2TP",
                    "IPPROTO_SCTP",
                    "IPPROTO_MH",
                    "IPPROTO_UDPLITE",
                    "IPPROTO_MPLS",
                    "IPPROTO_ETHERNET",
                    "IPPROTO_RAW",
                    "IPPROTO_MPTCP");

    static final Xlat NETLINK_PROTOCOLS =
            Xlat.of(
                    "NETLINK_",
                    "NETLINK_ROUTE",
                    "NETLINK_UNUSED",
                    "NETLINK_USERSOCK",
                    "NETLINK_FIREWALL",
                    "NETLINK_SOCK_DIAG",
                    "NETLINK_NFLOG",
                    "NETLINK_XFRM",
                    "NETLINK_SELINUX",
                    "NETLINK_ISCSI",
                    "NETLINK_AUDIT",
                    "NETLINK_FIB_LOOKUP",
                    "NETLINK_CONNECTOR",
                    "NETLINK_NETFILTER",
                    "NETLINK_IP6_FW",
                    "NETLINK_DNRTMSG",
                    "NETLINK_KOBJECT_UEVENT",
                    "NETLINK_GENERIC",
                    "NETLINK_SCSITRANSPORT",
                    "NETLINK_ECRYPTFS",
                    "NETLINK_RDMA",
                    "NETLINK_CRYPTO",
                    "NETLINK_SMC");

    /** strace's ethernet_protocols, for packet sockets' {@code htons(ETH_P_IP)}. */
    static final Xlat ETHERNET_PROTOCOLS =
            Xlat.of(
                    "ETH_P_",
                    "ETH_P_802_3",
                    "ETH_P_AX25",
                    "ETH_P_ALL",
                    "ETH_P_802_2",
                    "ETH_P_SNAP",
                    "ETH_P_DDCMP",
                    "ETH_P_WAN_PPP",
                    "ETH_P_PPP_MP",
                    "ETH_P_LOCALTALK",
                    "ETH_P_CAN",
                    "ETH_P_CANFD",
                    "ETH_P_CANXL",
                    "ETH_P_PPPTALK",
                    "ETH_P_TR_802_2",
                    "ETH_P_MOBITEX",
                    "ETH_P_CONTROL",
                    "ETH_P_IRDA",
                    "ETH_P_ECONET",
                    "ETH_P_HDLC",
                    "ETH_P_ARCNET",
                    "ETH_P_DSA",
                    "ETH_P_TRAILER",
                    "ETH_P_LOOP",
                    "ETH_P_PHONET",
                    "ETH_P_IEEE802154",
                    "ETH_P_CAIF",
                    "ETH_P_XDSA",
                    "ETH_P_MAP",
                    "ETH_P_MCTP",
                    "ETH_P_PUP",
                    "ETH_P_PUPAT",
                    "ETH_P_802_3_MIN",
                    "ETH_P_IP",
                    "ETH_P_X25",
                    "ETH_P_ARP",
                    "ETH_P_BPQ",
                    "ETH_P_IEEEPUP",
                    "ETH_P_IEEEPUPAT",
                    "ETH_P_ERSPAN2",
                    "ETH_P_TSN",
                    "ETH_P_BATMAN",
                    "ETH_P_DEC",
                    "ETH_P_DNA_DL",
                    "ETH_P_DNA_RC",
                    "ETH_P_DNA_RT",
                    "ETH_P_LAT",
                    "ETH_P_DIAG",
                    "ETH_P_CUST",
                    "ETH_P_SCA",
                    "ETH_P_TEB",
                    "ETH_P_RARP",
                    "ETH_P_ATALK",
                    "ETH_P_AARP",
                    "ETH_P_8021Q",
                    "ETH_P_IPX",
                    "ETH_P_IPV6",
                    "ETH_P_PAUSE",
                    "ETH_P_SLOW",
                    "ETH_P_WCCP",
                    "ETH_P_MPLS_UC",
                    "ETH_P_MPLS_MC",
                    "ETH_P_ATMMPOA",
                    "ETH_P_PPP_DISC",
                    "ETH_P_PPP_SES",
                    "ETH_P_LINK_CTL",
                    "ETH_P_ATMFATE",
                    "ETH_P_PAE",
                    "ETH_P_REALTEK",
                    "ETH_P_AOE",
                    "ETH_P_8021AD",
                    "ETH_P_802_EX1",
                    "ETH_P_ERSPAN",
                    "ETH_P_PREAUTH",
                    "ETH_P_TIPC",
                    "ETH_P_LLDP",
                    "ETH_P_MRP",
                    "ETH_P_MACSEC",
                    "ETH_P_8021AH",
                    "ETH_P_MVRP",
                    "ETH_P_1588",
                    "ETH_P_NCSI",
                    "ETH_P_PRP",
                    "ETH_P_CFM",
                    "ETH_P_FCOE",
                    "ETH_P_TDLS",
                    "ETH_P_FIP",
                    "ETH_P_IBOE",
                    "ETH_P_80221",
                    "ETH_P_HSR",
                    "ETH_P_NSH",
                    "ETH_P_LOOPBACK",
                    "ETH_P_QINQ1",
                    "ETH_P_QINQ2",
                    "ETH_P_QINQ3",
                    "ETH_P_EDSA",
                    "ETH_P_DSA_8021Q",
                    "ETH_P_DSA_A5PSW",
                    "ETH_P_IFE",
                    "ETH_P_AF_IUCV");

    /*
     * The protocols of the other families strace names. rawsys has no headers for most of them,
     * so their values print as unknown ones, the same way strace prints the values it lacks.
     */
    static final Xlat AX25_PROTOCOLS =
            Xlat.of(
                    "AX25_P_",
                    "AX25_P_ROSE",
                    "AX25_P_VJCOMP",
                    "AX25_P_VJUNCOMP",
                    "AX25_P_SEGMENT",
                    "AX25_P_TEXNET",
                    "AX25_P_LQ",
                    "AX25_P_ATALK",
                    "AX25_P_ATALK_ARP",
                    "AX25_P_IP",
                    "AX25_P_ARP",
                    "AX25_P_FLEXNET",
                    "AX25_P_NETROM",
                    "AX25_P_TEXT");

    /** strace's can_protocols, which it also uses for AF_IRDA (with IRDAPROTO_ for the unknown). */
    private static final String[] CAN_PROTOCOL_NAMES = {
        "CAN_RAW", "CAN_BCM", "CAN_TP16", "CAN_TP20", "CAN_MCNET", "CAN_ISOTP", "CAN_J1939"
    };

    static final Xlat CAN_PROTOCOLS = Xlat.of("CAN_", CAN_PROTOCOL_NAMES);
    static final Xlat IRDA_PROTOCOLS = Xlat.of("IRDAPROTO_", CAN_PROTOCOL_NAMES);

    static final Xlat BLUETOOTH_PROTOCOLS =
            Xlat.of(
                    "BTPROTO_",
                    "BTPROTO_L2CAP",
                    "BTPROTO_HCI",
                    "BTPROTO_SCO",
                    "BTPROTO_RFCOMM",
                    "BTPROTO_BNEP",
                    "BTPROTO_CMTP",
                    "BTPROTO_HIDP",
                    "BTPROTO_AVDTP",
                    "BTPROTO_ISO");

    static final Xlat ISDN_PROTOCOLS =
            Xlat.of(
                    "ISDN_P_",
                    "ISDN_P_BASE",
                    "ISDN_P_TE_S0",
                    "ISDN_P_NT_S0",
                    "ISDN_P_TE_E1",
                    "ISDN_P_NT_E1",
                    "ISDN_P_TE_UP0",
                    "ISDN_P_NT_UP0",
                    "ISDN_P_LAPD_TE",
                    "ISDN_P_LAPD_NT",
                    "ISDN_P_B_RAW",
                    "ISDN_P_B_HDLC",
                    "ISDN_P_B_X75SLP",
                    "ISDN_P_B_L2DTMF",
                    "ISDN_P_B_L2DSP",
                    "ISDN_P_B_L2DSPHDLC");

    static final Xlat PHONET_PROTOCOLS =
            Xlat.of("PN_PROTO_", "PN_PROTO_TRANSPORT", "PN_PROTO_PHONET", "PN_PROTO_PIPE");

    static final Xlat CAIF_PROTOCOLS =
            Xlat.of(
                    "CAIFPROTO_",
                    "CAIFPROTO_AT",
                    "CAIFPROTO_DATAGRAM",
                    "CAIFPROTO_DATAGRAM_LOOP",
                    "CAIFPROTO_UTIL",
                    "CAIFPROTO_RFM",
                    "CAIFPROTO_DEBUG");

    static final Xlat NFC_PROTOCOLS =
            Xlat.of("NFC_SOCKPROTO_", "NFC_SOCKPROTO_RAW", "NFC_SOCKPROTO_LLCP");

    static final Xlat KCM_PROTOCOLS = Xlat.of("KCMPROTO_", "KCMPROTO_CONNECTED");

    static final Xlat SMC_PROTOCOLS = Xlat.of("SMCPROTO_", "SMCPROTO_SMC", "SMCPROTO_SMC6");

    /**
     * strace's msg_flags. MSG_PROBE (0x10; glibc calls it MSG_PROXY), MSG_SENDPAGE_NOTLAST,
     * MSG_NO_SHARED_FRAGS and MSG_CMSG_COMPAT are the kernel's own and in no header rawsys reads,
     * so their bits print in hex.
     */
    static final Xlat MESSAGE_FLAGS =
            Xlat.of(
                    "MSG_",
                    "MSG_OOB",
                    "MSG_PEEK",
                    "MSG_DONTROUTE",
                    "MSG_CTRUNC",
                    "MSG_PROBE",
                    "MSG_TRUNC",
                    "MSG_DONTWAIT",
                    "MSG_EOR",
                    "MSG_WAITALL",
                    "MSG_FIN",
                    "MSG_SYN",
                    "MSG_CONFIRM",
                    "MSG_RST",
                    "MSG_ERRQUEUE",
                    "MSG_NOSIGNAL",
                    "MSG_MORE",
                    "MSG_WAITFORONE",
                    "MSG_SENDPAGE_NOTLAST",
                    "MSG_BATCH",
                    "MSG_NO_SHARED_FRAGS",
                    "MSG_ZEROCOPY",
                    "MSG_FASTOPEN",
                    "MSG_CMSG_CLOEXEC",
                    "MSG_CMSG_COMPAT");

    static final Xlat SHUTDOWN_HOWS = Xlat.of("SHUT_", "SHUT_RD", "SHUT_WR", "SHUT_RDWR");

    /**
     * strace's socketlayers, the levels of setsockopt and getsockopt (strace 6.1 does not name
     * SOL_MPTCP, SOL_MCTP and SOL_SMC). AF_VSOCK is there because vsock's options use it as their
     * level.
     */
    private static final String[] LEVEL_NAMES = {
        "SOL_IP",
        "SOL_SOCKET",
        "SOL_TCP",
        "SOL_UDP",
        "SOL_IPV6",
        "SOL_ICMPV6",
        "SOL_SCTP",
        "SOL_UDPLITE",
        "SOL_RAW",
        "SOL_IPX",
        "SOL_AX25",
        "SOL_ATALK",
        "SOL_NETROM",
        "SOL_ROSE",
        "SOL_DECNET",
        "SOL_X25",
        "SOL_PACKET",
        "SOL_ATM",
        "SOL_AAL",
        "SOL_IRDA",
        "SOL_NETBEUI",
        "SOL_LLC",
        "SOL_DCCP",
        "SOL_NETLINK",
        "SOL_TIPC",
        "SOL_RXRPC",
        "SOL_PPPOL2TP",
        "SOL_BLUETOOTH",
        "SOL_PNPIPE",
        "SOL_RDS",
        "SOL_IUCV",
        "SOL_CAIF",
        "SOL_ALG",
        "SOL_NFC",
        "SOL_KCM",
        "SOL_TLS",
        "SOL_XDP",
        "AF_VSOCK",
        "SOL_CAN_BASE",
        "SOL_CAN_RAW"
    };

    /**
     * The levels, in a control message as strace prints them: {@code 0x270f /* SOL_??? *}{@code /}.
     */
    static final Xlat LEVELS = Xlat.of("SOL_", LEVEL_NAMES);

    /**
     * A level of setsockopt or getsockopt, where strace's comment for an unknown one has a question
     * mark less: {@code 0x270f /* SOL_?? *}{@code /}.
     */
    static String optionLevel(Arch arch, long level) {
        String name = LEVELS.name(arch, level);
        return name != null ? name : Text.hex(level) + " /* SOL_?? */";
    }

    /**
     * strace's scmvals, SOL_SOCKET's control messages. SCM_SECURITY is the kernel's own, in no
     * header rawsys reads.
     */
    static final Xlat SOCKET_MESSAGES =
            Xlat.of(
                    "SCM_",
                    "SCM_RIGHTS",
                    "SCM_CREDENTIALS",
                    "SCM_SECURITY",
                    "SO_TIMESTAMP_OLD",
                    "SO_TIMESTAMPNS_OLD",
                    "SO_TIMESTAMPING_OLD",
                    "SO_WIFI_STATUS",
                    "SCM_TIMESTAMPING_OPT_STATS",
                    "SCM_TIMESTAMPING_PKTINFO",
                    "SO_TXTIME",
                    "SO_TIMESTAMP_NEW",
                    "SO_TIMESTAMPNS_NEW",
                    "SO_TIMESTAMPING_NEW");

    /** strace's ip_cmsg_types, SOL_IP's control messages. */
    static final Xlat IP_MESSAGES =
            Xlat.of(
                    "IP_",
                    "IP_TOS",
                    "IP_TTL",
                    "SCM_SECURITY",
                    "IP_RECVOPTS",
                    "IP_RETOPTS",
                    "IP_PKTINFO",
                    "IP_RECVERR",
                    "IP_ORIGDSTADDR",
                    "IP_CHECKSUM");

    /** Packet types of a sockaddr_ll (strace's af_packet_types). */
    static final Xlat PACKET_TYPES =
            Xlat.of(
                    "PACKET_",
                    "PACKET_HOST",
                    "PACKET_BROADCAST",
                    "PACKET_MULTICAST",
                    "PACKET_OTHERHOST",
                    "PACKET_OUTGOING",
                    "PACKET_LOOPBACK",
                    "PACKET_USER",
                    "PACKET_KERNEL",
                    "PACKET_FASTROUTE");

    /** Hardware types of a sockaddr_ll (strace's arp_hardware_types: ARPHRD_CISCO, not HDLC). */
    static final Xlat HARDWARE_TYPES =
            Xlat.of(
                    "ARPHRD_",
                    "ARPHRD_NETROM",
                    "ARPHRD_ETHER",
                    "ARPHRD_EETHER",
                    "ARPHRD_AX25",
                    "ARPHRD_PRONET",
                    "ARPHRD_CHAOS",
                    "ARPHRD_IEEE802",
                    "ARPHRD_ARCNET",
                    "ARPHRD_APPLETLK",
                    "ARPHRD_DLCI",
                    "ARPHRD_ATM",
                    "ARPHRD_METRICOM",
                    "ARPHRD_IEEE1394",
                    "ARPHRD_EUI64",
                    "ARPHRD_INFINIBAND",
                    "ARPHRD_SLIP",
                    "ARPHRD_CSLIP",
                    "ARPHRD_SLIP6",
                    "ARPHRD_CSLIP6",
                    "ARPHRD_RSRVD",
                    "ARPHRD_ADAPT",
                    "ARPHRD_ROSE",
                    "ARPHRD_X25",
                    "ARPHRD_HWX25",
                    "ARPHRD_CAN",
                    "ARPHRD_MCTP",
                    "ARPHRD_PPP",
                    "ARPHRD_CISCO",
                    "ARPHRD_LAPB",
                    "ARPHRD_DDCMP",
                    "ARPHRD_RAWHDLC",
                    "ARPHRD_RAWIP",
                    "ARPHRD_TUNNEL",
                    "ARPHRD_TUNNEL6",
                    "ARPHRD_FRAD",
                    "ARPHRD_SKIP",
                    "ARPHRD_LOOPBACK",
                    "ARPHRD_LOCALTLK",
                    "ARPHRD_FDDI",
                    "ARPHRD_BIF",
                    "ARPHRD_SIT",
                    "ARPHRD_IPDDP",
                    "ARPHRD_IPGRE",
                    "ARPHRD_PIMREG",
                    "ARPHRD_HIPPI",
                    "ARPHRD_ASH",
                    "ARPHRD_ECONET",
                    "ARPHRD_IRDA",
                    "ARPHRD_FCPP",
                    "ARPHRD_FCAL",
                    "ARPHRD_FCPL",
                    "ARPHRD_FCFABRIC",
                    "ARPHRD_IEEE802_TR",
                    "ARPHRD_IEEE80211",
                    "ARPHRD_IEEE80211_PRISM",
                    "ARPHRD_IEEE80211_RADIOTAP",
                    "ARPHRD_IEEE802154",
                    "ARPHRD_IEEE802154_MONITOR",
                    "ARPHRD_PHONET",
                    "ARPHRD_PHONET_PIPE",
                    "ARPHRD_CAIF",
                    "ARPHRD_IP6GRE",
                    "ARPHRD_NETLINK",
                    "ARPHRD_6LOWPAN",
                    "ARPHRD_VSOCKMON",
                    "ARPHRD_NONE",
                    "ARPHRD_VOID");
}
