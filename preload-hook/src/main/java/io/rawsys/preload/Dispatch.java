package io.rawsys.preload;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.HashSet;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The embedded JVM's entry points, called by the preload library: {@link #boot} and {@link #upcall}
 * once through JNI, {@link #dispatch} for every wanted call through an FFM upcall stub. Nothing
 * thrown here reaches the program: a throwing hook is logged and the call proceeds.
 */
final class Dispatch {
    private static final Function[] FUNCTIONS = Function.values();
    private static PreloadHook hook;
    private static String hookName;

    private Dispatch() {}

    /**
     * Loads and instantiates the hook class; returns the functions, of {@code asked} (comma
     * separated), that it wants.
     */
    static String boot(String name, String asked) throws ReflectiveOperationException {
        Class<? extends PreloadHook> c = HookClasses.load(name, ClassLoader.getSystemClassLoader());
        Set<Function> wanted = HookClasses.wanted(c);
        hook = c.getConstructor().newInstance();
        hookName = c.getName();
        Set<String> names = new HashSet<>(java.util.List.of(asked.split(",")));
        StringJoiner out = new StringJoiner(",");
        for (Function f : wanted) if (names.contains(f.name())) out.add(f.name());
        return out.toString();
    }

    /**
     * The address of an FFM upcall stub for {@link #dispatch}, which the library calls for every
     * wanted call: a direct call into compiled code, where JNI's CallStaticLongMethod would walk
     * the signature and push the arguments each time. The stub lives as long as the JVM.
     */
    @SuppressWarnings("restricted") // the JVM runs with --enable-native-access=ALL-UNNAMED
    static long upcall() throws ReflectiveOperationException {
        MethodType type =
                MethodType.methodType(
                        long.class,
                        int.class,
                        long.class,
                        long.class,
                        long.class,
                        long.class,
                        long.class,
                        long.class,
                        long.class);
        MethodHandle target = MethodHandles.lookup().findStatic(Dispatch.class, "dispatch", type);
        ValueLayout.OfLong word = ValueLayout.JAVA_LONG;
        FunctionDescriptor descriptor =
                FunctionDescriptor.of(
                        word, ValueLayout.JAVA_INT, word, word, word, word, word, word, word);
        return Linker.nativeLinker().upcallStub(target, descriptor, Arena.global()).address();
    }

    /** The hook's method for the call's family, and its decision (proceed for a null one). */
    static Decision ask(PreloadHook hook, Call call) {
        Decision d =
                switch (call) {
                    case OpenCall c -> hook.open(c);
                    case StatCall c -> hook.stat(c);
                    case PathCall c -> hook.path(c);
                    case IoCall c -> hook.io(c);
                    case CloseCall c -> hook.close(c);
                    case SocketCall c -> hook.socket(c);
                    case ExecCall c -> hook.exec(c);
                    case ForkCall c -> hook.fork(c);
                    case TimeCall c -> hook.time(c);
                    case SyscallCall c -> hook.syscall(c);
                };
        return d == null ? Decision.proceed() : d;
    }

    static long dispatch(int fn, long a0, long a1, long a2, long a3, long a4, long a5, long a6) {
        // Nothing may escape an upcall (the JVM would end the program): every step is inside the
        // try, even the lookups, and the catch itself throws nothing.
        Call call = null;
        try {
            Function f = FUNCTIONS[fn];
            call = Call.of(f, new long[] {a0, a1, a2, a3, a4, a5, a6});
            return ask(hook, call).encode(call);
        } catch (Throwable t) {
            try {
                System.err.println(
                        "rawsys-preload: hook "
                                + hookName
                                + " threw "
                                + t
                                + " on "
                                + (call != null ? call.function() : "function " + fn)
                                + "; the call proceeds");
            } catch (Throwable ignored) {
                // nothing more can be done; the call still proceeds
            }
            try {
                return call != null && call.proceeded()
                        ? Decision.proceed().encode(call)
                        : Decision.PROCEED;
            } catch (Throwable ignored) {
                return Decision.PROCEED;
            }
        }
    }
}
