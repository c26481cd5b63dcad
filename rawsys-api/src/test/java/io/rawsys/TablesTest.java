package io.rawsys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rawsys.linux.Errno;
import io.rawsys.linux.Nr;
import io.rawsys.linux.data.ZArchData;
import io.rawsys.testing.KernelSource;
import java.io.IOException;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The generated tables against independent sources: the header text itself, and libc's strerror.
 */
@SuppressWarnings("restricted") // reinterpret and downcalls on memory the test owns
class TablesTest {
    /**
     * The x86_64 table is the kernel's own list: every row of {@code syscall_64.tbl} whose ABI is
     * {@code common} or {@code 64} (the x32 rows live in the same file, from 512 up), with the
     * number and name the tree gives it.
     */
    @Test
    void x86_64SyscallTableEqualsTheKernelsSyscall64Tbl() throws IOException {
        Path tbl = KernelSource.tree().resolve("arch/x86/entry/syscalls/syscall_64.tbl");
        Map<String, Long> kernel = new TreeMap<>();
        for (String line : Files.readAllLines(tbl)) {
            String[] f = line.strip().split("\\s+");
            if (line.startsWith("#") || f.length < 3) {
                continue;
            }
            if (f[1].equals("common") || f[1].equals("64")) {
                kernel.put(f[2], Long.parseLong(f[0]));
            }
        }
        assertTrue(kernel.size() > 360, tbl + " parsed: " + kernel.size());
        assertEquals(kernel, table("x86_64"));
        assertEquals(462L, kernel.get("mseal"), "the issue's example");
    }

    /** The installed header says the same as the table it was made from, and so does rawsys. */
    @Test
    void x86_64SyscallTableEqualsTheInstalledUnistd64() throws IOException {
        Path unistd = KernelSource.headers("x86").resolve("asm/unistd_64.h");
        Map<String, Long> header = new TreeMap<>();
        Matcher m =
                Pattern.compile("(?m)^#define __NR_(\\w+) (\\d+)$")
                        .matcher(Files.readString(unistd));
        while (m.find()) {
            header.put(m.group(1), Long.parseLong(m.group(2)));
        }
        assertTrue(header.size() > 360, unistd + " parsed: " + header.size());
        assertEquals(header, table("x86_64"));
    }

    private static Map<String, Long> table(String arch) {
        return Arch.of(arch).syscalls().entries().stream()
                .collect(
                        Collectors.toMap(
                                SyscallTable.Entry::name,
                                SyscallTable.Entry::number,
                                (a, b) -> a,
                                TreeMap::new));
    }

    @Test
    void facadeNumbersAreTheHostTable() {
        SyscallTable table = Arch.current().syscalls();
        assertEquals(table.number("openat"), Nr.openat);
        assertEquals(table.number("getpid"), Nr.getpid);
        assertEquals(table.number("clone3"), Nr.clone3);
        assertEquals(table.size(), table.entries().size());
        assertEquals("openat", table.name(Nr.openat).orElseThrow());
    }

    @Test
    void errnoMessagesAreLibcStrerror() throws Throwable {
        Linker linker = Linker.nativeLinker();
        MethodHandle strerror =
                linker.downcallHandle(
                        linker.defaultLookup().find("strerror").orElseThrow(),
                        FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
        ErrnoTable errnos = Arch.current().errnos();
        assertTrue(errnos.entries().size() > 120);
        for (ErrnoTable.Entry e : errnos.entries()) {
            MemorySegment text = (MemorySegment) strerror.invokeExact(e.number());
            assertEquals(text.reinterpret(256).getString(0), e.message(), e.name());
        }
        assertEquals("Unknown error 4000", errnos.message(4000));
    }

    @Test
    void errnoNumbersMatchTheKernelHeaders() throws IOException {
        Pattern define = Pattern.compile("(?m)^#define\\s+(E\\w+)\\s+(\\d+)");
        Map<String, Integer> header = new TreeMap<>();
        Path headers = KernelSource.headers(ZArchData.kernelArch(Arch.current().name()));
        for (String file : new String[] {"asm-generic/errno-base.h", "asm-generic/errno.h"}) {
            Matcher m = define.matcher(Files.readString(headers.resolve(file)));
            while (m.find()) {
                header.put(m.group(1), Integer.parseInt(m.group(2)));
            }
        }
        ErrnoTable errnos = Arch.current().errnos();
        header.forEach(
                (name, number) -> assertEquals(number, errnos.find(name).orElseThrow(), name));
        assertEquals(header.size(), errnos.entries().size());
    }

    @Test
    void aliasesResolveToTheCanonicalName() {
        assertEquals(Errno.EAGAIN, Errno.EWOULDBLOCK);
        assertEquals(Errno.EOPNOTSUPP, Errno.ENOTSUP);
        assertEquals("EAGAIN", Arch.current().errnos().name(Errno.EWOULDBLOCK).orElseThrow());
    }

    @Test
    void archesAreFoundByRawsysAndJvmNames() {
        assertSame(Arch.of("x86_64"), Arch.of("amd64"));
        assertSame(Arch.current(), Arch.of(System.getProperty("os.arch")));
        NoSuchElementException e =
                assertThrows(NoSuchElementException.class, () -> Arch.of("sparc"));
        assertTrue(
                e.getMessage()
                        .startsWith("rawsys has no architecture called 'sparc'; it knows x86_64"),
                e.getMessage());
    }

    @Test
    void aMisspeltNameGetsASuggestion() {
        NoSuchElementException e =
                assertThrows(
                        NoSuchElementException.class,
                        () -> Arch.current().syscalls().number("getpdi"));
        assertEquals(
                "no system call named 'getpdi' on x86_64; did you mean getpid?", e.getMessage());
        assertEquals("openat", Arch.current().syscalls().suggest("opnat").getFirst());
        assertTrue(Arch.current().syscalls().suggest("completely_unrelated_words").isEmpty());
        assertEquals("ENOENT", Arch.current().errnos().suggest("ENOENTT").getFirst());
    }
}
