package io.rawsys.netlink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.rawsys.ErrnoException;
import io.rawsys.Syscalls;
import io.rawsys.linux.Errno;
import io.rawsys.linux.Netlink;
import io.rawsys.linux.Nr;
import io.rawsys.linux.Poll;
import io.rawsys.linux.Sched;
import io.rawsys.linux.Socket;
import io.rawsys.linux.struct.Ifaddrmsg;
import io.rawsys.linux.struct.Ifinfomsg;
import io.rawsys.linux.struct.Pollfd;
import io.rawsys.linux.struct.Timespec;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** NetlinkSocket against the running kernel's rtnetlink. */
class NetlinkSocketTest {
    static NetlinkRequest dumpLinks() {
        return NetlinkRequest.of(Netlink.RTM_GETLINK, 0)
                .struct(
                        Ifinfomsg.sizeof(),
                        ifi -> Ifinfomsg.ifi_family(ifi, (byte) Socket.AF_UNSPEC));
    }

    static NetlinkRequest getLink(int index) {
        return NetlinkRequest.of(Netlink.RTM_GETLINK, 0)
                .struct(Ifinfomsg.sizeof(), ifi -> Ifinfomsg.ifi_index(ifi, index));
    }

    static String name(NetlinkMessage link) {
        return link.attributes(Ifinfomsg.sizeof())
                .find(Netlink.IFLA_IFNAME)
                .map(NetlinkAttribute::string)
                .orElseThrow();
    }

    @Test
    void aLinkDumpHasTheLoopbackAtIndexOne() {
        try (NetlinkSocket rtnl = NetlinkSocket.open(Netlink.NETLINK_ROUTE)) {
            List<NetlinkMessage> links = rtnl.dump(dumpLinks());
            assertFalse(links.isEmpty());
            for (NetlinkMessage link : links) {
                assertEquals(Netlink.RTM_NEWLINK, link.type());
                assertTrue(
                        (link.flags() & Netlink.NLM_F_MULTI) != 0, "part of a multi-part answer");
                assertEquals(rtnl.portId(), link.portId());
            }
            NetlinkMessage lo =
                    links.stream().filter(l -> name(l).equals("lo")).findFirst().orElseThrow();
            assertEquals(1, Ifinfomsg.ifi_index(lo.fixedHeader(Ifinfomsg.sizeof())));
            assertTrue(
                    (Ifinfomsg.ifi_flags(lo.fixedHeader(Ifinfomsg.sizeof())) & Netlink.IFF_LOOPBACK)
                            != 0);
            NetlinkAttributes attributes = lo.attributes(Ifinfomsg.sizeof());
            assertEquals(65536, attributes.find(Netlink.IFLA_MTU).orElseThrow().u32());
        }
    }

    @Test
    void aDumpCanBeRepeatedOnTheSameSocket() {
        try (NetlinkSocket rtnl = NetlinkSocket.open(Netlink.NETLINK_ROUTE)) {
            int first = rtnl.dump(dumpLinks()).size();
            assertEquals(first, rtnl.dump(dumpLinks()).size());
        }
    }

    @Test
    void aSingleGetAnswersOneMessageBeforeItsAcknowledgement() {
        try (NetlinkSocket rtnl = NetlinkSocket.open(Netlink.NETLINK_ROUTE)) {
            List<NetlinkMessage> answer = rtnl.request(getLink(1));
            assertEquals(1, answer.size());
            assertEquals("lo", name(answer.get(0)));
        }
    }

    @Test
    void aMissingInterfaceIsEnodev() {
        try (NetlinkSocket rtnl = NetlinkSocket.open(Netlink.NETLINK_ROUTE)) {
            ErrnoException e =
                    assertThrows(ErrnoException.class, () -> rtnl.request(getLink(0x7ffffff0)));
            assertEquals(Errno.ENODEV, e.errno());
            assertEquals("ENODEV", e.errnoName());
        }
    }

    @Test
    void aMessageTypeRtnetlinkDoesNotKnowIsEopnotsupp() {
        try (NetlinkSocket rtnl = NetlinkSocket.open(Netlink.NETLINK_ROUTE)) {
            NetlinkRequest unknown =
                    NetlinkRequest.of(Netlink.RTM_MAX + 1, 0).struct(Ifinfomsg.sizeof(), ifi -> {});
            ErrnoException e = assertThrows(ErrnoException.class, () -> rtnl.request(unknown));
            assertEquals(Errno.EOPNOTSUPP, e.errno());
            // The socket is still in step: the next request gets its own answer.
            assertEquals("lo", name(rtnl.request(getLink(1)).get(0)));
        }
    }

    @Test
    void theKernelsExtendedAckTextIsInTheMessage() {
        try (NetlinkSocket rtnl = NetlinkSocket.open(Netlink.NETLINK_ROUTE)) {
            rtnl.enableStrictChecking();
            NetlinkRequest badHeader =
                    NetlinkRequest.of(Netlink.RTM_GETLINK, 0)
                            .struct(Ifinfomsg.sizeof(), ifi -> Ifinfomsg.ifi_change(ifi, 1));
            ErrnoException dump = assertThrows(ErrnoException.class, () -> rtnl.dump(badHeader));
            assertEquals(Errno.EINVAL, dump.errno());
            assertEquals("Invalid values in header for link dump request", dump.detail());
            assertEquals(
                    "Invalid argument: Invalid values in header for link dump request",
                    dump.getMessage());
            ErrnoException get = assertThrows(ErrnoException.class, () -> rtnl.request(badHeader));
            assertEquals(Errno.EINVAL, get.errno());
            assertTrue(get.detail().contains("get link request"), get.detail());
        }
    }

