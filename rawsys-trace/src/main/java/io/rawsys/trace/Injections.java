package io.rawsys.trace;

import io.rawsys.Arch;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * strace's {@code -e inject=SET:…} and {@code -e fault=SET:…}: which calls are tampered with, how,
 * and on which of their invocations ({@code when=}), counted per thread and per call as strace
 * counts them. As in strace, only calls the trace set selects ({@code -e trace=}) are tampered with
 * and counted.
 */
final class Injections {
    /** strace's INJECT_LAST_INF. */
    private static final int INFINITE = 0xffff;

    /** One {@code -e inject=} or {@code -e fault=}: its set, its action, its {@code when=}. */
    private record Rule(
            String text, SyscallSet set, Tamper tamper, int first, int last, int step) {}

    /** What is left of a rule's {@code when=} for one thread and call: strace's per-tcb copy. */
    private static final class Count {
        int first;
        int last;

        Count(Rule r) {
            first = r.first();
            last = r.last();
        }
    }

    private final List<Rule> rules;
    private final Map<String, Count> counts = new HashMap<>();

    private Injections(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    static final Injections NONE = new Injections(List.of());

    boolean isEmpty() {
        return rules.isEmpty();
    }

    /**
     * Parses {@code -e inject=SET:TOKEN:…} and {@code -e fault=SET:TOKEN:…} expressions, in the
     * order given (as strace does, a later one for the same call replaces an earlier one).
     *
     * @throws IllegalArgumentException naming the expression and what is wrong with it
     */
    static Injections parse(
            List<String> expressions,
            SyscallSet.Classes classes,
            Function<Arch, Set<String>> carried) {
        List<Rule> rules = new ArrayList<>();
        for (String e : expressions) {
            boolean fault = e.startsWith("fault=");
            rules.add(rule(e.substring(e.indexOf('=') + 1), fault, classes, carried));
        }
        return new Injections(rules);
    }

    private static Rule rule(
            String expression,
            boolean fault,
            SyscallSet.Classes classes,
            Function<Arch, Set<String>> carried) {
        String what = "-e " + (fault ? "fault=" : "inject=") + expression;
        String[] parts = expression.split(":", -1);
        if (parts[0].isEmpty()) {
            throw new IllegalArgumentException(
                    what + ": give the calls first, e.g. inject=openat:error=ENOENT");
        }
        SyscallSet set;
        try {
            set = SyscallSet.parse("inject", parts[0], classes, carried);
            set.members(Arch.current()); // unknown names are refused here
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    what + ": " + e.getMessage().replace("-e inject", "the set"));
        }
        int errno = 0;
        Long retval = null;
        int signal = 0;
        long delayEnter = 0;
        long delayExit = 0;
        String substitute = null;
        List<Tamper.Poke> pokes = new ArrayList<>();
        int first = 1;
        int last = INFINITE;
        int step = 1;
        Arch host = Arch.current();
        for (int i = 1; i < parts.length; i++) {
            String token = parts[i];
            int eq = token.indexOf('=');
            String key = eq < 0 ? token : token.substring(0, eq);
            String value = eq < 0 ? "" : token.substring(eq + 1);
            switch (key) {
                case "error" -> {
                    if (errno != 0 || retval != null) {
                        throw new IllegalArgumentException(what + ": error= or retval=, once");
                    }
                    errno = errno(host, value, what);
                }
                case "retval" -> {
                    if (fault) {
                        throw new IllegalArgumentException(
                                what + ": fault= takes error= and when=, not retval=");
                    }
                    if (errno != 0 || retval != null) {
                        throw new IllegalArgumentException(what + ": error= or retval=, once");
                    }
                    try {
                        retval = Long.decode(value);
                    } catch (NumberFormatException x) {
                        throw new IllegalArgumentException(
                                what + ": retval=" + value + " is no number");
                    }
                }
                case "signal" -> {
                    if (fault) {
                        throw new IllegalArgumentException(
                                what + ": fault= takes error= and when=, not signal=");
                    }
                    signal = signal(host, value, what);
                }
                case "delay_enter", "delay_exit" -> {
                    if (fault) {
                        throw new IllegalArgumentException(
                                what + ": fault= takes error= and when=, not " + key + "=");
                    }
                    long micros = micros(value, what);
                    if (key.equals("delay_enter")) {
                        delayEnter = micros;
                    } else {
                        delayExit = micros;
                    }
                }
                case "syscall" -> {
                    if (fault) {
                        throw new IllegalArgumentException(
                                what + ": fault= takes error= and when=, not syscall=");
                    }
                    if (substitute != null) {
                        throw new IllegalArgumentException(what + ": syscall=, once");
                    }
                    // as strace: only a call without side effects may run in another's stead
                    for (Arch a : personalities(host)) {
                        if (!classes.members(a, "%pure").contains(value)) {
                            throw new IllegalArgumentException(
                                    what
                                            + ": syscall="
                                            + value
                                            + " is no system call without side effects on "
                                            + a.name()
                                            + " (strace's %pure: getpid, gettid, getuid …)");
                        }
                    }
                    substitute = value;
                }
                case "poke_enter", "poke_exit" -> {
                    if (fault) {
                        throw new IllegalArgumentException(
                                what + ": fault= takes error= and when=, not " + key + "=");
                    }
                    boolean atEntry = key.equals("poke_enter");
                    for (Tamper.Poke p : pokes) {
                        if (p.atEntry() == atEntry) {
                            throw new IllegalArgumentException(what + ": " + key + "=, once");
                        }
                    }
                    pokes.addAll(pokes(value, atEntry, what + ": " + key + "=" + value));
                }
                case "when" -> {
                    int[] w = when(value, what);
                    first = w[0];
                    last = w[1];
                    step = w[2];
                }
                default ->
                        throw new IllegalArgumentException(
                                what
                                        + ": '"
                                        + token
                                        + "' is not understood; rawsys trace takes error=, retval=, signal=,"
                                        + " syscall=, poke_enter=, poke_exit=, delay_enter=, delay_exit= and"
                                        + " when=");
            }
        }
        if (fault && errno == 0) {
            errno = host.errnos().find("ENOSYS").orElseThrow();
        }
        if (substitute != null && errno == 0 && retval == null) {
            throw new IllegalArgumentException(
                    what
                            + ": syscall= runs in place of a call that error= or retval= replaces; give"
                            + " one of them");
        }
        Tamper tamper = new Tamper(errno, retval, signal, delayEnter, delayExit, substitute, pokes);
        if (tamper.isNone()) {
            throw new IllegalArgumentException(
                    what
                            + ": say what to inject: error=, retval=, signal=, poke_enter=, poke_exit=,"
                            + " delay_enter= or delay_exit=");
        }
        return new Rule(expression, set, tamper, first, last, step);
    }

