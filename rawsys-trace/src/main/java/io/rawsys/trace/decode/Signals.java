package io.rawsys.trace.decode;

import io.rawsys.Arch;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Signal numbers as strace names them: SIGCHLD (not SIGCLD), SIGRT_3 for SIGRTMIN+3. */
public final class Signals {
    private Signals() {}

    private static final Map<Arch, Map<Long, String>> NAMES = new ConcurrentHashMap<>();

    /** Aliases strace does not print: the other name of the same number wins. */
    private static final java.util.Set<String> ALIASES =
            java.util.Set.of(
                    "SIGIOT", "SIGPOLL", "SIGCLD", "SIGUNUSED", "SIGRTMIN", "SIGRTMAX", "SIGSTKSZ");

    /** {@code SIGCHLD}, {@code SIGRT_2}, or the number itself for no signal. */
    public static String name(Arch arch, long signo) {
        String name = names(arch).get(signo);
        if (name != null) {
            return name;
        }
        long rtmin = arch.constants().find("SIGRTMIN").orElse(32);
        long rtmax = arch.constants().find("_NSIG").orElse(65) - 1;
        if (signo == rtmin) {
            return "SIGRTMIN";
        }
        if (signo > rtmin && signo <= rtmax) {
            return "SIGRT_" + (signo - rtmin);
        }
        return Long.toString(signo);
    }

    /**
     * A signal as an argument or a field prints it, strace's printsignal: {@link #name}, or with -X
     * its number ({@code 10}, {@code 10 /* SIGUSR1 *}{@code /}).
     */
    public static String styled(Arch arch, long signo) {
        String name = name(arch, signo);
        String number = Long.toString(signo);
        return name.equals(number) ? number : Xlat.styled(number, name);
    }

    private static Map<Long, String> names(Arch arch) {
        return NAMES.computeIfAbsent(
                arch,
                a -> {
                    Map<Long, String> names = new HashMap<>();
                    a.constants()
                            .entries()
                            .forEach(
                                    e -> {
                                        String n = e.name();
                                        if (n.matches("SIG[A-Z0-9]+")
                                                && !ALIASES.contains(n)
                                                && e.value() > 0
                                                && e.value() < 128) {
                                            names.putIfAbsent(e.value(), n);
                                        }
                                    });
                    return Map.copyOf(names);
                });
    }
}
