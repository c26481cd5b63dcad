package io.rawsys.bindgen;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * Writes {@code io.rawsys.internal.Shapes}, the one road from Java to the stubs, from the table
 * below: a holder class and a method per argument shape and linkage, each method the same template
 * (the negative-number guard, the exact invocation, the rethrow), which Java's type system makes
 * one method per shape, since {@code invokeExact} must be called with the handle's exact types; and
 * {@code io.rawsys.calls.Checked}, the same shapes for the typed calls, each result checked by
 * {@code Syscalls.check}. (Two classes, so that io.rawsys.internal stays below io.rawsys, and
 * io.rawsys.calls above it: no package uses another that uses it back.)
 *
 * <p>Nothing here reads the kernel: the table is rawsys's own, and the generator writes it with the
 * rest so that every generated source has one command and one check.
 */
final class Shapes {
    /**
     * The shapes the typed calls of {@code io.rawsys.calls} use: {@code l} a {@code long}, {@code
     * p} a pointer passed as a {@code MemorySegment}. Each gets a checked method, linked by default
     * (the typed calls include blocking ones). In the order the methods are written.
     */
    static final List<String> TYPED =
            List.of(
                    // 0 arguments
                    "",
                    // 1 argument
                    "l",
                    "p",
                    // 2 arguments
                    "ll",
                    "lp",
                    "pl",
                    "pp",
                    // 3 arguments
                    "lll",
                    "llp",
                    "lpl",
                    "lpp",
                    // 4 arguments
                    "lllp",
                    "llpp",
                    "lpll",
                    "lppl",
                    "plll",
                    "ppll",
                    // 5 arguments
                    "lllpl",
                    "lllpp",
                    "lpllp",
                    "lplpl",
                    // 6 arguments
                    "llllll",
                    "lpllpl",
                    "lpllpp",
                    "plllpl");

    /** {@code io.rawsys.Syscalls}' shapes, 0 to 6 longs: a raw method in both linkages each. */
    static final List<String> SYSCALLS = IntStream.rangeClosed(0, 6).mapToObj("l"::repeat).toList();

    private static final Comparator<String> ORDER =
            Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder());

    private static final String DOC =
            """
            The one road from Java to the stubs: a method per argument shape, where {@code l} is a {@code long} and
            {@code p} a pointer passed as a {@link MemorySegment} (so FFM keeps it alive and refuses a heap or closed
            one), in the linkage {@code io.rawsys.Syscalls} and the typed calls of {@code io.rawsys.calls} need.
            {@link Default} and {@link Critical} return what the kernel returned, {@code -errno} included, and
            never throw; they are {@code Syscalls.raw} and {@code Syscalls.Critical.raw}, and the typed calls check
            them ({@code io.rawsys.calls.Checked}). Each answers a negative number with {@link StubCalls#enosys()}
            without calling the stub, and passes a throwable out of {@code invokeExact} through {@link
            StubCalls#unexpected}.

            <p>Each handle is a {@code static final} field of a holder class of its own: the JIT folds such a field
            into a constant, so {@code invokeExact} on it inlines down to the stub as a hand-written call would, and
            a holder is initialised (its stub linked) only when its method is first called, so a program links only
            the shapes it calls, as jextract's output does. A table of handles ({@code ClassValue}, an array, a
            map) would be read on every call, which the JIT cannot fold; {@code StableValue} is a preview in Java 25.
            Java needs a method per shape for {@code invokeExact}'s exact types, so the methods are generated from
            one template and one table, {@code TYPED} and {@code SYSCALLS} in bindgen's Shapes.java.""";

    private static final String CHECKED_DOC =
            """
            The typed calls' road to the stubs: {@link Shapes.Default}'s methods, each result turned into a value
            or an {@link io.rawsys.ErrnoException} by {@link Syscalls#check}.""";

    private final Path root;

    Shapes(Path root) {
        this.root = root;
    }

    void write() throws IOException {
        StringBuilder checked = new StringBuilder();
        for (String shape : TYPED) {
            checked.append(
                    """
                        /** {@link Shapes.Default#%1$s} through {@link Syscalls#check}. */
                        static long %1$s(%2$s) {
                            return Syscalls.check(Shapes.Default.%1$s(%3$s), nr);
                        }

                    """
                            .formatted(method(shape), parameters(shape), arguments(shape)));
        }
        String source = "the shape table in bindgen/src/io/rawsys/bindgen/Shapes.java";
        JavaFile.write(
                root,
                "io.rawsys.calls",
                "final class",
                "Checked",
                source,
                CHECKED_DOC,
                checked,
                "io.rawsys.Syscalls",
                "io.rawsys.internal.Shapes",
                "java.lang.foreign.MemorySegment");
        StringBuilder body = new StringBuilder();
        TreeSet<String> byDefault = new TreeSet<>(ORDER);
        byDefault.addAll(TYPED);
        byDefault.addAll(SYSCALLS);
        linkage(body, "Default", false, byDefault, "linked by default, for calls that may block");
        body.append('\n');
        linkage(
                body,
                "Critical",
                true,
                SYSCALLS,
                "linked with {@link java.lang.foreign.Linker.Option#critical}, for calls that never"
                        + " block");
        JavaFile.write(
                root,
                "io.rawsys.internal",
                "Shapes",
                source,
                DOC,
                body,
                "java.lang.foreign.MemorySegment",
                "java.lang.invoke.MethodHandle");
    }

    /** A nested class of raw methods in one linkage, each with its handle's holder. */
    private static void linkage(
            StringBuilder body,
            String name,
            boolean critical,
            Iterable<String> shapes,
            String doc) {
        body.append(
                """
                    /** The raw calls, %s. */
                    public static final class %s {
                        private %s() {}
                """
                        .formatted(doc, name, name));
        for (String shape : shapes) {
            body.append(
                    """

                            /** {@code rawsys_syscall%1$d} as {@code (long nr%2$s) -> long}. */
                            public static long %3$s(%4$s) {
                                if (nr < 0) {
                                    return StubCalls.enosys();
                                }
                                try {
                                    return (long) %5$s.HANDLE.invokeExact(%6$s);
                                } catch (Throwable t) {
                                    throw StubCalls.unexpected(t);
                                }
                            }

                            private static final class %5$s {
                                static final MethodHandle HANDLE = StubLoader.syscall("%7$s", %8$s);
                            }
                    """
                            .formatted(
                                    shape.length(),
                                    shape.chars()
                                            .mapToObj(c -> ", " + type((char) c))
                                            .reduce("", String::concat),
                                    method(shape),
                                    parameters(shape),
                                    method(shape).toUpperCase(Locale.ROOT),
                                    arguments(shape),
                                    shape,
                                    critical));
        }
        body.append("    }\n");
    }

    /** The method for a shape: the shape itself, or {@code none} for no arguments. */
    private static String method(String shape) {
        return shape.isEmpty() ? "none" : shape;
    }

    private static String type(char letter) {
        return switch (letter) {
            case 'l' -> "long";
            case 'p' -> "MemorySegment";
            default -> throw new IllegalArgumentException("a shape is made of l and p: " + letter);
        };
    }

    private static String parameters(String shape) {
        StringBuilder s = new StringBuilder("long nr");
        for (int i = 0; i < shape.length(); i++) {
            s.append(", ").append(type(shape.charAt(i))).append(" a").append(i + 1);
        }
        return s.toString();
    }

    private static String arguments(String shape) {
        StringBuilder s = new StringBuilder("nr");
        for (int i = 1; i <= shape.length(); i++) {
            s.append(", a").append(i);
        }
        return s.toString();
    }
}
