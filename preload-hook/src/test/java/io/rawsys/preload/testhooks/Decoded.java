package io.rawsys.preload.testhooks;

import io.rawsys.preload.Call;
import io.rawsys.preload.Decision;
import io.rawsys.preload.PathCall;
import io.rawsys.preload.PreloadHook;
import io.rawsys.preload.SocketCall;
import io.rawsys.preload.StatCall;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * The stat, path and socket families, logged with their arguments as the typed views decode them:
 * "decoded FUNCTION DETAIL" on stderr (the log).
 */
public final class Decoded implements PreloadHook {
    private static Decision log(Call c, String detail) {
        System.err.println("decoded " + c.function() + " " + detail);
        return Decision.proceed();
    }

    @Override
    public Decision stat(StatCall c) {
        return log(c, c.path() != null ? "path=" + c.path() : "fd=" + c.fd());
    }

    @Override
    public Decision path(PathCall c) {
        return log(c, "path=" + c.path() + (c.newPath() != null ? " new=" + c.newPath() : ""));
    }

    @Override
    public Decision socket(SocketCall c) {
        String detail = "fd=" + c.fd();
        MemorySegment address = c.address();
        if (address.byteSize() >= 4) {
            int port =
                    Short.toUnsignedInt(
                            address.get(
                                    ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(
                                            ByteOrder.BIG_ENDIAN),
                                    2));
            detail += " port=" + port;
        }
        MemorySegment buffer = c.buffer();
        if (buffer.byteSize() > 0) {
            detail += " bytes=" + buffer.byteSize();
        }
        return log(c, detail);
    }
}
