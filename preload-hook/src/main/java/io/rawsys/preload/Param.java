package io.rawsys.preload;

/**
 * One parameter of a hooked function, as hooks.def declares it.
 *
 * @param kind what Java makes of it
 * @param name its name in hooks.def
 * @param type its C type
 */
public record Param(Kind kind, String name, String type) {}
