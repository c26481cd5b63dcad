package io.rawsys.trace.decode;

import io.rawsys.Arch;
import java.util.List;
import java.util.stream.Stream;

/**
 * The option names of setsockopt and getsockopt, level by level, as strace 6.1 names them (its
 * sock_*_options tables, with getsockopt's and setsockopt's own names where they differ:
 * SOL_SOCKET's 26 is SO_GET_FILTER to one and SO_ATTACH_FILTER to the other). Names no header
 * rawsys reads defines (SCTP's, Bluetooth's ...) are listed all the same: their values print as
 * unknown ones, with strace's prefix, until a header provides them.
 */
final class SockoptTables {
    private SockoptTables() {}

    private static final String[] SOCKET = {
        "SO_DEBUG",
        "SO_REUSEADDR",
        "SO_TYPE",
        "SO_ERROR",
        "SO_DONTROUTE",
        "SO_BROADCAST",
        "SO_SNDBUF",
        "SO_RCVBUF",
        "SO_KEEPALIVE",
        "SO_OOBINLINE",
        "SO_NO_CHECK",
        "SO_PRIORITY",
        "SO_LINGER",
        "SO_BSDCOMPAT",
        "SO_REUSEPORT",
        "SO_PASSCRED",
        "SO_PEERCRED",
        "SO_RCVLOWAT",
        "SO_SNDLOWAT",
        "SO_RCVTIMEO_OLD",
        "SO_SNDTIMEO_OLD",
        "SO_SECURITY_AUTHENTICATION",
        "SO_SECURITY_ENCRYPTION_TRANSPORT",
        "SO_SECURITY_ENCRYPTION_NETWORK",
        "SO_BINDTODEVICE",
        "SO_DETACH_FILTER",
        "SO_PEERNAME",
        "SO_TIMESTAMP_OLD",
        "SO_ACCEPTCONN",
        "SO_PEERSEC",
        "SO_SNDBUFFORCE",
        "SO_RCVBUFFORCE",
        "SO_PASSSEC",
        "SO_TIMESTAMPNS_OLD",
        "SO_MARK",
        "SO_TIMESTAMPING_OLD",
        "SO_PROTOCOL",
        "SO_DOMAIN",
        "SO_RXQ_OVFL",
        "SO_WIFI_STATUS",
        "SO_PEEK_OFF",
        "SO_NOFCS",
        "SO_LOCK_FILTER",
        "SO_SELECT_ERR_QUEUE",
        "SO_BUSY_POLL",
        "SO_MAX_PACING_RATE",
        "SO_BPF_EXTENSIONS",
        "SO_INCOMING_CPU",
        "SO_ATTACH_BPF",
        "SO_ATTACH_REUSEPORT_CBPF",
        "SO_ATTACH_REUSEPORT_EBPF",
        "SO_CNX_ADVICE",
        "SO_MEMINFO",
        "SO_INCOMING_NAPI_ID",
        "SO_COOKIE",
        "SO_PEERGROUPS",
        "SO_ZEROCOPY",
        "SO_TXTIME",
        "SO_BINDTOIFINDEX",
        "SO_TIMESTAMP_NEW",
        "SO_TIMESTAMPNS_NEW",
        "SO_TIMESTAMPING_NEW",
        "SO_RCVTIMEO_NEW",
        "SO_SNDTIMEO_NEW",
        "SO_DETACH_REUSEPORT_BPF",
        "SO_PREFER_BUSY_POLL",
        "SO_BUSY_POLL_BUDGET",
        "SO_NETNS_COOKIE",
        "SO_BUF_LOCK",
        "SO_RESERVE_MEM",
        "SO_TXREHASH",
        "SO_RCVMARK"
    };

    private static final String[] SOCKET_GET = {"SO_GET_FILTER"};

    private static final String[] SOCKET_SET = {"SO_ATTACH_FILTER"};

