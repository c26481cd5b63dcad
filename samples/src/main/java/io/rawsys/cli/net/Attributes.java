package io.rawsys.cli.net;

import io.rawsys.netlink.NetlinkAttribute;
import io.rawsys.netlink.NetlinkAttributes;

/** Optional attributes as nullable values, for the decoded records' fields. */
final class Attributes {
    private Attributes() {}

    static Integer u8(NetlinkAttributes a, int type) {
        return a.find(type).map(NetlinkAttribute::u8).orElse(null);
    }

    static Long u32(NetlinkAttributes a, int type) {
        return a.find(type).map(NetlinkAttribute::u32AsLong).orElse(null);
    }

    static Long s32(NetlinkAttributes a, int type) {
        return a.find(type).map(v -> (long) v.u32()).orElse(null);
    }

    static String string(NetlinkAttributes a, int type) {
        return a.find(type).map(NetlinkAttribute::string).orElse(null);
    }

    static byte[] bytes(NetlinkAttributes a, int type) {
        return a.find(type).map(NetlinkAttribute::bytes).orElse(null);
    }
}
