package io.rawsys.cli.exercise;

import static io.rawsys.cli.RawsysJar.command;
import static io.rawsys.cli.RawsysJar.rawsys;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rawsys.cli.NetNamespace;
import io.rawsys.cli.RawsysJar;
import io.rawsys.cli.RawsysJar.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Exercise 5 from the jar: the proc, sys and configfs views, checked against what the kernel shows
 * the JDK and what ip, prlimit and ps say.
 */
class KernelFilesExerciseIT {
    static Run sh(String... command) throws Exception {
        return RawsysJar.run(new byte[0], List.of(command));
    }

    @Test
    void procShowsAProcessAsTheKernelDescribesIt() throws Exception {
        Process sleep = new ProcessBuilder("sleep", "60").start();
        try {
            long pid = sleep.pid();
            Run run = rawsys("proc", Long.toString(pid), "--set", "oom_score_adj=500");
            assertEquals(0, run.status(), run.both());
            String out = run.stdout();
            assertTrue(
                    out.startsWith(
                            "/proc/"
                                    + pid
                                    + "/oom_score_adj: 0 -> 500\n/proc/"
                                    + pid
                                    + ": sleep\n"),
                    out);
            assertEquals(
                    "500", Files.readString(Path.of("/proc/" + pid + "/oom_score_adj")).strip());
            assertTrue(
                    out.contains("\n  parent      " + ProcessHandle.current().pid() + " ("), out);
            assertTrue(out.contains("\n  command     sleep 60 "), out);
            String exe = Files.readSymbolicLink(Path.of("/proc/" + pid + "/exe")).toString();
            assertTrue(out.contains("\n  executable  " + exe + " "), out);
            assertTrue(out.contains("adjustment 500"), out);

            long fds;
            try (Stream<Path> list = Files.list(Path.of("/proc/" + pid + "/fd"))) {
                fds = list.count();
            }
            String fdSection =
                    out.substring(out.indexOf("\n  fds "), out.indexOf("\n  namespaces "));
            assertEquals(fds, fdSection.lines().filter(l -> l.contains(" -> ")).count(), fdSection);

            Run prlimit =
                    sh(
                            "prlimit",
                            "--pid",
                            Long.toString(pid),
                            "--nofile",
                            "--output",
                            "SOFT,HARD",
                            "--noheadings");
            String[] limits = prlimit.stdout().strip().split("\\s+");
            assertTrue(
                    out.contains("soft " + limits[0] + ", hard " + limits[1]),
                    out + prlimit.both());

            String net = Files.readSymbolicLink(Path.of("/proc/" + pid + "/ns/net")).toString();
            assertTrue(out.contains("net -> " + net), out);
        } finally {
            sleep.destroy();
        }
    }

    @Test
    void procRenamesItsOwnProcessAndRejectsBadInput() throws Exception {
        Run rename = rawsys("proc", "--set", "comm=rawsys-test");
        assertEquals(0, rename.status(), rename.both());
        assertTrue(
                rename.stdout()
                        .startsWith(
                                "/proc/self/comm: java -> rawsys-test\n/proc/self: rawsys-test\n"),
                rename.stdout());

        Run notANumber = rawsys("proc", "12x");
        assertEquals(2, notANumber.status());
        assertEquals(
                "rawsys proc: '12x' is no process id (a positive number, or self)\n",
                notANumber.stderr());
        Run missing = rawsys("proc", "999999999");
        assertEquals(1, missing.status());
        assertEquals(
                "rawsys proc: no process 999999999 (/proc/999999999 does not exist)\n",
                missing.stderr());
        // A path out of /proc/PID is refused; its target is /dev/null, which a regression that let
        // it through could not harm.
        Run escape = rawsys("proc", "--set", "../../dev/null=x");
        assertEquals(2, escape.status());
        assertTrue(escape.stderr().contains("--set wants FILE=VALUE"), escape.stderr());
    }

