package io.rawsys.preload.samples;

import io.rawsys.Arch;
import io.rawsys.preload.Call;
import io.rawsys.preload.CloseCall;
import io.rawsys.preload.Decision;
import io.rawsys.preload.ExecCall;
import io.rawsys.preload.IoCall;
import io.rawsys.preload.OpenCall;
import io.rawsys.preload.PreloadHook;
import io.rawsys.preload.StatCall;
import io.rawsys.trace.StraceNames;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * ltrace-style lines for opens, stats, reads, writes, closes and execs, written to the file named
 * by RAWSYS_CALLLOG (else to the preload's log): {@code openat(AT_FDCWD, "/etc/passwd", O_RDONLY) =
 * 3}. Each call runs first, so the line shows its result (or {@code -1 errno N}); under {@code
 * rawsys preload --seccomp}, where the call runs after the hook, in the program, the result is
 * {@code ?}.
 */
public final class CallLogger implements PreloadHook {
    private final PrintStream out;
    private final Arch arch = Arch.current();

    /** Opens RAWSYS_CALLLOG for appending, or uses stderr (the preload's log). */
    public CallLogger() throws IOException {
        String file = System.getenv("RAWSYS_CALLLOG");
        out =
                file == null
                        ? System.err
                        : new PrintStream(
                                new FileOutputStream(file, true), true, StandardCharsets.UTF_8);
    }

    private Decision line(Call c, String args) {
        // under rawsys preload --seccomp the call is another process's and runs after the hook:
        // its result is not known here
        String result = "?";
        if (c.canProceed()) {
            long r = c.proceed();
            result = c.lastErrno() != 0 ? r + " errno " + c.lastErrno() : Long.toString(r);
        }
        synchronized (out) {
            out.println(c.function() + "(" + args + ") = " + result);
        }
        return Decision.proceed();
    }

    private static String quoted(String s) {
        return s == null
                ? "NULL"
                : "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    private static String dirfd(int fd) {
        return fd == Call.AT_FDCWD ? "AT_FDCWD" : Integer.toString(fd);
    }

    @Override
    public Decision open(OpenCall c) {
        String path = quoted(c.path());
        if (c.fopenMode() != null) return line(c, path + ", " + quoted(c.fopenMode()));
        String flags = StraceNames.openFlags(arch, c.flags() & 0xffffffffL);
        String mode = c.mode() != 0 ? ", 0" + Integer.toOctalString(c.mode()) : "";
        String at = c.function().name().contains("at") ? dirfd(c.dirfd()) + ", " : "";
        return line(c, at + path + ", " + flags + mode);
    }

    @Override
    public Decision stat(StatCall c) {
        return line(c, c.path() != null ? quoted(c.path()) : Integer.toString(c.fd()));
    }

    @Override
    public Decision io(IoCall c) {
        // copy_file_range and sendfile: from, to, how much
        String to = c.outFd() >= 0 ? ", " + c.outFd() : "";
        return line(c, c.fd() + to + ", " + c.count());
    }

    @Override
    public Decision close(CloseCall c) {
        return line(c, Integer.toString(c.fd()));
    }

    @Override
    public Decision exec(ExecCall c) {
        // an exec that succeeds never returns: log first
        synchronized (out) {
            out.println(c.function() + "(" + quoted(c.path()) + ", " + c.argv() + ")");
        }
        return Decision.proceed();
    }
}
