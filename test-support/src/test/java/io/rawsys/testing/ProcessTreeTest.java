package io.rawsys.testing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ProcessTreeTest {
    @Test
    void killsTheProcessAndEverythingItStarted() throws Exception {
        Process shell =
                new ProcessBuilder("sh", "-c", "sleep 60 & (sleep 60 & wait) & wait").start();
        List<ProcessHandle> tree = List.of();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (tree.size() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(10);
            tree = shell.descendants().toList(); // a sleep, a subshell and its sleep
        }
        assertTrue(tree.size() >= 3, "the shell started " + tree);
        ProcessTree.kill(shell);
        assertFalse(shell.isAlive());
        for (ProcessHandle p : tree) {
            assertFalse(p.isAlive(), p + " " + p.info().commandLine().orElse("") + " outlived it");
        }
    }
}
