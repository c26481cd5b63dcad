package io.rawsys.cli.exercise;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Exercise 3: configuring devices and files with ioctl, one subcommand per request family. */
@Command(
        name = "ioctl",
        mixinStandardHelpOptions = true,
        description = {
            "Exercise 3: ioctl, the call that carries every request a device or file understands: a terminal's"
                    + " size, the bytes waiting on a pipe, a file's inode flags, a block device's size, and how"
                    + " a request number encodes its argument.",
        },
        subcommands = {
            IoctlWinsizeCommand.class,
            IoctlFionreadCommand.class,
            IoctlAttrsCommand.class,
            IoctlBlockCommand.class,
            IoctlDecodeCommand.class
        },
        footer = {
            "",
            "Examples:",
            "  rawsys ioctl winsize                 (in a terminal; compare: stty size)",
            "  rawsys ioctl fionread",
            "  rawsys ioctl attrs /etc/hostname     (compare: lsattr /etc/hostname)",
            "  rawsys ioctl block /dev/loop0        (compare: blockdev --getsize64 /dev/loop0)",
            "  rawsys ioctl decode FS_IOC_GETFLAGS --arch ppc64le"
        })
public final class IoctlCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return spec.exitCodeOnInvalidInput();
    }
}
