package io.rawsys;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rawsys.linux.Errno;
import io.rawsys.linux.Fcntl;
import io.rawsys.linux.Nr;
import io.rawsys.linux.struct.Stat;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's first example, as it is printed there: it must compile and do what it says. */
class ReadmeExampleTest {
    @Test
    void theReadmeExamplePrintsTheFileSize() throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream out = System.out;
        System.setOut(new PrintStream(captured, true));
        try {
            // --- as in README.md ---
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment path = arena.allocateFrom("/etc/hostname");
                long fd =
                        Syscalls.invoke(
                                Nr.openat,
                                Fcntl.AT_FDCWD,
                                path.address(),
                                Fcntl.O_RDONLY | Fcntl.O_CLOEXEC);
                MemorySegment st = Stat.allocate(arena);
                Syscalls.invoke(Nr.fstat, fd, st.address());
                System.out.println(Stat.st_size(st));
            } catch (
                    ErrnoException e) { // e.errnoName() is "ENOENT", e.getMessage() strerror's text
                if (e.errno() != Errno.ENOENT) throw e;
            }
            // --- end ---
        } finally {
            System.setOut(out);
        }
        String expected =
                Files.exists(Path.of("/etc/hostname"))
                        ? Files.size(Path.of("/etc/hostname")) + System.lineSeparator()
                        : "";
        assertEquals(expected, captured.toString());
    }
}
