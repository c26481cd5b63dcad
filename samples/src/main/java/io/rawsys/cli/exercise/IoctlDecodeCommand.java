package io.rawsys.cli.exercise;

import io.rawsys.Arch;
import io.rawsys.ConstantTable;
import io.rawsys.cli.options.ArchOption;
import io.rawsys.tool.Failure;
import java.io.PrintWriter;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "decode",
        mixinStandardHelpOptions = true,
        description = {
            "Takes an ioctl request number apart as the kernel's _IOC macros build it: direction (does the kernel"
                    + " read the argument, write it, or both), the argument's size, a type byte naming the"
                    + " driver, and a number within it. The layout differs by architecture: PowerPC and MIPS"
                    + " have 3 direction bits and 13 size bits, and encode the directions differently.",
        },
        footer = {
            "",
            "Examples:",
            "  rawsys ioctl decode FS_IOC_GETFLAGS",
            "  rawsys ioctl decode FS_IOC_GETFLAGS --every",
            "  rawsys ioctl decode 0x80086601 --arch ppc64le"
        })
final class IoctlDecodeCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin ArchOption archOption;

    @Parameters(
            paramLabel = "NAME|NUMBER",
            description = "A request's name (TIOCGWINSZ) or number.")
    String request;

    @Option(
            names = "--every",
            description = "The request by name on every architecture rawsys knows.")
    boolean every;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<Arch> arches =
                every ? Arch.names().stream().map(Arch::of).toList() : List.of(archOption.arch());
        if (every && Character.isDigit(request.charAt(0))) {
            throw Failure.usage(
                    "--every needs a request's name: a number means something else on each architecture");
        }
        for (Arch arch : arches) {
            out.println(decode(arch, request));
        }
        return 0;
    }

    static String decode(Arch arch, String request) {
        ConstantTable constants = arch.constants();
        long value;
        String name;
        if (!request.isEmpty() && Character.isDigit(request.charAt(0))) {
            try {
                value = Long.decode(request);
            } catch (NumberFormatException e) {
                throw Failure.usage(
                        "'" + request + "' is no number (write 0x80086601 or 2148034049)");
            }
            name = String.format("0x%x", value);
        } else {
            try {
                value = constants.value(request);
            } catch (NoSuchElementException e) {
                throw Failure.usage(e.getMessage());
            }
            name = request;
        }
        long dir = field(constants, value, "DIR");
        long size = field(constants, value, "SIZE");
        long type = field(constants, value, "TYPE");
        long number = field(constants, value, "NR");
        String direction;
        String macro;
        if (dir == constants.value("_IOC_NONE")) {
            direction = "none";
            macro = "_IO";
        } else if (dir == constants.value("_IOC_READ")) {
            direction = "read: the kernel writes the argument, the caller reads it";
            macro = "_IOR";
        } else if (dir == constants.value("_IOC_WRITE")) {
            direction = "write: the kernel reads the argument";
            macro = "_IOW";
        } else if (dir == (constants.value("_IOC_READ") | constants.value("_IOC_WRITE"))) {
            direction = "read and write: the kernel reads the argument and writes it back";
            macro = "_IOWR";
        } else {
            direction = "0x" + Long.toHexString(dir) + " (no direction this architecture defines)";
            macro = "_IOC";
        }
        String typeText =
                type >= 0x20 && type < 0x7f
                        ? "'" + (char) type + "'"
                        : "0x" + Long.toHexString(type);
        StringBuilder s = new StringBuilder();
        s.append(String.format("%s = 0x%08x on %s%n", name, value, arch.name()));
        s.append(String.format("  direction  %s%n", direction));
        s.append(String.format("  size       %d bytes%n", size));
        s.append(String.format("  type       %s%n", typeText));
        s.append(String.format("  number     %d (0x%x)%n", number, number));
        s.append(
                macro.equals("_IO")
                        ? String.format(
                                "  = _IO(%s, 0x%x): no argument encoded (or a request older than the"
                                        + " encoding, as the terminal ones are)",
                                typeText, number)
                        : String.format(
                                "  = %s(%s, 0x%x, %d-byte argument)",
                                macro, typeText, number, size));
        return s.toString();
    }

    /** (value >> _IOC_xSHIFT) & _IOC_xMASK, with this architecture's shifts and masks. */
    private static long field(ConstantTable constants, long value, String which) {
        return (value >>> constants.value("_IOC_" + which + "SHIFT"))
                & constants.value("_IOC_" + which + "MASK");
    }
}
