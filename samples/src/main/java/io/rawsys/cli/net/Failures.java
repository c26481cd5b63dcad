package io.rawsys.cli.net;

import io.rawsys.ErrnoException;
import io.rawsys.netlink.NetlinkFormatException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/**
 * How the net commands end when the kernel says no: one line on stderr naming the command, the
 * errno and the kernel's explanation, and status 1; never a stack trace.
 */
final class Failures {
    private Failures() {}

    static int run(CommandSpec spec, Callable<Integer> body) throws Exception {
        try {
            return body.call();
        } catch (ErrnoException e) {
            spec.commandLine()
                    .getErr()
                    .println(
                            spec.qualifiedName()
                                    + ": "
                                    + e.errnoName()
                                    + " ("
                                    + e.getMessage()
                                    + ")");
            return 1;
        } catch (NetlinkFormatException e) {
            spec.commandLine()
                    .getErr()
                    .println(
                            spec.qualifiedName()
                                    + ": a malformed netlink message: "
                                    + e.getMessage());
            return 1;
        }
    }
}
