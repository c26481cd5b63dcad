package io.rawsys.trace;

import io.rawsys.tool.Failure;
import io.rawsys.trace.decode.Decoders;
import io.rawsys.trace.decode.Text;
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
import java.util.List;
import java.util.concurrent.Callable;
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
            names = "-f",
            description = "Follow forks, vforks and clones: trace children and threads too.")
    boolean follow;

    @Option(
            names = "-o",
            paramLabel = "FILE",
            description = "Write the trace to FILE instead of stderr.")
    Path output;

    @Option(
            names = "-e",
            paramLabel = "EXPR",
            description = {
                "trace=SET: which calls (names, %%file %%desc %%process %%network %%signal %%ipc %%memory"
                        + " %%creds %%clock %%stat…, /REGEX, all, none; !SET for the others);",
                "status=SET: which outcomes (successful, failed, unfinished). A bare SET means trace=SET;"
                        + " a later trace= replaces an earlier one.",
                "inject=SET:error=E|retval=V[:signal=S][:delay_enter=D][:delay_exit=D][:when=N|N+|N+S|N..M|N..M+S]:"
                        + " tamper with the traced calls of SET (strace's meaning; x86_64);",
                "fault=SET[:error=E][:when=…]: inject=SET:error=ENOSYS unless said otherwise."
            })
    List<String> expressions = new ArrayList<>();

    @Option(
            names = "-s",
            paramLabel = "N",
            defaultValue = "32",
            description = "Print at most N bytes of a string (default: ${DEFAULT-VALUE}).")
    int stringLimit;

    @Option(
            names = "-c",
            description =
                    "Count time, calls and errors per call, and print a table at the end instead of the calls.")
    boolean summary;

    @Option(names = "-T", description = "Show the time spent in each call.")
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

    @Option(names = "-r", description = "Prefix each line with the time since the previous one.")
    boolean relative;

    @Option(
            names = "-y",
            description = "Print file descriptors with the path they refer to: 3</etc/passwd>.")
    boolean fdPaths;

    @Option(
            names = "-p",
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
                                                    out, toFile, !toFile, options, t::traceeCount));
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
        if (stringLimit < 0) {
            throw Failure.usage("-s wants a number of bytes, 0 or more, not " + stringLimit);
        }
        if (time.length > 3) {
            throw Failure.usage("-t can be given at most three times (-ttt)");
        }
        if (time.length > 0 && relative) {
            throw Failure.usage("-r and -t cannot be used together");
        }
        String trace = null;
        String status = null;
        List<String> tampering = new ArrayList<>();
        for (String e : expressions) {
            int eq = e.indexOf('=');
            String qualifier = eq < 0 ? "trace" : e.substring(0, eq);
            String value = eq < 0 ? e : e.substring(eq + 1);
            switch (qualifier) {
                case "trace", "t" ->
                        trace = value; // as strace: a later set replaces an earlier one
                case "status" -> status = value;
                case "inject", "fault" -> tampering.add(e);
                default ->
                        throw Failure.usage(
                                "-e "
                                        + e
                                        + ": rawsys trace knows the qualifiers trace=, status=, inject= and"
                                        + " fault=, not "
                                        + qualifier
                                        + "=");
            }
        }
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
        if (column < 0) {
            throw Failure.usage("-a wants a column, 0 or more, not " + column);
        }
        if (successfulOnly || failedOnly) {
            // as strace: each sets the status filter to its one status; the later given wins, and
            // with both given -Z, as strace's option loop leaves it
            status = failedOnly ? "failed" : "successful";
        }
        Injections injections;
        try {
            injections =
                    Injections.parse(
                            tampering,
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
        try {
            filter =
                    Filter.parse(
                            trace,
                            status,
                            SyscallCatalog.load()::members,
                            Standard.DECODERS::carriedNames);
        } catch (IllegalArgumentException e) {
            throw Failure.usage(e.getMessage());
        }
        if (seccomp && !attach.isEmpty()) {
            throw Failure.usage(
                    "--seccomp-bpf works on a command rawsys trace starts, not with -p");
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
        TraceOptions options =
                new TraceOptions(
                        List.copyOf(command),
                        List.copyOf(attach),
                        follow,
                        output,
                        filter,
                        stringLimit,
                        summary,
                        syscallTimes,
                        timestamps,
                        fdPaths,
                        seccomp,
                        json,
                        injections,
                        column,
                        hexStrings);
        try {
            filter.traced(
                    io.rawsys.Arch.current()); // unknown names are refused before anything runs
        } catch (IllegalArgumentException e) {
            throw Failure.usage(e.getMessage());
        }
        return options;
    }

    /** The decoders, made when a trace is first asked for (not when the CLI starts). */
    private static final class Standard {
        static final Decoders DECODERS = Decoders.standard();
    }
}
