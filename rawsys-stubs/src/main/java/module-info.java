/**
 * The native half of rawsys: {@code librawsys.so} for each supported architecture, carried as
 * resources, and the one class that hands them out. Nothing here calls native code; {@code
 * io.rawsys} loads it.
 */
module io.rawsys.stubs {
    exports io.rawsys.stubs;
}