    private static final String[] IP = {
        "IP_TOS",
        "IP_TTL",
        "IP_HDRINCL",
        "IP_OPTIONS",
        "IP_ROUTER_ALERT",
        "IP_RECVOPTS",
        "IP_RETOPTS",
        "IP_PKTINFO",
        "IP_PKTOPTIONS",
        "IP_MTU_DISCOVER",
        "IP_RECVERR",
        "IP_RECVTTL",
        "IP_RECVTOS",
        "IP_MTU",
        "IP_FREEBIND",
        "IP_IPSEC_POLICY",
        "IP_XFRM_POLICY",
        "IP_PASSSEC",
        "IP_TRANSPARENT",
        "IP_ORIGDSTADDR",
        "IP_MINTTL",
        "IP_NODEFRAG",
        "IP_CHECKSUM",
        "IP_BIND_ADDRESS_NO_PORT",
        "IP_RECVFRAGSIZE",
        "IP_RECVERR_RFC4884",
        "IP_MULTICAST_IF",
        "IP_MULTICAST_TTL",
        "IP_MULTICAST_LOOP",
        "IP_ADD_MEMBERSHIP",
        "IP_DROP_MEMBERSHIP",
        "IP_UNBLOCK_SOURCE",
        "IP_BLOCK_SOURCE",
        "IP_ADD_SOURCE_MEMBERSHIP",
        "IP_DROP_SOURCE_MEMBERSHIP",
        "IP_MSFILTER",
        "MCAST_JOIN_GROUP",
        "MCAST_BLOCK_SOURCE",
        "MCAST_UNBLOCK_SOURCE",
        "MCAST_LEAVE_GROUP",
        "MCAST_JOIN_SOURCE_GROUP",
        "MCAST_LEAVE_SOURCE_GROUP",
        "MCAST_MSFILTER",
        "IP_MULTICAST_ALL",
        "IP_UNICAST_IF"
    };

    private static final String[] IP_GET = {
        "IPT_SO_GET_INFO",
        "IPT_SO_GET_ENTRIES",
        "IPT_SO_GET_REVISION_MATCH",
        "IPT_SO_GET_REVISION_TARGET",
        "ARPT_SO_GET_INFO",
        "ARPT_SO_GET_ENTRIES",
        "ARPT_SO_GET_REVISION_TARGET"
    };

    private static final String[] IP_SET = {
        "IPT_SO_SET_REPLACE",
        "IPT_SO_SET_ADD_COUNTERS",
        "ARPT_SO_SET_REPLACE",
        "ARPT_SO_SET_ADD_COUNTERS"
    };

    private static final String[] IPV6 = {
        "IPV6_ADDRFORM",
        "IPV6_2292PKTINFO",
        "IPV6_2292HOPOPTS",
        "IPV6_2292DSTOPTS",
        "IPV6_2292RTHDR",
        "IPV6_2292PKTOPTIONS",
        "IPV6_CHECKSUM",
        "IPV6_2292HOPLIMIT",
        "IPV6_NEXTHOP",
        "IPV6_AUTHHDR",
        "IPV6_FLOWINFO",
        "IPV6_UNICAST_HOPS",
        "IPV6_MULTICAST_IF",
        "IPV6_MULTICAST_HOPS",
        "IPV6_MULTICAST_LOOP",
        "IPV6_ADD_MEMBERSHIP",
        "IPV6_DROP_MEMBERSHIP",
        "IPV6_ROUTER_ALERT",
        "IPV6_MTU_DISCOVER",
        "IPV6_MTU",
        "IPV6_RECVERR",
        "IPV6_V6ONLY",
        "IPV6_JOIN_ANYCAST",
        "IPV6_LEAVE_ANYCAST",
        "IPV6_MULTICAST_ALL",
        "IPV6_ROUTER_ALERT_ISOLATE",
        "IPV6_RECVERR_RFC4884",
        "IPV6_FLOWLABEL_MGR",
        "IPV6_FLOWINFO_SEND",
        "IPV6_IPSEC_POLICY",
        "IPV6_XFRM_POLICY",
        "IPV6_HDRINCL",
        "MCAST_JOIN_GROUP",
        "MCAST_BLOCK_SOURCE",
        "MCAST_UNBLOCK_SOURCE",
        "MCAST_LEAVE_GROUP",
        "MCAST_JOIN_SOURCE_GROUP",
        "MCAST_LEAVE_SOURCE_GROUP",
        "MCAST_MSFILTER",
        "IPV6_RECVPKTINFO",
        "IPV6_PKTINFO",
        "IPV6_RECVHOPLIMIT",
        "IPV6_HOPLIMIT",
        "IPV6_RECVHOPOPTS",
        "IPV6_HOPOPTS",
        "IPV6_RTHDRDSTOPTS",
        "IPV6_RECVRTHDR",
        "IPV6_RTHDR",
        "IPV6_RECVDSTOPTS",
        "IPV6_DSTOPTS",
        "IPV6_RECVPATHMTU",
        "IPV6_PATHMTU",
        "IPV6_DONTFRAG",
        "IPV6_USE_MIN_MTU",
        "IPV6_RECVTCLASS",
        "IPV6_TCLASS",
        "IPV6_AUTOFLOWLABEL",
        "IPV6_ADDR_PREFERENCES",
        "IPV6_MINHOPCOUNT",
        "IPV6_ORIGDSTADDR",
        "IPV6_TRANSPARENT",
        "IPV6_UNICAST_IF",
        "IPV6_RECVFRAGSIZE",
        "IPV6_FREEBIND"
    };

