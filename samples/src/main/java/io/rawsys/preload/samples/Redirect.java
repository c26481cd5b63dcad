package io.rawsys.preload.samples;

import io.rawsys.preload.Decision;
import io.rawsys.preload.OpenCall;
import io.rawsys.preload.PathCall;
import io.rawsys.preload.PreloadHook;
import io.rawsys.preload.StatCall;

/**
 * Paths under one prefix are opened, stat'ed and changed under another: RAWSYS_REDIRECT=FROM=TO (or
 * -Drawsys.redirect), e.g. /etc/app=/tmp/app-test.
 */
public final class Redirect implements PreloadHook {
    private final String from;
    private final String to;

    /** Reads FROM=TO from RAWSYS_REDIRECT or -Drawsys.redirect. */
    public Redirect() {
        String spec = System.getProperty("rawsys.redirect", System.getenv("RAWSYS_REDIRECT"));
        int eq = spec == null ? -1 : spec.indexOf('=');
        if (eq <= 0)
            throw new IllegalStateException(
                    "Redirect needs RAWSYS_REDIRECT=FROM=TO, e.g. /etc/app=/tmp/app");
        from = spec.substring(0, eq);
        to = spec.substring(eq + 1);
    }

    private String map(String path) {
        if (path == null) return null;
        if (path.equals(from) || path.startsWith(from + "/"))
            return to + path.substring(from.length());
        return null;
    }

    private Decision rewrite(String first, String second) {
        String a = map(first), b = map(second);
        return a == null && b == null ? Decision.proceed() : Decision.withPaths(a, b);
    }

    @Override
    public Decision open(OpenCall c) {
        return rewrite(c.path(), null);
    }

    @Override
    public Decision stat(StatCall c) {
        return rewrite(c.path(), null);
    }

    @Override
    public Decision path(PathCall c) {
        return rewrite(c.path(), c.newPath());
    }
}
