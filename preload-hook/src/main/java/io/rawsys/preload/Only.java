package io.rawsys.preload;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Narrows a {@link PreloadHook} class to these functions (names from {@link Function}, e.g.
 * {@code @Only({"openat", "open"})}), of the families it overrides.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Only {
    /** The function names. */
    String[] value();
}
