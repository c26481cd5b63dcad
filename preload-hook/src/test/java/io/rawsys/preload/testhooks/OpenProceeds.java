package io.rawsys.preload.testhooks;

import io.rawsys.preload.Decision;
import io.rawsys.preload.OpenCall;
import io.rawsys.preload.PreloadHook;

/** Sees opens and lets them run: bench/seccomp's hook, the least a supervised call can cost. */
public final class OpenProceeds implements PreloadHook {
    @Override
    public Decision open(OpenCall c) {
        return Decision.proceed();
    }
}
