package io.rawsys.cli.exercise;

import io.rawsys.ErrnoException;
import io.rawsys.calls.DirEntry;
import io.rawsys.calls.ProcessCalls;
import io.rawsys.calls.Rlimit;
import io.rawsys.linux.Errno;
import io.rawsys.linux.Resource;
import io.rawsys.tool.Failure;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Exercise 5, procfs: a process as the kernel describes it under /proc/PID, read (and, with --set,
 * written) through the typed file calls.
 */
@Command(
        name = "proc",
        mixinStandardHelpOptions = true,
        description = {
            "Exercise 5 (procfs): a process as /proc/PID describes it: status, cmdline, the exe, cwd and root links,"
                    + " every open file descriptor (getdents64 on fd/, readlinkat on each), namespaces, the OOM"
                    + " score, and its open-files limit from prlimit64. Each line names the file it came from."
                    + " --set writes a file of the process first: oom_score_adj of any process, comm (the"
                    + " name) of this one (a thread may rename only its own thread group).",
        },
        footer = {
            "",
            "Examples:",
            "  rawsys proc                    (this process)",
            "  rawsys proc 1",
            "  sleep 100 & rawsys proc $! --set oom_score_adj=500; cat /proc/$!/oom_score_adj",
            "  rawsys proc --set comm=renamed"
        })
