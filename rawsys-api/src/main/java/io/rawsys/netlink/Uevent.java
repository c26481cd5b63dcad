package io.rawsys.netlink;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A kernel uevent, as NETLINK_KOBJECT_UEVENT's group 1 delivers it: no netlink header, just
 * NUL-separated text, a summary and then the environment the kernel would give a hotplug helper.
 *
 * <pre>
 *  add@/devices/virtual/net/d0 \0 ACTION=add \0 DEVPATH=/devices/virtual/net/d0 \0 SUBSYSTEM=net \0 ...
 * </pre>
 *
 * @param action the action before the {@code @}: add, remove, change, move, online, offline, bind,
 *     unbind
 * @param devpath the device's path under /sys, after the {@code @}
 * @param properties the KEY=VALUE pairs, in the kernel's order
 */
public record Uevent(String action, String devpath, Map<String, String> properties) {
    public Uevent {
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    /**
     * Parses one uevent datagram.
     *
     * @throws NetlinkFormatException if it does not start with {@code ACTION@DEVPATH} (udev's
     *     re-broadcasts on group 2 start with {@code libudev} and are not uevents of the kernel) or
     *     a property has no {@code =}
     */
    public static Uevent parse(MemorySegment datagram) {
        String text = new String(datagram.toArray(ValueLayout.JAVA_BYTE), StandardCharsets.UTF_8);
        String[] fields = text.split("\0");
        String summary = fields.length == 0 ? "" : fields[0];
        int at = summary.indexOf('@');
        if (at <= 0 || at == summary.length() - 1) {
            throw new NetlinkFormatException(
                    "a uevent starts with ACTION@DEVPATH, and this one with '"
                            + summary.substring(0, Math.min(summary.length(), 40))
                            + "'");
        }
        Map<String, String> properties = new LinkedHashMap<>();
        for (int i = 1; i < fields.length; i++) {
            if (fields[i].isEmpty()) {
                continue;
            }
            int equals = fields[i].indexOf('=');
            if (equals <= 0) {
                throw new NetlinkFormatException(
                        "uevent property " + i + " '" + fields[i] + "' is not KEY=VALUE");
            }
            properties.put(fields[i].substring(0, equals), fields[i].substring(equals + 1));
        }
        return new Uevent(summary.substring(0, at), summary.substring(at + 1), properties);
    }
}
