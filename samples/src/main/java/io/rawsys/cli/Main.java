package io.rawsys.cli;

import io.rawsys.Arch;
import io.rawsys.ErrnoException;
import io.rawsys.cli.exercise.AsmCommand;
import io.rawsys.cli.exercise.ConfigfsCommand;
import io.rawsys.cli.exercise.IoctlCommand;
import io.rawsys.cli.exercise.LibcCommand;
import io.rawsys.cli.exercise.ProcCommand;
import io.rawsys.cli.exercise.SysCommand;
import io.rawsys.tool.Failure;
import io.rawsys.trace.TraceCommand;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code rawsys} command line: one entry point, a subcommand per tool and exercise. */
@Command(
        name = "rawsys",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = {
            "Every Linux system call from Java 25, through hand-written syscall-instruction stubs called with FFM,"
                    + " with no libc on the path.",
        },
        commandListHeading = "%nCommands:%n",
        footer = {
            "",
            "Run 'rawsys help COMMAND' or 'rawsys COMMAND --help' for a command's arguments and examples.",
            "Exit status: 0 on success, 1 when a system call returned an errno, 2 for a bad command line.",
        })
public final class Main implements Callable<Integer> {
    @Spec CommandSpec spec;

    private Main() {}

    /** Without a command: the usage, on stderr, as a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return spec.exitCodeOnInvalidInput();
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** The commands, in the order the usage lists them. */
    private static final List<Class<?>> COMMANDS =
            List.of(
                    CallCommand.class,
                    TableCommand.class,
                    ErrnoCommand.class,
                    ConstCommand.class,
                    VdsoCommand.class,
                    io.rawsys.cli.net.NetCommand.class,
                    DemoCommand.class,
                    LibcCommand.class,
                    AsmCommand.class,
                    IoctlCommand.class,
                    ProcCommand.class,
                    SysCommand.class,
                    ConfigfsCommand.class,
                    io.rawsys.cli.kernel.KernelCommand.class,
                    TraceCommand.class,
                    PreloadCommand.class,
                    HelpCommand.class);

    /**
     * The command line, with every command, or with only the one {@code args} names: picocli reads
     * each command's annotations when it is added, and for a short command that was most of its
     * start-up (rawsys trace, rawsys call), so a known command comes alone.
     */
    private static CommandLine commandLine(String... args) {
        String first = args.length > 0 ? args[0] : "";
        boolean alone =
                !first.equals("help") && COMMANDS.stream().anyMatch(c -> name(c).equals(first));
        CommandLine cli = new CommandLine(new Main());
        for (Class<?> command : COMMANDS) {
            if (!alone || name(command).equals(first)) {
                cli.addSubcommand(name(command), command);
            }
        }
        CommandLine trace = cli.getSubcommands().get("trace");
        if (trace != null) {
            trace.setOverwrittenOptionsAllowed(true); // as strace's getopt: -a 8 -a 12 is -a 12
        }
        return cli;
    }

    private static String name(Class<?> command) {
        return command.getAnnotation(Command.class).name();
    }

    /** Runs a command line and returns its exit status, without exiting. */
    static int run(String... args) {
        CommandLine cli = commandLine(args);
        // rawsys trace ls -l: everything from the command on is the command's, not rawsys's.
        if (cli.getSubcommands().containsKey("trace")) {
            cli.getSubcommands().get("trace").setStopAtPositional(true);
        }
        cli.setParameterExceptionHandler(
                (e, commandArgs) -> {
                    CommandLine failed = e.getCommandLine();
                    PrintWriter err = failed.getErr();
                    err.println("rawsys: " + e.getMessage());
                    err.println("Try '" + failed.getCommandSpec().qualifiedName() + " --help'.");
                    return failed.getCommandSpec().exitCodeOnInvalidInput();
                });
        cli.setExecutionExceptionHandler(
                (e, failed, parseResult) -> {
                    PrintWriter err = failed.getErr();
                    String name = failed.getCommandSpec().qualifiedName();
                    if (e instanceof Failure failure) {
                        err.println(name + ": " + failure.getMessage());
                        return failure.status();
                    }
                    if (e instanceof ErrnoException errno) {
                        String call =
                                errno.syscall() < 0
                                        ? ""
                                        : Arch.current()
                                                        .syscalls()
                                                        .name(errno.syscall())
                                                        .orElse("syscall " + errno.syscall())
                                                + ": ";
                        err.println(name + ": " + call + Failure.describe(errno));
                        return Failure.KERNEL;
                    }
                    throw e;
                });
        return cli.execute(args);
    }

    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {
                "rawsys " + p.getProperty("version", "(unknown version)"),
                "Java "
                        + Runtime.version()
                        + " on "
                        + System.getProperty("os.name")
                        + " "
                        + System.getProperty("os.arch"),
            };
        }
    }
}
