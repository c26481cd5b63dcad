package io.rawsys.preload.testhooks;

import io.rawsys.preload.Decision;
import io.rawsys.preload.Only;
import io.rawsys.preload.OpenCall;
import io.rawsys.preload.PreloadHook;
import io.rawsys.preload.TimeCall;

/**
 * Opens of a path ending in "secret" fail with EACCES; "/rawsys-redirect/X" opens /X instead;
 * clock_gettime succeeds without running and logs the thread it ran on.
 */
@Only({"open", "open64", "openat", "openat64", "fopen", "fopen64", "clock_gettime"})
public final class Decisions implements PreloadHook {
    private static final String PREFIX = "/rawsys-redirect";

    @Override
    public Decision open(OpenCall c) {
        String p = c.path();
        if (p == null) return Decision.proceed();
        if (p.endsWith("secret")) return Decision.fail(13);
        if (p.startsWith(PREFIX + "/")) return Decision.withPath(p.substring(PREFIX.length()));
        return Decision.proceed();
    }

    @Override
    public Decision time(TimeCall c) {
        long r = c.proceed();
        System.err.println("clock on thread " + Thread.currentThread().threadId());
        return Decision.result(r);
    }
}
