package io.rawsys.preload.samples;

import io.rawsys.preload.Decision;
import io.rawsys.preload.OpenCall;
import io.rawsys.preload.PreloadHook;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A test hook slower than the programs it watches: an open of a path containing "slow" takes 300 ms
 * to decide, and each time it is asked it says so in RAWSYS_ASKED (one line a call).
 */
public final class SlowOpens implements PreloadHook {
    private final Path asked = Path.of(System.getenv("RAWSYS_ASKED"));

    @Override
    public Decision open(OpenCall c) {
        if (c.path() != null && c.path().contains("slow")) {
            try {
                Files.writeString(
                        asked,
                        c.path() + "\n",
                        StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
                Thread.sleep(300);
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
        return Decision.proceed();
    }
}