    /** The machine's personalities, whose calls a set may name: x86_64, i386 and x32 here. */
    private static List<Arch> personalities(Arch host) {
        List<Arch> all = new ArrayList<>();
        all.add(host);
        all.addAll(host.companions());
        return all;
    }

    /**
     * strace's poke data: {@code @argN=HEX[,@argM=HEX]}, N from 1 to 6 (strace takes 7 on no
     * machine here), 1 to 1024 bytes in pairs of hex digits.
     */
    private static List<Tamper.Poke> pokes(String value, boolean atEntry, String what) {
        List<Tamper.Poke> pokes = new ArrayList<>();
        for (String item : value.split(",", -1)) {
            java.util.regex.Matcher m =
                    java.util.regex.Pattern.compile("@arg([1-6])=((?:[0-9a-fA-F]{2}){1,1024})")
                            .matcher(item);
            if (!m.matches()) {
                throw new IllegalArgumentException(
                        what
                                + ": want @argN=HEXBYTES (N 1 to 6, 1 to 1024 bytes as pairs of hex"
                                + " digits), separated by commas; not "
                                + item);
            }
            int argument = Integer.parseInt(m.group(1));
            for (Tamper.Poke p : pokes) {
                if (p.argument() == argument) {
                    throw new IllegalArgumentException(what + ": @arg" + argument + ", once");
                }
            }
            pokes.add(
                    new Tamper.Poke(
                            atEntry, argument, java.util.HexFormat.of().parseHex(m.group(2))));
        }
        return pokes;
    }

