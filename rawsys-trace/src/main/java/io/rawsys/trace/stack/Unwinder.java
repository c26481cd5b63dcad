package io.rawsys.trace.stack;

import io.rawsys.Arch;
import io.rawsys.Syscalls;
import io.rawsys.linux.Elf;
import io.rawsys.linux.Errno;
import io.rawsys.linux.Nr;
import io.rawsys.linux.Ptrace;
import io.rawsys.linux.struct.Iovec;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * strace's {@code -k} ({@code --stack-trace}): the call stack of a stopped thread, symbolized, as
 * strace 6.1 prints it. x86_64 threads only.
 *
 * <p><b>Use.</b> One {@code Unwinder} per tracer, used from the thread that ptrace-attached the
 * tracees (ptrace ties a tracee to it: the registers are read with {@code PTRACE_GETREGSET}), while
 * the thread is in a ptrace stop. {@link #unwind(int)} never throws; {@link #close()} unmaps the
 * files it mapped. Not thread-safe. On a host other than x86_64, every stack is empty.
 *
 * <p><b>When strace 6.1 prints a stack</b> (src/syscall.c, src/strace.c): after each traced call's
 * line, the stack read at its exit stop ({@link Frame#text()}); for the calls it captures at entry
 * (execve and execveat, but not the traced command's first execve, whose stack is read at its exit
 * like the others; exit, exit_group) the stack read at the entry stop, printed after the call's
 * line ({@link Frame#text(boolean) text(true)}); and after a {@code --- SIG… ---} line, the stack
 * at the signal-delivery stop. Stack lines carry no {@code [pid N]} prefix. Not for a call made in
 * another personality than x86_64's (i386's: this returns no frames; x32's: the tracer must not
 * ask, strace prints none and the registers do not tell x32 from x86_64).
 *
 * <p><b>Unwinding.</b> The first frame is the thread's rip. Each caller is found with the .eh_frame
 * call frame information of the module the address is in (found through .eh_frame_hdr's table, else
 * an index of .eh_frame): the CFA and the saved registers (rbx, rbp, r12-r15, the return address;
 * DWARF expressions as glibc's signal trampoline and the PLT use them are evaluated). A module with
 * no CFI for the address falls back to the frame pointer: the caller's rbp at [rbp], the return
 * address at [rbp+8]. Each {@link Frame} says which method found it. The walk ends, as libunwind's
 * does for strace, where the return address is undefined (the CFI of {@code _start} and of a
 * thread's first function says so), at an address in no executable file mapping (printed as {@code
 * unexpected_backtracing_error}, unless it is 0), after 256 frames ({@code too many stack frames}),
 * and silently where anything does not add up: CFI this cannot read or does not know (an unknown
 * DW_CFA or DW_OP, an unsupported pointer encoding), a stack pointer that does not grow (outside
 * signal frames), memory that cannot be read, a malformed file.
 *
 * <p><b>Symbols</b> are libunwind's: the nearest defined STT_FUNC of .symtab and .dynsym at or
 * below the address (see {@link ElfImage#symbol}), the address minus 1 for the frames after the
 * first (a return address may follow a call that ends a function), except after a signal frame. C++
 * names are demangled as strace demangles them ({@link Demangler}). Files are mapped, not read; a
 * mapped file deleted or replaced since is opened through /proc/TID/map_files (root only) when its
 * path no longer holds the same inode; the vDSO is copied from the tracee. Parsed modules are kept,
 * by path, device and inode, up to 256.
 *
 * <p><b>Where this differs from strace 6.1 (libunwind 1.6).</b> The vDSO: libunwind cannot read it,
 * so strace prints {@code [vdso]() [0x…]} and then loses its way; this names its functions and
 * walks on through them. Where a function has no CFI, libunwind's frame-pointer guesses sometimes
 * go astray a frame or two later (and print {@code unexpected_backtracing_error}) where this goes
 * on to {@code _start}. libunwind reads no separate debug files by build-id (libc6-dbg's), and
 * neither does this.
 *
 * <p>The time one stack takes is not bounded or asserted: on the order of a few system calls and
 * CFI lookups per frame once the modules are parsed, with the first stack in a process paying for
 * reading /proc/TID/maps and the symbol tables.
 */
public final class Unwinder implements AutoCloseable {
    /** strace's (and libunwind's walk in it) maximum. */
    public static final int MAX_FRAMES = 256;

    private static final int MAX_MODULES = 256;
    private static final long MAX_VDSO = 1 << 20;

    private static final Arch X86_64 = Arch.of("x86_64");

    /** The registers read are x86_64's: on another host, no stacks. */
    private static final boolean HOST_X86_64 = Arch.current().name().equals("x86_64");

    private static final long REGS_SIZE =
            X86_64.layout("user_regs_struct").orElseThrow().byteSize();

    /** user_regs_struct's members, in DWARF register order (0-15), then rip (16). */
    private static final long[] DWARF_OFFSETS =
            offsets(
                    "rax", "rdx", "rcx", "rbx", "rsi", "rdi", "rbp", "rsp", "r8", "r9", "r10",
                    "r11", "r12", "r13", "r14", "r15", "rip");

    private static final long CS = offsets("cs")[0];

    /** i386's user code segment selector: a 32-bit thread on an x86_64 kernel. */
    private static final long USER32_CS = 0x23;

    private final Arena arena = Arena.ofShared();
    private final MemorySegment regs = arena.allocate(REGS_SIZE, 8);
    private final MemorySegment iov = Iovec.allocate(arena);
    private final MemorySegment local = Iovec.allocate(arena);
    private final MemorySegment remote = Iovec.allocate(arena);
    private final MemorySegment word = arena.allocate(8, 8);
    private boolean vmReadvWorks = true;
    private boolean closed;

    private record Key(String path, int major, int minor, long inode, long start) {}

    /** A parsed file and the arena its mapping lives in; {@code image} null if not ELF64. */
    private record Module(Arena arena, ElfImage image) {}

    private final Map<Key, Module> modules =
            new LinkedHashMap<>(64, 0.75f, true) {
                private static final long serialVersionUID = 1;

                @Override
                protected boolean removeEldestEntry(Map.Entry<Key, Module> eldest) {
                    if (size() > MAX_MODULES) {
                        release(eldest.getValue());
                        return true;
                    }
                    return false;
                }
            };

    private static long[] offsets(String... names) {
        long[] o = new long[names.length];
        for (int i = 0; i < names.length; i++) {
            o[i] = X86_64.member("user_regs_struct", names[i]).orElseThrow().offset();
        }
        return o;
    }

    /**
     * The call stack of thread {@code tid}, innermost first, each frame as strace prints it ({@link
     * Frame#text()}). Must be called from the thread that ptrace-attached {@code tid}, while it is
     * stopped. Empty where the registers cannot be read (the thread is gone or not stopped) and for
     * a 32-bit thread; a walk that fails part way returns the frames found before. Never throws.
     */
    public List<Frame> unwind(int tid) {
        List<Frame> frames = new ArrayList<>();
        if (closed || !HOST_X86_64) {
            return frames;
        }
        try {
            walk(tid, frames);
        } catch (RuntimeException | InternalError e) {
            // InternalError: a mapped file truncated under us (SIGBUS); the frames so far stand
        }
        return frames;
    }

    private void walk(int tid, List<Frame> frames) {
        Iovec.iov_base(iov, regs.address());
        Iovec.iov_len(iov, REGS_SIZE);
        long got =
                Syscalls.raw(
                        Nr.ptrace, Ptrace.PTRACE_GETREGSET, tid, Elf.NT_PRSTATUS, iov.address());
        // a 32-bit thread's NT_PRSTATUS is i386's shorter struct; strace prints no stack for it
        if (got < 0
                || Iovec.iov_len(iov) != REGS_SIZE
                || regs.get(ValueLayout.JAVA_LONG, CS) == USER32_CS) {
            return;
        }
        long[] r = new long[Cfi.REGS];
        boolean[] known = new boolean[Cfi.REGS];
        for (int i = 0; i < Cfi.REGS; i++) {
            r[i] = regs.get(ValueLayout.JAVA_LONG, DWARF_OFFSETS[i]);
            known[i] = true;
        }
        Maps maps = Maps.of(tid);
        Cfi.Words memory = address -> word(tid, address);
        boolean previous = false;
        Frame.Method method = Frame.Method.REGISTERS;
        for (int depth = 0; ; depth++) {
            if (depth >= MAX_FRAMES) {
                frames.add(new Frame(Frame.Kind.TOO_DEEP, null, null, 0, 0, 0, method));
                return;
            }
            long pc = r[Cfi.RA];
            Maps.Mapping m = maps.find(pc);
            if (m == null || !m.executable()) {
                if (pc != 0) {
                    frames.add(new Frame(Frame.Kind.ERROR, null, null, 0, pc, pc, method));
                }
                return;
            }
            ElfImage image = image(tid, m);
            long bias = image == null ? m.start() - m.offset() : image.bias(m.start(), m.offset());
            long lookup = previous ? pc - 1 : pc;
            long fileOffset = pc - m.start() + m.offset();
            ElfImage.Symbol symbol = null;
            if (image != null) {
                try {
                    symbol = image.symbol(lookup - bias);
                } catch (RuntimeException e) {
                    symbol = null; // a malformed symbol table: the frame has no name
                }
            }
            frames.add(
                    symbol == null
                            ? new Frame(
                                    Frame.Kind.NO_SYMBOL, m.path(), null, 0, fileOffset, pc, method)
                            : new Frame(
                                    Frame.Kind.SYMBOL,
                                    m.path(),
                                    Demangler.demangle(symbol.name()),
                                    symbol.offset() + (previous ? 1 : 0),
                                    fileOffset,
                                    pc,
                                    method));
            Step step;
            try {
                step = step(image, lookup - bias, r, known, memory);
            } catch (Cfi.Stop | IndexOutOfBoundsException e) {
                return;
            }
            if (step == null) {
                return;
            }
            previous = !step.signal;
            method = step.method;
        }
    }

    private record Step(boolean signal, Frame.Method method) {}

    /**
     * Replaces {@code r} and {@code known} with the caller's registers; null where the walk ends.
     */
    private static Step step(
            ElfImage image, long vpc, long[] r, boolean[] known, Cfi.Words memory) {
        Cfi.Row row = image != null && image.x86_64 ? Cfi.rowAt(image, vpc) : null;
        long[] next = r.clone();
        boolean[] nextKnown = known.clone();
        boolean signal = false;
        Frame.Method method;
        if (row != null) {
            long cfa;
            if (row.cfaExpression >= 0) {
                cfa =
                        Cfi.evaluate(
                                image,
                                row.cfaExpression,
                                row.cfaExpressionLength,
                                r,
                                known,
                                null,
                                memory);
            } else if (known[row.cfaRegister]) {
                cfa = r[row.cfaRegister] + row.cfaOffset;
            } else {
                return null;
            }
            if (row.kind[row.returnColumn] == Cfi.UNDEFINED) {
                return null; // the outermost frame
            }
            for (int i = 0; i < Cfi.REGS; i++) {
                long v = row.value[i];
                switch (row.kind[i]) {
                    case Cfi.SAME -> {}
                    case Cfi.UNDEFINED -> nextKnown[i] = false;
                    case Cfi.OFFSET -> next[i] = memory.word(cfa + v);
                    case Cfi.VAL_OFFSET -> next[i] = cfa + v;
                    case Cfi.REGISTER -> {
                        if (v < 0 || v >= Cfi.REGS) {
                            return null;
                        }
                        next[i] = r[(int) v];
                        nextKnown[i] = known[(int) v];
                    }
                    case Cfi.EXPRESSION ->
                            next[i] =
                                    memory.word(
                                            Cfi.evaluate(
                                                    image,
                                                    v,
                                                    row.length[i],
                                                    r,
                                                    known,
                                                    cfa,
                                                    memory));
                    case Cfi.VAL_EXPRESSION ->
                            next[i] = Cfi.evaluate(image, v, row.length[i], r, known, cfa, memory);
                    default -> {
                        return null;
                    }
                }
                if (row.kind[i] >= Cfi.OFFSET && row.kind[i] != Cfi.REGISTER) {
                    nextKnown[i] = true;
                }
            }
            if (row.kind[Cfi.RSP] == Cfi.SAME) {
                next[Cfi.RSP] = cfa;
                nextKnown[Cfi.RSP] = true;
            }
            if (row.returnColumn != Cfi.RA) {
                next[Cfi.RA] = next[row.returnColumn];
                nextKnown[Cfi.RA] = nextKnown[row.returnColumn];
            }
            signal = row.signal;
            method = Frame.Method.CFI;
        } else {
            if (!known[Cfi.RBP] || !known[Cfi.RSP]) {
                return null;
            }
            long rbp = r[Cfi.RBP];
            if (Long.compareUnsigned(rbp, r[Cfi.RSP]) < 0) {
                return null;
            }
            next[Cfi.RBP] = memory.word(rbp);
            next[Cfi.RA] = memory.word(rbp + 8);
            next[Cfi.RSP] = rbp + 16;
            nextKnown[Cfi.RA] = true;
            method = Frame.Method.FRAME_POINTER;
        }
        if (!nextKnown[Cfi.RA] || next[Cfi.RA] == 0 || !nextKnown[Cfi.RSP]) {
            return null;
        }
        if (!signal && Long.compareUnsigned(next[Cfi.RSP], r[Cfi.RSP]) <= 0) {
            return null; // the stack pointer must grow, or the walk could go round forever
        }
        System.arraycopy(next, 0, r, 0, Cfi.REGS);
        System.arraycopy(nextKnown, 0, known, 0, Cfi.REGS);
        return new Step(signal, method);
    }

    /** The word at {@code address} in {@code tid}, or {@link Cfi.Stop}. */
    private long word(int tid, long address) {
        if (vmReadvWorks) {
            Iovec.iov_base(local, word.address());
            Iovec.iov_len(local, 8);
            Iovec.iov_base(remote, address);
            Iovec.iov_len(remote, 8);
            long n =
                    Syscalls.raw(
                            Nr.process_vm_readv, tid, local.address(), 1, remote.address(), 1, 0);
            if (n == 8) {
                return word.get(ValueLayout.JAVA_LONG, 0);
            }
            if (n == -Errno.ENOSYS) {
                vmReadvWorks = false;
            } else if (n != -Errno.EPERM) {
                throw new Cfi.Stop("unreadable stack");
            }
        }
        // PTRACE_PEEKDATA: the raw call stores the word through its data argument
        long r = Syscalls.raw(Nr.ptrace, Ptrace.PTRACE_PEEKDATA, tid, address, word.address());
        if (r < 0) {
            throw new Cfi.Stop("unreadable stack");
        }
        return word.get(ValueLayout.JAVA_LONG, 0);
    }

    /** The parsed module of {@code m}, from the cache or loaded now; null if it has none. */
    private ElfImage image(int tid, Maps.Mapping m) {
        boolean vdso = m.path().equals("[vdso]");
        if (m.path().startsWith("[") && !vdso) {
            return null;
        }
        Key key = new Key(m.path(), m.major(), m.minor(), m.inode(), vdso ? m.start() : 0);
        Module module = modules.get(key);
        if (module == null) {
            module = vdso ? loadVdso(tid, m) : load(tid, m);
            modules.put(key, module);
        }
        return module.image();
    }

    private Module loadVdso(int tid, Maps.Mapping m) {
        long size = m.end() - m.start();
        if (size <= 0 || size > MAX_VDSO) {
            return new Module(null, null);
        }
        Arena a = Arena.ofShared();
        MemorySegment copy = a.allocate(size, 8);
        Iovec.iov_base(local, copy.address());
        Iovec.iov_len(local, size);
        Iovec.iov_base(remote, m.start());
        Iovec.iov_len(remote, size);
        long n = Syscalls.raw(Nr.process_vm_readv, tid, local.address(), 1, remote.address(), 1, 0);
        if (n != size) {
            a.close();
            return new Module(null, null);
        }
        ElfImage image = ElfImage.parse(copy);
        if (image == null) {
            a.close();
            return new Module(null, null);
        }
        return new Module(a, image);
    }

    /**
     * Maps the file of {@code m}: its path if that still names the mapped inode, else
     * /proc/TID/map_files/START-END (the mapped file itself, deleted or not; root only).
     */
    private static Module load(int tid, Maps.Mapping m) {
        List<Path> candidates = new ArrayList<>();
        if (!m.path().endsWith(" (deleted)")) {
            candidates.add(Path.of(m.path()));
        }
        candidates.add(
                Path.of(
                        "/proc/"
                                + tid
                                + "/map_files/"
                                + Long.toHexString(m.start())
                                + "-"
                                + Long.toHexString(m.end())));
        for (Path path : candidates) {
            Module module = map(path, m.inode());
            if (module != null) {
                return module;
            }
        }
        return new Module(null, null);
    }

    private static Module map(Path path, long inode) {
        try {
            Object ino = Files.getAttribute(path, "unix:ino");
            if (!(ino instanceof Long l) || l != inode) {
                return null;
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        Arena a = Arena.ofShared();
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < 64) {
                a.close();
                return null;
            }
            MemorySegment data = channel.map(FileChannel.MapMode.READ_ONLY, 0, size, a);
            ElfImage image = ElfImage.parse(data);
            if (image == null) {
                a.close();
                return new Module(null, null);
            }
            return new Module(a, image);
        } catch (IOException | RuntimeException | InternalError e) {
            a.close();
            return null;
        }
    }

    private static void release(Module module) {
        if (module.arena() != null) {
            try {
                module.arena().close();
            } catch (RuntimeException e) {
                // already closed
            }
        }
    }

    /** Unmaps every file; later calls to {@link #unwind} return no frames. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        modules.values().forEach(Unwinder::release);
        modules.clear();
        arena.close();
    }
}
