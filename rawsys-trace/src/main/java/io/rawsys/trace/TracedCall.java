package io.rawsys.trace;

import io.rawsys.Arch;
import java.util.List;

/**
 * A system call a {@link TraceHook} sees at its entry, decoded as strace prints it.
 *
 * @param pid the thread that made it
 * @param arch the ABI it was made in (i386 in an x86_64 process, say)
 * @param name its name, or {@code syscall_0x…} for a number without one
 * @param arguments the arguments known at entry, as strace prints them (those the kernel writes
 *     come at exit, and are not here)
 * @param words its six argument registers, as the kernel passed them
 */
public record TracedCall(
        int pid, Arch arch, String name, List<String> arguments, List<Long> words) {
    public TracedCall {
        arguments = List.copyOf(arguments);
        words = List.copyOf(words);
    }

    /** Argument register {@code index} (0 to 5). */
    public long word(int index) {
        return words.get(index);
    }
}
