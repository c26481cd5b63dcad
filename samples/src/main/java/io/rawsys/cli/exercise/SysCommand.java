package io.rawsys.cli.exercise;

import io.rawsys.ErrnoException;
import io.rawsys.calls.DirEntry;
import io.rawsys.linux.Dirent;
import io.rawsys.linux.Errno;
import io.rawsys.tool.Failure;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Exercise 5, sysfs: a kernel object's directory, one attribute per file, read and written through
 * the typed file calls.
 */
@Command(
        name = "sys",
        mixinStandardHelpOptions = true,
        description = {
            "Exercise 5 (sysfs): a kernel object as /sys shows it: one value per attribute file, its links to other"
                    + " objects, its subdirectories. --set writes an attribute (one write(), as sysfs wants),"
                    + " which is how many drivers are configured.",
        },
        footer = {
            "",
            "Examples:",
            "  rawsys sys class/net/lo",
            "  rawsys sys block/loop0 --set queue/read_ahead_kb=256",
            "  ip link add rawsys0 type veth peer name rawsys1 && rawsys sys class/net/rawsys0 --set mtu=1400",
            "  ip link show rawsys0 && ip link delete rawsys0"
        })
public final class SysCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(
            paramLabel = "PATH",
            description = "A directory under /sys, absolute or relative to /sys (class/net/lo).")
    String path;

    @Option(
            names = "--set",
            paramLabel = "ATTRIBUTE=VALUE",
            description = "Write VALUE to the attribute first (repeatable).")
    List<String> settings = new ArrayList<>();

    /** The longest value shown on one line; longer ones (uevent, modalias) are cut. */
    private static final int SHOWN = 60;

    private static final Pattern ATTRIBUTE =
            Pattern.compile("[A-Za-z0-9_.:-]+(/[A-Za-z0-9_.:-]+)*");

    @Override
    public Integer call() {
        String dir = resolve(path);
        PrintWriter out = spec.commandLine().getOut();
        for (String setting : settings) {
            KernelFiles.Setting s =
                    KernelFiles.Setting.parse(
                            setting, ATTRIBUTE, "ATTRIBUTE=VALUE with ATTRIBUTE a file of " + dir);
            out.println(KernelFiles.set(dir + "/" + s.name(), s.value()));
        }
        List<DirEntry> entries;
        try {
            entries = KernelFiles.list(dir);
        } catch (ErrnoException e) {
            throw e.errno() == Errno.ENOENT || e.errno() == Errno.ENOTDIR
                    ? new Failure(
                            dir + " is no directory under /sys: " + Failure.describe(e),
                            Failure.KERNEL)
                    : Failure.of(e, dir);
        }
        out.println(dir + ":");
        List<String> directories = new ArrayList<>();
        for (DirEntry e : entries) {
            String file = dir + "/" + e.name();
            if (e.type() == Dirent.DT_DIR) {
                directories.add(e.name() + "/");
            } else if (e.type() == Dirent.DT_LNK) {
                out.printf(
                        "  %-24s -> %s%n",
                        e.name(), KernelFiles.orError(() -> KernelFiles.link(file)));
            } else {
                out.printf("  %-24s %s%n", e.name(), value(file));
            }
        }
        if (!directories.isEmpty()) {
            out.printf("  %-24s %s%n", "(directories)", String.join(" ", directories));
        }
        return 0;
    }

    /** /sys/PATH for a relative path; an absolute one must lie under /sys. */
    static String resolve(String path) {
        String p = path.startsWith("/") ? path : "/sys/" + path;
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        if (!(p.equals("/sys") || p.startsWith("/sys/"))
                || p.contains("/../")
                || p.endsWith("/..")) {
            throw Failure.usage(
                    "'" + path + "' is not under /sys; give a path such as class/net/lo");
        }
        return p;
    }

    /** An attribute's value on one line: its first line, cut at {@link #SHOWN} characters. */
    private static String value(String file) {
        try {
            String text = KernelFiles.read(file);
            String line = text.strip();
            int lines = line.isEmpty() ? 0 : (int) line.lines().count();
            if (lines > 1) {
                line = line.lines().findFirst().orElse("") + " … (" + lines + " lines)";
            }
            return line.length() > SHOWN ? line.substring(0, SHOWN) + " …" : line;
        } catch (ErrnoException e) {
            return e.errno() == Errno.EACCES || e.errno() == Errno.EPERM
                    ? "(write-only or private: " + e.errnoName() + ")"
                    : "(" + Failure.describe(e) + ")";
        }
    }
}
