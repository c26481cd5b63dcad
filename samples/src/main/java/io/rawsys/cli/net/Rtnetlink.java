package io.rawsys.cli.net;

import io.rawsys.ErrnoException;
import io.rawsys.calls.FileCalls;
import io.rawsys.calls.IoctlCalls;
import io.rawsys.calls.SocketCalls;
import io.rawsys.linux.Netlink;
import io.rawsys.linux.Socket;
import io.rawsys.linux.struct.Ifaddrmsg;
import io.rawsys.linux.struct.Ifinfomsg;
import io.rawsys.linux.struct.Rtmsg;
import io.rawsys.netlink.NetlinkRequest;
import io.rawsys.netlink.NetlinkSocket;
import java.util.List;

/** The three dumps behind {@code ip link}, {@code ip addr} and {@code ip route}. */
final class Rtnetlink implements AutoCloseable {
    private final NetlinkSocket socket = NetlinkSocket.open(Netlink.NETLINK_ROUTE);

    /**
     * Every interface, as RTM_GETLINK answers for {@code family}: AF_UNSPEC (or AF_PACKET, which
     * the kernel treats alike) has every attribute, AF_INET6 the IPv6 view (no qdisc or group),
     * exactly as ip shows them. Where the dump lacks the queue length ip asks SIOCGIFTXQLEN, and so
     * does this.
     */
    List<Link> links(int family) {
        NetlinkRequest request =
                NetlinkRequest.of(Netlink.RTM_GETLINK, 0)
                        .struct(
                                Ifinfomsg.sizeof(),
                                ifi -> Ifinfomsg.ifi_family(ifi, (byte) family));
        List<Link> links = socket.dump(request).stream().map(Link::decode).toList();
        if (links.stream().allMatch(l -> l.transmitQueueLength() != null)) {
            return links;
        }
        int inet = SocketCalls.socket(Socket.AF_INET, Socket.SOCK_DGRAM | Socket.SOCK_CLOEXEC, 0);
        try {
            return links.stream().map(l -> withQueueLength(l, inet)).toList();
        } finally {
            FileCalls.close(inet);
        }
    }

    private static Link withQueueLength(Link link, int fd) {
        if (link.transmitQueueLength() != null) {
            return link;
        }
        try {
            return link.withTransmitQueueLength(IoctlCalls.transmitQueueLength(fd, link.name()));
        } catch (ErrnoException | IllegalArgumentException e) {
            return link; // gone since the dump, or a name the ioctl cannot carry: no qlen, as ip
        }
    }

    /** Every address of {@code family} (AF_UNSPEC: all), RTM_GETADDR. */
    List<Address> addresses(int family) {
        NetlinkRequest request =
                NetlinkRequest.of(Netlink.RTM_GETADDR, 0)
                        .struct(
                                Ifaddrmsg.sizeof(),
                                ifa -> Ifaddrmsg.ifa_family(ifa, (byte) family));
        return socket.dump(request).stream().map(Address::decode).toList();
    }

    /** Every route of {@code family} in every table, RTM_GETROUTE. */
    List<Route> routes(int family) {
        NetlinkRequest request =
                NetlinkRequest.of(Netlink.RTM_GETROUTE, 0)
                        .struct(Rtmsg.sizeof(), rtm -> Rtmsg.rtm_family(rtm, (byte) family));
        return socket.dump(request).stream().map(Route::decode).toList();
    }

    @Override
    public void close() {
        socket.close();
    }
}
