package io.rawsys.cli.exercise;

import io.rawsys.Arch;
import io.rawsys.calls.FileCalls;
import io.rawsys.cli.Failure;
import io.rawsys.linux.Mman;
import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * A C program of the exercises, built by samples/Makefile for this machine and carried in the jar
 * under {@code io/rawsys/exercises/linux-<arch>/}. It runs from a memfd, through {@code
 * /proc/<pid>/fd/<fd>}, so no directory has to be writable or exec-able (unless vm.memfd_noexec
 * forbids that: then from a private temporary directory); its output goes straight to this
 * process's stdout and stderr.
 */
final class NativeProgram {
    private NativeProgram() {}

    /** Runs program {@code name} with {@code args} and returns its exit status. */
    static int run(String name, String... args) {
        String resource = "/io/rawsys/exercises/linux-" + Arch.current().name() + "/" + name;
        byte[] image;
        try (InputStream in = NativeProgram.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new Failure(
                        "this jar carries no "
                                + name
                                + " for "
                                + Arch.current().name()
                                + " (the build makes the C programs for the machine it runs on);"
                                + " build the jar on this machine with ./build, or compile"
                                + " samples/src/main/c by hand",
                        Failure.KERNEL);
            }
            image = in.readAllBytes();
        } catch (IOException e) {
            throw new Failure("cannot read " + resource + " from the jar: " + e, Failure.KERNEL);
        }
        if (!memfdsMayRun()) {
            return runFromFile(name, image, args);
        }
        int fd = FileCalls.memfdCreate(name, Mman.MFD_CLOEXEC);
        try {
            write(fd, image);
            return start(List.of("/proc/" + ProcessHandle.current().pid() + "/fd/" + fd), args);
        } finally {
            FileCalls.close(fd);
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

    /** Where memfds may not run: a private directory, removed afterwards. */
    private static int runFromFile(String name, byte[] image, String... args) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("rawsys-exercise");
            Path program = dir.resolve(name);
            Files.write(program, image);
            Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("r-x------"));
            return start(List.of(program.toString()), args);
        } catch (IOException e) {
            throw new Failure(
                    "cannot run "
                            + name
                            + " from a temporary file: "
                            + e.getMessage()
                            + " (set TMPDIR to a directory that allows exec)",
                    Failure.KERNEL);
        } finally {
            if (dir != null) {
                try (var files = Files.list(dir)) {
                    for (Path p : files.toList()) {
                        Files.deleteIfExists(p);
                    }
                    Files.deleteIfExists(dir);
                } catch (IOException ignored) {
                    // a leftover temporary file is harmless
                }
            }
        }
    }

    private static void write(int fd, byte[] image) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment copy = arena.allocateFrom(ValueLayout.JAVA_BYTE, image);
            for (long done = 0; done < image.length; ) {
                done += FileCalls.write(fd, copy.asSlice(done));
            }
        }
    }

    private static int start(List<String> program, String... args) {
        List<String> command = new ArrayList<>(program);
        command.addAll(List.of(args));
        System.out.flush();
        try {
            return new ProcessBuilder(command).inheritIO().start().waitFor();
        } catch (IOException e) {
            throw new Failure(
                    "cannot run " + program.get(0) + ": " + e.getMessage(), Failure.KERNEL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure("interrupted while " + program.get(0) + " ran", Failure.KERNEL);
        }
    }
}
