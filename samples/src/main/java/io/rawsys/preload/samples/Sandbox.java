package io.rawsys.preload.samples;

import io.rawsys.preload.Decision;
import io.rawsys.preload.OpenCall;
import io.rawsys.preload.PathCall;
import io.rawsys.preload.PreloadHook;
import java.nio.file.Path;

/**
 * Denies, with EACCES, every open that may write or create, and every unlink, rename and mkdir,
 * outside one directory: RAWSYS_SANDBOX (or the system property rawsys.sandbox). Reads anywhere
 * stay allowed. Relative paths are taken from the working directory (an *at call's directory
 * descriptor is not followed: such calls are judged as if relative to the working directory).
 */
public final class Sandbox implements PreloadHook {
    private static final int EACCES = 13;
    private final Path root;

    /** Reads the directory from RAWSYS_SANDBOX or -Drawsys.sandbox. */
    public Sandbox() {
        String dir = System.getProperty("rawsys.sandbox", System.getenv("RAWSYS_SANDBOX"));
        if (dir == null) {
            throw new IllegalStateException("Sandbox needs its directory: set RAWSYS_SANDBOX=DIR");
        }
        root = Path.of(dir).toAbsolutePath().normalize();
    }

    private boolean outside(String path) {
        return path != null && !Path.of(path).toAbsolutePath().normalize().startsWith(root);
    }

    @Override
    public Decision open(OpenCall c) {
        return c.writes() && outside(c.path()) ? Decision.fail(EACCES) : Decision.proceed();
    }

    @Override
    public Decision path(PathCall c) {
        String f = c.function().name();
        boolean changes = f.startsWith("unlink") || f.startsWith("rename") || f.startsWith("mkdir");
        return changes && (outside(c.path()) || outside(c.newPath()))
                ? Decision.fail(EACCES)
                : Decision.proceed();
    }
}
