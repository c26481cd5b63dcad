package io.rawsys.cli.exercise;

import io.rawsys.ErrnoException;
import io.rawsys.calls.DirEntry;
import io.rawsys.calls.FileCalls;
import io.rawsys.calls.ProcessCalls;
import io.rawsys.linux.Dirent;
import io.rawsys.linux.Fcntl;
import io.rawsys.tool.Failure;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Exercise 5, configfs: the file system where user space creates kernel objects. mkdir makes an
 * item, the kernel fills it with attribute files, writes configure it, rmdir destroys it.
 */
@Command(
        name = "configfs",
        mixinStandardHelpOptions = true,
        description = {
            "Exercise 5 (configfs): where sysfs shows objects the kernel made, configfs lets user space make them."
                    + " This walk-through checks that the kernel has configfs (/proc/filesystems) and where it is"
                    + " mounted (/proc/self/mountinfo), lists the registered subsystems, then creates an item"
                    + " (mkdirat), lists the attributes the kernel gave it, sets some (one write() each), and"
                    + " removes it again (unlinkat with AT_REMOVEDIR). Where the kernel has no configfs it says"
                    + " so and changes nothing.",
        },
        footer = {
            "",
            "Examples:",
            "  rawsys configfs                                  (check, list, and walk a known subsystem)",
            "  rawsys configfs --item netconsole/demo --set remote_port=6666 --keep",
            "  rawsys configfs --item usb_gadget/g1 --set idVendor=0x1d6b --set idProduct=0x0104"
        })
public final class ConfigfsCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
            names = "--item",
            paramLabel = "SUBSYSTEM/NAME",
            description =
                    "The item to create, relative to the mount point (default: a demo item of a subsystem"
                            + " rawsys knows, if one is registered).")
    String item;

    @Option(
            names = "--set",
            paramLabel = "ATTRIBUTE=VALUE",
            description = "Write an attribute of the new item (repeatable).")
    List<String> settings = new ArrayList<>();

    @Option(names = "--keep", description = "Leave the item in place instead of removing it.")
    boolean keep;

    /** Demo items for subsystems found in common kernels, with an attribute that is safe to set. */
    private static final Map<String, String> DEMOS =
            Map.of(
                    "netconsole", "remote_port=6666",
                    "usb_gadget", "idVendor=0x1d6b");

    private static final Pattern ATTRIBUTE = Pattern.compile("[A-Za-z0-9_]+");

    private static final Pattern ITEM = Pattern.compile("[A-Za-z0-9_.:-]+(/[A-Za-z0-9_.:-]+)+");

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (item != null && (!ITEM.matcher(item).matches() || item.contains(".."))) {
            throw Failure.usage(
                    "--item wants SUBSYSTEM/NAME (e.g. netconsole/demo), not '" + item + "'");
        }
        parse(settings); // bad input is refused before anything is looked at or made
        if (!KernelFiles.read("/proc/filesystems")
                .lines()
                .anyMatch(l -> l.endsWith("\tconfigfs"))) {
            throw new Failure(
                    "configfs is not available: this kernel (Linux "
                            + ProcessCalls.uname().release()
                            + ") does not list it in /proc/filesystems. It was built without"
                            + " CONFIG_CONFIGFS_FS, or configfs is a module that is not loaded (try"
                            + " modprobe configfs). Nothing was changed.",
                    Failure.KERNEL);
        }
        out.println("configfs: listed in /proc/filesystems");
        String root =
                mountPoint()
                        .orElseThrow(
                                () ->
                                        new Failure(
                                                "configfs is in this kernel but not mounted; mount it"
                                                        + " where it belongs with: mount -t configfs"
                                                        + " none /sys/kernel/config",
                                                Failure.KERNEL));
        out.println("configfs: mounted at " + root + " (/proc/self/mountinfo)");
        List<String> subsystems =
                KernelFiles.list(root).stream()
                        .filter(e -> e.type() == Dirent.DT_DIR)
                        .map(DirEntry::name)
                        .toList();
        out.println(
                "subsystems: "
                        + (subsystems.isEmpty()
                                ? "none registered (modules such as netconsole, libcomposite,"
                                        + " target_core_mod or nvmet register one)"
                                : String.join(" ", subsystems)));
        String target = item;
        List<String> values = settings;
        if (target == null) {
            Optional<String> known = subsystems.stream().filter(DEMOS::containsKey).findFirst();
            if (known.isEmpty()) {
                out.println(
                        "no subsystem rawsys has a demo for; pick one with --item SUBSYSTEM/NAME");
                return 0;
            }
            target = known.get() + "/rawsys-demo";
            values = settings.isEmpty() ? List.of(DEMOS.get(known.get())) : settings;
        }
        walk(out, root + "/" + target, parse(values));
        return 0;
    }

    private static List<KernelFiles.Setting> parse(List<String> settings) {
        return settings.stream()
                .map(s -> KernelFiles.Setting.parse(s, ATTRIBUTE, "ATTRIBUTE=VALUE"))
                .toList();
    }

    private void walk(PrintWriter out, String path, List<KernelFiles.Setting> values) {
        try {
            FileCalls.mkdirat(Fcntl.AT_FDCWD, path, 0755);
        } catch (ErrnoException e) {
            throw Failure.of(e, "mkdirat " + path);
        }
        out.println("mkdirat(" + path + ") = 0: the kernel made the item; its attributes:");
        try {
            show(out, path);
            for (KernelFiles.Setting s : values) {
                out.println(KernelFiles.set(path + "/" + s.name(), s.value()));
            }
        } finally {
            if (!keep) {
                try {
                    FileCalls.unlinkat(Fcntl.AT_FDCWD, path, Fcntl.AT_REMOVEDIR);
                    out.println("unlinkat(" + path + ", AT_REMOVEDIR) = 0: the item is gone");
                } catch (ErrnoException e) {
                    out.println("could not remove " + path + ": " + Failure.describe(e));
                }
            }
        }
    }

    private static void show(PrintWriter out, String path) {
        for (DirEntry e : KernelFiles.list(path)) {
            String file = path + "/" + e.name();
            out.printf(
                    "  %-20s %s%n",
                    e.name() + (e.type() == Dirent.DT_DIR ? "/" : ""),
                    e.type() == Dirent.DT_DIR ? "" : KernelFiles.value(file));
        }
    }

    /** Where configfs is mounted, from this process's mountinfo (field 5; the type after " - "). */
    private static Optional<String> mountPoint() {
        for (String line : KernelFiles.read("/proc/self/mountinfo").split("\n")) {
            int dash = line.indexOf(" - ");
            String[] fields = line.split(" ");
            if (dash > 0 && line.substring(dash + 3).startsWith("configfs ") && fields.length > 4) {
                return Optional.of(fields[4].replace("\\040", " "));
            }
        }
        return Optional.empty();
    }
}
