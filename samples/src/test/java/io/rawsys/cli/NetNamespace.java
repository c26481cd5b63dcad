package io.rawsys.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A network namespace of a test's own, held by a child process ({@code unshare --net sleep}) rather
 * than named under /run/netns. {@code ip netns add} would leave the host changed: it makes
 * /run/netns a shared bind mount, which stays after {@code ip netns del}, and a test that dies
 * before deleting leaves the named namespace behind. This one, and every interface made in it, goes
 * when its holder ends: at {@link #close()}, or at the latest when the holder's sleep runs out.
 */
public final class NetNamespace implements AutoCloseable {
    /** The longest a holder lives if nothing ends it: longer than any test class runs. */
    private static final String LIFETIME_SECONDS = "1800";

    private final Process holder;
    private final String net;

    private NetNamespace(Process holder) {
        this.holder = holder;
        this.net = "/proc/" + holder.pid() + "/ns/net";
    }

    /** Starts the holder and waits until it is in its new namespace. */
    public static NetNamespace start() throws IOException, InterruptedException {
        Process holder =
                new ProcessBuilder("unshare", "--net", "--", "sleep", LIFETIME_SECONDS)
                        .redirectErrorStream(true)
                        .start();
        NetNamespace ns = new NetNamespace(holder);
        Path own = Files.readSymbolicLink(Path.of("/proc/self/ns/net"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            if (!holder.isAlive()) {
                throw new IOException(
                        "unshare --net failed: "
                                + new String(holder.getInputStream().readAllBytes()));
            }
            try {
                if (!Files.readSymbolicLink(Path.of(ns.net)).equals(own)) {
                    return ns;
                }
            } catch (IOException e) {
                // the holder is between fork and exec: not there yet
            }
            if (System.nanoTime() > deadline) {
                ns.close();
                throw new IOException("unshare --net did not enter a new namespace in 10 s");
            }
            Thread.sleep(10);
        }
    }

    /** {@code command} run in the namespace (its network only: the mounts are the host's). */
    public List<String> command(List<String> command) {
        List<String> line = new ArrayList<>(List.of("nsenter", "--net=" + net, "--"));
        line.addAll(command);
        return line;
    }

    /**
     * {@code command} run in the namespace with a sysfs of its own mounted on /sys, as {@code ip
     * netns exec} does, in a mount namespace made for it (private, so the host's /sys is
     * untouched): sysfs shows the network devices of the namespace that mounts it.
     */
    public List<String> commandWithSysfs(List<String> command) {
        List<String> line =
                new ArrayList<>(
                        List.of(
                                "nsenter",
                                "--net=" + net,
                                "--",
                                "unshare",
                                "--mount",
                                "--propagation",
                                "private",
                                "--",
                                "sh",
                                "-c",
                                "mount -t sysfs sysfs /sys && exec \"$@\"",
                                "sh"));
        line.addAll(command);
        return line;
    }

    /** Ends the holder, and with it the namespace; waits for it to be gone. */
    @Override
    public void close() {
        holder.destroyForcibly();
        boolean interrupted = false;
        while (true) {
            try {
                holder.waitFor();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
