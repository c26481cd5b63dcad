package io.rawsys.cli.exercise;

import io.rawsys.ErrnoException;
import io.rawsys.calls.DirEntry;
import io.rawsys.calls.FileCalls;
import io.rawsys.linux.Fcntl;
import io.rawsys.tool.Failure;
import java.io.ByteArrayOutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * procfs, sysfs and configfs files through the typed file calls. The kernel makes these files up on
 * each read, so their size means nothing (stat says 0 or 4096): a file is read until read() returns
 * 0. An attribute is written with a single write(), which is how sysfs and configfs take a value.
 * Errors are {@link io.rawsys.ErrnoException}s, for the caller to put in context.
 */
final class KernelFiles {
    private KernelFiles() {}

    /** The whole file, as text. */
    static String read(String path) {
        int fd = FileCalls.openat(Fcntl.AT_FDCWD, path, Fcntl.O_RDONLY | Fcntl.O_CLOEXEC);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(8192);
            ByteArrayOutputStream text = new ByteArrayOutputStream();
            long n;
            while ((n = FileCalls.read(fd, buffer)) > 0) {
                text.write(buffer.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE), 0, (int) n);
            }
            return text.toString(StandardCharsets.UTF_8);
        } finally {
            FileCalls.close(fd);
        }
    }

    /** Writes {@code value} in one write(), as {@code echo -n value > path} does. */
    static void write(String path, String value) {
        int fd = FileCalls.openat(Fcntl.AT_FDCWD, path, Fcntl.O_WRONLY | Fcntl.O_CLOEXEC);
        try (Arena arena = Arena.ofConfined()) {
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            FileCalls.write(fd, arena.allocateFrom(ValueLayout.JAVA_BYTE, bytes));
        } finally {
            FileCalls.close(fd);
        }
    }

    /** A directory's entries by name, without "." and "..". */
    static List<DirEntry> list(String path) {
        int fd =
                FileCalls.openat(
                        Fcntl.AT_FDCWD, path, Fcntl.O_RDONLY | Fcntl.O_DIRECTORY | Fcntl.O_CLOEXEC);
        try {
            return FileCalls.getdents64(fd).stream()
                    .filter(e -> !e.name().equals(".") && !e.name().equals(".."))
                    .sorted(Comparator.comparing(DirEntry::name))
                    .toList();
        } finally {
            FileCalls.close(fd);
        }
    }

    /** A symbolic link's target. */
    static String link(String path) {
        return FileCalls.readlinkat(Fcntl.AT_FDCWD, path);
    }

    /** The value, or how reading it failed: a view shows what it can. */
    static String orError(Supplier<String> read) {
        try {
            return read.get();
        } catch (ErrnoException e) {
            return "(" + Failure.describe(e) + ")";
        }
    }

    /** A one-line attribute's value, or how reading it failed. */
    static String value(String path) {
        return orError(() -> read(path).strip());
    }

    /**
     * Writes an attribute and reports what it held before and after: {@code path: old -> new}.
     *
     * @throws Failure when the kernel refuses the value
     */
    static String set(String path, String value) {
        String before = value(path);
        try {
            write(path, value);
        } catch (ErrnoException e) {
            throw Failure.of(e, "writing " + path);
        }
        return path + ": " + before + " -> " + value(path);
    }

    /** A {@code --set NAME=VALUE} option, its name checked against what the command allows. */
    record Setting(String name, String value) {
        /**
         * @param expected what the option wants, for the message: "FILE=VALUE with FILE …"
         */
        static Setting parse(String text, Pattern names, String expected) {
            int eq = text.indexOf('=');
            String name = eq < 0 ? "" : text.substring(0, eq);
            if (!names.matcher(name).matches() || name.contains("..")) {
                throw Failure.usage("--set wants " + expected + ", not '" + text + "'");
            }
            return new Setting(name, text.substring(eq + 1));
        }
    }
}
