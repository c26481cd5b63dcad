package io.rawsys.testing;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Ending a process a test started together with everything it started. {@link
 * Process#destroyForcibly()} ends the one process: a tracer's tracees, a shell's children or a
 * preloaded program's helpers then run on, reparented to init, after the test gave up on them.
 */
public final class ProcessTree {
    private ProcessTree() {}

    /**
     * SIGKILL to every descendant of {@code process}, then to it, and waits (up to 10 s) for them
     * to be gone. The descendants are listed first, so none is missed when the parent's death
     * reparents them.
     */
    public static void kill(Process process) {
        kill(process.toHandle());
    }

    /** {@link #kill(Process)} for a handle. */
    public static void kill(ProcessHandle process) {
        List<ProcessHandle> all = process.descendants().toList();
        all.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (ProcessHandle p : all) {
            while (p.isAlive() && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        try {
            process.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (Exception e) {
            // gone, or beyond saving: the caller reports the timeout that brought it here
        }
    }
}
