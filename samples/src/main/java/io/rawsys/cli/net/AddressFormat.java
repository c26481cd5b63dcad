package io.rawsys.cli.net;

import io.rawsys.linux.Netlink;
import io.rawsys.linux.Socket;
import io.rawsys.tool.AddressText;
import java.util.Arrays;
import java.util.List;

/** An address as ip's print_addrinfo prints it. */
final class AddressFormat {
    private AddressFormat() {}

    /** A lifetime of 0xFFFFFFFF seconds: forever. */
    private static final long FOREVER = 0xffffffffL;

    private record Flag(String name, int mask) {}

    /**
     * ip's address flags in its order. SECONDARY is listed twice: an IPv4 secondary, an IPv6
     * temporary address; PERMANENT is shown by its absence, as "dynamic".
     */
    private static final List<Flag> FLAGS =
            List.of(
                    new Flag("secondary", Netlink.IFA_F_SECONDARY),
                    new Flag("temporary", Netlink.IFA_F_SECONDARY),
                    new Flag("nodad", Netlink.IFA_F_NODAD),
                    new Flag("optimistic", Netlink.IFA_F_OPTIMISTIC),
                    new Flag("dadfailed", Netlink.IFA_F_DADFAILED),
                    new Flag("home", Netlink.IFA_F_HOMEADDRESS),
                    new Flag("deprecated", Netlink.IFA_F_DEPRECATED),
                    new Flag("tentative", Netlink.IFA_F_TENTATIVE),
                    new Flag("permanent", Netlink.IFA_F_PERMANENT),
                    new Flag("mngtmpaddr", Netlink.IFA_F_MANAGETEMPADDR),
                    new Flag("noprefixroute", Netlink.IFA_F_NOPREFIXROUTE),
                    new Flag("autojoin", Netlink.IFA_F_MCAUTOJOIN),
                    new Flag("stable-privacy", Netlink.IFA_F_STABLE_PRIVACY));

    /**
     * Prints one address; {@code withInterface} puts its interface first ({@code 2: eth0}), as ip's
     * monitor does.
     */
    static void print(Address a, Interfaces interfaces, boolean withInterface, Printer p) {
        if (a.deleted()) {
            p.flag("deleted", "Deleted ");
        }
        if (withInterface) {
            p.value("index", "%d: ", a.index());
            p.value("dev", "%s", interfaces.name(a.index()));
        }
        String family = Names.family(a.family());
        if (family != null) {
            p.value("family", "    %s ", family);
        } else {
            p.value("family_index", "    family %d ", a.family());
        }
        if (a.local() != null) {
            p.value("local", "%s", AddressText.inet(a.family(), a.local()));
            if (a.address() != null && !Arrays.equals(a.address(), a.local())) {
                p.text(" peer ");
                p.value("address", "%s", AddressText.inet(a.family(), a.address()));
            }
            p.value("prefixlen", "/%d ", a.prefixLength());
            if (a.metric() != null) {
                p.value("metric", "metric %d ", a.metric());
            }
        }
        if (a.broadcast() != null) {
            p.text("brd ");
            p.value("broadcast", "%s ", AddressText.inet(a.family(), a.broadcast()));
        }
        if (a.anycast() != null) {
            p.text("any ");
            p.value("anycast", "%s ", AddressText.inet(a.family(), a.anycast()));
        }
        p.value("scope", "scope %s ", Names.scope(a.scope()));
        printFlags(a, p);
        if (a.label() != null) {
            p.value("label", "%s", a.label());
        }
        if (a.validLifetime() != null) {
            p.newline();
            p.text("       valid_lft ");
            lifetime("valid_life_time", a.validLifetime(), false, p);
            p.text(" preferred_lft ");
            boolean deprecated = (a.flags() & Netlink.IFA_F_DEPRECATED) != 0;
            lifetime("preferred_life_time", a.preferredLifetime(), deprecated, p);
        }
        p.newline();
    }

    private static void printFlags(Address a, Printer p) {
        int rest = a.flags();
        for (Flag flag : FLAGS) {
            if (flag.mask() == Netlink.IFA_F_PERMANENT) {
                if ((rest & flag.mask()) == 0) {
                    p.flag("dynamic", "dynamic ");
                }
            } else if ((rest & flag.mask()) != 0) {
                String name =
                        flag.mask() == Netlink.IFA_F_SECONDARY && a.family() == Socket.AF_INET6
                                ? "temporary"
                                : flag.name();
                p.flag(name, name + " ");
            }
            rest &= ~flag.mask();
        }
        if (rest != 0) {
            String hex = String.format("%02x", rest);
            p.value("ifa_flags", null, hex);
            p.text("flags " + hex + " ");
        }
    }

    /** A lifetime in seconds or "forever"; a deprecated address's preferred one is signed. */
    private static void lifetime(String key, long seconds, boolean signed, Printer p) {
        if (seconds == FOREVER) {
            p.value(key, null, seconds);
            p.text("forever");
        } else {
            p.value(key, "%dsec", signed ? (long) (int) seconds : seconds);
        }
    }
}
