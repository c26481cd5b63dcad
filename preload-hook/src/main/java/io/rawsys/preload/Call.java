package io.rawsys.preload;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One call of a hooked libc function, as the program made it. Views are lazy: nothing is read from
 * the program's memory until an accessor asks. A view is valid only during the hook method that
 * received it, on that thread.
 *
 * <p>{@link #proceed()} runs the real function at once, so a hook can look at or change what it did
 * (its result, the buffer it filled) before returning.
 */
@SuppressWarnings(
        "restricted") // the program's memory, valid during the call; the JVM runs with native
// access
public abstract sealed class Call
        permits OpenCall,
                StatCall,
                PathCall,
                IoCall,
                CloseCall,
                SocketCall,
                ExecCall,
                ForkCall,
                TimeCall,
                SyscallCall {
    /** AT_FDCWD: a relative path is relative to the working directory. */
    public static final int AT_FDCWD = -100;

    private final Function function;
    final long[] args;
    private final Memory memory;
    private boolean proceeded;
    private long result;
    private int errno;

    Call(Function function, long[] args) {
        this(function, args, Memory.SELF);
    }

    Call(Function function, long[] args, Memory memory) {
        this.function = function;
        this.args = args;
        this.memory = memory;
    }

    /**
     * Whether {@link #proceed()} can run the call now, inside the hook: under {@code rawsys
     * preload}, for every function but fork and vfork; under {@code rawsys preload --seccomp},
     * never (the call is the program's, in another process: the hook decides, and the kernel runs
     * it after).
     */
    public boolean canProceed() {
        return memory.local() && function.family() != Family.FORK;
    }

    /** The libc function the program called. */
    public Function function() {
        return function;
    }

    /**
     * The raw value of argument {@code index} (pointers as addresses), as the program passed it.
     */
    public long arg(int index) {
        if (index < 0 || index >= function.params().size()) {
            throw new IndexOutOfBoundsException(
                    function
                            + " has "
                            + function.params().size()
                            + " arguments, not an argument "
                            + index);
        }
        return args[index];
    }

    /**
     * Runs the real function now, with the program's arguments, and returns its result (pointers as
     * addresses); {@link #lastErrno()} then holds its errno. Returning {@link Decision#proceed()}
     * afterwards hands this same outcome to the program: the function does not run twice.
     *
     * @throws UnsupportedOperationException for fork and vfork: a child must not come back through
     *     Java
     */
    public long proceed() {
        return runReal(args);
    }

    /** The errno of the last {@link #proceed()} (0 when it did not fail). */
    public int lastErrno() {
        return errno;
    }

    boolean proceeded() {
        return proceeded;
    }

    long result() {
        return result;
    }

    long runReal(long[] a) {
        if (function.family() == Family.FORK) {
            throw new UnsupportedOperationException(
                    function + " cannot run from a hook: return Decision.proceed() to let it run");
        }
        if (!memory.local()) {
            throw new UnsupportedOperationException(
                    "under rawsys preload --seccomp the program's "
                            + function
                            + " cannot run inside the hook (it is another process's call):"
                            + " return a Decision, and check canProceed() before proceed()");
        }
        result = Native.callReal(function.ordinal(), a[0], a[1], a[2], a[3], a[4], a[5], a[6]);
        errno = function.failure().failed(result) ? Native.lastErrno() : 0;
        proceeded = true;
        return result;
    }

    /** Runs the real function with the nth PATH argument (and the next) replaced. */
    long runWithPaths(String first, String second) {
        try (Arena arena = Arena.ofConfined()) {
            long[] a = args.clone();
            int p1 = index(Kind.PATH, 0);
            int p2 = index(Kind.PATH, 1);
            if (p1 < 0) throw new IllegalStateException(function + " has no path to rewrite");
            if (first != null) a[p1] = arena.allocateFrom(first).address();
            if (second != null) {
                if (p2 < 0)
                    throw new IllegalStateException(function + " has no second path to rewrite");
                a[p2] = arena.allocateFrom(second).address();
            }
            return runReal(a);
        }
    }

    /** The position of the nth argument of this kind, or -1. */
    final int index(Kind kind, int nth) {
        List<Param> params = function.params();
        for (int i = 0; i < params.size(); i++) {
            if (params.get(i).kind() == kind && nth-- == 0) return i;
        }
        return -1;
    }

    final boolean has(Kind kind) {
        return index(kind, 0) >= 0;
    }

    /** The nth argument of this kind as an int, or {@code absent}. */
    final int intArg(Kind kind, int nth, int absent) {
        int i = index(kind, nth);
        return i < 0 ? absent : (int) args[i];
    }

    /** The nth argument of this kind as a long, or {@code absent}. */
    final long longArg(Kind kind, int nth, long absent) {
        int i = index(kind, nth);
        return i < 0 ? absent : args[i];
    }

    /**
     * {@code path} made absolute as the kernel would start from it: itself when absolute, else
     * against the program's directory descriptor {@code dirfd} or, for AT_FDCWD, its working
     * directory (read from /proc, so a chdir the program made counts). {@code .} and {@code ..} are
     * removed by name (symbolic links are not followed). Null for a null path, or when the
     * directory cannot be read (the program has gone).
     */
    final String resolved(int dirfd, String path) {
        if (path == null) return null;
        try {
            java.nio.file.Path p = java.nio.file.Path.of(path);
            if (!p.isAbsolute()) {
                String base = memory.proc() + (dirfd == AT_FDCWD ? "/cwd" : "/fd/" + dirfd);
                p = java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of(base)).resolve(p);
            }
            return p.normalize().toString();
        } catch (java.io.IOException | java.nio.file.InvalidPathException e) {
            return null;
        }
    }

    /** The nth string argument of this kind (null when absent or NULL). */
    final String stringArg(Kind kind, int nth) {
        int i = index(kind, nth);
        return i < 0 ? null : string(args[i]);
    }

    /** The BUF argument bounded to its COUNT, or NULL. */
    final MemorySegment bufferArg() {
        int b = index(Kind.BUF, 0);
        int n = index(Kind.COUNT, 0);
        return memory(b < 0 ? 0 : args[b], n < 0 ? 0 : args[n]);
    }

    private static final int PAGE = 4096;

    /** The longest string read: far past PATH_MAX, short of what a bad pointer could run on to. */
    private static final int STRING_LIMIT = 1 << 20;

    /**
     * The NUL-terminated string at {@code address}, as UTF-8; null when the address is NULL or the
     * memory cannot be read (a bad pointer of the program's: the real call will say EFAULT). Read
     * through the kernel ({@link Native#copyIn}), page by page, so that a bad pointer is refused,
     * never a fault in this process.
     */
    String string(long address) {
        if (address == 0) return null;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment page = arena.allocate(PAGE);
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            for (long at = address; bytes.size() < STRING_LIMIT; ) {
                long chunk = PAGE - (at & (PAGE - 1));
                long n = memory.copyIn(at, page.address(), chunk);
                if (n <= 0) return null;
                for (long i = 0; i < n; i++) {
                    byte b = page.get(ValueLayout.JAVA_BYTE, i);
                    if (b == 0) return bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
                    bytes.write(b);
                }
                if (n < chunk) return null;
                at += n;
            }
            return null;
        }
    }

    /** Whether the byte at {@code address} can be read, asked of the kernel. */
    private boolean readable(long address) {
        try (Arena arena = Arena.ofConfined()) {
            return memory.copyIn(address, arena.allocate(1).address(), 1) == 1;
        }
    }

    /**
     * {@code size} bytes at {@code address}; NULL when the address is NULL or its first or last
     * byte cannot be read (a bad pointer of the program's, which the real call will refuse).
     */
    MemorySegment memory(long address, long size) {
        if (address == 0) return MemorySegment.NULL;
        if (!readable(address) || (size > 1 && !readable(address + size - 1))) {
            return MemorySegment.NULL;
        }
        if (memory.local()) {
            return MemorySegment.ofAddress(address).reinterpret(size);
        }
        // another process's memory: a copy, of at most COPY_LIMIT bytes
        MemorySegment copy = Arena.ofAuto().allocate(Math.min(size, COPY_LIMIT));
        long n = memory.copyIn(address, copy.address(), copy.byteSize());
        return n <= 0 ? MemorySegment.NULL : copy.asSlice(0, n);
    }

    /** The most of another process's buffer a view copies (rawsys preload --seccomp). */
    static final long COPY_LIMIT = 16 << 20;

    /** The pointer at {@code address}, read through the kernel; 0 when it cannot be read. */
    private long word(long address) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment w = arena.allocate(ValueLayout.JAVA_LONG);
            return memory.copyIn(address, w.address(), 8) == 8
                    ? w.get(ValueLayout.JAVA_LONG, 0)
                    : 0;
        }
    }

    /** A NULL-terminated array of strings at {@code address}; it ends early at a bad pointer. */
    List<String> strings(long address) {
        if (address == 0) return List.of();
        List<String> out = new ArrayList<>();
        for (long i = 0; ; i++) {
            long p = word(address + 8 * i);
            String s = p == 0 ? null : string(p);
            if (s == null) return Collections.unmodifiableList(out);
            out.add(s);
        }
    }

    static Call of(Function f, long[] a) {
        return of(f, a, Memory.SELF);
    }

    /** The view of {@code f}'s family, reading the program's memory through {@code m}. */
    static Call of(Function f, long[] a, Memory m) {
        return switch (f.family()) {
            case OPEN -> new OpenCall(f, a, m);
            case STAT -> new StatCall(f, a, m);
            case PATH -> new PathCall(f, a, m);
            case IO -> new IoCall(f, a, m);
            case CLOSE -> new CloseCall(f, a, m);
            case SOCKET -> new SocketCall(f, a, m);
            case EXEC -> new ExecCall(f, a, m);
            case FORK -> new ForkCall(f, a, m);
            case TIME -> new TimeCall(f, a, m);
            case SYSCALL -> new SyscallCall(f, a, m);
        };
    }

    @Override
    public String toString() {
        return function + "(" + function.params().size() + " arguments)";
    }
}
