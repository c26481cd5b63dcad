package io.rawsys.cli.exercise;

import io.rawsys.ErrnoException;
import io.rawsys.calls.FileCalls;
import io.rawsys.calls.IoctlCalls;
import io.rawsys.linux.Errno;
import io.rawsys.linux.Fcntl;
import io.rawsys.linux.Ioctl;
import io.rawsys.tool.Failure;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "block",
        mixinStandardHelpOptions = true,
        description = {
            "A block device's size: ioctl(fd, BLKGETSIZE64, uint64_t *) in bytes and ioctl(fd, BLKSSZGET, int *)"
                    + " for its logical sector, as blockdev --getsize64 --getss print them.",
        },
        footer = {
            "",
            "Example, on a loop device over a 16 MiB file:",
            "  truncate -s 16M disk.img && dev=$(losetup --find --show disk.img)",
            "  rawsys ioctl block $dev && blockdev --getsize64 --getss $dev && losetup -d $dev"
        })
final class IoctlBlockCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(
            paramLabel = "DEVICE",
            arity = "1..*",
            description = "Block devices, e.g. /dev/loop0.")
    List<String> devices;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        int status = 0;
        for (String device : devices) {
            try {
                int fd = FileCalls.openat(Fcntl.AT_FDCWD, device, Fcntl.O_RDONLY | Fcntl.O_CLOEXEC);
                try {
                    long bytes = IoctlCalls.blockDeviceSize(fd);
                    int sector = IoctlCalls.blockSectorSize(fd);
                    out.printf(
                            "%s: %d bytes (BLKGETSIZE64 {0x%x}), %d-byte sectors (BLKSSZGET {0x%x}),"
                                    + " %d sectors%n",
                            device,
                            bytes,
                            Ioctl.BLKGETSIZE64,
                            sector,
                            Ioctl.BLKSSZGET,
                            bytes / sector);
                } finally {
                    FileCalls.close(fd);
                }
            } catch (ErrnoException e) {
                String why = e.errno() == Errno.ENOTTY ? " (it is no block device)" : "";
                spec.commandLine()
                        .getErr()
                        .println(
                                "rawsys ioctl block: " + device + ": " + Failure.describe(e) + why);
                status = Failure.KERNEL;
            }
        }
        return status;
    }
}
