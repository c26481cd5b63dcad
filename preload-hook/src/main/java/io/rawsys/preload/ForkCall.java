package io.rawsys.preload;

/**
 * A call of fork or vfork, seen in the parent before the child exists. A hook may let it run or
 * deny it; it cannot run it ({@link #proceed()} throws), and the child never calls Java.
 */
public final class ForkCall extends Call {
    ForkCall(Function f, long[] a, Memory m) {
        super(f, a, m);
    }
}
