/**
 * Netlink, the kernel's message interface for networking and more, over rawsys's own socket calls.
 *
 * <p>{@link io.rawsys.netlink.NetlinkSocket} sends requests built with {@link
 * io.rawsys.netlink.NetlinkRequest} and reads the answers (a whole multi-part dump, or up to an
 * acknowledgement), or the notifications of the multicast groups it joined. {@link
 * io.rawsys.netlink.NetlinkMessage} is one message viewed in place, and {@link
 * io.rawsys.netlink.NetlinkAttributes} its type-length-value attributes; both check every length
 * before reading and throw {@link io.rawsys.netlink.NetlinkFormatException} for malformed bytes.
 * Errors the kernel answers become {@link io.rawsys.ErrnoException}s carrying the kernel's
 * extended-acknowledgement text. {@link io.rawsys.netlink.Uevent} reads the kernel's device events
 * from NETLINK_KOBJECT_UEVENT. Constants come from {@link io.rawsys.linux.Netlink} and the structs
 * ({@code Ifinfomsg}, {@code Rtmsg} …) from {@code io.rawsys.linux.struct}.
 */
package io.rawsys.netlink;
