package io.rawsys.trace;

import io.rawsys.Arch;
import java.util.List;

/**
 * One traced system call as the engine reports it, immutable: everything an output prints of it,
 * worked out on the decode side. At entry only {@code entry} and {@code arguments} (those printed
 * so far) are known; at its end, the rest.
 *
 * @param pid the thread that made it (strace's {@code [pid N]})
 * @param arch the personality it was made in (i386 in an x86_64 process, say)
 * @param name its name, or {@code syscall_0x…} for a number without one
 * @param entry what strace prints at entry: {@code name(args, }
 * @param exit what strace prints at its end before {@code =}: the arguments the kernel wrote and
 *     {@code )}; null at entry
 * @param arguments every argument as printed
 * @param outcome how it ended; null at entry
 * @param result the text after {@code =}: {@code 3}, {@code -1 ENOENT (No such file or directory)},
 *     {@code ?}; null at entry
 * @param errno the error number when it failed, else 0
 * @param elapsedNanos the time between its entry and exit stops (-T, -c); 0 at entry
 * @param injected its result was injected (an error or a value instead of the call): strace's
 *     {@code (INJECTED)}
 * @param delayed it was held at entry or exit ({@code delay_enter=}, {@code delay_exit=}): strace's
 *     {@code (DELAYED)}
 * @param poked bytes were written into its memory ({@code poke_enter=}, {@code poke_exit=}):
 *     strace's {@code (INJECTED: args)}
 */
record CallEvent(
        int pid,
        Arch arch,
        String name,
        String entry,
        String exit,
        List<String> arguments,
        Outcome outcome,
        String result,
        long errno,
        long elapsedNanos,
        boolean injected,
        boolean delayed,
        boolean poked) {

    /** How a call ended. */
    enum Outcome {
        /** It returned a value. */
        RETURNED,
        /** It returned an error. */
        FAILED,
        /** The tracee died, or exec'd away, inside it: strace's {@code = ?}. */
        UNFINISHED
    }

    CallEvent {
        arguments = List.copyOf(arguments);
    }

    boolean failed() {
        return outcome == Outcome.FAILED;
    }
}
