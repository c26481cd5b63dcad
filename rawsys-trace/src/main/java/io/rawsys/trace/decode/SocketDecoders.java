package io.rawsys.trace.decode;

/**
 * socket, socketpair, bind, connect, listen, accept, accept4, getsockname, getpeername, shutdown,
 * sendto, recvfrom, and i386's send and recv: as strace's net.c prints them, with addresses and
 * value-result lengths ({@code [110 => 16]}).
 */
final class SocketDecoders {
    private SocketDecoders() {}

    static void register(Decoders d) {
        d.add(
                "socket",
                new Signature(NetArgs.FAMILY, NetArgs.SOCKET_TYPE, NetArgs.PROTOCOL)
                        .returning(Results.FD));
        d.add(
                "socketpair",
                new Signature(NetArgs.FAMILY, NetArgs.SOCKET_TYPE, Args.ULONG, FileArgs.PIPE_FDS));
        Signature address = new Signature(Args.FD, NetArgs.sockaddr(2), Args.INT);
        d.add("bind", address);
        d.add("connect", address);
        d.add("listen", new Signature(Args.FD, Args.INT));
        d.add("shutdown", new Signature(Args.FD, NetArgs.value(SocketTables.SHUTDOWN_HOWS)));
        d.add("accept", new Sockname(false, true));
        d.add("accept4", new Sockname(true, true));
        d.add("getsockname", new Sockname(false, false));
        d.add("getpeername", new Sockname(false, false));
        d.add(
                "sendto",
                new Signature(
                        Args.FD,
                        Args.inBuffer(2),
                        Args.ULONG,
                        NetArgs.MESSAGE_FLAGS,
                        NetArgs.sockaddr(5),
                        Args.INT));
        d.add("send", new Signature(Args.FD, Args.inBuffer(2), Args.ULONG, NetArgs.MESSAGE_FLAGS));
        d.add("recvfrom", new Recvfrom(true));
        d.add("recv", new Recvfrom(false));
    }

    /**
     * accept, accept4, getsockname and getpeername: the descriptor, then, if the length can be read
     * at entry, the address and both lengths at exit; otherwise both pointers at entry.
     */
    private record Sockname(boolean flags, boolean returnsFd) implements Decoder {
        @Override
        public void enter(Call c) {
            c.print(Args.fdText(c, c.sint(0)));
            Integer length = c.ulong(1) != 0 ? Peek.peekInt(c, c.ulong(2)) : null;
            if (length != null) {
                c.state(length);
                return;
            }
            c.print(Text.pointer(c.ulong(1)));
            c.print(Text.pointer(c.ulong(2)));
            if (flags) {
                c.print(SocketTables.TYPE_FLAGS.flags(c.arch(), c.uint(3)));
            }
        }

        @Override
        public boolean moreAtExit(Call c) {
            return c.state() != null;
        }

        @Override
        public void exit(Call c) {
            if (!NetArgs.valueResult(
                    c,
                    1,
                    2,
                    (asked, after) ->
                            Sockaddrs.decode(c, c.ulong(1), Math.min(asked, after)).text())) {
                return;
            }
            if (flags) {
                c.print(SocketTables.TYPE_FLAGS.flags(c.arch(), c.uint(3)));
            }
        }

        @Override
        public String result(Call c) {
            return returnsFd ? Results.FD.apply(c) : Results.DECIMAL.apply(c);
        }
    }

    /**
     * recvfrom (and recv, which has no address): the descriptor at entry, the rest at exit, the
     * buffer as long as the call returned.
     */
    private record Recvfrom(boolean address) implements Decoder {
        @Override
        public void enter(Call c) {
            c.print(Args.fdText(c, c.sint(0)));
            if (address && c.ulong(4) != 0) {
                c.state(Peek.peekInt(c, c.ulong(5)));
            }
        }

        @Override
        public boolean moreAtExit(Call c) {
            return true;
        }

        @Override
        public void exit(Call c) {
            c.print(
                    c.failed()
                            ? Text.pointer(c.ulong(1))
                            : Args.buffer(
                                    c,
                                    c.ulong(1),
                                    Long.compareUnsigned(c.result(), c.ulong(2)) < 0
                                            ? c.result()
                                            : c.ulong(2),
                                    false));
            c.print(Long.toUnsignedString(c.ulong(2)));
            c.print(SocketTables.MESSAGE_FLAGS.flags(c.arch(), c.uint(3)));
            if (!address) {
                return;
            }
            Integer before = c.state();
            Integer after = c.ulong(4) != 0 ? Peek.peekInt(c, c.ulong(5)) : null;
            if (after == null) {
                c.print(Text.pointer(c.ulong(4)));
                c.print(Text.pointer(c.ulong(5)));
                return;
            }
            int asked = before == null ? 0 : before;
            if (c.failed()) {
                c.print(Text.pointer(c.ulong(4)));
                c.print("[" + asked + "]");
                return;
            }
            c.print(Sockaddrs.decode(c, c.ulong(4), Math.min(asked, after)).text());
            c.print(NetArgs.lengths(asked, after));
        }

        @Override
        public String result(Call c) {
            return Long.toString(c.result());
        }
    }
}
