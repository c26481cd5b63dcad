package io.rawsys.jmh;

import java.nio.file.Path;

/** A JNI native method calling libc's getpid(), from the library jmh's Makefile builds. */
final class JniGetpid {
    /** Where the benchmark JVM finds libjnigetpid.so: jmh/run and the tests set it. */
    static final String NATIVE_DIR = "rawsys.jmh.native";

    static {
        String dir = System.getProperty(NATIVE_DIR);
        if (dir == null) {
            throw new IllegalStateException(
                    "-D"
                            + NATIVE_DIR
                            + " must name the directory of libjnigetpid.so (jmh/run sets it)");
        }
        System.load(Path.of(dir, "libjnigetpid.so").toAbsolutePath().toString());
    }

    private JniGetpid() {}

    static native int getpid();
}
