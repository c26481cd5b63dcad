package io.rawsys.trace.decode;

import io.rawsys.Arch;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * sendmsg, recvmsg, sendmmsg and recvmmsg, as strace's net.c and msghdr.c print them: the msghdr
 * with its name, its iovecs (as far as the call sent or received), and its control messages
 * (SCM_RIGHTS' descriptors, SCM_CREDENTIALS, SOL_IP's integers); the name length a receiving call
 * changed as {@code msg_namelen=20 => 16}.
 */
final class MsgDecoders {
    private MsgDecoders() {}

    /** strace reads at most this much control data. */
    private static final long MAX_CONTROL = 32768;

    static void register(Decoders d) {
        d.add("sendmsg", Coded.atEntry(MsgDecoders::sendmsg));
        d.add("recvmsg", new Recvmsg());
        d.add("sendmmsg", new Mmsg(false));
        d.add("recvmmsg", new Mmsg(true));
        // i386's recvmmsg_time64: the same, its timeout a struct __kernel_timespec
        d.add("recvmmsg_time64", new Mmsg(true));
    }

    private static String flags(Call c, int at) {
        return SocketTables.MESSAGE_FLAGS.flags(c.arch(), c.uint(at));
    }

    private static void sendmsg(Call c) {
        c.print(Args.fdText(c, c.sint(0)));
        c.print(msghdr(c, c.ulong(1), null, -1));
        c.print(flags(c, 2));
    }

    /** The msghdr at {@code address}, or its address if it cannot be read (umove). */
    private static String msghdr(Call c, long address, Integer userNamelen, long dataSize) {
        MemorySegment s = Structs.read(c, "msghdr", address);
        return s == null ? Text.pointer(address) : msghdr(c, s, userNamelen, dataSize);
    }

    /** strace's print_msghdr, of the msghdr in {@code s}. */
    private static String msghdr(Call c, MemorySegment s, Integer userNamelen, long dataSize) {
        int namelen = (int) get(c, s, "msg_namelen");
        int shownNamelen = userNamelen != null && userNamelen < namelen ? userNamelen : namelen;
        StringBuilder b =
                new StringBuilder("{msg_name=")
                        .append(Sockaddrs.decode(c, get(c, s, "msg_name"), shownNamelen).text())
                        .append(", msg_namelen=");
        if (userNamelen != null && userNamelen != namelen) {
            b.append(userNamelen).append(" => ");
        }
        long iovlen = get(c, s, "msg_iovlen");
        long controllen = get(c, s, "msg_controllen");
        b.append(namelen)
                .append(", msg_iov=")
                .append(FileArgs.iovecs(c, get(c, s, "msg_iov"), iovlen, dataSize, false))
                .append(", msg_iovlen=")
                .append(Long.toUnsignedString(iovlen));
        if (controllen != 0) {
            b.append(", msg_control=").append(control(c, get(c, s, "msg_control"), controllen));
        }
        return b.append(", msg_controllen=")
                .append(Long.toUnsignedString(controllen))
                .append(", msg_flags=")
                .append(
                        SocketTables.MESSAGE_FLAGS.flags(
                                c.arch(), get(c, s, "msg_flags") & 0xffff_ffffL))
                .append('}')
                .toString();
    }

    private static long get(Call c, MemorySegment s, String member) {
        return Structs.get(c, s, "msghdr", member);
    }

