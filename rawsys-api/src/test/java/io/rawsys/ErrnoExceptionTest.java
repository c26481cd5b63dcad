package io.rawsys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rawsys.linux.Errno;
import io.rawsys.linux.Nr;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The cheap error path: no stack trace unless asked for, the message made when read. */
class ErrnoExceptionTest {
    /** Fails close(-1) and prints the exception's frame count and its printed trace. */
    public static final class FailClose {
        public static void main(String[] args) {
            try {
                Syscalls.invoke(Nr.close, -1);
            } catch (ErrnoException e) {
                System.out.println(e.getStackTrace().length);
                e.printStackTrace(System.out);
            }
        }
    }

    @Test
    void recordsNoStackTraceByDefault() {
        ErrnoException e = assertThrows(ErrnoException.class, () -> Syscalls.invoke(Nr.close, -1));
        assertEquals(0, e.getStackTrace().length);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        e.printStackTrace(new PrintStream(printed, true, StandardCharsets.UTF_8));
        assertEquals(
                "io.rawsys.ErrnoException: close: EBADF (Bad file descriptor)"
                        + System.lineSeparator(),
                printed.toString(StandardCharsets.UTF_8),
                "the printed trace still names the call and the error");
    }

    @Test
    void recordsItsStackTraceWhenThePropertyAsks() throws Exception {
        LoaderTest.Run run =
                LoaderTest.java(
                        FailClose.class,
                        "--enable-native-access=ALL-UNNAMED",
                        "-Drawsys.errno.stacktrace=true");
        assertEquals(0, run.exitCode(), run.stderr());
        String[] lines = run.stdout().split("\n");
        assertTrue(Integer.parseInt(lines[0]) > 0, run.stdout());
        assertEquals("io.rawsys.ErrnoException: close: EBADF (Bad file descriptor)", lines[1]);
        assertTrue(run.stdout().contains("at io.rawsys.Syscalls.invoke("), run.stdout());
        assertTrue(run.stdout().contains("FailClose.main("), run.stdout());
    }

    @Test
    void theMessageIsStrerrorsTextAndTheDetail() {
        assertEquals("No such file or directory", new ErrnoException(Errno.ENOENT).getMessage());
        assertEquals(
                "No such device: Unknown device type",
                new ErrnoException(Errno.ENODEV, -1, "Unknown device type").getMessage());
        assertEquals(
                "io.rawsys.ErrnoException: ENODEV (No such device: Unknown device type)",
                new ErrnoException(Errno.ENODEV, -1, "Unknown device type").toString());
        assertEquals(
                "No such device",
                new ErrnoException(Errno.ENODEV).getLocalizedMessage(),
                "getLocalizedMessage follows getMessage");
    }

    @Test
    void aNullDetailIsRefusedNamingIt() {
        NullPointerException e =
                assertThrows(NullPointerException.class, () -> new ErrnoException(1, -1, null));
        assertEquals("detail", e.getMessage());
    }

    @Test
    void eachFailureHasItsOwnInstance() {
        ErrnoException a = assertThrows(ErrnoException.class, () -> Syscalls.invoke(Nr.close, -1));
        ErrnoException b = assertThrows(ErrnoException.class, () -> Syscalls.invoke(Nr.close, -1));
        assertTrue(a != b);
        a.addSuppressed(new IllegalStateException("only a's"));
        assertEquals(0, b.getSuppressed().length);
    }
}
