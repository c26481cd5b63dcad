package io.rawsys.calls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rawsys.ErrnoException;
import io.rawsys.linux.Errno;
import io.rawsys.linux.Resource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.BitSet;
import org.junit.jupiter.api.Test;

class ProcessCallsTest {
    @Test
    void whoThisProcessIs() throws Exception {
        assertEquals(ProcessHandle.current().pid(), ProcessCalls.getpid());
        assertEquals(ProcessHandle.current().parent().orElseThrow().pid(), ProcessCalls.getppid());
        int tid = ProcessCalls.gettid();
        assertTrue(
                Files.isDirectory(Path.of("/proc/self/task/" + tid)),
                "the thread is one of this process's tasks");
    }

    @Test
    void unameIsWhatProcSays() throws Exception {
        Uname u = ProcessCalls.uname();
        assertEquals(Files.readString(Path.of("/proc/sys/kernel/ostype")).strip(), u.sysname());
        assertEquals(Files.readString(Path.of("/proc/sys/kernel/hostname")).strip(), u.nodename());
        assertEquals(Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip(), u.release());
        assertEquals(
                System.getProperty("os.arch").equals("amd64")
                        ? "x86_64"
                        : System.getProperty("os.arch"),
                u.machine());
    }

    @Test
    void limitsAreReadAndSet() throws Exception {
        Rlimit files = ProcessCalls.prlimit(0, Resource.RLIMIT_NOFILE);
        String line =
                Files.readAllLines(Path.of("/proc/self/limits")).stream()
                        .filter(l -> l.startsWith("Max open files"))
                        .findFirst()
                        .orElseThrow();
        String[] fields = line.substring("Max open files".length()).trim().split("\\s+");
        assertEquals(Long.parseLong(fields[0]), files.soft());
        assertEquals(Long.parseLong(fields[1]), files.hard());
        Rlimit core = ProcessCalls.prlimit(0, Resource.RLIMIT_CORE);
        try {
            Rlimit old =
                    ProcessCalls.prlimit(0, Resource.RLIMIT_CORE, new Rlimit(4096, core.hard()));
            assertEquals(core, old);
            assertEquals(
                    new Rlimit(4096, core.hard()), ProcessCalls.prlimit(0, Resource.RLIMIT_CORE));
        } finally {
            ProcessCalls.prlimit(0, Resource.RLIMIT_CORE, core);
        }
        assertEquals(core, ProcessCalls.prlimit(0, Resource.RLIMIT_CORE));
    }

    @Test
    void affinityCoversTheJvmsProcessors() {
        BitSet cpus = ProcessCalls.schedGetaffinity(0);
        assertEquals(Runtime.getRuntime().availableProcessors(), cpus.cardinality());
    }

    @Test
    void signalsAndPidfds() throws Exception {
        ProcessCalls.kill(ProcessCalls.getpid(), 0);
        ProcessCalls.tgkill(ProcessCalls.getpid(), ProcessCalls.gettid(), 0);
        Process sleeper = new ProcessBuilder("sleep", "30").start();
        int pidfd = ProcessCalls.pidfdOpen((int) sleeper.pid(), 0);
        assertEquals(
                "anon_inode:[pidfd]",
                FileCalls.readlinkat(io.rawsys.linux.Fcntl.AT_FDCWD, "/proc/self/fd/" + pidfd));
        ProcessCalls.kill((int) sleeper.pid(), io.rawsys.linux.Signal.SIGTERM);
        assertEquals(128 + io.rawsys.linux.Signal.SIGTERM, sleeper.waitFor());
        FileCalls.close(pidfd);
        ErrnoException gone =
                assertThrows(ErrnoException.class, () -> ProcessCalls.kill((int) sleeper.pid(), 0));
        assertEquals(Errno.ESRCH, gone.errno());
    }

    @Test
    void clocksAndSleep() {
        long before = System.nanoTime();
        long now = TimeCalls.clockGettime(io.rawsys.linux.Time.CLOCK_MONOTONIC);
        assertTrue(before <= now && now <= System.nanoTime());
        long start = System.nanoTime();
        assertEquals(Duration.ZERO, TimeCalls.nanosleep(Duration.ofMillis(30)));
        assertTrue(System.nanoTime() - start >= 30_000_000L);
        assertThrows(
                IllegalArgumentException.class, () -> TimeCalls.nanosleep(Duration.ofMillis(-1)));
    }
}
