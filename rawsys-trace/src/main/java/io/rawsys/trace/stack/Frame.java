package io.rawsys.trace.stack;

/**
 * One line of a stack trace, as strace 6.1 ({@code -k}, built with libunwind, as Debian's is)
 * prints it; {@link #text()} is the line without its newline.
 *
 * <ul>
 *   <li>{@link Kind#SYMBOL}: {@code " > %s(%s+0x%lx) [0x%lx]"} with the module's path as
 *       /proc/PID/maps names it, the symbol, the address's offset from the symbol, and the
 *       address's offset in the module's file ({@code address - mapping start + mapping offset});
 *       {@code > /usr/lib/x86_64-linux-gnu/libc.so.6(__write+0x10) [0xf8350]}
 *   <li>{@link Kind#NO_SYMBOL}: {@code " > %s() [0x%lx]"}, a module without a symbol before the
 *       address: {@code > /usr/bin/echo() [0x60c4]}; but {@code " > %s(+0x0) [0x%lx]"} in a stack
 *       strace captured at the call's entry and printed at its end ({@link #text(boolean)})
 *   <li>{@link Kind#ERROR}: {@code " > %s [0x%lx]"}, an address in no executable file mapping
 *       (anonymous or JIT memory, a bad return address): {@code > unexpected_backtracing_error
 *       [0x7f0a12345678]}, the absolute address; the walk ends there
 *   <li>{@link Kind#TOO_DEEP}: {@code " > too many stack frames"} after 256 frames
 * </ul>
 *
 * @param kind which of strace's four line formats
 * @param module the mapping's path ({@code [vdso]} included); null for the errors
 * @param symbol the function's name, C++ names demangled as strace prints them; null unless {@link
 *     Kind#SYMBOL}
 * @param offset the address minus the symbol's address
 * @param fileOffset the address's offset in the module's file (strace's "true offset"); for {@link
 *     Kind#ERROR} the absolute address
 * @param pc the absolute address: the instruction after the system call in the first frame, a
 *     return address in the others
 * @param method how this frame's address was found
 */
public record Frame(
        Kind kind,
        String module,
        String symbol,
        long offset,
        long fileOffset,
        long pc,
        Method method) {

    /** strace's line formats. */
    public enum Kind {
        SYMBOL,
        NO_SYMBOL,
        ERROR,
        TOO_DEEP
    }

    /** How a frame's address was found. */
    public enum Method {
        /** The thread's instruction pointer: the first frame. */
        REGISTERS,
        /** The caller's frame described by the callee's .eh_frame call frame information. */
        CFI,
        /** The callee had no CFI: its saved frame pointer (rbp) and the word above it. */
        FRAME_POINTER
    }

    /** strace's error text for an address outside every executable file mapping. */
    public static final String UNEXPECTED = "unexpected_backtracing_error";

    /** strace's error text after 256 frames. */
    public static final String TOO_MANY = "too many stack frames";

    /**
     * The line strace prints for this frame in a stack it prints at once (at a call's exit, after a
     * signal's line), without its newline.
     */
    public String text() {
        return text(false);
    }

    /**
     * The line strace prints for this frame, without its newline; {@code capturedAtEntry} for a
     * stack strace takes at a call's entry and prints at its end (execve and execveat other than
     * the traced command's first, exit, exit_group: strace 6.1's STACKTRACE_CAPTURE_ON_ENTER
     * calls), where a frame without a symbol prints as {@code path(+0x0) [0x…]}, strace's queued
     * line having an empty name where its direct one has none.
     */
    public String text(boolean capturedAtEntry) {
        return switch (kind) {
            case NO_SYMBOL ->
                    " > "
                            + module
                            + (capturedAtEntry ? "(+0x0) [0x" : "() [0x")
                            + Long.toHexString(fileOffset)
                            + "]";
            case SYMBOL ->
                    " > "
                            + module
                            + "("
                            + symbol
                            + "+0x"
                            + Long.toHexString(offset)
                            + ") [0x"
                            + Long.toHexString(fileOffset)
                            + "]";
            case ERROR -> " > " + UNEXPECTED + " [0x" + Long.toHexString(pc) + "]";
            case TOO_DEEP -> " > " + TOO_MANY;
        };
    }

    @Override
    public String toString() {
        return text();
    }
}
