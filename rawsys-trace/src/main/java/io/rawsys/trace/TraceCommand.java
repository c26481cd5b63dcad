package io.rawsys.trace;

import io.rawsys.tool.Failure;
import io.rawsys.trace.decode.Decoders;
import io.rawsys.trace.decode.Text;
import io.rawsys.trace.decode.Xlat;
import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rawsys trace}: a system-call tracer with strace's options and strace's output. */
@Command(
        name = "trace",
        mixinStandardHelpOptions = true,
        description = {
            "Traces the system calls of a command, or of running processes (-p), with ptrace: each call as strace"
                    + " prints it, name(arguments) = result, on stderr or into a file (-o). The options mean what"
                    + " they mean to strace.",
        },
        footer = {
            "",
            "Examples:",
            "  rawsys trace ls -l /",
            "  rawsys trace -f -e trace=%%file -o out.txt -- sh -c 'cat /etc/hostname | wc -c'",
            "  rawsys trace -c dd if=/dev/zero of=/dev/null bs=1 count=10000",
            "  rawsys trace -p 1234              (Ctrl-C detaches; the process goes on)",
            "  rawsys trace --seccomp-bpf -f -e trace=openat make",
            "  rawsys trace -e trace=openat -e inject=openat:error=ENOENT:when=2+ cat /etc/hostname",
            "",
            "Exit status: the traced command's (128 + N when signal N killed it); 1 when the trace could not"
                    + " start; 2 for a bad command line."
        })