    /** strace's decode_msg_control: the control messages, as far as they can be read. */
    private static String control(Call c, long address, long length) {
        Arch arch = c.arch();
        long headerSize = arch.layout("cmsghdr").orElseThrow().byteSize();
        long controlLength = Math.min(length, MAX_CONTROL);
        MemorySegment buf =
                controlLength < headerSize ? null : Structs.bytes(c, address, controlLength);
        if (buf == null) {
            return Text.pointer(address);
        }
        long left = controlLength;
        long at = 0;
        StringBuilder b = new StringBuilder("[");
        while (left >= headerSize) {
            MemorySegment h = buf.asSlice(at);
            long cmsgLen = Structs.get(c, h, "cmsghdr", "cmsg_len");
            int level = (int) Structs.get(c, h, "cmsghdr", "cmsg_level");
            int type = (int) Structs.get(c, h, "cmsghdr", "cmsg_type");
            if (at != 0) {
                b.append(", ");
            }
            long len = Long.compareUnsigned(cmsgLen, left) > 0 ? left : cmsgLen;
            b.append("{cmsg_len=")
                    .append(Long.toUnsignedString(cmsgLen))
                    .append(", cmsg_level=")
                    .append(SocketTables.LEVELS.value(arch, level & 0xffff_ffffL))
                    .append(", cmsg_type=")
                    .append(
                            typeAndData(
                                    c,
                                    level,
                                    type,
                                    buf.asSlice(at + headerSize, Math.max(0, len - headerSize))))
                    .append('}');
            if (len < headerSize) {
                left -= headerSize;
                break;
            }
            long word = arch.wordSize();
            long next = (cmsgLen + word - 1) & ~(word - 1);
            if (Long.compareUnsigned(next, left) >= 0) {
                left = 0;
                break;
            }
            at += next;
            left -= next;
        }
        if (left != 0) {
            b.append(", ... /* ")
                    .append(Text.pointer(address + controlLength - left))
                    .append(" */");
        } else if (controlLength < length) {
            b.append(", ...");
        }
        return b.append(']').toString();
    }

    /** strace's print_cmsg_type_data: the type, then the data of the types it decodes. */
    private static String typeAndData(Call c, int level, int type, MemorySegment data) {
        Arch arch = c.arch();
        long utype = type & 0xffff_ffffL;
        if (level == arch.constants().value("SOL_SOCKET")) {
            String name = SocketTables.SOCKET_MESSAGES.value(arch, utype);
            String shown = null;
            if (type == arch.constants().value("SCM_RIGHTS") && data.byteSize() >= 4) {
                shown = rights(c, data);
            } else if (type == arch.constants().value("SCM_CREDENTIALS")
                    && data.byteSize() >= arch.layout("ucred").orElseThrow().byteSize()) {
                shown = NetStructs.ucred(c, data);
            }
            return shown == null ? name : name + ", cmsg_data=" + shown;
        }
        if (level == arch.constants().value("SOL_IP")) {
            String name = SocketTables.IP_MESSAGES.value(arch, utype);
            boolean uint =
                    type == arch.constants().value("IP_TTL")
                            || type == arch.constants().value("IP_CHECKSUM");
            if (uint && data.byteSize() >= 4) {
                return name + ", cmsg_data=[" + Integer.toUnsignedString(int32(c, data, 0)) + "]";
            }
            if (type == arch.constants().value("IP_TOS") && data.byteSize() >= 1) {
                return name
                        + ", cmsg_data=["
                        + Text.hex(data.get(ValueLayout.JAVA_BYTE, 0) & 0xff)
                        + "]";
            }
            return name;
        }
        return Text.hex(utype);
    }

    /** SCM_RIGHTS' descriptors: {@code [3, 4]}, at most -s of them. */
    private static String rights(Call c, MemorySegment data) {
        long count = data.byteSize() / 4;
        StringBuilder b = new StringBuilder("[");
        for (long i = 0; i < count; i++) {
            if (i > 0) {
                b.append(", ");
            }
            if (!c.settings().verbose() && i >= c.settings().stringLimit()) {
                b.append("...");
                break;
            }
            b.append(Args.fdText(c, int32(c, data, i * 4)));
        }
        return b.append(']').toString();
    }

    private static int int32(Call c, MemorySegment s, long offset) {
        return s.get(ValueLayout.JAVA_INT_UNALIGNED.withOrder(c.arch().byteOrder()), offset);
    }

    /**
     * recvmsg: the descriptor at entry and, if the msghdr can be read then, its name length to show
     * how the call changed it; the msghdr at exit (only that length if the call failed).
     */
    private static final class Recvmsg implements Decoder {
        @Override
        public void enter(Call c) {
            c.print(Args.fdText(c, c.sint(0)));
            MemorySegment s = Structs.read(c, "msghdr", c.ulong(1));
            if (s != null) {
                c.state((int) get(c, s, "msg_namelen"));
                return;
            }
            c.print(Text.pointer(c.ulong(1)));
            c.print(flags(c, 2));
        }

