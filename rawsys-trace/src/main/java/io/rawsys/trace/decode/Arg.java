package io.rawsys.trace.decode;

/** One argument of a {@link Signature}: how it is printed, and when. */
public interface Arg {
    /** The argument's text, from word {@code at} (and the next one for a wide argument). */
    String print(Call c, int at);

    /** Whether the kernel writes it: printed only once the call returns. */
    default boolean output() {
        return false;
    }

    /**
     * Words it takes from word {@code at} on: 2 for a 64-bit value on a 32-bit ABI (3 where the
     * pair must start at an even register and {@code at} is odd).
     */
    default int words(Call c, int at) {
        return 1;
    }

    /** An argument printed at exit, once the kernel has written it. */
    static Arg atExit(Arg arg) {
        return new Arg() {
            @Override
            public String print(Call c, int at) {
                return arg.print(c, at);
            }

            @Override
            public boolean output() {
                return true;
            }

            @Override
            public int words(Call c, int at) {
                return arg.words(c, at);
            }
        };
    }
}
