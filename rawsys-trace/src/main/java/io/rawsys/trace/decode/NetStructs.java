package io.rawsys.trace.decode;

import io.rawsys.StructMember;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * The structs the socket decoders print field by field (linger, ucred, ip_mreq, ipv6_mreq): each as
 * far as the bytes the kernel returned reach.
 */
final class NetStructs {
    private NetStructs() {}

    /** One member of a struct strace prints, and how. */
    record Field(String member, Format format) {}

    /** How a field prints, its name included: {@code l_onoff=1}. */
    @FunctionalInterface
    interface Format {
        String print(Call c, MemorySegment struct, String name, String member);
    }

    private static final Format DECIMAL =
            (c, s, struct, member) -> member + "=" + Peek.get(c, s, struct, member);

    /** A uid or gid: -1 as such, others unsigned. */
    private static final Format ID =
            (c, s, struct, member) -> {
                long id = Peek.get(c, s, struct, member);
                return member + "=" + (id == 0xffff_ffffL ? "-1" : Long.toString(id));
            };

    static final List<Field> LINGER =
            List.of(new Field("l_onoff", DECIMAL), new Field("l_linger", DECIMAL));

    static final List<Field> UCRED =
            List.of(new Field("pid", DECIMAL), new Field("uid", ID), new Field("gid", ID));

    static final List<Field> IP_MREQ =
            List.of(
                    new Field("imr_multiaddr", inetAddr("imr_multiaddr")),
                    new Field("imr_interface", inetAddr("imr_interface")));

    static final List<Field> IPV6_MREQ =
            List.of(
                    new Field(
                            "ipv6mr_multiaddr",
                            (c, s, struct, member) ->
                                    InetAddresses.inetPton(
                                            member,
                                            Peek.array(s, 0, s.byteSize()),
                                            offset(c, struct, member))),
                    new Field(
                            "ipv6mr_interface",
                            (c, s, struct, member) ->
                                    "ipv6mr_interface="
                                            + InetAddresses.ifindex(
                                                    Peek.get(c, s, struct, member))));

    private static Format inetAddr(String member) {
        return (c, s, struct, m) ->
                InetAddresses.inetAddr(
                        member, Peek.array(s, 0, s.byteSize()), offset(c, struct, member));
    }

    private static int offset(Call c, String struct, String member) {
        return (int) Structs.member(c, struct, member).offset();
    }

    /**
     * The {@code struct} at {@code address}, its fields as far as {@code length} bytes reach (the
     * kernel may return fewer): a field cut short prints its bytes in hex, as strace's
     * MAYBE_PRINT_FIELD_LEN does.
     */
    static String struct(Call c, String struct, long address, int length, List<Field> fields) {
        int size = (int) Math.min(length, Peek.size(c, struct));
        MemorySegment s = Peek.fetch(c, address, size);
        if (s == null) {
            return Text.pointer(address);
        }
        return format(c, struct, s, fields);
    }

    /** SCM_CREDENTIALS' {@code {pid=1, uid=0, gid=0}}, from a whole ucred in {@code s}. */
    static String ucred(Call c, MemorySegment s) {
        return format(c, "ucred", s, UCRED);
    }

    /**
     * The {@code fields} of {@code struct} that the {@code s.byteSize()} bytes of {@code s} hold.
     */
    private static String format(Call c, String struct, MemorySegment s, List<Field> fields) {
        int size = (int) Math.min(s.byteSize(), Peek.size(c, struct));
        MemorySegment whole = Arena.ofAuto().allocate(Peek.size(c, struct));
        whole.copyFrom(s.asSlice(0, size));
        StringBuilder text = new StringBuilder("{");
        for (Field f : fields) {
            StructMember member = Structs.member(c, struct, f.member());
            long end = member.offset() + member.size() * Math.max(1, member.count());
            if (size < end) {
                if (size > member.offset()) {
                    byte[] part = Peek.array(whole, member.offset(), size - member.offset());
                    text.append(text.length() > 1 ? ", " : "")
                            .append(f.member())
                            .append('=')
                            .append(Text.quote(part, part.length, true));
                }
                break;
            }
            text.append(text.length() > 1 ? ", " : "")
                    .append(f.format().print(c, whole, struct, f.member()));
        }
        return text.append('}').toString();
    }
}
