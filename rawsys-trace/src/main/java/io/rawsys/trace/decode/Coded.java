package io.rawsys.trace.decode;

import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A decoder written as code, for calls whose arguments a {@link Signature} cannot describe: how
 * many there are, or how one is printed, depends on another (clone's flags, prctl's option, futex's
 * operation).
 *
 * @param entry prints the arguments known when the call starts
 * @param more whether the entry line ends with {@code ", "} because arguments follow at exit; false
 *     for strace's decoders that print the separator with the exit part
 * @param exit prints the rest once the call has returned
 * @param result the successful result's text
 * @param separator what joins the exit part to the entry part (null: {@link
 *     Decoder#exitSeparator}'s default)
 */
record Coded(
        Consumer<Call> entry,
        Predicate<Call> more,
        Consumer<Call> exit,
        Function<Call, String> result,
        Function<Call, String> separator)
        implements Decoder {

    Coded(Consumer<Call> entry, Predicate<Call> more, Consumer<Call> exit) {
        this(entry, more, exit, Results.DECIMAL, null);
    }

    /** Every argument printed at entry. */
    static Coded atEntry(Consumer<Call> entry) {
        return new Coded(entry, c -> false, c -> {});
    }

    /** Every argument printed at entry, the result printed by {@code result}. */
    static Coded atEntry(Consumer<Call> entry, Function<Call, String> result) {
        return new Coded(entry, c -> false, c -> {}, result, null);
    }

    /** Some arguments at entry, the rest (after {@code ", "}) at exit. */
    static Coded split(Consumer<Call> entry, Consumer<Call> exit) {
        return new Coded(entry, c -> true, exit);
    }

    /**
     * Arguments at entry, then more at exit that strace separates from them only when it prints
     * them (clone's {@code , parent_tid=[…]}).
     */
    static Coded separatedAtExit(Consumer<Call> entry, Consumer<Call> exit) {
        return new Coded(entry, c -> false, exit);
    }

    /** The same, with another way to print the result. */
    Coded returning(Function<Call, String> printer) {
        return new Coded(entry, more, exit, printer, separator);
    }

    /** The same, joining the exit part with {@code joiner}'s text. */
    Coded joinedBy(Function<Call, String> joiner) {
        return new Coded(entry, more, exit, result, joiner);
    }

    @Override
    public void enter(Call c) {
        entry.accept(c);
    }

    @Override
    public boolean moreAtExit(Call c) {
        return more.test(c);
    }

    @Override
    public String exitSeparator(Call c) {
        return separator != null ? separator.apply(c) : Decoder.super.exitSeparator(c);
    }

    @Override
    public void exit(Call c) {
        exit.accept(c);
    }

    @Override
    public String result(Call c) {
        return result.apply(c);
    }
}
