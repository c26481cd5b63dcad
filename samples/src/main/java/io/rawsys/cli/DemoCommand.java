package io.rawsys.cli;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.rawsys.Arch;
import io.rawsys.ErrnoException;
import io.rawsys.Syscalls;
import io.rawsys.linux.Fcntl;
import io.rawsys.linux.Mman;
import io.rawsys.linux.Nr;
import java.io.PrintWriter;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        mixinStandardHelpOptions = true,
        name = "demo",
        description = {
            "A short tour: a few system calls made straight from Java through rawsys's stub, each shown as strace"
                    + " would show it, with what the JDK says beside it.",
        })
@SuppressWarnings("restricted") // reinterpret and downcalls on memory the test owns
final class DemoCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.printf(
                "rawsys on %s: %d system calls known, each reached through librawsys.so's stub.%n%n",
                Arch.current().name(), Arch.current().syscalls().size());
        try (Arena arena = Arena.ofConfined()) {
            long pid = Syscalls.invoke(Nr.getpid);
            out.printf(
                    "%-40s = %d   (ProcessHandle says %d)%n",
                    "getpid()", pid, ProcessHandle.current().pid());

            byte[] hello = "Hello from a raw system call\n".getBytes(StandardCharsets.US_ASCII);
            out.flush();
            long written =
                    Syscalls.invoke(
                            Nr.write,
                            1,
                            arena.allocateFrom(JAVA_BYTE, hello).address(),
                            hello.length);
            out.printf(
                    "%-40s = %d%n",
                    "write(1, " + CStrings.quote(hello, hello.length) + ", " + hello.length + ")",
                    written);

            MemorySegment cwd = arena.allocate(4096);
            long length = Syscalls.invoke(Nr.getcwd, cwd.address(), cwd.byteSize());
            out.printf("%-40s = %d   (%s)%n", "getcwd(buf, 4096)", length, cwd.getString(0));

            MemorySegment path = arena.allocateFrom("/nonexistent/file");
            try {
                Syscalls.invoke(Nr.openat, Fcntl.AT_FDCWD, path.address(), Fcntl.O_RDONLY);
            } catch (ErrnoException e) {
                out.printf(
                        "%-40s = -1 %s (%s)%n",
                        "openat(AT_FDCWD, \"/nonexistent/file\", O_RDONLY)",
                        e.errnoName(),
                        e.getMessage());
            }

            long size = 4096;
            long address =
                    Syscalls.invoke(
                            Nr.mmap,
                            0,
                            size,
                            Mman.PROT_READ | Mman.PROT_WRITE,
                            Mman.MAP_PRIVATE | Mman.MAP_ANONYMOUS,
                            -1,
                            0);
            out.printf(
                    "%-40s = 0x%x%n",
                    "mmap(NULL, 4096, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0)",
                    address);
            MemorySegment page = MemorySegment.ofAddress(address).reinterpret(size);
            page.set(JAVA_LONG, 0, 0x5ca1ab1eL);
            out.printf(
                    "    the page is ordinary memory: wrote 0x5ca1ab1e, read back 0x%x%n",
                    page.get(JAVA_LONG, 0));
            out.printf(
                    "%-40s = %d%n",
                    String.format("munmap(0x%x, 4096)", address),
                    Syscalls.invoke(Nr.munmap, address, size));

            long raw = Syscalls.raw(Nr.close, -1);
            out.printf(
                    "%-40s = %d   (raw: -EBADF, which invoke() would throw as %s)%n",
                    "close(-1)", raw, Arch.current().errnos().name((int) -raw).orElseThrow());
        }
        out.flush();
        return 0;
    }
}