    private static final String[] IPV6_GET = {
        "IP6T_SO_GET_INFO",
        "IP6T_SO_GET_ENTRIES",
        "IP6T_SO_GET_REVISION_MATCH",
        "IP6T_SO_GET_REVISION_TARGET"
    };

    private static final String[] IPV6_SET = {"IP6T_SO_SET_REPLACE", "IP6T_SO_SET_ADD_COUNTERS"};

    private static final String[] TCP = {
        "TCP_NODELAY",
        "TCP_MAXSEG",
        "TCP_CORK",
        "TCP_KEEPIDLE",
        "TCP_KEEPINTVL",
        "TCP_KEEPCNT",
        "TCP_SYNCNT",
        "TCP_LINGER2",
        "TCP_DEFER_ACCEPT",
        "TCP_WINDOW_CLAMP",
        "TCP_INFO",
        "TCP_QUICKACK",
        "TCP_CONGESTION",
        "TCP_MD5SIG",
        "TCP_COOKIE_TRANSACTIONS",
        "TCP_THIN_LINEAR_TIMEOUTS",
        "TCP_THIN_DUPACK",
        "TCP_USER_TIMEOUT",
        "TCP_REPAIR",
        "TCP_REPAIR_QUEUE",
        "TCP_QUEUE_SEQ",
        "TCP_REPAIR_OPTIONS",
        "TCP_FASTOPEN",
        "TCP_TIMESTAMP",
        "TCP_NOTSENT_LOWAT",
        "TCP_CC_INFO",
        "TCP_SAVE_SYN",
        "TCP_SAVED_SYN",
        "TCP_REPAIR_WINDOW",
        "TCP_FASTOPEN_CONNECT",
        "TCP_ULP",
        "TCP_MD5SIG_EXT",
        "TCP_FASTOPEN_KEY",
        "TCP_FASTOPEN_NO_COOKIE",
        "TCP_ZEROCOPY_RECEIVE",
        "TCP_INQ",
        "TCP_TX_DELAY"
    };

    private static final String[] UDP = {
        "UDP_CORK", "UDP_ENCAP", "UDP_NO_CHECK6_TX", "UDP_NO_CHECK6_RX", "UDP_SEGMENT", "UDP_GRO"
    };

    private static final String[] NETLINK = {
        "NETLINK_ADD_MEMBERSHIP",
        "NETLINK_DROP_MEMBERSHIP",
        "NETLINK_PKTINFO",
        "NETLINK_BROADCAST_ERROR",
        "NETLINK_NO_ENOBUFS",
        "NETLINK_RX_RING",
        "NETLINK_TX_RING",
        "NETLINK_LISTEN_ALL_NSID",
        "NETLINK_LIST_MEMBERSHIPS",
        "NETLINK_CAP_ACK",
        "NETLINK_EXT_ACK",
        "NETLINK_GET_STRICT_CHK"
    };

