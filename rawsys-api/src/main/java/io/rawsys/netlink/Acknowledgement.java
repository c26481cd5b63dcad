package io.rawsys.netlink;

import io.rawsys.ErrnoException;
import io.rawsys.linux.Netlink;
import io.rawsys.linux.struct.Nlmsgerr;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * What the kernel says at the end of a request: NLMSG_ERROR (0 for an acknowledgement, -errno for a
 * failure) or NLMSG_DONE (whose payload is the dump's own error, usually 0). With NETLINK_EXT_ACK
 * the kernel appends attributes that explain the error (NLMSGERR_ATTR_MSG, a sentence); they follow
 * the copy of the request, which NLM_F_CAPPED says was cut to its header.
 */
final class Acknowledgement {
    private Acknowledgement() {}

    private static final long ERROR_FIELD = Integer.BYTES;

    /** The errno of an NLMSG_ERROR, 0 for an acknowledgement. */
    static int errno(NetlinkMessage error) {
        return -Nlmsgerr.error(error.fixedHeader(Nlmsgerr.sizeof()));
    }

    /** The failure an NLMSG_ERROR with a non-zero error reports, with the kernel's explanation. */
    static ErrnoException failure(NetlinkMessage error) {
        MemorySegment payload = error.fixedHeader(Nlmsgerr.sizeof());
        long tlvs = Nlmsgerr.sizeof();
        if ((error.flags() & Netlink.NLM_F_CAPPED) == 0) {
            // The whole request is echoed after the error number.
            long echoed = Integer.toUnsignedLong(Nlmsgerr.msg_nlmsg_len(payload));
            tlvs = Math.max(tlvs, ERROR_FIELD + Align.message(echoed));
        }
        return exception(-Nlmsgerr.error(payload), error, tlvs);
    }

    /** The error number an NLMSG_DONE carries (0 when the dump went well, as it usually does). */
    static int doneErrno(NetlinkMessage done) {
        MemorySegment payload = done.payload();
        return payload.byteSize() < ERROR_FIELD
                ? 0
                : -payload.get(ValueLayout.JAVA_INT_UNALIGNED, 0);
    }

    /** The failure an NLMSG_DONE with a negative error reports. */
    static ErrnoException doneFailure(NetlinkMessage done) {
        return exception(doneErrno(done), done, ERROR_FIELD);
    }

    private static ErrnoException exception(int errno, NetlinkMessage message, long tlvOffset) {
        String detail = "";
        MemorySegment payload = message.payload();
        if ((message.flags() & Netlink.NLM_F_ACK_TLVS) != 0 && tlvOffset < payload.byteSize()) {
            try {
                NetlinkAttributes tlvs = NetlinkAttributes.parse(payload.asSlice(tlvOffset));
                detail =
                        tlvs.find(Netlink.NLMSGERR_ATTR_MSG)
                                .map(NetlinkAttribute::string)
                                .or(
                                        () ->
                                                tlvs.find(Netlink.NLMSGERR_ATTR_MISS_TYPE)
                                                        .map(
                                                                a ->
                                                                        "missing attribute type "
                                                                                + a.u32()))
                                .orElse("");
            } catch (NetlinkFormatException malformed) {
                // the errno is what matters; an explanation we cannot read is left out
            }
        }
        return new ErrnoException(errno, -1, detail);
    }
}
