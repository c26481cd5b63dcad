package io.rawsys.preload.samples;

import io.rawsys.preload.Decision;
import io.rawsys.preload.OpenCall;
import io.rawsys.preload.PathCall;
import io.rawsys.preload.PreloadHook;
import java.nio.file.Path;

/**
 * Denies, with EACCES, every open that may write or create, and every unlink, rename and mkdir,
 * outside one directory: RAWSYS_SANDBOX (or the system property rawsys.sandbox). Reads anywhere
 * stay allowed. Paths are judged as the kernel resolves them: relative ones against the program's
 * working directory or the *at call's directory descriptor ({@code resolvedPath()}), {@code ..}
 * removed by name. Symbolic links are not followed, and calls outside these families (rmdir,
 * symlink, link, chmod…) are not seen: this shows the API, it is no security boundary.
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

    /** Outside the box, or a path that cannot be resolved (the program is going). */
    private boolean outside(String given, String resolved) {
        return given != null && (resolved == null || !Path.of(resolved).startsWith(root));
    }

    @Override
    public Decision open(OpenCall c) {
        return c.writes() && outside(c.path(), c.resolvedPath())
                ? Decision.fail(EACCES)
                : Decision.proceed();
    }

    @Override
    public Decision path(PathCall c) {
        String f = c.function().name();
        boolean changes = f.startsWith("unlink") || f.startsWith("rename") || f.startsWith("mkdir");
        return changes
                        && (outside(c.path(), c.resolvedPath())
                                || outside(c.newPath(), c.resolvedNewPath()))
                ? Decision.fail(EACCES)
                : Decision.proceed();
    }
}