    private static final String[] PACKET = {
        "PACKET_ADD_MEMBERSHIP",
        "PACKET_DROP_MEMBERSHIP",
        "PACKET_RECV_OUTPUT",
        "PACKET_RX_RING",
        "PACKET_STATISTICS",
        "PACKET_COPY_THRESH",
        "PACKET_AUXDATA",
        "PACKET_ORIGDEV",
        "PACKET_VERSION",
        "PACKET_HDRLEN",
        "PACKET_RESERVE",
        "PACKET_TX_RING",
        "PACKET_LOSS",
        "PACKET_VNET_HDR",
        "PACKET_TX_TIMESTAMP",
        "PACKET_TIMESTAMP",
        "PACKET_FANOUT",
        "PACKET_TX_HAS_OFF",
        "PACKET_QDISC_BYPASS",
        "PACKET_ROLLOVER_STATS",
        "PACKET_FANOUT_DATA",
        "PACKET_IGNORE_OUTGOING"
    };

    private static final String[] RAW = {"ICMP_FILTER"};

    private static final String[] IPX = {"IPX_TYPE"};

    private static final String[] AX25 = {
        "AX25_WINDOW",
        "AX25_T1",
        "AX25_N2",
        "AX25_T3",
        "AX25_T2",
        "AX25_BACKOFF",
        "AX25_EXTSEQ",
        "AX25_PIDINCL",
        "AX25_IDLE",
        "AX25_PACLEN",
        "AX25_IAMDIGI",
        "SO_BINDTODEVICE"
    };

    private static final String[] SCTP = {
        "SCTP_RTOINFO",
        "SCTP_ASSOCINFO",
        "SCTP_INITMSG",
        "SCTP_NODELAY",
        "SCTP_AUTOCLOSE",
        "SCTP_SET_PEER_PRIMARY_ADDR",
        "SCTP_PRIMARY_ADDR",
        "SCTP_ADAPTATION_LAYER",
        "SCTP_DISABLE_FRAGMENTS",
        "SCTP_PEER_ADDR_PARAMS",
        "SCTP_DEFAULT_SEND_PARAM",
        "SCTP_EVENTS",
        "SCTP_I_WANT_MAPPED_V4_ADDR",
        "SCTP_MAXSEG",
        "SCTP_STATUS",
        "SCTP_GET_PEER_ADDR_INFO",
        "SCTP_DELAYED_SACK",
        "SCTP_CONTEXT",
        "SCTP_FRAGMENT_INTERLEAVE",
        "SCTP_PARTIAL_DELIVERY_POINT",
        "SCTP_MAX_BURST",
        "SCTP_AUTH_CHUNK",
        "SCTP_HMAC_IDENT",
        "SCTP_AUTH_KEY",
        "SCTP_AUTH_ACTIVE_KEY",
        "SCTP_AUTH_DELETE_KEY",
        "SCTP_PEER_AUTH_CHUNKS",
        "SCTP_LOCAL_AUTH_CHUNKS",
        "SCTP_GET_ASSOC_NUMBER",
        "SCTP_GET_ASSOC_ID_LIST",
        "SCTP_AUTO_ASCONF",
        "SCTP_PEER_ADDR_THLDS",
        "SCTP_RECVRCVINFO",
        "SCTP_RECVNXTINFO",
        "SCTP_DEFAULT_SNDINFO",
        "SCTP_AUTH_DEACTIVATE_KEY",
        "SCTP_REUSE_PORT",
        "SCTP_PEER_ADDR_THLDS_V2"
    };

    private static final String[] IRDA = {
        "IRLMP_ENUMDEVICES",
        "IRLMP_IAS_SET",
        "IRLMP_IAS_QUERY",
        "IRLMP_HINTS_SET",
        "IRLMP_QOS_SET",
        "IRLMP_QOS_GET",
        "IRLMP_MAX_SDU_SIZE",
        "IRLMP_IAS_GET",
        "IRLMP_IAS_DEL",
        "IRLMP_HINT_MASK_SET",
        "IRLMP_WAITDEVICE"
    };