    /** A veth interface in a namespace of its own: its sysfs attributes are what ip says. */
    @Test
    void sysShowsAndSetsANetworkDevicesAttributes() throws Exception {
        try (NetNamespace ns = NetNamespace.start()) {
            // A veth pair: this project's CI kernel has no dummy driver (CONFIG_DUMMY is not set).
            Run dummy =
                    RawsysJar.run(
                            new byte[0],
                            ns.command(
                                    List.of(
                                            "ip", "link", "add", "rawsys0", "type", "veth", "peer",
                                            "name", "rawsys1")));
            assertEquals(0, dummy.status(), dummy.both());
            Run run =
                    RawsysJar.run(
                            new byte[0],
                            ns.commandWithSysfs(
                                    command("sys", "class/net/rawsys0", "--set", "mtu=1400")));
            assertEquals(0, run.status(), run.both());
            String out = run.stdout();
            assertTrue(
                    out.startsWith(
                            "/sys/class/net/rawsys0/mtu: 1500 -> 1400\n/sys/class/net/rawsys0:\n"),
                    out);

            String ip =
                    RawsysJar.run(
                                    new byte[0],
                                    ns.command(List.of("ip", "-j", "link", "show", "rawsys0")))
                            .stdout();
            assertEquals("1400", json(ip, "mtu"));
            assertTrue(out.contains("\n  mtu                      1400\n"), out);
            assertTrue(
                    out.contains("\n  address                  " + json(ip, "address") + "\n"),
                    out);
            assertTrue(
                    out.contains("\n  ifindex                  " + json(ip, "ifindex") + "\n"),
                    out);
            assertTrue(
                    out.contains("\n  subsystem                -> ../../../../class/net\n"), out);
            assertTrue(out.contains("statistics/"), out);
        }
    }

    @Test
    void sysRefusesPathsOutsideSys() throws Exception {
        Run outside = rawsys("sys", "/etc");
        assertEquals(2, outside.status());
        assertEquals(
                "rawsys sys: '/etc' is not under /sys; give a path such as class/net/lo\n",
                outside.stderr());
        Run climbing = rawsys("sys", "class/../../etc");
        assertEquals(2, climbing.status());
        Run missing = rawsys("sys", "class/net/no-such-device");
        assertEquals(1, missing.status());
        assertTrue(
                missing.stderr()
                        .startsWith(
                                "rawsys sys: /sys/class/net/no-such-device is no directory under /sys: ENOENT"),
                missing.stderr());
    }

    /**
     * configfs where the kernel has it; where it has not (this project's CI kernel), the command
     * must say so, name where it looked, and change nothing.
     *
     * <p>Where it has it, the test names an item under a subsystem no kernel registers, so the
     * command finds the mount and lists the subsystems, then its mkdirat fails: the demo items
     * ({@code netconsole/rawsys-demo} …) would be kernel objects made on the host, which a test
     * must not make, even briefly.
     */
    @Test
    void configfsSaysWhetherTheKernelHasIt() throws Exception {
        boolean present =
                Files.readAllLines(Path.of("/proc/filesystems")).stream()
                        .anyMatch(l -> l.endsWith("\tconfigfs"));
        Run run = rawsys("configfs", "--item", "rawsys-no-such-subsystem/test");
        if (present) {
            assertEquals(1, run.status(), run.both());
            assertTrue(
                    run.stdout().startsWith("configfs: listed in /proc/filesystems\n"),
                    run.stdout());
            assertTrue(
                    run.stderr().contains("is in this kernel but not mounted")
                            || run.stderr().contains("rawsys-no-such-subsystem/test")
                                    && run.stderr().contains("ENOENT"),
                    run.stderr());
        } else {
            assertEquals(1, run.status(), run.both());
            assertEquals("", run.stdout());
            assertTrue(
                    run.stderr()
                            .startsWith(
                                    "rawsys configfs: configfs is not available: this kernel (Linux "),
                    run.stderr());
            assertTrue(
                    run.stderr().contains("does not list it in /proc/filesystems"), run.stderr());
            assertTrue(run.stderr().endsWith("Nothing was changed.\n"), run.stderr());
        }
        Run bad = rawsys("configfs", "--item", "../escape");
        assertEquals(2, bad.status(), bad.both());
        Run badSetting = rawsys("configfs", "--item", "netconsole/x", "--set", "../enabled=1");
        assertEquals(2, badSetting.status(), badSetting.both());
        assertEquals(
                "rawsys configfs: --set wants ATTRIBUTE=VALUE, not '../enabled=1'\n",
                badSetting.stderr());
    }

    /** One scalar of ip's one-object JSON. */
    private static String json(String text, String key) {
        Matcher m = Pattern.compile("\"" + key + "\":\"?([^\",}]*)").matcher(text);
        assertTrue(m.find(), key + " in " + text);
        return m.group(1);
    }
}