    @Test
    void anUnknownProtocolIsRefusedByTheKernel() {
        ErrnoException e = assertThrows(ErrnoException.class, () -> NetlinkSocket.open(31));
        assertEquals(Errno.EPROTONOSUPPORT, e.errno());
    }

    /**
     * Runs {@code body} on a thread that moved into a network namespace of its own (unshare moves
     * only the calling thread), so the test may change interfaces without touching the host's.
     */
    static <T> T inFreshNetworkNamespace(Callable<T> body) throws Exception {
        assumeTrue(Syscalls.invoke(Nr.geteuid) == 0, "needs root to make a network namespace");
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread thread =
                new Thread(
                        () -> {
                            try {
                                Syscalls.invoke(Nr.unshare, Sched.CLONE_NEWNET);
                                result.complete(body.call());
                            } catch (Throwable t) {
                                result.completeExceptionally(t);
                            }
                        });
        thread.start();
        try {
            return result.get(60, TimeUnit.SECONDS);
        } finally {
            thread.join(10_000);
        }
    }

    /** Whether {@code fd} has something to read now (ppoll with a zero timeout). */
    static boolean readable(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment pollfd = Pollfd.allocate(arena);
            Pollfd.fd(pollfd, fd);
            Pollfd.events(pollfd, (short) Poll.POLLIN);
            MemorySegment now = Timespec.allocate(arena);
            return Syscalls.invoke(Nr.ppoll, pollfd.address(), 1, now.address(), 0, 0) > 0;
        }
    }

    /** RTM_NEWADDR of 10.x.y.z/8 on the loopback, which every namespace has. */
    static NetlinkRequest addAddress(byte[] address) {
        return NetlinkRequest.of(Netlink.RTM_NEWADDR, Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL)
                .struct(
                        Ifaddrmsg.sizeof(),
                        ifa -> {
                            Ifaddrmsg.ifa_family(ifa, (byte) Socket.AF_INET);
                            Ifaddrmsg.ifa_prefixlen(ifa, (byte) 8);
                            Ifaddrmsg.ifa_index(ifa, 1);
                        })
                .attribute(Netlink.IFA_LOCAL, address)
                .attribute(Netlink.IFA_ADDRESS, address);
    }

    static byte[] local(NetlinkMessage address) {
        return address.attributes(Ifaddrmsg.sizeof()).find(Netlink.IFA_LOCAL).orElseThrow().bytes();
    }

    @Test
    void aGroupMemberHearsOfAnAddressAnotherSocketAdds() throws Exception {
        byte[] address = {10, 11, 12, 13};
        NetlinkMessage added =
                inFreshNetworkNamespace(
                        () -> {
                            try (NetlinkSocket listener =
                                            NetlinkSocket.open(Netlink.NETLINK_ROUTE);
                                    NetlinkSocket rtnl =
                                            NetlinkSocket.open(Netlink.NETLINK_ROUTE)) {
                                listener.joinGroup(Netlink.RTNLGRP_IPV4_IFADDR);
                                assertEquals(
                                        List.of(),
                                        rtnl.request(addAddress(address)),
                                        "a change is acknowledged with no answer");
                                ErrnoException again =
                                        assertThrows(
                                                ErrnoException.class,
                                                () -> rtnl.request(addAddress(address)));
                                assertEquals(Errno.EEXIST, again.errno());
                                return listener.receive().get(0);
                            }
                        });
        assertEquals(Netlink.RTM_NEWADDR, added.type());
        assertArrayEquals(address, local(added));
    }

    /**
     * A listener with the smallest receive buffer that reads nothing while 200 addresses come and
     * go is told it missed messages, and then hears what happens next.
     */
    @Test
    void aListenerThatFallsBehindIsToldAndCarriesOn() throws Exception {
        int count = 200;
        inFreshNetworkNamespace(
                () -> {
                    try (NetlinkSocket listener = NetlinkSocket.open(Netlink.NETLINK_ROUTE);
                            NetlinkSocket rtnl = NetlinkSocket.open(Netlink.NETLINK_ROUTE)) {
                        listener.setReceiveBufferSize(1);
                        listener.joinGroup(Netlink.RTNLGRP_IPV4_IFADDR);
                        for (int i = 0; i < count; i++) {
                            rtnl.request(
                                    addAddress(new byte[] {10, 20, (byte) (i >> 8), (byte) i}));
                        }
                        boolean overrun = false;
                        for (int i = 0; i < count && !overrun; i++) {
                            try {
                                listener.receive();
                            } catch (NetlinkOverrunException e) {
                                overrun = true;
                                assertTrue(e.getMessage().contains("ENOBUFS"), e.getMessage());
                            }
                        }
                        assertTrue(overrun, "the kernel cannot have queued them all");
                        // The kernel drops every notification until the queue is drained.
                        while (readable(listener.fd())) {
                            listener.receive();
                        }
                        byte[] last = {10, 30, 0, 1};
                        rtnl.request(addAddress(last));
                        assertTrue(readable(listener.fd()));
                        assertArrayEquals(last, local(listener.receive().get(0)));
                        return null;
                    }
                });
    }
}