public final class ProcCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(
            paramLabel = "PID",
            arity = "0..1",
            description = "The process (default: this one, /proc/self).")
    String pid;

    @Option(
            names = "--set",
            paramLabel = "FILE=VALUE",
            description =
                    "Write VALUE to /proc/PID/FILE first: oom_score_adj, comm … (repeatable).")
    List<String> settings = new ArrayList<>();

    private static final Pattern PID = Pattern.compile("self|[1-9][0-9]{0,9}");
    private static final Pattern FILE = Pattern.compile("[a-z_]+");

    @Override
    public Integer call() {
        String id = pid == null ? "self" : pid;
        if (!PID.matcher(id).matches()) {
            throw Failure.usage("'" + id + "' is no process id (a positive number, or self)");
        }
        String dir = "/proc/" + id;
        Map<String, String> status;
        try {
            status = parseStatus(KernelFiles.read(dir + "/status"));
        } catch (ErrnoException e) {
            throw e.errno() == Errno.ENOENT
                    ? new Failure(
                            "no process " + id + " (" + dir + " does not exist)", Failure.KERNEL)
                    : Failure.of(e, dir + "/status");
        }
        for (String setting : settings) {
            set(dir, setting);
        }
        if (!settings.isEmpty()) {
            status = parseStatus(KernelFiles.read(dir + "/status"));
        }
        print(spec.commandLine().getOut(), dir, status);
        return 0;
    }

    private void set(String dir, String setting) {
        KernelFiles.Setting s =
                KernelFiles.Setting.parse(
                        setting,
                        FILE,
                        "FILE=VALUE with FILE a file of /proc/PID (oom_score_adj, comm …)");
        spec.commandLine().getOut().println(KernelFiles.set(dir + "/" + s.name(), s.value()));
    }

    private static void print(PrintWriter out, String dir, Map<String, String> status) {
        String self = dir.substring("/proc/".length());
        out.printf("%s: %s%n", dir, status.getOrDefault("Name", "?"));
        row(out, "pid", status.get("Pid") + " (thread group " + status.get("Tgid") + ")", "status");
        row(out, "state", status.get("State"), "status");
        String ppid = status.getOrDefault("PPid", "0");
        row(out, "parent", ppid + parentName(ppid), "status, /proc/PPID/comm");
        row(out, "threads", status.get("Threads"), "status");
        row(
                out,
                "user",
                "uid " + first(status.get("Uid")) + ", gid " + first(status.get("Gid")),
                "status");
        row(
                out,
                "memory",
                status.containsKey("VmRSS")
                        ? "RSS " + status.get("VmRSS") + " of " + status.get("VmSize") + " virtual"
                        : "(none: a kernel thread)",
                "status");
        row(
                out,
                "command",
                KernelFiles.orError(() -> command(KernelFiles.read(dir + "/cmdline"))),
                "cmdline");
        row(out, "executable", KernelFiles.orError(() -> KernelFiles.link(dir + "/exe")), "exe");
        row(out, "directory", KernelFiles.orError(() -> KernelFiles.link(dir + "/cwd")), "cwd");
        row(out, "root", KernelFiles.orError(() -> KernelFiles.link(dir + "/root")), "root");
        row(
                out,
                "oom",
                KernelFiles.orError(
                        () ->
                                "score "
                                        + KernelFiles.read(dir + "/oom_score").strip()
                                        + ", adjustment "
                                        + KernelFiles.read(dir + "/oom_score_adj").strip()),
                "oom_score, oom_score_adj");
        row(
                out,
                "open files",
                KernelFiles.orError(() -> openFilesLimit(self, status)),
                "prlimit64(RLIMIT_NOFILE)");
        List<String> fds = new ArrayList<>();
        try {
            List<DirEntry> entries = new ArrayList<>(KernelFiles.list(dir + "/fd"));
            entries.sort(Comparator.comparingInt(e -> Integer.parseInt(e.name())));
            for (DirEntry e : entries) {
                try {
                    fds.add(e.name() + " -> " + KernelFiles.link(dir + "/fd/" + e.name()));
                } catch (ErrnoException gone) {
                    // closed since the listing: with /proc/self, the descriptor that listed fd/
                }
            }
        } catch (ErrnoException e) {
            fds.add(Failure.describe(e));
        }
        rows(out, "fds", fds, "fd/ (getdents64), fd/N (readlinkat)");
        List<String> namespaces = new ArrayList<>();
        try {
            for (DirEntry e : KernelFiles.list(dir + "/ns")) {
                namespaces.add(
                        e.name()
                                + " -> "
                                + KernelFiles.orError(
                                        () -> KernelFiles.link(dir + "/ns/" + e.name())));
            }
        } catch (ErrnoException e) {
            namespaces.add(Failure.describe(e));
        }
        rows(out, "namespaces", namespaces, "ns/*");
    }

    /** The NOFILE limit of a process through prlimit64, which reads another process's limits. */
    private static String openFilesLimit(String self, Map<String, String> status) {
        int target = self.equals("self") ? 0 : Integer.parseInt(status.get("Tgid"));
        Rlimit limit = ProcessCalls.prlimit(target, Resource.RLIMIT_NOFILE);
        return "soft " + limitText(limit.soft()) + ", hard " + limitText(limit.hard());
    }

    private static String limitText(long value) {
        return value == Rlimit.INFINITY ? "unlimited" : Long.toString(value);
    }

    private static String parentName(String ppid) {
        if (ppid.equals("0")) {
            return " (none)";
        }
        try {
            return " (" + KernelFiles.read("/proc/" + ppid + "/comm").strip() + ")";
        } catch (ErrnoException e) {
            return "";
        }
    }

    /** cmdline holds the arguments NUL-separated; a kernel thread has none. */
    private static String command(String cmdline) {
        if (cmdline.isEmpty()) {
            return "(none: a kernel thread)";
        }
        String text = cmdline.endsWith("\0") ? cmdline.substring(0, cmdline.length() - 1) : cmdline;
        return text.replace('\0', ' ');
    }

    /** "Name:\tvalue" lines. */
    static Map<String, String> parseStatus(String text) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                fields.put(line.substring(0, colon), line.substring(colon + 1).strip());
            }
        }
        return fields;
    }

    private static String first(String ids) {
        return ids == null ? "?" : ids.split("\\s+")[0];
    }

    private static void row(PrintWriter out, String label, String value, String source) {
        out.printf("  %-11s %-50s  [%s]%n", label, value, source);
    }

    private static void rows(PrintWriter out, String label, List<String> values, String source) {
        if (values.isEmpty()) {
            row(out, label, "(none)", source);
            return;
        }
        row(out, label, values.get(0), source);
        for (String value : values.subList(1, values.size())) {
            out.printf("  %-11s %s%n", "", value);
        }
    }
}
