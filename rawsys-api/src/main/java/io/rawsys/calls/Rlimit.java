package io.rawsys.calls;

/**
 * A resource limit, as prlimit(2) reads and sets it. {@link #INFINITY} stands for no limit.
 *
 * @param soft the limit the kernel enforces
 * @param hard the ceiling up to which an unprivileged process may raise the soft limit
 */
public record Rlimit(long soft, long hard) {
    /** RLIM_INFINITY: all ones, -1 as a Java long. */
    public static final long INFINITY = -1;

    @Override
    public String toString() {
        return "Rlimit[soft=" + show(soft) + ", hard=" + show(hard) + "]";
    }

    private static String show(long limit) {
        return limit == INFINITY ? "unlimited" : Long.toUnsignedString(limit);
    }
}
