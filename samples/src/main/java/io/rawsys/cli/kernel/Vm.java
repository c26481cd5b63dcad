package io.rawsys.cli.kernel;

import io.rawsys.tool.Failure;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The exercise's kernel under qemu-system-x86_64: TCG (no KVM needed), the serial console on
 * standard I/O, no reboot (the VM's {@code reboot -f} ends qemu), a bounded time for a run that is
 * not interactive.
 */
final class Vm {
    private Vm() {}

    static final String QEMU = "qemu-system-x86_64";

    /** The qemu command line for {@code mode} ("test" runs the checks, "shell" gives a shell). */
    static List<String> command(KernelExercise.Built built, String mode) {
        return List.of(
                QEMU,
                "-m",
                "1024",
                "-cpu",
                "max",
                "-nographic",
                "-no-reboot",
                "-kernel",
                built.bzImage().toString(),
                "-initrd",
                built.initramfs().toString(),
                "-append",
                "console=ttyS0 panic=-1 quiet rawsys.mode=" + mode);
    }

    static void requireQemu() {
        if (!Steps.missing(List.of(QEMU)).isEmpty()) {
            throw new Failure(
                    QEMU + " is not installed: install qemu-system-x86 (.ci/install-deps does)",
                    Failure.USAGE);
        }
    }

    /** The shell mode: the console is the terminal; returns qemu's exit status. */
    static int interactive(KernelExercise.Built built) {
        requireQemu();
        try {
            Process p = new ProcessBuilder(command(built, "shell")).inheritIO().start();
            return p.waitFor();
        } catch (IOException e) {
            throw new Failure("starting " + QEMU + ": " + e.getMessage(), Failure.KERNEL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }

    /**
     * Boots in test mode, hands each console line to {@code line}, and returns them all once the VM
     * powered off; a VM that has not within {@code timeoutSeconds} is killed, and the failure ends
     * with the console's last lines.
     */
    static List<String> test(
            KernelExercise.Built built, int timeoutSeconds, Consumer<String> line) {
        requireQemu();
        List<String> all = new ArrayList<>();
        Deque<String> last = new ArrayDeque<>();
        Process p;
        try {
            p = new ProcessBuilder(command(built, "test")).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new Failure("starting " + QEMU + ": " + e.getMessage(), Failure.KERNEL);
        }
        Thread reader =
                Thread.ofPlatform()
                        .daemon()
                        .start(
                                () -> {
                                    try (BufferedReader in =
                                            new BufferedReader(
                                                    new InputStreamReader(
                                                            p.getInputStream(),
                                                            StandardCharsets.UTF_8))) {
                                        for (String l; (l = in.readLine()) != null; ) {
                                            String clean = l.replace("\r", "");
                                            synchronized (all) {
                                                all.add(clean);
                                                last.addLast(clean);
                                                if (last.size() > 30) {
                                                    last.removeFirst();
                                                }
                                            }
                                            line.accept(clean);
                                        }
                                    } catch (IOException e) {
                                        // qemu ended
                                    }
                                });
        try {
            p.getOutputStream().close();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                reader.join(2000);
                synchronized (all) {
                    throw new Failure(
                            "the VM did not finish within "
                                    + timeoutSeconds
                                    + " s (raise it with --timeout); its console's last lines:\n"
                                    + String.join("\n", last),
                            Failure.KERNEL);
                }
            }
            reader.join(5000);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new Failure("interrupted", Failure.KERNEL);
        } catch (IOException e) {
            throw new Failure("talking to " + QEMU + ": " + e.getMessage(), Failure.KERNEL);
        }
        synchronized (all) {
            return List.copyOf(all);
        }
    }
}
