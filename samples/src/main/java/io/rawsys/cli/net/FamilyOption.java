package io.rawsys.cli.net;

import io.rawsys.linux.Socket;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** ip's {@code -4}, {@code -6} and {@code -f FAMILY}, for the commands that list addresses. */
final class FamilyOption {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    private static final Map<String, Integer> FAMILIES =
            Map.of("inet", Socket.AF_INET, "inet6", Socket.AF_INET6);

    @Option(names = "-4", description = "IPv4 only (the same as -f inet).")
    boolean ipv4;

    @Option(names = "-6", description = "IPv6 only (the same as -f inet6).")
    boolean ipv6;

    @Option(
            names = {"-f", "--family"},
            paramLabel = "FAMILY",
            description = "inet or inet6.")
    String family;

    /** The family asked for, or {@code otherwise} when none was; conflicting asks are refused. */
    int family(int otherwise) {
        Set<Integer> asked = new HashSet<>();
        if (family != null) {
            Integer named = FAMILIES.get(family);
            if (named == null) {
                throw new ParameterException(
                        spec.commandLine(), "unknown family '" + family + "': it is inet or inet6");
            }
            asked.add(named);
        }
        if (ipv4) {
            asked.add(Socket.AF_INET);
        }
        if (ipv6) {
            asked.add(Socket.AF_INET6);
        }
        if (asked.size() > 1) {
            throw new ParameterException(
                    spec.commandLine(), "-4, -6 and -f ask for different families; give one");
        }
        return asked.isEmpty() ? otherwise : asked.iterator().next();
    }
}
