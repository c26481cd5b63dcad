package io.rawsys.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rawsys.Syscalls;
import io.rawsys.linux.Nr;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code rawsys net} against the running kernel and iproute2's {@code ip}: the same interfaces,
 * addresses and routes, in ip's text and ip -j's JSON, on this host and in a network namespace the
 * test builds (and removes); the monitor's events as ip monitor prints them; the kernel's uevents.
 */
@Timeout(180)
class NetIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);

    /** A namespace of the test's own, so it may add and remove interfaces freely. */
    private static NetNamespace namespace;

    private static boolean namespaceMade;
    private static String deviceType;

    // ---- the host's namespace: the fields the brief names, whatever else a host has ----

    private static final List<String> LINK_FIELDS =
            List.of(
                    "ifindex",
                    "ifname",
                    "flags",
                    "mtu",
                    "qdisc",
                    "operstate",
                    "linkmode",
                    "group",
                    "txqlen",
                    "link_type",
                    "address",
                    "broadcast");
    private static final List<String> ADDRESS_FIELDS =
            List.of(
                    "family",
                    "local",
                    "prefixlen",
                    "broadcast",
                    "scope",
                    "label",
                    "valid_life_time",
                    "preferred_life_time");
    private static final List<String> ROUTE_FIELDS =
            List.of("dst", "gateway", "dev", "protocol", "scope", "prefsrc", "metric", "flags");

    @Test
    void theHostsLinksAddressesAndRoutesAreIpsOnTheirFields() throws Exception {
        assertEquals(
                project(ip("-j", "link"), LINK_FIELDS, null),
                project(rawsysJson("links"), LINK_FIELDS, null));
        assertEquals(
                project(ip("-j", "addr"), LINK_FIELDS, ADDRESS_FIELDS),
                project(rawsysJson("addrs"), LINK_FIELDS, ADDRESS_FIELDS));
        assertEquals(
                project(ip("-j", "route"), ROUTE_FIELDS, null),
                project(rawsysJson("routes"), ROUTE_FIELDS, null));
        assertEquals(
                project(ip("-j", "-6", "route"), ROUTE_FIELDS, null),
                project(rawsysJson("routes", "-6"), ROUTE_FIELDS, null));
    }

    /**
     * Each object cut down to {@code fields} (and its addr_info to {@code addressFields}); a
     * lifetime that is not forever is rounded to the minute, since it counts down between runs.
     */
    private static List<JsonNode> project(
            JsonNode array, List<String> fields, List<String> addressFields) {
        List<JsonNode> projected = new ArrayList<>();
        for (JsonNode object : array) {
            ObjectNode kept = ((ObjectNode) object).deepCopy().retain(fields);
            if (addressFields != null) {
                ArrayNode addresses = kept.putArray("addr_info");
                for (JsonNode a : object.path("addr_info")) {
                    ObjectNode address = ((ObjectNode) a).deepCopy().retain(addressFields);
                    for (String lifetime : List.of("valid_life_time", "preferred_life_time")) {
                        long seconds = address.path(lifetime).asLong();
                        if (address.has(lifetime) && seconds != 0xffffffffL) {
                            address.put(lifetime, Math.round(seconds / 60.0));
                        }
                    }
                    addresses.add(address);
                }
            }
            projected.add(kept);
        }
        return projected;
    }

    // ---- a namespace of the test's own: everything equal, text and JSON ----

    @BeforeAll
    static void buildANamespace() throws Exception {
        if (Syscalls.invoke(Nr.geteuid) != 0) {
            return; // the namespace tests are skipped; the host's still run
        }
        namespace = NetNamespace.start();
        namespaceMade = true;
        deviceType = dummyOrIfb();
        ipn("link", "set", "lo", "up");
        ipn("link", "add", "rsd0", "type", deviceType);
        ipn("link", "add", "rsv0", "type", "veth", "peer", "name", "rsv1");
        ipn("addr", "add", "10.200.0.1/24", "dev", "rsd0");
        ipn("addr", "add", "fd00:200::1/64", "dev", "rsd0", "nodad");
        ipn("addr", "add", "10.201.0.1/24", "dev", "rsv0");
        ipn("addr", "add", "10.201.0.7/24", "dev", "rsv0");
        ipn("addr", "add", "fd00:201::1/64", "dev", "rsv0", "nodad");
        for (String device : List.of("rsd0", "rsv0", "rsv1")) {
            ipn("link", "set", device, "up");
        }
        ipn("route", "add", "10.210.0.0/16", "via", "10.200.0.254");
        ipn("route", "add", "default", "via", "10.201.0.254", "metric", "50");
        ipn("-6", "route", "add", "default", "via", "fd00:201::fe");
        ipn("-6", "route", "add", "fd00:210::/48", "via", "fd00:200::fe", "metric", "300");
        awaitNoTentativeAddresses();
    }

    /**
     * A dummy interface, or where the kernel was built without them (CONFIG_DUMMY, as on this
     * project's CI machines) an ifb, which looks the same to ip: no carrier to lose, state UNKNOWN.
     */
    private static String dummyOrIfb() throws Exception {
        CliIT.Run probe =
                CliIT.run(
                        Path.of("."),
                        Map.of(),
                        ipnCommand("link", "add", "rsprobe", "type", "dummy"));
        if (probe.status() == 0) {
            ipn("link", "del", "rsprobe");
            return "dummy";
        }
        return "ifb";
    }

    /** IPv6 link-local addresses are tentative for a second or so; ip and rawsys must agree. */
    private static void awaitNoTentativeAddresses() throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!ipn("addr", "show", "tentative").isBlank()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("addresses still tentative after " + WAIT);
            }
            Thread.sleep(100);
        }
    }

    @AfterAll
    static void removeTheNamespace() throws Exception {
        if (namespaceMade) {
            namespace.close(); // and with it every interface the tests made
        }
    }

    @Test
    void inANamespaceTheJsonIsIpsJson() throws Exception {
        requireNamespace();
        for (List<String> command :
                List.of(
                        List.of("links"),
                        List.of("addrs"),
                        List.of("addrs", "-4"),
                        List.of("addrs", "-6"),
                        List.of("routes"),
                        List.of("routes", "-6"))) {
            JsonNode rawsys = JSON.readTree(inNamespace(concat(command, "--json")));
            JsonNode ip = JSON.readTree(ipn(ipArguments(command, "-j")));
            assertEquals(ip, rawsys, "rawsys net " + command);
        }
        JsonNode links = JSON.readTree(inNamespace(List.of("links", "--json")));
        assertEquals("rsv1", find(links, "rsv0").path("link").asText(), "a veth names its peer");
    }

    @Test
    void inANamespaceTheTextIsIpsText() throws Exception {
        requireNamespace();
        for (List<String> command :
                List.of(
                        List.of("links"),
                        List.of("addrs"),
                        List.of("addrs", "-4"),
                        List.of("addrs", "-6"),
                        List.of("routes"),
                        List.of("routes", "-6"))) {
            assertEquals(
                    withoutTrailingSpaces(ipn(ipArguments(command, null))),
                    inNamespace(command),
                    "rawsys net " + command);
        }
        String routes = inNamespace(List.of("routes"));
        assertTrue(
                routes.contains("default via 10.201.0.254 dev rsv0 metric 50\n")
                        && routes.contains(
                                "10.201.0.0/24 dev rsv0 proto kernel scope link src 10.201.0.1\n"),
                routes);
        String links = inNamespace(List.of("links"));
        assertTrue(
                links.startsWith(
                        "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode"
                                + " DEFAULT group default qlen 1000\n"
                                + "    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n"),
                links);
    }

    // ---- notifications ----

    /**
     * rawsys net monitor and ip monitor listen side by side while an interface is made, given
     * addresses and removed: from the first event about it they print the same lines. Ctrl-C ends
     * rawsys's with the status a SIGINT gives.
     */
    @Test
    void theMonitorPrintsWhatIpMonitorPrints() throws Exception {
        requireNamespace();
        try (RunningProcess ip =
                        new RunningProcess(ipnCommand("monitor", "link", "address", "route"));
                RunningProcess rawsys = new RunningProcess(rawsysInNamespace("monitor"))) {
            rawsys.awaitStderr(s -> s.contains("rawsys: listening"), WAIT);
            ipn("link", "add", "rsm0", "type", deviceType);
            ipn("addr", "add", "10.220.0.1/24", "dev", "rsm0");
            ipn("link", "set", "rsm0", "up");
            ipn("addr", "add", "fd00:220::1/64", "dev", "rsm0", "nodad");
            ipn("link", "del", "rsm0");
            Pattern deleted = Pattern.compile("(?m)^Deleted \\d+: rsm0: ");
            rawsys.awaitStdout(s -> deleted.matcher(s).find(), WAIT);
            ip.awaitStdout(s -> deleted.matcher(s).find(), WAIT);
            Thread.sleep(300); // anything the kernel still says, both hear
            rawsys.interrupt();
            assertEquals(130, rawsys.exitStatus(WAIT), "128 + SIGINT, " + rawsys.stderr());
            assertEquals(
                    "rawsys: listening for link, address and route events (Ctrl-C stops)\n",
                    rawsys.stderr(),
                    "nothing but the readiness line: no stack trace");
            List<String> ours = fromFirstAboutRsm0(rawsys.stdout());
            assertEquals(fromFirstAboutRsm0(withoutTrailingSpaces(ip.stdout())), ours);
            String text = String.join("\n", ours);
            assertTrue(
                    Pattern.compile("(?m)^\\d+: rsm0: <BROADCAST,NOARP").matcher(text).find(),
                    text);
            assertTrue(
                    Pattern.compile("(?m)^\\d+: rsm0    inet 10.220.0.1/24 scope global rsm0$")
                            .matcher(text)
                            .find(),
                    text);
            assertTrue(text.contains("fd00:220::1/64 scope global nodad"), text);
            assertTrue(
                    text.contains(
                            "Deleted local 10.220.0.1 dev rsm0 table local proto kernel scope host src 10.220.0.1"),
                    text);
        }
    }

    private static List<String> fromFirstAboutRsm0(String output) {
        List<String> lines = output.lines().toList();
        int first = 0;
        while (first < lines.size() && !lines.get(first).contains("rsm0")) {
            first++;
        }
        return lines.subList(first, lines.size());
    }

    @Test
    void theMonitorStopsAfterCountEvents() throws Exception {
        requireNamespace();
        try (RunningProcess rawsys =
                new RunningProcess(rawsysInNamespace("monitor", "--count", "2"))) {
            rawsys.awaitStderr(s -> s.contains("rawsys: listening"), WAIT);
            ipn("link", "add", "rsc0", "type", deviceType);
            ipn("addr", "add", "10.230.0.1/24", "dev", "rsc0");
            assertEquals(0, rawsys.exitStatus(WAIT), rawsys.stderr());
            assertTrue(rawsys.stdout().contains("rsc0"), rawsys.stdout());
        } finally {
            ipn("link", "del", "rsc0");
        }
    }

    /**
     * A device made in the namespace is announced to a uevent listener in that namespace, as {@code
     * add@/devices/virtual/net/NAME} with its properties; Ctrl-C ends the listener.
     */
    @Test
    void aNewInterfaceIsAUevent() throws Exception {
        requireNamespace();
        try (RunningProcess rawsys = new RunningProcess(rawsysInNamespace("uevents"))) {
            rawsys.awaitStderr(s -> s.contains("rawsys: listening for kernel uevents"), WAIT);
            ipn("link", "add", "rsu0", "type", deviceType);
            rawsys.awaitStdout(s -> uevent(s, "add@/devices/virtual/net/rsu0") != null, WAIT);
            rawsys.interrupt();
            assertEquals(130, rawsys.exitStatus(WAIT), rawsys.stderr());
            List<String> properties =
                    uevent(rawsys.stdout(), "add@/devices/virtual/net/rsu0").lines().toList();
            assertTrue(properties.contains("ACTION=add"), properties.toString());
            assertTrue(
                    properties.contains("DEVPATH=/devices/virtual/net/rsu0"),
                    properties.toString());
            assertTrue(properties.contains("SUBSYSTEM=net"), properties.toString());
            assertTrue(properties.contains("INTERFACE=rsu0"), properties.toString());
        } finally {
            ipn("link", "del", "rsu0");
        }
    }

    @Test
    void theUeventListenerStopsAfterCountEvents() throws Exception {
        requireNamespace();
        try (RunningProcess rawsys =
                new RunningProcess(rawsysInNamespace("uevents", "--count", "2"))) {
            rawsys.awaitStderr(s -> s.contains("rawsys: listening for kernel uevents"), WAIT);
            ipn("link", "add", "rsu1", "type", deviceType); // the device and its queues: 3 or more
            assertEquals(0, rawsys.exitStatus(WAIT), rawsys.stderr());
            String[] events = rawsys.stdout().split("\n\n");
            assertEquals(2, events.length, rawsys.stdout());
            for (String event : events) {
                assertTrue(event.matches("(?s)[a-z]+@/\\S+\nACTION=.*"), event);
            }
        } finally {
            ipn("link", "del", "rsu1");
        }
    }

    /** The properties of the uevent whose first line is {@code summary}, or null. */
    private static String uevent(String output, String summary) {
        for (String event : output.split("\n\n")) {
            if (event.startsWith(summary + "\n")) {
                return event.substring(summary.length() + 1) + "\n";
            }
        }
        return null;
    }

    // ---- bad command lines ----

    @Test
    void badInputIsAUsageErrorThatSaysWhatIsWrong() throws Exception {
        expectUsageError(
                List.of("net", "addrs", "-f", "ipx"), "unknown family 'ipx': it is inet or inet6");
        expectUsageError(
                List.of("net", "routes", "-4", "-6"), "-4, -6 and -f ask for different families");
        expectUsageError(
                List.of("net", "monitor", "--count", "0"),
                "--count must be at least 1, and it is 0");
        expectUsageError(List.of("net", "uevents", "--count", "many"), "'many' is not an int");
        expectUsageError(List.of("net", "neighbours"), "Unmatched argument");
        assertEquals(2, CliIT.rawsys("net").status(), "net alone shows its usage");
    }

    private static void expectUsageError(List<String> args, String message) throws Exception {
        CliIT.Run run = CliIT.rawsys(args.toArray(String[]::new));
        assertEquals(2, run.status(), String.join(" ", args) + ": " + run.stderr());
        assertEquals("", run.stdout());
        assertTrue(
                run.stderr().startsWith("rawsys: ") && run.stderr().contains(message),
                run.stderr());
        assertFalse(run.stderr().contains("Exception"), run.stderr());
    }

    // ---- helpers ----

    private static void requireNamespace() {
        assumeTrue(namespaceMade, "needs root to make a network namespace");
    }

    private static JsonNode find(JsonNode links, String name) {
        for (JsonNode link : links) {
            if (link.path("ifname").asText().equals(name)) {
                return link;
            }
        }
        throw new AssertionError("no link " + name + " in " + links);
    }

    /** ip's arguments for a rawsys net command: links → link, -4/-6 before the object. */
    private static String[] ipArguments(List<String> command, String json) {
        List<String> args = new ArrayList<>();
        if (json != null) {
            args.add(json);
        }
        command.stream().skip(1).forEach(args::add);
        args.add(Map.of("links", "link", "addrs", "addr", "routes", "route").get(command.get(0)));
        return args.toArray(String[]::new);
    }

    private static JsonNode ip(String... args) throws Exception {
        return JSON.readTree(run(concat(List.of("ip"), args)));
    }

    private static JsonNode rawsysJson(String... args) throws Exception {
        CliIT.Run run =
                CliIT.rawsys(concat(concat(List.of("net"), args), "--json").toArray(String[]::new));
        assertEquals(0, run.status(), run.stderr());
        return JSON.readTree(run.stdout());
    }

    private static String inNamespace(List<String> args) throws Exception {
        CliIT.Run run =
                CliIT.run(Path.of("."), Map.of(), rawsysInNamespace(args.toArray(String[]::new)));
        assertEquals(0, run.status(), run.stderr());
        assertEquals("", run.stderr());
        return run.stdout();
    }

    /**
     * The jar run in the namespace, with SIGINT's default action restored: a JVM whose parent
     * ignores SIGINT (a background job) would otherwise ignore Ctrl-C too.
     */
    private static List<String> rawsysInNamespace(String... args) {
        List<String> command = new ArrayList<>(List.of("env", "--default-signal=INT"));
        List<String> jar =
                new ArrayList<>(List.of(CliIT.JAVA, "-jar", CliIT.JAR.toString(), "net"));
        jar.addAll(List.of(args));
        command.addAll(namespace.command(jar));
        return command;
    }

    private static List<String> ipnCommand(String... args) {
        return namespace.command(concat(List.of("ip"), args));
    }

    private static String ipn(String... args) throws Exception {
        return run(ipnCommand(args));
    }

    private static String run(String... command) throws Exception {
        return run(List.of(command));
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        CliIT.Run run = CliIT.run(Path.of("."), Map.of(), command);
        if (run.status() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed: " + run.stderr());
        }
        return run.stdout();
    }

    private static String withoutTrailingSpaces(String text) {
        return text.replaceAll(" +\n", "\n");
    }

    private static List<String> concat(List<String> head, String... tail) {
        return Stream.concat(head.stream(), Stream.of(tail)).toList();
    }
}