    private static int errno(Arch host, String value, String what) {
        int errno;
        try {
            errno = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            errno = host.errnos().find(value).orElse(-1);
        }
        if (errno < 1 || errno > 4095) {
            throw new IllegalArgumentException(
                    what
                            + ": error="
                            + value
                            + " is no errno; give a name (ENOENT) or a number 1 to 4095");
        }
        return errno;
    }

    private static int signal(Arch host, String value, String what) {
        String name = value.startsWith("SIG") ? value : "SIG" + value;
        long signo;
        try {
            signo = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            signo = host.constants().find(name).orElse(-1);
        }
        if (signo < 1 || signo > 64) {
            throw new IllegalArgumentException(
                    what
                            + ": signal="
                            + value
                            + " is no signal; give a name (SIGUSR1) or a number 1 to 64");
        }
        return (int) signo;
    }

    /** strace's delays: microseconds, or a number with s, ms, us or ns. */
    private static long micros(String value, String what) {
        String[][] units = {{"ns", "0.001"}, {"us", "1"}, {"ms", "1000"}, {"s", "1000000"}};
        try {
            for (String[] u : units) {
                if (value.endsWith(u[0]) && !(u[0].equals("s") && value.matches(".*[num]s"))) {
                    double n =
                            Double.parseDouble(value.substring(0, value.length() - u[0].length()));
                    return check((long) (n * Double.parseDouble(u[1])), value, what);
                }
            }
            return check(Long.parseLong(value), value, what);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    what + ": delay " + value + " is no time; give microseconds, or 10ms, 1.5s…");
        }
    }

    private static long check(long micros, String value, String what) {
        if (micros < 0) {
            throw new IllegalArgumentException(what + ": delay " + value + " is negative");
        }
        return micros;
    }

    /**
     * {@code when=F}, {@code F+}, {@code F+S}, {@code F..L}, {@code F..L+S}: {first, last, step}.
     */
    private static int[] when(String value, String what) {
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("(\\d+)(?:\\.\\.(\\d+))?(\\+(\\d*))?")
                        .matcher(value);
        String bad =
                what
                        + ": when="
                        + value
                        + " is not understood; use N, N+, N+STEP, N..M or N..M+STEP (from 1 to 65534)";
        if (!m.matches()) {
            throw new IllegalArgumentException(bad);
        }
        int first = parse(m.group(1), bad);
        int last = m.group(2) == null ? INFINITE : parse(m.group(2), bad);
        if (first < 1 || last < first) {
            throw new IllegalArgumentException(bad);
        }
        int step;
        if (m.group(3) != null) {
            step = m.group(4).isEmpty() ? 1 : parse(m.group(4), bad);
            if (step < 1) {
                throw new IllegalArgumentException(bad);
            }
        } else {
            step = last == INFINITE ? 0 : 1;
        }
        return new int[] {first, last, step};
    }

    private static int parse(String digits, String bad) {
        try {
            int n = Integer.parseInt(digits);
            if (n > INFINITE - 1) {
                throw new IllegalArgumentException(bad);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(bad);
        }
    }

    /**
     * The tampering for this invocation of {@code name} by thread {@code pid}: the last rule whose
     * set has the call counts it (strace keeps one per call, the last given); it applies on the
     * invocations its {@code when=} names.
     */
    Tamper decide(int pid, Arch arch, String name) {
        for (Rule r : rules.reversed()) {
            if (!r.set().contains(arch, name)) {
                continue;
            }
            Count c =
                    counts.computeIfAbsent(
                            pid + " " + arch.name() + " " + name + " " + r.text(),
                            k -> new Count(r));
            if (c.first == 0 || c.last == 0) {
                return Tamper.none();
            }
            if (c.last != INFINITE) {
                c.last--;
            }
            c.first--;
            if (c.first != 0) {
                return Tamper.none();
            }
            c.first = r.step();
            return r.tamper();
        }
        return Tamper.none();
    }

    /** Forgets a thread that is gone (its pid may be reused). */
    void forget(int pid) {
        String prefix = pid + " ";
        counts.keySet().removeIf(k -> k.startsWith(prefix));
    }
}
