package io.rawsys.trace.decode;

import io.rawsys.Arch;
import java.util.ArrayList;
import java.util.List;

/**
 * One system call of one tracee, as a decoder sees it: the number and argument words the kernel
 * reported at entry, the result at exit, the tracee's architecture (its constants, its struct
 * layouts, its word size), its memory, and the text printed so far.
 */
public final class Call {
    private final int pid;
    private final Arch arch;
    private final String name;
    private final long[] args;
    private final Memory memory;
    private final Settings settings;
    private final List<String> printed = new ArrayList<>(6);
    private int printedAtEntry = -1;
    private long result;
    private boolean failed;
    private boolean exited;
    private String resultNote = "";
    private Object state;
    private long stackPointer;

    /**
     * How decoders print a call: strace's -s, -y, -x and, for this call, -e abbrev= and -e
     * verbose=.
     *
     * @param stringLimit -s
     * @param fdPaths -y: descriptors with what they refer to
     * @param verbose structures in full (not abbreviated: -v, -e abbrev=)
     * @param paths what a descriptor refers to
     * @param hex -x, -xx, --strings-in-hex
     * @param structs structures read at all (-e verbose=); else their addresses print
     * @param tracksUse the paths and descriptors a call uses are noted, for -P
     * @param pidComm -Y: pids print with their command names, {@code 1234<cat>}
     */
    public record Settings(
            int stringLimit,
            boolean fdPaths,
            boolean verbose,
            FdPaths paths,
            Text.Hex hex,
            boolean structs,
            boolean tracksUse,
            boolean pidComm) {
        /** Strings as strace prints them by default (no -x). */
        public Settings(int stringLimit, boolean fdPaths, boolean verbose, FdPaths paths) {
            this(stringLimit, fdPaths, verbose, paths, Text.Hex.NONE);
        }

        /** Structures read, nothing noted for -P. */
        public Settings(
                int stringLimit, boolean fdPaths, boolean verbose, FdPaths paths, Text.Hex hex) {
            this(stringLimit, fdPaths, verbose, paths, hex, true, false, false);
        }
    }

    /** What a tracee's descriptor refers to, for -y: {@code /etc/passwd}, {@code pipe:[1234]}. */
    @FunctionalInterface
    public interface FdPaths {
        String path(int pid, int fd);

        /**
         * -yy: what prints in the brackets instead of {@code path}, as is ({@code pid:1234} for a
         * pidfd, {@code UNIX-STREAM:[5->6]} for a socket), or null for the path.
         */
        default String replacement(int pid, int fd, String path) {
            return null;
        }

        /** Whether a descriptor prints with its path (-y); without, only -yy's other details. */
        default boolean showsPaths() {
            return true;
        }

        /**
         * Whether {@code path}, which ends with the kernel's {@code " (deleted)"}, names a file
         * that is gone (strace then prints the mark after the brackets) rather than one whose name
         * ends so: as strace, a file by that name that is the descriptor's own is not deleted.
         */
        default boolean deleted(int pid, int fd, String path) {
            return true;
        }

        /** -yy: the device file {@code path} is, {@code char 1:3}, or null. */
        default String device(int pid, int fd, String path) {
            return null;
        }
    }

    public Call(int pid, Arch arch, String name, long[] args, Memory memory, Settings settings) {
        this.pid = pid;
        this.arch = arch;
        this.name = name;
        this.args = args;
        this.memory = memory;
        this.settings = settings;
    }

    public int pid() {
        return pid;
    }

    /** The tracee's architecture: i386 for a 32-bit program traced on x86_64. */
    public Arch arch() {
        return arch;
    }

    public String name() {
        return name;
    }

    public Memory memory() {
        return memory;
    }

    public Settings settings() {
        return settings;
    }

    /** Argument word {@code i} as the kernel passed it (zero-extended on a 32-bit ABI). */
    public long word(int i) {
        return i < args.length ? args[i] : 0;
    }

    /** The argument words, as the kernel passed them (a copy). */
    public long[] words() {
        return args.clone();
    }

    /** Word {@code i} as a C {@code int}. */
    public int sint(int i) {
        return (int) word(i);
    }

    /** Word {@code i} as a C {@code unsigned int}. */
    public long uint(int i) {
        return word(i) & 0xffff_ffffL;
    }

    /** Word {@code i} as a C {@code long}: sign-extended from 32 bits on a 32-bit ABI. */
    public long slong(int i) {
        return arch.wordSize() == 4 ? (int) word(i) : word(i);
    }

    /** Word {@code i} as a C {@code unsigned long} or pointer. */
    public long ulong(int i) {
        return arch.wordSize() == 4 ? word(i) & 0xffff_ffffL : word(i);
    }

    /** Appends one argument's text. */
    public void print(String text) {
        printed.add(text);
    }

    /** The arguments printed so far. */
    public List<String> printed() {
        return printed;
    }

    /** How many arguments were printed when the call started (-1 before the entry is done). */
    public int printedAtEntry() {
        return printedAtEntry;
    }

    /** Marks the end of the entry part: what follows was printed at exit. */
    public void entered() {
        printedAtEntry = printed.size();
    }

    /** Records the call's result, at exit. */
    public void exited(long result, boolean failed) {
        this.result = result;
        this.failed = failed;
        this.exited = true;
    }

    public boolean hasExited() {
        return exited;
    }

    /** The return value (meaningful once exited; -errno when {@link #failed()}). */
    public long result() {
        return result;
    }

    public boolean failed() {
        return failed;
    }

    /** Text after the result, such as {@code (entry_number=12)} or {@code (Timeout)}. */
    public String resultNote() {
        return resultNote;
    }

    public void resultNote(String note) {
        resultNote = note;
    }

    /**
     * The tracee's stack pointer when the call started (0 if unknown): where rt_sigreturn finds the
     * signal frame whose mask it restores.
     */
    public long stackPointer() {
        return stackPointer;
    }

    public void stackPointer(long address) {
        stackPointer = address;
    }

    private List<String> usedPaths;
    private List<Integer> usedDescriptors;

    /** Notes that the call uses the path at {@code address} (for -P), when asked to. */
    void usePath(long address) {
        if (!settings.tracksUse() || address == 0) {
            return;
        }
        Memory.CString s = memory.string(address, Args.PATH_MAX);
        if (s != null && !s.truncated()) {
            if (usedPaths == null) {
                usedPaths = new ArrayList<>(2);
            }
            usedPaths.add(new String(s.bytes(), java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    /** Notes that the call uses descriptor {@code fd} (for -P), when asked to. */
    void useDescriptor(int fd) {
        if (settings.tracksUse() && fd >= 0) {
            if (usedDescriptors == null) {
                usedDescriptors = new ArrayList<>(2);
            }
            usedDescriptors.add(fd);
        }
    }

    /** The paths the call's arguments named (-P), as far as its decoder printed them. */
    public List<String> usedPaths() {
        return usedPaths == null ? List.of() : usedPaths;
    }

    /** The descriptors the call's arguments named (-P). */
    public List<Integer> usedDescriptors() {
        return usedDescriptors == null ? List.of() : usedDescriptors;
    }

    /** What the decoder kept between entry and exit. */
    @SuppressWarnings("unchecked")
    public <T> T state() {
        return (T) state;
    }

    public void state(Object value) {
        state = value;
    }
}
