package io.rawsys.cli;

import io.rawsys.Arch;
import io.rawsys.ErrnoException;
import io.rawsys.SyscallSignature;
import io.rawsys.SyscallTable;
import io.rawsys.Syscalls;
import io.rawsys.tool.Hints;
import java.io.PrintWriter;
import java.lang.foreign.Arena;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        mixinStandardHelpOptions = true,
        name = "call",
        sortOptions = false,
        description = {
            "Runs one system call through rawsys's stub and prints what the kernel returned:"
                    + " the value, or -1 and the errno's name and message as strace shows them.",
            "",
            "Arguments, up to six:",
            "  42  -100  0x1f  0755   an integer (C syntax: 0x hex, leading 0 octal), up to 64 bits",
            "  AT_FDCWD  O_RDONLY|O_CLOEXEC",
            "                         constants of this architecture, or'ed with | (integers too)",
            "  buf:N                  a pointer to N zeroed bytes, shown after the call",
            "  u32:N  u64:N           a pointer to N zeroed 32- or 64-bit words, shown after the call",
            "  struct:NAME{F=V,...}   a pointer to this architecture's struct NAME, zeroed, with members F set to",
            "                         values V (integers or constants); shown after the call. NAME is a struct",
            "                         rawsys has a layout for (mnt_id_req, timespec, statx ...; a wrong one lists",
            "                         them). struct:NAME+N{...} adds N bytes after it (statmount's strings)",
            "  s:TEXT                 a pointer to a NUL-terminated copy of TEXT; C escapes (\\n \\t \\0 \\xHH ...)",
            "                         are resolved",
            "  any other word         text too, unless it holds a | or is shaped like a constant (capitals,",
            "                         digits, _): then it must read as a value, or the call is refused",
            "",
            "Where the kernel's prototype pairs a buffer with its count (read's buf and count, getcwd's",
            "buf and size, listmount's mnt_ids and nr_mnt_ids, statmount's buf and bufsize ...), a count",
            "larger than the buffer or text given for it is refused before the call (read 0 buf:4 100000,",
            "write 1 hi 1000000). Other calls are not judged; there each buffer and string still ends where",
            "an inaccessible page begins: a count past its end stops there, the kernel returns a short",
            "count or EFAULT, as in C, and never reaches the JVM's memory.",
            "An integer where the call wants a pointer is an address, used as given.",
        },
        footer = {
            "",
            "Examples:",
            "  rawsys call getpid",
            "  rawsys call write 1 'hello\\n' 6",
            "  rawsys call openat AT_FDCWD /nonexistent O_RDONLY",
            "  rawsys call getcwd buf:4096 4096",
            "  rawsys call listmount 'struct:mnt_id_req{size=MNT_ID_REQ_SIZE_VER0,mnt_id=LSMT_ROOT}' u64:64 64 0",
            "",
            "Exit status: 0 when the call succeeds, 1 when it returns an errno, 2 for a bad command line.",
        })
final class CallCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
            names = {"-x", "--hex"},
            description = "Print a successful result in hexadecimal (for addresses).")
    boolean hex;

    @Parameters(
            index = "0",
            paramLabel = "NAME|NR",
            description =
                    "The system call: its name (openat, SYS_openat, __NR_openat) or its number.")
    String call;

    @Parameters(
            index = "1..*",
            paramLabel = "ARG",
            description = "Its arguments, as described above.")
    List<String> args = List.of();

    @Override
    public Integer call() {
        long nr = resolve(call);
        PrintWriter out = spec.commandLine().getOut();
        try (Arena arena = Arena.ofConfined()) {
            CallArguments arguments;
            try {
                arguments = CallArguments.parse(args, arena, Arch.current().constants());
                Optional<String> name = Arch.current().syscalls().name(nr);
                Optional<SyscallSignature> signature = name.flatMap(SyscallSignature::of);
                if (signature.isPresent()) {
                    arguments.checkExtents(signature.get(), Arch.current().wordSize());
                }
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            int status;
            try {
                long result = Syscalls.invoke(nr, arguments.values());
                out.println(hex ? "0x" + Long.toHexString(result) : Long.toString(result));
                status = 0;
            } catch (ErrnoException e) {
                out.println("-1 " + e.errnoName() + " (" + e.getMessage() + ")");
                status = 1;
            }
            for (CallArguments.Buffer buffer : arguments.buffers()) {
                out.println("arg" + buffer.position() + " = " + buffer.show());
            }
            out.flush();
            return status;
        }
    }

    /**
     * A name (with or without SYS_ / __NR_) or a number; an unknown name is a usage error with a
     * suggestion.
     */
    private long resolve(String word) {
        if (!word.isEmpty() && (Character.isDigit(word.charAt(0)) || word.startsWith("-"))) {
            try {
                return CallArguments.integer(word);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(
                        spec.commandLine(), "system call '" + word + "': " + e.getMessage());
            }
        }
        String name = word.replaceFirst("^(SYS_|__NR_)", "");
        SyscallTable table = Arch.current().syscalls();
        OptionalLong nr = table.find(name);
        if (nr.isEmpty()) {
            List<String> near = table.suggest(name);
            throw new ParameterException(
                    spec.commandLine(),
                    "unknown system call '"
                            + word
                            + "' on "
                            + table.arch()
                            + Hints.didYouMean(near));
        }
        return nr.getAsLong();
    }
}
