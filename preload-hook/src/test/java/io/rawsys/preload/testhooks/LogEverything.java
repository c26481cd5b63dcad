package io.rawsys.preload.testhooks;

import io.rawsys.preload.Call;
import io.rawsys.preload.CloseCall;
import io.rawsys.preload.Decision;
import io.rawsys.preload.ExecCall;
import io.rawsys.preload.ForkCall;
import io.rawsys.preload.IoCall;
import io.rawsys.preload.OpenCall;
import io.rawsys.preload.PathCall;
import io.rawsys.preload.PreloadHook;
import io.rawsys.preload.SocketCall;
import io.rawsys.preload.StatCall;
import io.rawsys.preload.SyscallCall;
import io.rawsys.preload.TimeCall;

/**
 * Every family, passed through; each call logged as "call PID FUNCTION DETAIL" on stderr, which the
 * preload sends to RAWSYS_LOG.
 */
public final class LogEverything implements PreloadHook {
    private static final long PID = ProcessHandle.current().pid();

    private static Decision log(Call c, Object detail) {
        System.err.println("call " + PID + " " + c.function() + " " + detail);
        return Decision.proceed();
    }

    @Override
    public Decision open(OpenCall c) {
        return log(c, c.path());
    }

    @Override
    public Decision stat(StatCall c) {
        return log(c, c.path() != null ? c.path() : "fd " + c.fd());
    }

    @Override
    public Decision path(PathCall c) {
        return log(c, c.path());
    }

    @Override
    public Decision io(IoCall c) {
        return log(c, "fd " + c.fd());
    }

    @Override
    public Decision close(CloseCall c) {
        return log(c, "fd " + c.fd());
    }

    @Override
    public Decision socket(SocketCall c) {
        return log(c, "fd " + c.fd());
    }

    @Override
    public Decision exec(ExecCall c) {
        return log(c, c.path() + " " + c.argv());
    }

    @Override
    public Decision fork(ForkCall c) {
        return log(c, "");
    }

    @Override
    public Decision time(TimeCall c) {
        return log(c, "clock " + c.clock());
    }

    @Override
    public Decision syscall(SyscallCall c) {
        return log(c, "nr " + c.number());
    }
}
