package io.rawsys.preload;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Loading a hook class and reading which functions it wants, without instantiating it. */
public final class HookClasses {
    private HookClasses() {}

    /**
     * The class {@code name} from {@code loader}, checked to be a usable {@link PreloadHook}.
     *
     * @throws IllegalArgumentException naming what is wrong and what to do
     */
    public static Class<? extends PreloadHook> load(String name, ClassLoader loader) {
        Class<?> c;
        try {
            c = Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalArgumentException(
                    "hook class "
                            + name
                            + " not found ("
                            + e
                            + "); give its class path with --classpath");
        }
        if (!PreloadHook.class.isAssignableFrom(c)) {
            throw new IllegalArgumentException(
                    "hook class " + name + " does not implement " + PreloadHook.class.getName());
        }
        if (c.isInterface() || java.lang.reflect.Modifier.isAbstract(c.getModifiers())) {
            throw new IllegalArgumentException(
                    "hook class "
                            + name
                            + " is "
                            + (c.isInterface() ? "an interface" : "abstract")
                            + ": give a concrete class that implements "
                            + PreloadHook.class.getName());
        }
        try {
            c.getConstructor();
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(
                    "hook class " + name + " has no public no-argument constructor; add one");
        }
        return c.asSubclass(PreloadHook.class);
    }

    /**
     * The functions {@code hook} wants: those of the families whose method it overrides, narrowed
     * by {@link Only}.
     *
     * @throws IllegalArgumentException when {@link Only} names an unknown function
     */
    public static Set<Function> wanted(Class<? extends PreloadHook> hook) {
        Set<Function> out = EnumSet.noneOf(Function.class);
        for (Family family : Family.values()) {
            if (overrides(hook, family)) {
                for (Function f : Function.values()) if (f.family() == family) out.add(f);
            }
        }
        Only only = hook.getAnnotation(Only.class);
        if (only != null) {
            Set<Function> named = EnumSet.noneOf(Function.class);
            List<String> unknown = new ArrayList<>();
            for (String n : only.value()) {
                try {
                    named.add(Function.valueOf(n));
                } catch (IllegalArgumentException e) {
                    unknown.add(n);
                }
            }
            if (!unknown.isEmpty()) {
                throw new IllegalArgumentException(
                        "@Only on "
                                + hook.getName()
                                + " names "
                                + unknown
                                + ", not hooked functions; the hooked functions are "
                                + Arrays.toString(Function.values()));
            }
            out.retainAll(named);
        }
        return out;
    }

    private static boolean overrides(Class<?> hook, Family family) {
        try {
            return hook.getMethod(family.method(), family.view()).getDeclaringClass()
                    != PreloadHook.class;
        } catch (NoSuchMethodException e) {
            throw new AssertionError(family.method() + " is a PreloadHook method", e);
        }
    }
}
