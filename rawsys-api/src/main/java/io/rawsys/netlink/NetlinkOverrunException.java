package io.rawsys.netlink;

/**
 * The kernel dropped messages meant for this socket: its receive buffer was full (the receive
 * failed with ENOBUFS, or an NLMSG_OVERRUN message arrived). A listener has missed notifications
 * and should resynchronise (dump again) if it keeps state. The socket stays usable, and what is
 * still queued can be read; the kernel delivers new notifications again once the queue is empty.
 */
public final class NetlinkOverrunException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Messages were lost.
     *
     * @param message how they were lost
     */
    public NetlinkOverrunException(String message) {
        super(message);
    }
}
