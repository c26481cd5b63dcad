package io.rawsys.trace.decode;

import io.rawsys.Arch;
import java.util.List;

/**
 * The option names of setsockopt and getsockopt, level by level, as strace 6.1 names them (its
 * sock_*_options tables, with getsockopt's and setsockopt's own names where they differ:
 * SOL_SOCKET's 26 is SO_GET_FILTER to one and SO_ATTACH_FILTER to the other): each level's table is
 * a file of {@code xlat/} (see {@link Xlat}).
 */
final class SockoptTables {
    private SockoptTables() {}

    /** A level's names for getsockopt and for setsockopt. */
    private record Level(String name, Xlat get, Xlat set) {}

    /** A level whose names are the same for getsockopt and setsockopt. */
    private static Level level(String name, String table) {
        Xlat names = Xlat.load(table);
        return new Level(name, names, names);
    }

    private static final List<Level> LEVELS =
            List.of(
                    new Level(
                            "SOL_SOCKET",
                            Xlat.load("getsock_options"),
                            Xlat.load("setsock_options")),
                    new Level(
                            "SOL_IP",
                            Xlat.load("getsock_ip_options"),
                            Xlat.load("setsock_ip_options")),
                    new Level(
                            "SOL_IPV6",
                            Xlat.load("getsock_ipv6_options"),
                            Xlat.load("setsock_ipv6_options")),
                    level("SOL_TCP", "sock_tcp_options"),
                    level("SOL_UDP", "sock_udp_options"),
                    level("SOL_NETLINK", "sock_netlink_options"),
                    level("SOL_PACKET", "sock_packet_options"),
                    level("SOL_RAW", "sock_raw_options"),
                    level("SOL_IPX", "sock_ipx_options"),
                    level("SOL_AX25", "sock_ax25_options"),
                    level("SOL_SCTP", "sock_sctp_options"),
                    level("SOL_IRDA", "sock_irda_options"),
                    level("SOL_LLC", "sock_llc_options"),
                    level("SOL_DCCP", "sock_dccp_options"),
                    level("SOL_RXRPC", "sock_rxrpc_options"),
                    level("SOL_PPPOL2TP", "sock_pppol2tp_options"),
                    level("SOL_BLUETOOTH", "sock_bluetooth_options"),
                    level("SOL_PNPIPE", "sock_pnp_options"),
                    level("SOL_RDS", "sock_rds_options"),
                    level("SOL_ALG", "sock_alg_options"),
                    level("SOL_NFC", "sock_nfcllcp_options"),
                    level("SOL_KCM", "sock_kcm_options"),
                    level("SOL_TLS", "sock_tls_options"),
                    level("SOL_XDP", "sock_xdp_options"),
                    level("AF_VSOCK", "sock_vsock_options"),
                    level("SOL_CAN_RAW", "sock_can_raw_options"),
                    level("SOL_TIPC", "sock_tipc_options"),
                    level("SOL_CAIF", "sock_caif_options"),
                    level("SOL_IUCV", "sock_iucv_options"));

    /**
     * Option {@code name} of {@code level} as strace prints it: its name, {@code 0x2a /* PREFIX_???
     * *}{@code /} for a level strace knows, the number alone for one it does not.
     */
    static String name(Arch arch, long level, long name, boolean get) {
        for (Level l : LEVELS) {
            if (arch.constants().find(l.name()).orElse(-1) == level) {
                return (get ? l.get() : l.set()).value(arch, name);
            }
        }
        return Long.toString(name);
    }
}
