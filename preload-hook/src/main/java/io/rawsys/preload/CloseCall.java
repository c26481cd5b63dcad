package io.rawsys.preload;

/** A call of the CLOSE family: close, close_range, closefrom. */
public final class CloseCall extends Call {
    CloseCall(Function f, long[] a, Memory m) {
        super(f, a, m);
    }

    /** The descriptor closed, or the first of the range. */
    public int fd() {
        return intArg(Kind.FD, 0, -1);
    }

    /** The last descriptor of the range: fd for close, ~0 for closefrom. */
    public long last() {
        return switch (function().name()) {
            case "close" -> fd();
            case "close_range" -> args[1] & 0xffffffffL;
            default -> 0xffffffffL;
        };
    }

    /** close_range's flags, 0 for the others. */
    public int flags() {
        return intArg(Kind.FLAGS, 0, 0);
    }
}
