package io.rawsys.calls;

/**
 * What uname(2) says of the system.
 *
 * @param sysname the kernel's name: Linux
 * @param nodename the host name
 * @param release the kernel's release, such as 6.1.0-18-amd64
 * @param version its build version
 * @param machine the hardware: x86_64, aarch64 …
 * @param domainname the NIS domain name
 */
public record Uname(
        String sysname,
        String nodename,
        String release,
        String version,
        String machine,
        String domainname) {}
