package io.rawsys.trace.decode;

import java.util.List;
import java.util.function.Function;

/**
 * A decoder that is a list of arguments: those before the first output argument are printed at
 * entry, the rest at exit, each from the words it takes.
 */
public record Signature(List<Arg> args, Function<Call, String> result) implements Decoder {
    public Signature(Arg... args) {
        this(List.of(args), Results.DECIMAL);
    }

    /** The same arguments, with another way to print the result. */
    public Signature returning(Function<Call, String> printer) {
        return new Signature(args, printer);
    }

    @Override
    public void enter(Call c) {
        int word = 0;
        for (Arg arg : args) {
            if (arg.output()) {
                break;
            }
            c.print(arg.print(c, word));
            word += arg.words(c, word);
        }
    }

    @Override
    public boolean moreAtExit(Call c) {
        for (Arg arg : args) { // a loop, not a stream: this runs at every stop
            if (arg.output()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void exit(Call c) {
        int word = 0;
        int index = 0;
        for (Arg arg : args) {
            if (index++ >= c.printedAtEntry()) {
                c.print(arg.print(c, word));
            }
            word += arg.words(c, word);
        }
    }

    @Override
    public String result(Call c) {
        return result.apply(c);
    }
}