    private static final String[] LLC = {
        "LLC_OPT_UNKNOWN",
        "LLC_OPT_RETRY",
        "LLC_OPT_SIZE",
        "LLC_OPT_ACK_TMR_EXP",
        "LLC_OPT_P_TMR_EXP",
        "LLC_OPT_REJ_TMR_EXP",
        "LLC_OPT_BUSY_TMR_EXP",
        "LLC_OPT_TX_WIN",
        "LLC_OPT_RX_WIN",
        "LLC_OPT_PKTINFO"
    };

    private static final String[] DCCP = {
        "DCCP_SOCKOPT_PACKET_SIZE",
        "DCCP_SOCKOPT_SERVICE",
        "DCCP_SOCKOPT_CHANGE_L",
        "DCCP_SOCKOPT_CHANGE_R",
        "DCCP_SOCKOPT_GET_CUR_MPS",
        "DCCP_SOCKOPT_SERVER_TIMEWAIT",
        "DCCP_SOCKOPT_SEND_CSCOV",
        "DCCP_SOCKOPT_RECV_CSCOV",
        "DCCP_SOCKOPT_AVAILABLE_CCIDS",
        "DCCP_SOCKOPT_CCID",
        "DCCP_SOCKOPT_TX_CCID",
        "DCCP_SOCKOPT_RX_CCID",
        "DCCP_SOCKOPT_QPOLICY_ID",
        "DCCP_SOCKOPT_QPOLICY_TXQLEN"
    };

    private static final String[] RXRPC = {
        "RXRPC_SECURITY_KEY",
        "RXRPC_SECURITY_KEYRING",
        "RXRPC_EXCLUSIVE_CONNECTION",
        "RXRPC_MIN_SECURITY_LEVEL",
        "RXRPC_UPGRADEABLE_SERVICE",
        "RXRPC_SUPPORTED_CMSG"
    };

    private static final String[] PPPOL2TP = {
        "PPPOL2TP_SO_DEBUG",
        "PPPOL2TP_SO_RECVSEQ",
        "PPPOL2TP_SO_SENDSEQ",
        "PPPOL2TP_SO_LNSMODE",
        "PPPOL2TP_SO_REORDERTO"
    };

    private static final String[] BLUETOOTH = {
        "BT_SECURITY",
        "BT_DEFER_SETUP",
        "BT_FLUSHABLE",
        "BT_POWER",
        "BT_CHANNEL_POLICY",
        "BT_VOICE",
        "BT_SNDMTU",
        "BT_RCVMTU"
    };

    private static final String[] PNPIPE = {
        "PNPIPE_ENCAP", "PNPIPE_IFINDEX", "PNPIPE_HANDLE", "PNPIPE_INITSTATE"
    };

    private static final String[] RDS = {
        "RDS_CANCEL_SENT_TO",
        "RDS_GET_MR",
        "RDS_FREE_MR",
        "RDS_BARRIER",
        "RDS_RECVERR",
        "RDS_CONG_MONITOR",
        "RDS_GET_MR_FOR_DEST",
        "SO_RDS_TRANSPORT",
        "SO_RDS_MSG_RXPATH_LATENCY",
        "SO_TIMESTAMP_OLD"
    };

    private static final String[] ALG = {
        "ALG_SET_KEY",
        "ALG_SET_IV",
        "ALG_SET_OP",
        "ALG_SET_AEAD_ASSOCLEN",
        "ALG_SET_AEAD_AUTHSIZE",
        "ALG_SET_DRBG_ENTROPY"
    };

    private static final String[] NFC = {
        "NFC_LLCP_RW",
        "NFC_LLCP_MIUX",
        "NFC_LLCP_REMOTE_MIU",
        "NFC_LLCP_REMOTE_LTO",
        "NFC_LLCP_REMOTE_RW"
    };

    private static final String[] KCM = {"KCM_RECV_DISABLE"};

    private static final String[] TLS = {"TLS_TX", "TLS_RX"};

    private static final String[] XDP = {
        "XDP_MMAP_OFFSETS",
        "XDP_RX_RING",
        "XDP_TX_RING",
        "XDP_UMEM_REG",
        "XDP_UMEM_FILL_RING",
        "XDP_UMEM_COMPLETION_RING",
        "XDP_STATISTICS",
        "XDP_OPTIONS"
    };

