package io.rawsys.preload.testhooks;

import io.rawsys.preload.Decision;
import io.rawsys.preload.OpenCall;
import io.rawsys.preload.PreloadHook;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A hook that makes the JVM do what hooks commonly do — read the environment, read a file, start a
 * thread, run a child process — once while the JVM boots (the hook is made then) and once at the
 * first open after. Each of these can make the JDK change a signal disposition (starting a Process
 * sets SIGCHLD to SIG_DFL); none of them may change the program's.
 */
public class BusyJvm implements PreloadHook {
    private final AtomicBoolean worked = new AtomicBoolean();

    /** The same work, but only at the first open: the JDK's first Process starts after the boot. */
    public static final class Late extends BusyJvm {
        public Late() {
            super(false);
        }
    }

    /**
     * Made while the JVM boots. (Not a static initialiser: the thread below runs a lambda of this
     * class, which would wait for the class's initialisation to end, and it would wait for the
     * thread.)
     */
    public BusyJvm() {
        this(true);
    }

    private BusyJvm(boolean atBoot) {
        if (atBoot) {
            work();
            System.err.println("busy: worked while booting");
        }
    }

    private static void work() {
        try {
            System.getenv("HOME");
            Files.readString(Path.of("/proc/self/stat"));
            Thread t = Thread.ofPlatform().start(() -> System.getenv("PATH"));
            t.join();
            Process p = new ProcessBuilder("true").start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("true exited " + p.exitValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public Decision open(OpenCall c) {
        if (worked.compareAndSet(false, true)) {
            work();
            System.err.println("busy: worked at " + c.function() + " " + c.path());
        }
        return Decision.proceed();
    }
}
