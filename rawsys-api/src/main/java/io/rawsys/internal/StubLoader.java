package io.rawsys.internal;

import io.rawsys.stubs.StubLibrary;
import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads {@code librawsys.so} for the running architecture and makes downcall handles to its stubs.
 *
 * <p>The library is copied from the {@code rawsys-stubs} jar into an anonymous memory file ({@code
 * memfd_create}) and loaded from {@code /proc/self/fd/N}, so a read-only or {@code noexec} {@code
 * /tmp} does not matter. Only when that is impossible (no memfd, or {@code vm.memfd_noexec=2}) is
 * it written to {@code java.io.tmpdir}, loaded, and deleted. The system property {@value
 * #LIBRARY_PROPERTY} names a library file to load instead.
 *
 * <p>Loading never throws out of a class initializer: if it fails, every handle this class gives
 * out throws an {@link UnsatisfiedLinkError} carrying one message that says what is wrong and what
 * to do.
 */
public final class StubLoader {
    /** System property naming a {@code librawsys.so} to load instead of the one in the jar. */
    public static final String LIBRARY_PROPERTY = "rawsys.stub.library";

    private static final int MFD_CLOEXEC = 0x1;

    /** An executable memfd where {@code vm.memfd_noexec} would seal it; older kernels refuse it. */
    private static final int MFD_EXEC = 0x10;

    private static final SymbolLookup LIBRARY;
    private static final String FAILURE;

    static {
        SymbolLookup library = null;
        String failure = null;
        try {
            library = load();
        } catch (LoadFailure e) {
            failure = e.getMessage();
        }
        LIBRARY = library;
        FAILURE = failure;
    }

    private StubLoader() {}

    /**
     * A handle to the stub for {@code shape.length()} arguments, where each {@code 'p'} in {@code
     * shape} is a {@link MemorySegment} pointer and each {@code 'l'} a {@code long}: {@code "lpl"}
     * makes {@code (long nr, long fd, MemorySegment buf, long count) -> long}, read's shape. A
     * pointer and a long travel in the same register on every 64-bit ABI, so one stub serves both;
     * passing the segment rather than its address lets FFM keep its memory alive during the call
     * and refuse a heap or closed one before the kernel sees it. With {@code critical} it is linked
     * with {@link Linker.Option#critical}, for calls that never block. {@link Shapes} holds one per
     * shape and linkage.
     */
    @SuppressWarnings("restricted") // the point of this class
    public static MethodHandle syscall(String shape, boolean critical) {
        List<Class<?>> parameters = new ArrayList<>(List.of(long.class));
        List<MemoryLayout> layouts = new ArrayList<>(List.of(ValueLayout.JAVA_LONG));
        for (char c : shape.toCharArray()) {
            boolean pointer = c == 'p';
            if (!pointer && c != 'l') {
                throw new IllegalArgumentException("a shape is made of l and p, not " + shape);
            }
            parameters.add(pointer ? MemorySegment.class : long.class);
            layouts.add(pointer ? ValueLayout.ADDRESS : ValueLayout.JAVA_LONG);
        }
        MethodType type = MethodType.methodType(long.class, parameters);
        if (LIBRARY == null) {
            return failing(type, FAILURE);
        }
        String symbol = "rawsys_syscall" + shape.length();
        MemorySegment address = LIBRARY.find(symbol).orElse(null);
        if (address == null) {
            return failing(
                    type,
                    "librawsys.so has no " + symbol + "; it is broken or from another rawsys");
        }
        FunctionDescriptor descriptor =
                FunctionDescriptor.of(ValueLayout.JAVA_LONG, layouts.toArray(MemoryLayout[]::new));
        Linker.Option[] options =
                critical
                        ? new Linker.Option[] {Linker.Option.critical(false)}
                        : new Linker.Option[0];
        return Linker.nativeLinker().downcallHandle(address, descriptor, options);
    }

    /** Why the stub library could not be loaded, or {@code null} if it was. */
    public static String failure() {
        return FAILURE;
    }

    /**
     * A handle of {@code type} that throws {@link UnsatisfiedLinkError}{@code (message)} whenever
     * called.
     */
    private static MethodHandle failing(MethodType type, String message) {
        try {
            MethodType failType = MethodType.methodType(long.class, String.class);
            MethodHandle fail =
                    MethodHandles.lookup().findStatic(StubLoader.class, "fail", failType);
            return MethodHandles.dropArguments(
                    MethodHandles.insertArguments(fail, 0, message), 0, type.parameterList());
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    @SuppressWarnings("unused") // called through failing()
    private static long fail(String message) {
        throw new UnsatisfiedLinkError(message);
    }

    private static SymbolLookup load() throws LoadFailure {
        Module module = StubLoader.class.getModule();
        if (!module.isNativeAccessEnabled()) {
            String who = module.isNamed() ? module.getName() : "ALL-UNNAMED";
            throw new LoadFailure(
                    "rawsys makes native calls, and this JVM does not allow them: add --enable-native-access="
                            + who
                            + " to the java command line (or 'Enable-Native-Access: ALL-UNNAMED' to an executable jar's manifest)");
        }
        if (ValueLayout.ADDRESS.byteSize() != Long.BYTES) {
            // The stubs take C longs, which are 32 bits here; rawsys's Java API is written for
            // 64-bit registers.
            throw new LoadFailure(
                    "rawsys's Java API needs a 64-bit JVM, and this one is 32-bit (os.arch="
                            + System.getProperty("os.arch")
                            + "); rawsys still describes 32-bit ABIs through Arch.of(...), and its stubs for them serve C callers");
        }
        String explicit = System.getProperty(LIBRARY_PROPERTY);
        if (explicit != null) {
            Path path = Path.of(explicit);
            if (!Files.isRegularFile(path)) {
                throw new LoadFailure(
                        "-D"
                                + LIBRARY_PROPERTY
                                + "="
                                + explicit
                                + " names no file; point it at a librawsys.so or remove it to use the one in the rawsys-stubs jar");
            }
            return lookup(path, "-D" + LIBRARY_PROPERTY);
        }
        String platform;
        try {
            platform = "linux-" + HostAbi.name();
        } catch (UnsupportedOperationException e) {
            throw new LoadFailure(e.getMessage());
        }
        byte[] image = readImage(platform);
        String memfdProblem;
        try {
            return loadFromMemfd(image);
        } catch (LoadFailure e) {
            memfdProblem = e.getMessage();
        }
        try {
            return loadFromTempFile(image);
        } catch (LoadFailure | IOException | RuntimeException e) {
            String tmp = System.getProperty("java.io.tmpdir");
            throw new LoadFailure(
                    "cannot load "
                            + StubLibrary.FILE_NAME
                            + " from memory ("
                            + memfdProblem
                            + ") nor from "
                            + tmp
                            + " ("
                            + e.getMessage()
                            + "); if "
                            + tmp
                            + " is mounted noexec, set -Djava.io.tmpdir to a directory that is not, or extract "
                            + "the library and set -D"
                            + LIBRARY_PROPERTY
                            + " to it");
        }
    }

    private static byte[] readImage(String platform) throws LoadFailure {
        InputStream in = StubLibrary.open(platform).orElse(null);
        if (in == null) {
            throw new LoadFailure(
                    "the rawsys-stubs jar carries no "
                            + StubLibrary.FILE_NAME
                            + " for "
                            + platform
                            + "; build one with 'make -C "
                            + "rawsys-stubs ARCH="
                            + platform.substring("linux-".length())
                            + "' and set -D"
                            + LIBRARY_PROPERTY
                            + " to it");
        }
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new LoadFailure(
                    "cannot read "
                            + StubLibrary.FILE_NAME
                            + " for "
                            + platform
                            + " from the rawsys-stubs jar: "
                            + e);
        }
    }

    /**
     * Copies the library into a memfd and loads it from /proc/self/fd. On success the descriptor
     * stays open for the life of the JVM: glibc knows loaded libraries by path, and a later dlopen
     * of a reused /proc/self/fd/N would otherwise be answered with this library. On failure it is
     * closed.
     */
    private static SymbolLookup loadFromMemfd(byte[] image) throws LoadFailure {
        Libc libc = new Libc();
        Libc.Result created = libc.memfdCreate("librawsys.so", MFD_CLOEXEC | MFD_EXEC);
        if (created.value() < 0) { // a kernel before 6.3 refuses MFD_EXEC with EINVAL
            created = libc.memfdCreate("librawsys.so", MFD_CLOEXEC);
        }
        if (created.value() < 0) {
            throw new LoadFailure("memfd_create failed with errno " + created.errno());
        }
        int fd = created.value();
        Path path = Path.of("/proc/self/fd/" + fd);
        try {
            Files.write(path, image);
            return lookup(path, "a memfd");
        } catch (IOException | LoadFailure e) {
            libc.close(fd);
            throw new LoadFailure(
                    e instanceof IOException
                            ? "cannot write the memfd through " + path + ": " + e.getMessage()
                            : e.getMessage());
        }
    }

    private static SymbolLookup loadFromTempFile(byte[] image) throws IOException, LoadFailure {
        Path file = Files.createTempFile("librawsys-", ".so");
        try {
            Files.write(file, image);
            return lookup(file, file.toString());
        } finally {
            Files.deleteIfExists(file); // the mapping outlives the name
        }
    }

    @SuppressWarnings("restricted") // the point of this class
    private static SymbolLookup lookup(Path path, String from) throws LoadFailure {
        try {
            // By name, not by Path: the Path overload resolves symlinks first, and a memfd's
            // /proc/self/fd/N resolves to "/memfd:... (deleted)", which is no file. An absolute
            // name goes to dlopen as it is.
            return SymbolLookup.libraryLookup(path.toAbsolutePath().toString(), Arena.global());
        } catch (IllegalArgumentException | IllegalCallerException e) {
            throw new LoadFailure(
                    "dlopen of "
                            + StubLibrary.FILE_NAME
                            + " from "
                            + from
                            + " failed: "
                            + e.getMessage());
        }
    }

    /**
     * The two libc functions loading needs, before rawsys's own stubs exist, with errno captured.
     */
    private static final class Libc {
        /** A return value, and errno as the call left it. */
        record Result(int value, int errno) {}

        private static final StructLayout STATE = Linker.Option.captureStateLayout();
        private static final VarHandle ERRNO =
                STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));

        private final MethodHandle memfdCreate;
        private final MethodHandle close;

        @SuppressWarnings("restricted") // libc, through the JDK's own lookup
        private Libc() {
            Linker linker = Linker.nativeLinker();
            Linker.Option errno = Linker.Option.captureCallState("errno");
            memfdCreate =
                    linker.downcallHandle(
                            linker.defaultLookup().findOrThrow("memfd_create"),
                            FunctionDescriptor.of(
                                    ValueLayout.JAVA_INT,
                                    ValueLayout.ADDRESS,
                                    ValueLayout.JAVA_INT),
                            errno);
            close =
                    linker.downcallHandle(
                            linker.defaultLookup().findOrThrow("close"),
                            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
        }

        Result memfdCreate(String name, int flags) {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment state = arena.allocate(STATE);
                int fd = (int) memfdCreate.invokeExact(state, arena.allocateFrom(name), flags);
                return new Result(fd, (int) ERRNO.get(state, 0L));
            } catch (Throwable t) {
                throw new IllegalStateException("memfd_create: " + t, t);
            }
        }

        void close(int fd) {
            try {
                int ignored = (int) close.invokeExact(fd);
            } catch (Throwable t) {
                throw new IllegalStateException("close: " + t, t);
            }
        }
    }

    /** Why loading failed, as one sentence for the user. */
    private static final class LoadFailure extends Exception {
        private static final long serialVersionUID = 1L;

        LoadFailure(String message) {
            super(message, null, false, false);
        }
    }
}
