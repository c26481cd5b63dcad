package io.rawsys.tool;

import io.rawsys.Arch;
import io.rawsys.calls.FileCalls;
import io.rawsys.linux.Mman;
import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A native file the jar carries for this machine (a program or a shared library built by
 * samples/Makefile under {@code <package>/linux-<arch>/}), made available under a path that can be
 * executed or loaded: a memfd, seen through {@code /proc/<pid>/fd/<fd>}, so no directory has to be
 * writable or exec-able; where vm.memfd_noexec forbids executing memfds, a file in a private
 * temporary directory. Closing it closes the memfd or deletes the file; a library already loaded,
 * or a program already started, keeps running.
 */
public final class NativeResource implements AutoCloseable {
    private final Path path;
    private final int memfd;
    private final Path directory;

    private NativeResource(Path path, int memfd, Path directory) {
        this.path = path;
        this.memfd = memfd;
        this.directory = directory;
    }

    /**
     * The file {@code name} from the jar's {@code /<packageDir>/linux-<arch>/} directory.
     *
     * @throws Failure naming the file when the jar has none for this machine, or it cannot be made
     *     available
     */
    public static NativeResource open(String packageDir, String name) {
        String resource = "/" + packageDir + "/linux-" + Arch.current().name() + "/" + name;
        byte[] image;
        try (InputStream in = NativeResource.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new Failure(
                        "this jar carries no "
                                + name
                                + " for "
                                + Arch.current().name()
                                + " (the build makes the native parts for the machine it runs on);"
                                + " build the jar on this machine with ./build",
                        Failure.KERNEL);
            }
            image = in.readAllBytes();
        } catch (IOException e) {
            throw new Failure("cannot read " + resource + " from the jar: " + e, Failure.KERNEL);
        }
        return memfdsMayRun() ? inMemfd(name, image) : inTemporaryFile(name, image);
    }

    /** Where the file can be executed or loaded from, while this is open. */
    public Path path() {
        return path;
    }

    /**
     * The file, a shared library, loaded for the life of {@code arena}. Keep this resource open as
     * long: glibc knows a loaded library by its path, and a later dlopen of a reused /proc/PID/fd/N
     * would be answered with this one.
     */
    @SuppressWarnings("restricted") // loading the library is the point
    public SymbolLookup library(Arena arena) {
        // By name, not by Path: the Path overload resolves the memfd's link to
        // "/memfd:… (deleted)", which is no file.
        return SymbolLookup.libraryLookup(path.toString(), arena);
    }

    @Override
    public void close() {
        if (memfd >= 0) {
            FileCalls.close(memfd);
            return;
        }
        try {
            Files.deleteIfExists(path);
            Files.deleteIfExists(directory);
        } catch (IOException ignored) {
            // a leftover temporary file is harmless
        }
    }

    /**
     * vm.memfd_noexec (Linux 6.3+) at 1 makes a memfd without MFD_EXEC non-executable, at 2 every
     * memfd; 0, or no such setting, leaves them executable.
     */
    private static boolean memfdsMayRun() {
        try {
            return Files.readString(Path.of("/proc/sys/vm/memfd_noexec")).trim().equals("0");
        } catch (IOException e) {
            return true;
        }
    }

    private static NativeResource inMemfd(String name, byte[] image) {
        int fd = FileCalls.memfdCreate(name, Mman.MFD_CLOEXEC);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment copy = arena.allocateFrom(ValueLayout.JAVA_BYTE, image);
            for (long done = 0; done < image.length; ) {
                done += FileCalls.write(fd, copy.asSlice(done));
            }
        } catch (RuntimeException e) {
            FileCalls.close(fd);
            throw e;
        }
        return new NativeResource(
                Path.of("/proc/" + ProcessHandle.current().pid() + "/fd/" + fd), fd, null);
    }

    private static NativeResource inTemporaryFile(String name, byte[] image) {
        try {
            Path dir = Files.createTempDirectory("rawsys-native");
            Path file = dir.resolve(name);
            Files.write(file, image);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r-x------"));
            return new NativeResource(file, -1, dir);
        } catch (IOException e) {
            throw new Failure(
                    "cannot write "
                            + name
                            + " to a temporary file: "
                            + e.getMessage()
                            + " (set TMPDIR to a directory that allows exec)",
                    Failure.KERNEL);
        }
    }
}
