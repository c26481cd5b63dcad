package io.rawsys.preload;

import java.lang.foreign.MemorySegment;

/** A call of the SOCKET family: socket, connect, bind, accept, accept4, sendto, recvfrom. */
public final class SocketCall extends Call {
    SocketCall(Function f, long[] a, Memory m) {
        super(f, a, m);
    }

    /** The socket, or -1 for socket(). */
    public int fd() {
        return intArg(Kind.FD, 0, -1);
    }

    /** socket()'s domain, type and protocol (index 0, 1, 2), 0 for the others. */
    public int socketArg(int index) {
        return function() == Function.socket ? (int) arg(index) : 0;
    }

    /** The flags (accept4's SOCK_*, sendto's and recvfrom's MSG_*), 0 when none. */
    public int flags() {
        return intArg(Kind.FLAGS, 0, 0);
    }

    /**
     * The address: for connect, bind and sendto bounded to its length; for accept and recvfrom the
     * destination (read its length after {@link #proceed()}), unbounded; NULL when absent.
     */
    public MemorySegment address() {
        long len = longArg(Kind.ADDRLEN, 0, 0);
        return memory(longArg(Kind.ADDR, 0, 0), len & 0xffffffffL);
    }

    /** sendto's data or recvfrom's destination, bounded to the count; NULL for the others. */
    public MemorySegment buffer() {
        return bufferArg();
    }
}
