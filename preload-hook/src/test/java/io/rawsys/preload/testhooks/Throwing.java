package io.rawsys.preload.testhooks;

import io.rawsys.preload.Decision;
import io.rawsys.preload.OpenCall;
import io.rawsys.preload.PreloadHook;

/** Throws on every open: the program must not notice. */
public final class Throwing implements PreloadHook {
    @Override
    public Decision open(OpenCall c) {
        throw new IllegalStateException("deliberately broken hook, path " + c.path());
    }
}
