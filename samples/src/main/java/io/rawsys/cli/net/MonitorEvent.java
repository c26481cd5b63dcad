package io.rawsys.cli.net;

import io.rawsys.linux.Netlink;
import io.rawsys.netlink.NetlinkMessage;

/**
 * One notification as ip monitor prints it (without the [LINK] banners it adds only on request).
 */
final class MonitorEvent {
    private MonitorEvent() {}

    /**
     * The text of a link, address or route notification, or null for one ip's monitor would not
     * print (a cached route, a message of another kind). A link's notification updates {@code
     * interfaces} first, as ip's monitor does.
     */
    static String describe(NetlinkMessage message, Interfaces interfaces) {
        int type = message.type();
        TextPrinter p = new TextPrinter();
        if (type == Netlink.RTM_NEWLINK || type == Netlink.RTM_DELLINK) {
            Link link = Link.decode(message);
            interfaces.update(link);
            LinkFormat.print(link, interfaces, new LinkFormat.Parts(false, false, true), p);
        } else if (type == Netlink.RTM_NEWADDR || type == Netlink.RTM_DELADDR) {
            AddressFormat.print(Address.decode(message), interfaces, true, p);
        } else if (type == Netlink.RTM_NEWROUTE || type == Netlink.RTM_DELROUTE) {
            Route route = Route.decode(message);
            if ((route.flags() & Netlink.RTM_F_CLONED) != 0) {
                return null;
            }
            RouteFormat.print(route, interfaces, true, p);
        } else {
            return null;
        }
        return p.toString();
    }
}
