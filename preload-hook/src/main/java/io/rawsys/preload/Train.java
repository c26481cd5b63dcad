package io.rawsys.preload;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * The training run behind the embedded JVM's ahead-of-time cache: {@code java <jvm.options>
 * -XX:AOTCacheOutput=FILE -cp RUNTIME.jar io.rawsys.preload.Train} boots the runtime as the library
 * does (a hook, the upcall stub) and sends every family's calls through it, so the classes a hooked
 * program's JVM loads at its start are in the cache, loaded and linked. {@code rawsys preload}
 * makes the cache once per runtime jar and JDK; it halves the JVM's start inside the program.
 */
public final class Train {
    private Train() {}

    /** Wants every family; decides nothing (its arguments are not real calls). */
    public static final class Everything implements PreloadHook {
        @Override
        public Decision open(OpenCall call) {
            return Decision.proceed();
        }

        @Override
        public Decision stat(StatCall call) {
            return Decision.proceed();
        }

        @Override
        public Decision path(PathCall call) {
            return Decision.proceed();
        }

        @Override
        public Decision io(IoCall call) {
            return Decision.proceed();
        }

        @Override
        public Decision close(CloseCall call) {
            return Decision.proceed();
        }

        @Override
        public Decision socket(SocketCall call) {
            return Decision.proceed();
        }

        @Override
        public Decision exec(ExecCall call) {
            return Decision.proceed();
        }

        @Override
        public Decision fork(ForkCall call) {
            return Decision.proceed();
        }

        @Override
        public Decision time(TimeCall call) {
            return Decision.proceed();
        }

        @Override
        public Decision syscall(SyscallCall call) {
            return Decision.proceed();
        }
    }

    @SuppressWarnings("restricted") // a downcall to the upcall stub, as the library makes it
    public static void main(String[] args) throws Throwable {
        StringBuilder all = new StringBuilder();
        for (Function f : Function.values()) {
            all.append(all.isEmpty() ? "" : ",").append(f.name());
        }
        Dispatch.boot(Everything.class.getName(), all.toString());
        ValueLayout.OfLong word = ValueLayout.JAVA_LONG;
        MethodHandle dispatch =
                Linker.nativeLinker()
                        .downcallHandle(
                                MemorySegment.ofAddress(Dispatch.upcall()),
                                FunctionDescriptor.of(
                                        word,
                                        ValueLayout.JAVA_INT,
                                        word,
                                        word,
                                        word,
                                        word,
                                        word,
                                        word,
                                        word));
        for (int round = 0; round < 200; round++) {
            for (Function f : Function.values()) {
                long r = (long) dispatch.invokeExact(f.ordinal(), 0L, 0L, 0L, 0L, 0L, 0L, 0L);
                if (r != Decision.PROCEED) {
                    throw new AssertionError(f + " did not proceed");
                }
            }
        }
    }
}
