package io.rawsys.trace.decode;

import java.util.function.Function;

/** Ways to print a successful result. */
public final class Results {
    private Results() {}

    /** A signed decimal, the tracee's {@code long}. */
    public static final Function<Call, String> DECIMAL = c -> Long.toString(c.result());

    /** An address: {@code 0x7f…}. */
    public static final Function<Call, String> HEX = c -> Text.hex(c.result());

    /** An octal mode: umask's {@code 022}. */
    public static final Function<Call, String> OCTAL = c -> Text.octal(c.result());

    /** A new file descriptor, with its path under -y. */
    public static final Function<Call, String> FD = c -> Args.fdText(c, (int) c.result());

    /** A process or thread id (getpid, fork, wait4): with -Y, and its command name. */
    public static final Function<Call, String> PID = c -> Args.pidText(c, c.result());

    /** A call that does not return (exit, exit_group): {@code ?}. */
    public static final Function<Call, String> NONE = c -> "?";
}
