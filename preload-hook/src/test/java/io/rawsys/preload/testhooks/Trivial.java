package io.rawsys.preload.testhooks;

import io.rawsys.preload.CloseCall;
import io.rawsys.preload.Decision;
import io.rawsys.preload.PreloadHook;
import io.rawsys.preload.TimeCall;

/** The cheapest hook: sees clocks and closes, lets them run. For bench/run. */
public final class Trivial implements PreloadHook {
    @Override
    public Decision time(TimeCall c) {
        return Decision.proceed();
    }

    @Override
    public Decision close(CloseCall c) {
        return Decision.proceed();
    }
}
