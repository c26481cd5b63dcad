package io.rawsys.netlink;

import io.rawsys.linux.Netlink;

/** The alignments of netlink: messages to NLMSG_ALIGNTO, attributes to NLA_ALIGNTO. */
final class Align {
    private Align() {}

    private static final long MESSAGE = Netlink.NLMSG_ALIGNTO;
    private static final long ATTRIBUTE = Netlink.NLA_ALIGNTO;

    /** NLMSG_ALIGN. */
    static long message(long length) {
        return (length + MESSAGE - 1) & -MESSAGE;
    }

    /** NLA_ALIGN (the same as RTA_ALIGN). */
    static long attribute(long length) {
        return (length + ATTRIBUTE - 1) & -ATTRIBUTE;
    }
}