    private static final String[] VSOCK = {
        "SO_VM_SOCKETS_BUFFER_SIZE",
        "SO_VM_SOCKETS_BUFFER_MIN_SIZE",
        "SO_VM_SOCKETS_BUFFER_MAX_SIZE",
        "SO_VM_SOCKETS_PEER_HOST_VM_ID",
        "SO_VM_SOCKETS_TRUSTED",
        "SO_VM_SOCKETS_CONNECT_TIMEOUT_OLD",
        "SO_VM_SOCKETS_NONBLOCK_TXRX",
        "SO_VM_SOCKETS_CONNECT_TIMEOUT_NEW"
    };

    /** A level's names for getsockopt and for setsockopt. */
    private record Names(Xlat get, Xlat set) {}

    private static Names both(String prefix, String... names) {
        Xlat table = Xlat.of(prefix, names);
        return new Names(table, table);
    }

    private static Names split(String prefix, String[] common, String[] get, String[] set) {
        return new Names(
                Xlat.of(prefix, concat(common, get)), Xlat.of(prefix, concat(common, set)));
    }

    private static String[] concat(String[] a, String[] b) {
        return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
    }

    private record Level(String name, Names names) {}

    private static Level entry(String level, Names names) {
        return new Level(level, names);
    }

    private static final List<Level> LEVELS =
            List.of(
                    entry("SOL_SOCKET", split("SO_", SOCKET, SOCKET_GET, SOCKET_SET)),
                    entry("SOL_IP", split("IP_", IP, IP_GET, IP_SET)),
                    entry("SOL_IPV6", split("IPV6_", IPV6, IPV6_GET, IPV6_SET)),
                    entry("SOL_TCP", both("TCP_", TCP)),
                    entry("SOL_UDP", both("UDP_", UDP)),
                    entry("SOL_NETLINK", both("NETLINK_", NETLINK)),
                    entry("SOL_PACKET", both("PACKET_", PACKET)),
                    entry("SOL_RAW", both("RAW_", RAW)),
                    entry("SOL_IPX", both("IPX_", IPX)),
                    entry("SOL_AX25", both("AX25_", AX25)),
                    entry("SOL_SCTP", both("SCTP_", SCTP)),
                    entry("SOL_IRDA", both("IRLMP_", IRDA)),
                    entry("SOL_LLC", both("LLC_OPT_", LLC)),
                    entry("SOL_DCCP", both("DCCP_SOCKOPT_", DCCP)),
                    entry("SOL_RXRPC", both("RXRPC_", RXRPC)),
                    entry("SOL_PPPOL2TP", both("PPPOL2TP_SO_", PPPOL2TP)),
                    entry("SOL_BLUETOOTH", both("BT_", BLUETOOTH)),
                    entry("SOL_PNPIPE", both("PNPIPE_", PNPIPE)),
                    entry("SOL_RDS", both("RDS_", RDS)),
                    entry("SOL_ALG", both("ALG_", ALG)),
                    entry("SOL_NFC", both("NFC_LLCP_", NFC)),
                    entry("SOL_KCM", both("KCM_", KCM)),
                    entry("SOL_TLS", both("TLS_", TLS)),
                    entry("SOL_XDP", both("XDP_", XDP)),
                    entry("AF_VSOCK", both("SO_VM_", VSOCK)),
                    entry("SOL_CAN_RAW", both("CAN_RAW_")),
                    entry("SOL_TIPC", both("TIPC_")),
                    entry("SOL_CAIF", both("CAIFSO_")),
                    entry("SOL_IUCV", both("SO_")));

    /**
     * Option {@code name} of {@code level} as strace prints it: its name, {@code 0x2a /* PREFIX_???
     * *}{@code /} for a level strace knows, the number alone for one it does not.
     */
    static String name(Arch arch, long level, long name, boolean get) {
        for (Level l : LEVELS) {
            if (arch.constants().find(l.name()).orElse(-1) == level) {
                return (get ? l.names().get() : l.names().set()).value(arch, name);
            }
        }
        return Long.toString(name);
    }
}
