package io.rawsys.cli.exercise;

import io.rawsys.ErrnoException;
import io.rawsys.calls.FileCalls;
import io.rawsys.calls.IoctlCalls;
import io.rawsys.calls.WindowSize;
import io.rawsys.linux.Errno;
import io.rawsys.linux.Fcntl;
import io.rawsys.linux.Ioctl;
import io.rawsys.tool.Failure;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "winsize",
        mixinStandardHelpOptions = true,
        description = {
            "The size of a terminal: ioctl(fd, TIOCGWINSZ, struct winsize *), what stty size and every full-screen"
                    + " program ask. --set changes it with TIOCSWINSZ (the terminal's foreground job gets"
                    + " SIGWINCH).",
        })
final class IoctlWinsizeCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
            names = "--fd",
            paramLabel = "FD",
            defaultValue = "0",
            description = "The terminal's file descriptor (default: ${DEFAULT-VALUE}, as stty).")
    int fd;

    @Option(
            names = "--set",
            paramLabel = "ROWSxCOLUMNS",
            description = "Set the size first, e.g. 40x120.")
    String set;

    private static final Pattern SIZE = Pattern.compile("(\\d{1,5})x(\\d{1,5})");

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try {
            if (set != null) {
                Matcher m = SIZE.matcher(set);
                if (!m.matches()
                        || Integer.parseInt(m.group(1)) > 0xffff
                        || Integer.parseInt(m.group(2)) > 0xffff) {
                    throw Failure.usage(
                            "--set wants ROWSxCOLUMNS, each 0..65535 (e.g. 40x120), not '"
                                    + set
                                    + "'");
                }
                WindowSize old = IoctlCalls.windowSize(fd);
                IoctlCalls.setWindowSize(
                        fd,
                        new WindowSize(
                                Integer.parseInt(m.group(1)),
                                Integer.parseInt(m.group(2)),
                                old.xPixels(),
                                old.yPixels()));
                out.printf(
                        "ioctl(%d, TIOCSWINSZ {0x%x}, {ws_row=%s, ws_col=%s}) = 0%n",
                        fd, Ioctl.TIOCSWINSZ, m.group(1), m.group(2));
            }
            WindowSize size = IoctlCalls.windowSize(fd);
            out.printf(
                    "ioctl(%d, TIOCGWINSZ {0x%x}, {ws_row=%d, ws_col=%d, ws_xpixel=%d,"
                            + " ws_ypixel=%d}) = 0%n",
                    fd,
                    Ioctl.TIOCGWINSZ,
                    size.rows(),
                    size.columns(),
                    size.xPixels(),
                    size.yPixels());
            out.printf("%s: %d rows, %d columns%n", describe(fd), size.rows(), size.columns());
            return 0;
        } catch (ErrnoException e) {
            if (e.errno() == Errno.ENOTTY) {
                throw Failure.of(e, "fd " + fd + " is no terminal (it is " + describe(fd) + ")");
            }
            throw Failure.of(e, "ioctl on fd " + fd);
        }
    }

    /** What the descriptor is, as /proc/self/fd tells: /dev/pts/3, pipe:[1234] … */
    static String describe(int fd) {
        try {
            return FileCalls.readlinkat(Fcntl.AT_FDCWD, "/proc/self/fd/" + fd);
        } catch (ErrnoException e) {
            return "not open";
        }
    }
}
