package io.rawsys.cli.kernel;

import io.rawsys.Arch;
import io.rawsys.ErrnoException;
import io.rawsys.Syscalls;
import io.rawsys.calls.FileCalls;
import io.rawsys.linux.Errno;
import io.rawsys.linux.Fcntl;
import io.rawsys.tool.Failure;
import java.io.PrintWriter;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The last exercise: add a system call to Linux (samples/kernel/rawsys_greet.patch), build and boot
 * that kernel under qemu, and call the new call from C, assembly and Java. See
 * samples/kernel/README.md.
 */
@Command(
        name = "kernel",
        mixinStandardHelpOptions = true,
        description = {
            "The last exercise: a kernel with a new system call, rawsys_greet (samples/kernel/README.md)."
                    + " 'build' patches Debian's linux-source-6.12, builds a small kernel, rawsys's bindings and"
                    + " CLI from the patched tree, and an initramfs; 'boot' starts it under qemu with a shell;"
                    + " 'test' boots it, runs every check and powers off. Builds are cached by content."
        },
        subcommands = {
            KernelCommand.Build.class,
            KernelCommand.Boot.class,
            KernelCommand.Test.class,
            KernelCommand.Greet.class
        })
public final class KernelCommand implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The repository the exercise's files are in: ./rawsys passes it as rawsys.home. */
    static Path home() {
        String home = System.getProperty("rawsys.home");
        if (home == null || !Files.isDirectory(Path.of(home, KernelExercise.DIR))) {
            throw new Failure(
                    "the kernel exercise builds from a rawsys checkout: run it as ./rawsys kernel ... in"
                            + " the repository (rawsys.home is "
                            + home
                            + ")",
                    Failure.USAGE);
        }
        return Path.of(home).toAbsolutePath();
    }

    @Command(
            name = "build",
            mixinStandardHelpOptions = true,
            description = "Build the kernel, the rawsys jar and the initramfs (cached).")
    static final class Build implements Callable<Integer> {
        @Option(
                names = "--patch",
                paramLabel = "FILE",
                description =
                        "Your own patch instead of samples/kernel/rawsys_greet.patch (it must add"
                                + " rawsys_greet the same way for the checks to pass).")
        Path patch;

        @Override
        public Integer call() {
            if (patch != null && !Files.isRegularFile(patch)) {
                throw new Failure("--patch " + patch + ": no such file", Failure.USAGE);
            }
            new KernelExercise(home(), System.out, patch).build();
            return 0;
        }
    }

    @Command(
            name = "boot",
            mixinStandardHelpOptions = true,
            description = {
                "Build if needed, then boot the kernel with a shell on this terminal. Inside: rawsys call"
                        + " rawsys_greet world buf:64 64; dmesg | tail; rawsys trace -e trace=rawsys_greet"
                        + " /opt/rawsys/greet --once you. 'exit' powers the VM off (qemu: Ctrl-A X)."
            })
    static final class Boot implements Callable<Integer> {
        @Override
        public Integer call() {
            Vm.requireQemu(); // before minutes of building
            KernelExercise.Built built = new KernelExercise(home(), System.out, null).build();
            return Vm.interactive(built);
        }
    }

    @Command(
            name = "test",
            mixinStandardHelpOptions = true,
            description =
                    "Build if needed, boot the kernel, run the checks, power off; one line per check.")
    static final class Test implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Option(
                names = "--timeout",
                paramLabel = "SECONDS",
                description =
                        "How long the VM may take to boot, check and power off (default: ${DEFAULT-VALUE}).")
        int timeout = 600;

        @Option(
                names = "--verbose",
                description = "Show the VM's whole console, not only the checks.")
        boolean verbose;

        @Override
        public Integer call() {
            if (timeout <= 0) {
                throw new Failure("--timeout must be positive, not " + timeout, Failure.USAGE);
            }
            PrintWriter out = spec.commandLine().getOut();
            Vm.requireQemu(); // before minutes of building
            KernelExercise exercise = new KernelExercise(home(), System.out, null);
            KernelExercise.Built built = exercise.build();
            exercise.steps().say("booting the kernel under qemu (TCG: a minute or two)");
            List<String> console =
                    Vm.test(
                            built,
                            timeout,
                            line -> {
                                if (verbose || line.startsWith("RAWSYS-CHECK")) {
                                    System.out.println(line);
                                }
                            });
            List<String> checks = new ArrayList<>();
            console.stream().filter(l -> l.startsWith("RAWSYS-CHECK")).forEach(checks::add);
            checks.add(hostCheck(built.number()));
            out.println(checks.getLast());
            boolean done = console.stream().anyMatch(l -> l.startsWith("RAWSYS-DONE"));
            long failed = checks.stream().filter(l -> l.split(" ")[2].equals("FAIL")).count();
            List<Integer> seen =
                    checks.stream().map(l -> Integer.parseInt(l.split(" ")[1])).distinct().toList();
            List<Integer> absent = new ArrayList<>();
            for (int n = 1; n <= 7; n++) {
                if (!seen.contains(n)) {
                    absent.add(n);
                }
            }
            out.println(
                    failed == 0 && absent.isEmpty() && done
                            ? "rawsys kernel test: every check passed (" + checks.size() + " lines)"
                            : "rawsys kernel test: "
                                    + failed
                                    + " failed"
                                    + (absent.isEmpty() ? "" : ", checks " + absent + " never ran")
                                    + (done ? "" : ", the VM did not finish its script")
                                    + "; rerun with --verbose for the whole console");
            out.flush();
            return failed == 0 && absent.isEmpty() && done ? 0 : 1;
        }

        /**
         * Check 7, on this machine's stock kernel: the same number is not rawsys_greet here (a
         * number chosen locally means nothing to another kernel). What it does answer is shown.
         */
        static String hostCheck(long number) {
            String release = System.getProperty("os.version");
            // arguments no call can act on (NULL pointers, a zero size): if a later kernel gives
            // the number to a call of its own, it refuses them rather than do something here
            long r = Syscalls.raw(number, 0, 0, 0);
            if (r == -Errno.ENOSYS) {
                return "RAWSYS-CHECK 7 pass the host's stock kernel ("
                        + release
                        + "): number "
                        + number
                        + " is ENOSYS, no such call: the greeting exists only in the patched kernel";
            }
            String what =
                    r < 0
                            ? "-" + Arch.current().errnos().name((int) -r).orElse("errno " + -r)
                            : Long.toString(r);
            return "RAWSYS-CHECK 7 pass the host's stock kernel ("
                    + release
                    + "): number "
                    + number
                    + " is some other call here, which returned "
                    + what
                    + ": a number taken locally collides with what a later kernel adds";
        }
    }

    /** Check 4 and 6, inside the VM: the call from Java, and the kernel's log line. */
    @Command(
            name = "greet",
            mixinStandardHelpOptions = true,
            description =
                    "Inside the VM: call rawsys_greet from Java (Syscalls.invoke and a typed wrapper) and find its log line.")
    static final class Greet implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Parameters(
                paramLabel = "NAME",
                arity = "0..1",
                description = "Whom to greet (default: ${DEFAULT-VALUE}).")
        String name = "java";

        private int failures;
        private PrintWriter out;

        private void check(int n, boolean ok, String what) {
            out.println("RAWSYS-CHECK " + n + " " + (ok ? "pass" : "FAIL") + " " + what);
            failures += ok ? 0 : 1;
        }

        @Override
        public Integer call() {
            out = spec.commandLine().getOut();
            long nr = Greeting.number();
            String want = "Hello, " + name + ", from the kernel";
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment n = arena.allocateFrom(name);
                MemorySegment buf = arena.allocate(Greeting.SIZE);
                long length = Syscalls.invoke(nr, n.address(), buf.address(), Greeting.SIZE);
                String text = buf.getString(0);
                check(
                        4,
                        length == want.length() && text.equals(want),
                        "Java, Syscalls.invoke("
                                + nr
                                + " from the generated table, ...): "
                                + length
                                + " \""
                                + text
                                + "\"");
            } catch (ErrnoException e) {
                check(4, false, "Java, Syscalls.invoke: " + e);
            }
            String typed;
            try {
                typed = Greeting.greet(name);
            } catch (ErrnoException e) {
                typed = e.toString();
            }
            check(4, typed.equals(want), "Java, typed wrapper Greeting.greet: \"" + typed + "\"");
            check(
                    4,
                    errno(() -> Greeting.greet(name, 5)).equals("ERANGE")
                            && errno(() -> Greeting.greet("")).equals("EINVAL")
                            && errno(() -> Syscalls.invoke(nr, 8, 8, 64)).equals("EFAULT"),
                    "Java, errors as ErrnoException: size 5 -> "
                            + errno(() -> Greeting.greet(name, 5))
                            + ", empty name -> "
                            + errno(() -> Greeting.greet(""))
                            + ", name 0x8 -> "
                            + errno(() -> Syscalls.invoke(nr, 8, 8, 64)));
            String logged = kernelLog("rawsys_greet: " + want);
            check(
                    6,
                    logged != null,
                    "the kernel's log, read from /dev/kmsg: "
                            + (logged == null ? "no line" : logged));
            out.flush();
            return failures == 0 ? 0 : 1;
        }

        private static String errno(Runnable call) {
            try {
                call.run();
                return "no error";
            } catch (ErrnoException e) {
                return e.errnoName();
            }
        }

        /** The /dev/kmsg record holding {@code text}, or null: each read() returns one record. */
        private static String kernelLog(String text) {
            int fd =
                    FileCalls.openat(
                            Fcntl.AT_FDCWD, "/dev/kmsg", Fcntl.O_RDONLY | Fcntl.O_NONBLOCK);
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment record = arena.allocate(8192);
                while (true) {
                    long n;
                    try {
                        n = FileCalls.read(fd, record, record.byteSize());
                    } catch (ErrnoException e) {
                        if (e.errno() == Errno.EAGAIN) {
                            return null; // the end of the log
                        }
                        if (e.errno() == Errno.EPIPE) {
                            continue; // a record overwritten while reading: the next one
                        }
                        throw e;
                    }
                    String line =
                            new String(
                                            record.asSlice(0, n)
                                                    .toArray(
                                                            java.lang.foreign.ValueLayout
                                                                    .JAVA_BYTE),
                                            java.nio.charset.StandardCharsets.UTF_8)
                                    .strip();
                    if (line.contains(text)) {
                        return line;
                    }
                }
            } finally {
                FileCalls.close(fd);
            }
        }
    }
}
