package io.rawsys.calls;

import io.rawsys.Syscalls;
import io.rawsys.linux.Errno;
import io.rawsys.linux.Nr;
import io.rawsys.linux.struct.Timespec;
import io.rawsys.vdso.Vdso;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;

/** Clocks and sleeping. */
public final class TimeCalls {
    private TimeCalls() {}

    /**
     * The time of clock {@code clockId} in nanoseconds, through the vDSO where it has
     * clock_gettime.
     *
     * <p>C: {@code int clock_gettime(clockid_t clockid, struct timespec *tp)}
     *
     * @param clockId {@code CLOCK_MONOTONIC}, {@code CLOCK_REALTIME} … from {@link
     *     io.rawsys.linux.Time}
     */
    public static long clockGettime(int clockId) {
        return Vdso.clockGettime(clockId);
    }

    /**
     * Sleeps for {@code duration}, unless a signal handler interrupts it first.
     *
     * <p>C: {@code int nanosleep(const struct timespec *req, struct timespec *rem)}
     *
     * @return {@link Duration#ZERO} when the whole duration passed; what was left of it when a
     *     signal interrupted the sleep (EINTR, which is then not an error)
     */
    public static Duration nanosleep(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("cannot sleep for a negative duration: " + duration);
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment request = Timespec.allocate(arena);
            MemorySegment remaining = Timespec.allocate(arena);
            Timespec.tv_sec(request, duration.getSeconds());
            Timespec.tv_nsec(request, duration.getNano());
            long result = Syscalls.raw(Nr.nanosleep, request.address(), remaining.address());
            if (result == -Errno.EINTR) {
                return Duration.ofSeconds(Timespec.tv_sec(remaining), Timespec.tv_nsec(remaining));
            }
            Syscalls.check(result, Nr.nanosleep);
            return Duration.ZERO;
        }
    }
}
