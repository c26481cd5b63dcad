/**
 * rawsys: every Linux system call from Java, through hand-written {@code syscall}-instruction stubs
 * called with the FFM API, with no libc on the path.
 *
 * <p>Start with {@link io.rawsys.Syscalls}; syscall numbers are in {@link io.rawsys.linux.Nr},
 * errno values in {@link io.rawsys.linux.Errno}, constants in the other classes of {@code
 * io.rawsys.linux}, struct layouts in {@code io.rawsys.linux.struct}, and {@link io.rawsys.Arch}
 * describes each architecture rawsys knows. The JVM must grant this module native access: {@code
 * --enable-native-access=io.rawsys} on the module path, or {@code
 * --enable-native-access=ALL-UNNAMED} on the class path.
 */
module io.rawsys {
    requires io.rawsys.stubs;

    exports io.rawsys;
    exports io.rawsys.calls;
    exports io.rawsys.linux;
    exports io.rawsys.linux.struct;
    exports io.rawsys.netlink;
    exports io.rawsys.vdso;
}
