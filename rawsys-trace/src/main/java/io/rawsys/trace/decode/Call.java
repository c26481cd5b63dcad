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

    /** How decoders print: strace's -s, -y, -v. */
    public record Settings(
            int stringLimit, boolean fdPaths, boolean verbose, FdPaths paths, Text.Hex hex) {
        /** Strings as strace prints them by default (no -x). */
        public Settings(int stringLimit, boolean fdPaths, boolean verbose, FdPaths paths) {
            this(stringLimit, fdPaths, verbose, paths, Text.Hex.NONE);
        }
    }

    /** What a tracee's descriptor refers to, for -y: {@code /etc/passwd}, {@code pipe:[1234]}. */
    @FunctionalInterface
    public interface FdPaths {
        String path(int pid, int fd);
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

    /** What the decoder kept between entry and exit. */
    @SuppressWarnings("unchecked")
    public <T> T state() {
        return (T) state;
    }

    public void state(Object value) {
        state = value;
    }
}
