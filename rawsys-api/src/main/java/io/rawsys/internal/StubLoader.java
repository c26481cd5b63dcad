package io.rawsys.internal;

import io.rawsys.Arch;
import io.rawsys.stubs.StubLibrary;
import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;

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

    /**
     * Asks for an executable memfd where {@code vm.memfd_noexec} would otherwise seal it; older
     * kernels refuse it.
     */
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
     * A handle to {@code rawsys_syscall<args>}: {@code (long nr, long a1, ..., long aN) -> long}.
     *
     * @param args the number of arguments after the call number, 0 to 6
     * @param critical whether to link with {@link Linker.Option#critical}, for calls that never
     *     block
     */
    @SuppressWarnings("restricted") // the point of this class
    public static MethodHandle syscall(int args, boolean critical) {
        MethodType type =
                MethodType.methodType(long.class, Collections.nCopies(args + 1, long.class));
        if (LIBRARY == null) {
            return failing(type, FAILURE);
        }
        String symbol = "rawsys_syscall" + args;
        MemorySegment address = LIBRARY.find(symbol).orElse(null);
        if (address == null) {
            return failing(
                    type,
                    "librawsys.so has no symbol "
                            + symbol
                            + "; it is broken or from another rawsys version");
        }
        FunctionDescriptor descriptor =
                FunctionDescriptor.of(
                        ValueLayout.JAVA_LONG,
                        Collections.nCopies(args + 1, ValueLayout.JAVA_LONG)
                                .toArray(ValueLayout[]::new));
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
     * it is called.
     */
    private static MethodHandle failing(MethodType type, String message) {
        try {
            MethodHandle fail =
                    MethodHandles.lookup()
                            .findStatic(
                                    StubLoader.class,
                                    "fail",
                                    MethodType.methodType(long.class, String.class));
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
            platform = "linux-" + Arch.current().name();
        } catch (UnsupportedOperationException e) {
            throw new LoadFailure(e.getMessage());
        }
        byte[] image;
        try (InputStream in =
                StubLibrary.open(platform)
                        .orElseThrow(
                                () ->
                                        new LoadFailure(
                                                "the rawsys-stubs jar carries no "
                                                        + StubLibrary.FILE_NAME
                                                        + " for "
                                                        + platform
                                                        + "; build one with 'make -C rawsys-stubs ARCH="
                                                        + platform.substring(6)
                                                        + "' and set -D"
                                                        + LIBRARY_PROPERTY
                                                        + " to it"))) {
            image = in.readAllBytes();
        } catch (IOException e) {
            throw new LoadFailure(
                    "cannot read "
                            + StubLibrary.FILE_NAME
                            + " for "
                            + platform
                            + " from the rawsys-stubs jar: "
                            + e);
        }
        String memfdProblem;
        try {
            return loadFromMemfd(image);
        } catch (LoadFailure | RuntimeException e) {
            memfdProblem = e.getMessage();
        }
        try {
            return loadFromTempFile(image);
        } catch (LoadFailure | IOException | RuntimeException e) {
            throw new LoadFailure(
                    "cannot load "
                            + StubLibrary.FILE_NAME
                            + " from memory ("
                            + memfdProblem
                            + ") nor from java.io.tmpdir ("
                            + e.getMessage()
                            + "); if "
                            + System.getProperty("java.io.tmpdir")
                            + " is mounted noexec, set -Djava.io.tmpdir to a directory that is not, "
                            + "or extract the library and set -D"
                            + LIBRARY_PROPERTY
                            + " to it");
        }
    }

    /**
     * Copies the library into a memfd and loads it from /proc/self/fd. The descriptor stays open
     * for the life of the JVM: glibc knows loaded libraries by path, and a later dlopen of a reused
     * /proc/self/fd/N would otherwise be answered with this library.
     */
    @SuppressWarnings("restricted") // the point of this class
    private static SymbolLookup loadFromMemfd(byte[] image) throws LoadFailure {
        Linker linker = Linker.nativeLinker();
        MethodHandle memfdCreate =
                linker.defaultLookup()
                        .find("memfd_create")
                        .map(
                                a ->
                                        linker.downcallHandle(
                                                a,
                                                FunctionDescriptor.of(
                                                        ValueLayout.JAVA_INT,
                                                        ValueLayout.ADDRESS,
                                                        ValueLayout.JAVA_INT)))
                        .orElseThrow(() -> new LoadFailure("libc has no memfd_create"));
        int fd;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment name = arena.allocateFrom("librawsys.so");
            fd = (int) memfdCreate.invokeExact(name, MFD_CLOEXEC | MFD_EXEC);
            if (fd < 0) {
                fd = (int) memfdCreate.invokeExact(name, MFD_CLOEXEC);
            }
        } catch (Throwable e) {
            throw new LoadFailure("memfd_create failed: " + e);
        }
        if (fd < 0) {
            throw new LoadFailure("memfd_create failed");
        }
        Path path = Path.of("/proc/self/fd/" + fd);
        try {
            Files.write(path, image);
        } catch (IOException e) {
            throw new LoadFailure("cannot write the memfd through " + path + ": " + e.getMessage());
        }
        return lookup(path, "a memfd");
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
            String what = StubLibrary.FILE_NAME + " from " + from;
            throw new LoadFailure("dlopen of " + what + " failed: " + e.getMessage());
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
