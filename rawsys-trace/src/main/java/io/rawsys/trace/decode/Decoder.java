package io.rawsys.trace.decode;

/**
 * How one system call is printed. strace prints the arguments the kernel reads when the call
 * starts, and those it writes (buffers, structs) when it returns; a decoder says which is which.
 */
public interface Decoder {
    /** Prints the arguments known at entry. */
    void enter(Call c);

    /** Whether more arguments follow at exit (the entry line then ends with {@code ", "}). */
    boolean moreAtExit(Call c);

    /**
     * What joins the entry part to the arguments printed at exit: nothing after an entry line that
     * ended with {@code ", "}, else {@code ", "} (strace's clone prints the separator with its exit
     * part, and clone3 {@code " => "} with the struct it changed).
     */
    default String exitSeparator(Call c) {
        return moreAtExit(c) ? "" : ", ";
    }

    /** Prints the remaining arguments, once the call has returned. */
    void exit(Call c);

    /** The result of a successful call (an error is printed by the tracer, the same for all). */
    String result(Call c);
}