        @Override
        public boolean moreAtExit(Call c) {
            return c.state() != null;
        }

        @Override
        public void exit(Call c) {
            Integer namelen = c.state();
            if (namelen == null) {
                return;
            }
            c.print(
                    c.failed()
                            ? "{msg_namelen=" + namelen + "}"
                            : msghdr(c, c.ulong(1), namelen, c.result()));
            c.print(flags(c, 2));
        }

        @Override
        public String result(Call c) {
            return Results.DECIMAL.apply(c);
        }
    }

    /**
     * sendmmsg and recvmmsg: the descriptor at entry, the rest at exit; each message as far as it
     * went ({@code msg_len}), recvmmsg's name lengths as they were at entry, its timeout as it was
     * at entry and, after the result, what was left of it ({@code (left {tv_sec=0, …})}).
     */
    private record Mmsg(boolean receive) implements Decoder {
        /** What recvmmsg saw at entry: each message's name length, and the timeout's text. */
        private record Entry(int[] namelens, String timeout) {}

        @Override
        public void enter(Call c) {
            c.print(Args.fdText(c, c.sint(0)));
            if (receive) {
                c.state(new Entry(namelens(c), ProcessStructs.callTimespec(c, c.ulong(4))));
            }
        }

        private static int[] namelens(Call c) {
            long size = c.arch().layout("mmsghdr").orElseThrow().byteSize();
            long count = c.uint(2);
            long address = c.ulong(1);
            if (address == 0 || count == 0 || count > 1024) {
                return null;
            }
            MemorySegment all = Structs.bytes(c, address, size * count);
            if (all == null) {
                return null;
            }
            int[] namelens = new int[(int) count];
            long offset = Structs.member(c, "mmsghdr", "msg_hdr").offset();
            for (int i = 0; i < count; i++) {
                namelens[i] =
                        (int)
                                Structs.get(
                                        c, all.asSlice(i * size + offset), "msghdr", "msg_namelen");
            }
            return namelens;
        }

        @Override
        public boolean moreAtExit(Call c) {
            return true;
        }

        @Override
        public void exit(Call c) {
            long count = receive ? c.result() & 0xffff_ffffL : c.uint(2);
            long withLength = c.failed() ? 0 : c.result();
            Entry entry = c.state();
            int[] namelens = entry == null ? null : entry.namelens();
            long address = c.ulong(1);
            if (receive && c.failed()) {
                c.print(Text.pointer(address));
            } else {
                long size = c.arch().layout("mmsghdr").orElseThrow().byteSize();
                long hdr = Structs.member(c, "mmsghdr", "msg_hdr").offset();
                c.print(
                        FileArgs.array(
                                c,
                                address,
                                count,
                                (int) size,
                                (e, i) -> {
                                    boolean sent = i < withLength;
                                    long msgLen =
                                            Structs.get(c, e, "mmsghdr", "msg_len") & 0xffff_ffffL;
                                    Integer user =
                                            namelens != null && i < namelens.length
                                                    ? namelens[(int) (long) i]
                                                    : null;
                                    String h = msghdr(c, e.asSlice(hdr), user, sent ? msgLen : -1);
                                    return "{msg_hdr="
                                            + h
                                            + (sent ? ", msg_len=" + msgLen : "")
                                            + "}";
                                }));
            }
            c.print(Long.toString(c.uint(2)));
            c.print(flags(c, 3));
            if (!receive) {
                return;
            }
            c.print(entry.timeout());
            if (c.failed()) {
                return;
            }
            if (c.result() == 0) {
                c.resultNote("(Timeout)");
            } else if (c.ulong(4) != 0) {
                c.resultNote("(left " + ProcessStructs.callTimespec(c, c.ulong(4)) + ")");
            }
        }

        @Override
        public String result(Call c) {
            return Results.DECIMAL.apply(c);
        }
    }
}