public final class TraceCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
            names = {"-f", "--follow-forks"},
            description = "Follow forks, vforks and clones: trace children and threads too.")
    boolean[] followForks = new boolean[0];

    @Option(
            names = {"-D", "--daemonize", "--daemonise", "--daemonised", "--daemonized"},
            arity = "0",
            description =
                    "Run the tracer as a detached grandchild: the command keeps this process's pid"
                            + " and is the caller's child; -DD also in a process group of its own, -DDD"
                            + " in a session of its own.")
    boolean[] daemonize = new boolean[0];

    /** -D's tracer, started again detached: the pid, the thread to seize, its ready descriptor. */
    @Option(names = "--detached-from", hidden = true, paramLabel = "PID,TID,FD")
    String detachedFrom;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE",
            description = "Write the trace to FILE instead of stderr.")
    Path output;

    @Option(
            names = "-e",
            paramLabel = "EXPR",
            description = {
                "trace=SET: which calls (names, %%file %%desc %%process %%network %%signal %%ipc %%memory"
                        + " %%creds %%clock %%stat…, /REGEX, all, none; !SET for the others); a bare SET"
                        + " means trace=SET;",
                "status=SET: which outcomes (successful, failed, unfinished, unavailable, detached);",
                "abbrev=SET, verbose=SET, raw=SET: which calls print structures abbreviated, print"
                        + " structures at all (else their addresses), print undecoded (hex);",
                "signal=SET: which signals' deliveries show (names or numbers, all, none, !SET);",
                "quiet=SET: which messages to leave out (attach, exit, path-resolution, personality,"
                        + " thread-execve, all, none);",
                "decode-fds=SET: what descriptors print with (path, socket, dev, pidfd, all, none);",
                "decode-pids=comm: pids print with their command names;",
                "inject=SET:error=E|retval=V[:syscall=PURE][:signal=S][:poke_enter=@argN=HEX][:poke_exit=@argN=HEX]"
                        + "[:delay_enter=D][:delay_exit=D][:when=N|N+|N+S|N..M|N..M+S]:"
                        + " tamper with the traced calls of SET (strace's meaning; x86_64);",
                "fault=SET[:error=E][:when=…]: inject=SET:error=ENOSYS unless said otherwise.",
                "Each has a long form too (--trace=SET, --abbrev=SET …); of two sets of one kind, the"
                        + " later given is used."
            })
    List<String> expressions = new ArrayList<>();

    @Option(names = "--trace", paramLabel = "SET", description = "-e trace=SET.")
    List<String> traceSets = new ArrayList<>();

    @Option(names = "--status", paramLabel = "SET", description = "-e status=SET.")
    List<String> statusSets = new ArrayList<>();

    @Option(names = "--abbrev", paramLabel = "SET", description = "-e abbrev=SET.")
    List<String> abbrevSets = new ArrayList<>();

    @Option(names = "--verbose", paramLabel = "SET", description = "-e verbose=SET.")
    List<String> verboseSets = new ArrayList<>();

    @Option(names = "--raw", paramLabel = "SET", description = "-e raw=SET.")
    List<String> rawSets = new ArrayList<>();

    @Option(
            names = {"--signals", "--signal"},
            paramLabel = "SET",
            description = "-e signal=SET.")
    List<String> signalSets = new ArrayList<>();

    @Option(
            names = {"--quiet", "--silent", "--silence"},
            paramLabel = "SET",
            arity = "0..1",
            fallbackValue = "attach,personality",
            description = "-e quiet=SET; without SET as -q.")
    List<String> quietSets = new ArrayList<>();

    @Option(
            names = "--decode-fds",
            paramLabel = "SET",
            arity = "0..1",
            fallbackValue = "path",
            description = "-e decode-fds=SET; without SET as -y.")
    List<String> decodeFdSets = new ArrayList<>();

    @Option(names = "--decode-pids", paramLabel = "comm", description = "-e decode-pids=comm.")
    List<String> decodePidSets = new ArrayList<>();

    @Option(names = "--inject", paramLabel = "SPEC", description = "-e inject=SPEC.")
    List<String> injectSpecs = new ArrayList<>();

    @Option(names = "--fault", paramLabel = "SPEC", description = "-e fault=SPEC.")
    List<String> faultSpecs = new ArrayList<>();

    @Option(
            names = {"-s", "--string-limit"},
            paramLabel = "N",
            defaultValue = "32",
            description = "Print at most N bytes of a string (default: ${DEFAULT-VALUE}).")
    int stringLimit;

    @Option(
            names = {"-c", "--summary-only"},
            description =
                    "Count time, calls and errors per call, and print a table at the end instead of the calls.")
    boolean summary;

    @Option(
            names = {"-T", "--syscall-times"},
            description = "Show the time spent in each call.")
    boolean syscallTimes;

    @Option(
            names = {"-a", "--columns"},
            paramLabel = "COLUMN",
            defaultValue = "40",
            description = "Align the results (the = sign) at COLUMN (default: ${DEFAULT-VALUE}).")
    int column;

    @Option(
            names = "-x",
            description =
                    "Print a string with a non-ASCII byte in hex escapes (\\xHH); -xx: every string.")
    boolean[] hex = new boolean[0];

    @Option(
            names = "--strings-in-hex",
            paramLabel = "WHICH",
            arity = "0..1",
            fallbackValue = "all",
            description =
                    "Which strings print in hex escapes: none, non-ascii-chars (only those bytes),"
                            + " non-ascii (as -x), all (as -xx, and without WHICH).")
    String stringsInHex;

    @Option(
            names = {"-X", "--const-print-style"},
            paramLabel = "STYLE",
            description =
                    "How constants print: abbrev (O_RDONLY|O_CLOEXEC, the default), raw (0x80000),"
                            + " verbose (0x80000 /* O_RDONLY|O_CLOEXEC */).")
    String xlatStyle;

    @Option(
            names = {"-v", "--no-abbrev"},
            description =
                    "Print structures in full: every field of stat, the environment of execve (-e abbrev=none).")
    boolean noAbbrev;

    @Option(
            names = {"-n", "--syscall-number"},
            description = "Print each call's number before its name: [ 257] openat(…).")
    boolean syscallNumbers;

    @Option(
            names = {"-P", "--trace-path"},
            paramLabel = "PATH",
            description =
                    "Show only the calls that use PATH: as a path argument, or a descriptor open on it;"
                            + " may be given several times.")
    List<String> paths = new ArrayList<>();

    @Option(
            names = "-q",
            description =
                    "Leave out messages about attaching and personality changes; -qq also the exit lines;"
                            + " -qqq everything (-e quiet=).")
    boolean[] quiet = new boolean[0];

    @Option(
            names = "-Y",
            description = "Print pids with their command names: 1234<cat> (-e decode-pids=comm).")
    boolean decodePidComm;

    @Option(
            names = "--always-show-pid",
            description = "Start every line with its pid, even when one process is traced.")
    boolean alwaysShowPid;

    @Option(
            names = "--syscall-limit",
            paramLabel = "N",
            description = "Detach from every tracee once N calls were shown (they go on untraced).")
    Long syscallLimit;

    @Option(
            names = {"-k", "--stack-trace", "--stack-traces"},
            description =
                    "Print the stack of each call and signal after its line, unwound with the .eh_frame"
                            + " tables of the files mapped (frame pointers where a function has none) and"
                            + " named from their ELF symbol tables; x86_64 calls only.")
    boolean stackTrace;

    @Option(
            names = {"-z", "--successful-only"},
            description =
                    "Print only the calls that returned without an error (-e status=successful).")
    boolean successfulOnly;

    @Option(
            names = {"-Z", "--failed-only", "--failing-only"},
            description = "Print only the calls that returned an error (-e status=failed).")
    boolean failedOnly;

    @Option(
            names = "-t",
            description =
                    "Prefix each line with the time of day; -tt with microseconds; -ttt as seconds since the epoch.")
    boolean[] time = new boolean[0];

    @Option(
            names = {"-r", "--relative-timestamps"},
            description = "Prefix each line with the time since the previous one.")
    boolean relative;

    @Option(
            names = "-y",
            description =
                    "Print file descriptors with the path they refer to: 3</etc/passwd>; -yy also sockets'"
                            + " addresses, devices' numbers, pidfds' pids (-e decode-fds=).")
    boolean[] fdPaths = new boolean[0];

    @Option(
            names = {"-p", "--attach"},
            split = ",",
            paramLabel = "PID",
            description = "Attach to running processes (all their threads); Ctrl-C detaches.")
    List<Integer> attach = new ArrayList<>();

    @Option(
            names = "--seccomp-bpf",
            description =
                    "Stop only at the traced calls (a seccomp filter lets the others run); needs -e trace= and a command.")
    boolean seccomp;

    @Option(
            names = "--json",
            description = "One JSON object per line and event, for programs to read.")
    boolean json;

    @Parameters(
            paramLabel = "COMMAND",
            arity = "0..*",
            description = "The command to run and its arguments.")
    List<String> command = new ArrayList<>();

    /** A Java tampering hook ({@link Trace#run}), or null on the command line. */
    TraceHook hook;

    @Override
    public Integer call() throws IOException, InterruptedException {
        TraceOptions options = options();
        if (daemonize.length > 0 && detachedFrom == null) {
            // (the detached tracer itself may still see a -D clustered with other flags: -fD)
            return Detached.run(this, options, daemonize.length);
        }
        Writer out;
        boolean toFile = options.output() != null;
        if (toFile) {
            try {
                out = Files.newBufferedWriter(options.output(), StandardCharsets.ISO_8859_1);
            } catch (IOException e) {
                throw Failure.usage(
                        "cannot write " + options.output() + ": " + Failure.describe(e));
            }
        } else {
            out =
                    new BufferedWriter(
                            new OutputStreamWriter(
                                    new FileOutputStream(FileDescriptor.err),
                                    StandardCharsets.ISO_8859_1));
        }
        Tracer tracer =
                new Tracer(options, Standard.DECODERS, SyscallCatalog.load()::arguments, hook);
        try {
            return tracer.run(
                    t ->
                            options.summary()
                                    ? new Summary(out)
                                    : options.json()
                                            ? new JsonOutput(out, !toFile)
                                            : new TextOutput(
                                                    out,
                                                    toFile,
                                                    !toFile,
                                                    options,
                                                    t::traceeCount,
                                                    t::lastNumber));
        } finally {
            if (toFile) {
                out.close();
            } else {
                out.flush(); // stderr stays open: the command line reports errors there
            }
        }
    }

    private TraceOptions options() {
        if (command.isEmpty() == attach.isEmpty()) {
            throw Failure.usage(
                    command.isEmpty()
                            ? "give a command to trace, or -p PID to attach to one"
                            : "give a command or -p PID, not both");
        }
        if (followForks.length > 1) {
            throw Failure.usage(
                    "-ff (a file per process) is not done by rawsys trace; use -f -o FILE, whose lines"
                            + " carry each process's pid");
        }
        if (daemonize.length > 3) {
            throw Failure.usage("-D can be given at most three times (-DDD)");
        }
        if (daemonize.length > 0 && !attach.isEmpty()) {
            throw Failure.usage("-D runs a command; it does not go with -p");
        }
        if (stringLimit < 0) {
            throw Failure.usage("-s wants a number of bytes, 0 or more, not " + stringLimit);
        }
        if (time.length > 3) {
            throw Failure.usage("-t can be given at most three times (-ttt)");
        }
        if (time.length > 0 && relative) {
            throw Failure.usage("-r and -t cannot be used together");
        }
        if (column < 0) {
            throw Failure.usage("-a wants a column, 0 or more, not " + column);
        }
        Qualifiers q = qualifiers();
        Text.Hex hexStrings =
                switch (hex.length) {
                    case 0 -> Text.Hex.NONE;
                    case 1 -> Text.Hex.NON_ASCII;
                    default -> Text.Hex.ALL;
                };
        if (stringsInHex != null) {
            hexStrings =
                    switch (stringsInHex) {
                        case "none" -> Text.Hex.NONE;
                        case "non-ascii-chars" -> Text.Hex.NON_ASCII_CHARS;
                        case "non-ascii" -> Text.Hex.NON_ASCII;
                        case "all" -> Text.Hex.ALL;
                        default ->
                                throw Failure.usage(
                                        "--strings-in-hex="
                                                + stringsInHex
                                                + ": say none, non-ascii-chars, non-ascii or all");
                    };
        }
        Xlat.Style xlat = Xlat.Style.ABBREV;
        if (xlatStyle != null) {
            xlat =
                    switch (xlatStyle) {
                        case "raw" -> Xlat.Style.RAW;
                        case "abbrev" -> Xlat.Style.ABBREV;
                        case "verbose" -> Xlat.Style.VERBOSE;
                        default ->
                                throw Failure.usage(
                                        "-X " + xlatStyle + ": say raw, abbrev or verbose");
                    };
        }
        String status = q.last.get("status");
        if (successfulOnly || failedOnly) {
            // as strace: each sets the status filter to its one status; the later given wins, and
            // with both given -Z, as strace's option loop leaves it
            status = failedOnly ? "failed" : "successful";
        }
        Injections injections;
        try {
            injections =
                    Injections.parse(
                            q.tampering,
                            SyscallCatalog.load()::members,
                            Standard.DECODERS::carriedNames);
        } catch (IllegalArgumentException e) {
            throw Failure.usage(e.getMessage());
        }
        if (!injections.isEmpty() && !io.rawsys.Arch.current().name().equals("x86_64")) {
            throw Failure.usage(
                    "-e inject= and -e fault= are x86_64's here: they set its registers with"
                            + " PTRACE_POKEUSR, and this machine is "
                            + io.rawsys.Arch.current());
        }
        Filter filter;
        SyscallSet abbrev;
        SyscallSet verbose;
        SyscallSet raw;
        try {
            filter =
                    Filter.parse(
                            q.last.get("trace"),
                            status,
                            SyscallCatalog.load()::members,
                            Standard.DECODERS::carriedNames);
            abbrev = syscallSet("abbrev", q.last.getOrDefault("abbrev", "all"));
            verbose = syscallSet("verbose", q.last.getOrDefault("verbose", "all"));
            raw = syscallSet("raw", q.last.getOrDefault("raw", "none"));
            // unknown names are refused before anything runs
            for (SyscallSet set : List.of(abbrev, verbose, raw)) {
                set.members(io.rawsys.Arch.current());
            }
            filter.traced(io.rawsys.Arch.current());
        } catch (IllegalArgumentException e) {
            throw Failure.usage(e.getMessage());
        }
        if (seccomp && !attach.isEmpty()) {
            throw Failure.usage(
                    "--seccomp-bpf works on a command rawsys trace starts, not with -p");
        }
        long limit = -1;
        if (syscallLimit != null) {
            if (syscallLimit <= 0) {
                throw Failure.usage(
                        "--syscall-limit wants a number of calls, 1 or more, not " + syscallLimit);
            }
            limit = syscallLimit;
            if (seccomp) {
                System.err.println(
                        "rawsys trace: --seccomp-bpf is not enabled because it is not compatible"
                                + " with --syscall-limit");
                seccomp = false;
            }
        }
        // -q: as strace, by default quiet about attaching when the trace goes to a file
        Set<TraceOptions.Quiet> quietSet = EnumSet.noneOf(TraceOptions.Quiet.class);
        String quietExpression = q.last.get("quiet");
        if (quiet.length > 0 && quietExpression != null) {
            throw Failure.usage("-q and -e quiet= (--quiet) cannot be given together");
        }
        if (quietExpression != null) {
            quietSet = tokens("quiet", quietExpression, QUIET_NAMES);
        } else {
            int level =
                    quiet.length == 0 && output != null && !command.isEmpty() ? 1 : quiet.length;
            quietSet =
                    switch (level) {
                        case 0 -> EnumSet.noneOf(TraceOptions.Quiet.class);
                        case 1 ->
                                EnumSet.of(
                                        TraceOptions.Quiet.ATTACH, TraceOptions.Quiet.PERSONALITY);
                        case 2 ->
                                EnumSet.of(
                                        TraceOptions.Quiet.ATTACH,
                                        TraceOptions.Quiet.PERSONALITY,
                                        TraceOptions.Quiet.EXIT);
                        default -> EnumSet.allOf(TraceOptions.Quiet.class);
                    };
        }
        String fdExpression = q.last.get("decode-fds");
        if (fdPaths.length > 0 && fdExpression != null) {
            throw Failure.usage("-y and -e decode-fds= (--decode-fds) cannot be given together");
        }
        Set<TraceOptions.FdDecoding> decodeFds =
                fdExpression != null
                        ? tokens("decode-fds", fdExpression, FD_NAMES)
                        : switch (fdPaths.length) {
                            case 0 -> EnumSet.noneOf(TraceOptions.FdDecoding.class);
                            case 1 -> EnumSet.of(TraceOptions.FdDecoding.PATH);
                            default -> EnumSet.allOf(TraceOptions.FdDecoding.class);
                        };
        boolean pidComm = q.pidComm;
        Set<Integer> signals =
                q.last.containsKey("signal") ? signalSet(q.last.get("signal")) : null;
        if (stackTrace && !io.rawsys.Arch.current().name().equals("x86_64")) {
            throw Failure.usage(
                    "-k (--stack-trace) unwinds x86_64 stacks, and this machine is "
                            + io.rawsys.Arch.current());
        }
        TraceOptions.Timestamps timestamps =
                relative
                        ? TraceOptions.Timestamps.RELATIVE
                        : switch (time.length) {
                            case 0 -> TraceOptions.Timestamps.NONE;
                            case 1 -> TraceOptions.Timestamps.SECONDS;
                            case 2 -> TraceOptions.Timestamps.MICROS;
                            default -> TraceOptions.Timestamps.EPOCH;
                        };
        return new TraceOptions(
                List.copyOf(command),
                List.copyOf(attach),
                followForks.length > 0,
                output,
                filter,
                stringLimit,
                summary,
                syscallTimes,
                timestamps,
                Set.copyOf(decodeFds),
                seccomp,
                json,
                injections,
                column,
                hexStrings,
                xlat,
                abbrev,
                verbose,
                raw,
                signals == null ? n -> true : signals::contains,
                Set.copyOf(quietSet),
                pidComm,
                syscallNumbers,
                alwaysShowPid,
                limit,
                tracePaths(quietSet.contains(TraceOptions.Quiet.PATH_RESOLUTION)),
                stackTrace,
                detachedFrom == null ? null : Detached.Target.parse(detachedFrom));
    }

    /** The qualifiers of -e and of their long forms, in the order the command line gave them. */
    private static final class Qualifiers {
        /** The set each qualifier was last given. */
        final Map<String, String> last = new HashMap<>();

        /** -e inject= and -e fault=, in order. */
        final List<String> tampering = new ArrayList<>();

        boolean pidComm;
    }

    /** strace's qualifier names and their aliases, and what each is called here. */
    private static final Map<String, String> QUALIFIERS =
            Map.ofEntries(
                    Map.entry("trace", "trace"),
                    Map.entry("t", "trace"),
                    Map.entry("abbrev", "abbrev"),
                    Map.entry("a", "abbrev"),
                    Map.entry("verbose", "verbose"),
                    Map.entry("v", "verbose"),
                    Map.entry("raw", "raw"),
                    Map.entry("x", "raw"),
                    Map.entry("signal", "signal"),
                    Map.entry("signals", "signal"),
                    Map.entry("s", "signal"),
                    Map.entry("status", "status"),
                    Map.entry("quiet", "quiet"),
                    Map.entry("silent", "quiet"),
                    Map.entry("silence", "quiet"),
                    Map.entry("q", "quiet"),
                    Map.entry("decode-fd", "decode-fds"),
                    Map.entry("decode-fds", "decode-fds"),
                    Map.entry("decode-pid", "decode-pids"),
                    Map.entry("decode-pids", "decode-pids"),
                    Map.entry("inject", "inject"),
                    Map.entry("fault", "fault"));

    /** The long options that are qualifiers, by their first name. */
    private static final Map<String, String> LONG_QUALIFIERS =
            Map.ofEntries(
                    Map.entry("--trace", "trace"),
                    Map.entry("--status", "status"),
                    Map.entry("--abbrev", "abbrev"),
                    Map.entry("--verbose", "verbose"),
                    Map.entry("--raw", "raw"),
                    Map.entry("--signals", "signal"),
                    Map.entry("--quiet", "quiet"),
                    Map.entry("--decode-fds", "decode-fds"),
                    Map.entry("--decode-pids", "decode-pids"),
                    Map.entry("--inject", "inject"),
                    Map.entry("--fault", "fault"));

    private List<String> values(String option) {
        return switch (option) {
            case "-e" -> expressions;
            case "--trace" -> traceSets;
            case "--status" -> statusSets;
            case "--abbrev" -> abbrevSets;
            case "--verbose" -> verboseSets;
            case "--raw" -> rawSets;
            case "--signals" -> signalSets;
            case "--quiet" -> quietSets;
            case "--decode-fds" -> decodeFdSets;
            case "--decode-pids" -> decodePidSets;
            case "--inject" -> injectSpecs;
            case "--fault" -> faultSpecs;
            default -> throw new IllegalStateException(option);
        };
    }

    /**
     * Walks the qualifiers as strace's option loop does, in command-line order: of two sets of one
     * kind the later is used; -v is abbrev=none where it stands; inject= and fault= add up.
     */
    private Qualifiers qualifiers() {
        Qualifiers q = new Qualifiers();
        Map<String, Integer> seen = new HashMap<>();
        List<String[]> ordered = new ArrayList<>();
        CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        List<CommandLine.Model.ArgSpec> matched = parsed == null ? List.of() : parsed.matchedArgs();
        for (CommandLine.Model.ArgSpec arg : matched) {
            if (!(arg instanceof CommandLine.Model.OptionSpec option)) {
                continue;
            }
            String name = option.names()[0];
            if (name.equals("-v")) {
                ordered.add(new String[] {"abbrev", "none"});
                continue;
            }
            if (name.equals("-Y")) {
                ordered.add(new String[] {"decode-pids", "comm"});
                continue;
            }
            if (!name.equals("-e") && !LONG_QUALIFIERS.containsKey(name)) {
                continue;
            }
            int index = seen.merge(name, 1, Integer::sum) - 1;
            List<String> values = values(name);
            if (index >= values.size()) {
                continue;
            }
            String value = values.get(index);
            if (name.equals("-e")) {
                int eq = value.indexOf('=');
                String qualifier = eq < 0 ? "trace" : value.substring(0, eq);
                String canonical = QUALIFIERS.get(qualifier);
                if (canonical == null) {
                    throw Failure.usage(
                            "-e "
                                    + value
                                    + ": rawsys trace knows the qualifiers trace, status, abbrev,"
                                    + " verbose, raw, signal, quiet, decode-fds, decode-pids, inject"
                                    + " and fault (and their one-letter forms), not "
                                    + qualifier
                                    + (qualifier.matches(
                                                    "reads?|r|writes?|w|kvm|secontext|trace-fds?")
                                            ? " (strace's " + qualifier + "= is not done here)"
                                            : ""));
                }
                ordered.add(new String[] {canonical, eq < 0 ? value : value.substring(eq + 1)});
            } else {
                ordered.add(new String[] {LONG_QUALIFIERS.get(name), value});
            }
        }
        if (parsed == null) { // options set by a test without a command line: in field order
            expressions.forEach(
                    e -> {
                        int eq = e.indexOf('=');
                        String qualifier = eq < 0 ? "trace" : e.substring(0, eq);
                        ordered.add(
                                new String[] {
                                    QUALIFIERS.getOrDefault(qualifier, qualifier),
                                    eq < 0 ? e : e.substring(eq + 1)
                                });
                    });
            if (noAbbrev) {
                ordered.add(new String[] {"abbrev", "none"});
            }
        }
        for (String[] qv : ordered) {
            switch (qv[0]) {
                case "inject", "fault" -> q.tampering.add(qv[0] + "=" + qv[1]);
                case "decode-pids" -> {
                    Set<String> pids = tokens("decode-pids", qv[1], PID_NAMES);
                    q.pidComm = pids.contains("comm");
                }
                default -> q.last.put(qv[0], qv[1]);
            }
        }
        return q;
    }

    private static final Map<String, TraceOptions.Quiet> QUIET_NAMES =
            Map.of(
                    "attach", TraceOptions.Quiet.ATTACH,
                    "exit", TraceOptions.Quiet.EXIT,
                    "exits", TraceOptions.Quiet.EXIT,
                    "path-resolution", TraceOptions.Quiet.PATH_RESOLUTION,
                    "personality", TraceOptions.Quiet.PERSONALITY,
                    "superseded", TraceOptions.Quiet.THREAD_EXECVE,
                    "thread-execve", TraceOptions.Quiet.THREAD_EXECVE);

    private static final Map<String, TraceOptions.FdDecoding> FD_NAMES =
            Map.of(
                    "path", TraceOptions.FdDecoding.PATH,
                    "socket", TraceOptions.FdDecoding.SOCKET,
                    "dev", TraceOptions.FdDecoding.DEV,
                    "pidfd", TraceOptions.FdDecoding.PIDFD);

    private static final Map<String, String> PID_NAMES = Map.of("comm", "comm");

    /**
     * A set of named things as strace's qualifiers take it: names separated by commas, {@code all},
     * {@code none}, a leading {@code !} for the others.
     */
    private static <E> Set<E> tokens(String qualifier, String expression, Map<String, E> names) {
        boolean negated = expression.startsWith("!");
        String body = negated ? expression.substring(1) : expression;
        Set<E> all = new java.util.HashSet<>(names.values());
        Set<E> chosen = new java.util.HashSet<>();
        for (String token : body.split(",", -1)) {
            if (token.equals("all")) {
                chosen.addAll(all);
            } else if (token.equals("none")) {
                // nothing
            } else if (names.containsKey(token)) {
                chosen.add(names.get(token));
            } else {
                if (qualifier.equals("decode-pids") && token.equals("pidns")) {
                    throw Failure.usage(
                            "-e decode-pids=pidns (--pidns-translation) is not done by rawsys trace");
                }
                throw Failure.usage(
                        "-e "
                                + qualifier
                                + "="
                                + expression
                                + ": '"
                                + token
                                + "' is none of "
                                + String.join(", ", new java.util.TreeSet<>(names.keySet()))
                                + ", all, none");
            }
        }
        if (negated) {
            all.removeAll(chosen);
            chosen = all;
        }
        return chosen;
    }

    /** -e signal=SET: signal names (with or without SIG, any case) or numbers 1 to 255. */
    private static Set<Integer> signalSet(String expression) {
        boolean negated = expression.startsWith("!");
        String body = negated ? expression.substring(1) : expression;
        Set<Integer> chosen = new java.util.HashSet<>();
        boolean all = false;
        for (String token : body.split(",", -1)) {
            if (token.equals("all")) {
                all = true;
            } else if (token.equals("none")) {
                // nothing
            } else if (token.matches("[0-9]+")) {
                int n = Integer.parseInt(token.length() > 3 ? "256" : token);
                if (n < 1 || n > 255) {
                    throw Failure.usage(
                            "-e signal=" + expression + ": " + token + " is no signal (1 to 255)");
                }
                chosen.add(n);
            } else {
                String name = token.toUpperCase(java.util.Locale.ROOT);
                name = name.startsWith("SIG") ? name : "SIG" + name;
                java.util.OptionalLong value =
                        name.contains("_")
                                ? java.util.OptionalLong.empty()
                                : io.rawsys.Arch.current().constants().find(name);
                if (value.isEmpty() || value.getAsLong() < 1 || value.getAsLong() > 255) {
                    throw Failure.usage(
                            "-e signal="
                                    + expression
                                    + ": '"
                                    + token
                                    + "' is no signal; name one as SIGINT, INT or 2");
                }
                chosen.add((int) value.getAsLong());
            }
        }
        if (all != negated) {
            Set<Integer> rest = new java.util.HashSet<>();
            for (int n = 1; n <= 255; n++) {
                if (!chosen.contains(n)) {
                    rest.add(n);
                }
            }
            return all ? (negated ? Set.of() : rest) : rest;
        }
        return all ? Set.of() : chosen;
    }

    private static SyscallSet syscallSet(String qualifier, String expression) {
        return SyscallSet.parse(
                qualifier,
                expression,
                SyscallCatalog.load()::members,
                Standard.DECODERS::carriedNames);
    }

    /**
     * -P's paths, each also as the absolute path it resolves to (strace says so, unless quiet about
     * path resolution).
     */
    private List<String> tracePaths(boolean quietResolution) {
        List<String> all = new ArrayList<>();
        for (String p : paths) {
            if (p.isEmpty()) {
                throw Failure.usage("-P wants a path, not an empty string");
            }
            all.add(p);
            try {
                String real = Path.of(p).toRealPath().toString();
                if (!real.equals(p)) {
                    all.add(real);
                    if (!quietResolution) {
                        System.err.println(
                                "rawsys trace: Requested path \""
                                        + p
                                        + "\" resolved into \""
                                        + real
                                        + "\"");
                    }
                }
            } catch (IOException | java.nio.file.InvalidPathException e) {
                // a path that does not exist (yet) is traced as given
            }
        }
        return List.copyOf(all);
    }

    /** The decoders, made when a trace is first asked for (not when the CLI starts). */
    private static final class Standard {
        static final Decoders DECODERS = Decoders.standard();
    }
}
