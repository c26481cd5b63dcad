package io.rawsys.preload;

/**
 * The preload library's side, registered by it when it boots the JVM (RegisterNatives): the real
 * functions run with the host's libc, whose errno only that side can read.
 */
final class Native {
    private Native() {}

    /** Runs hooked function {@code fn} (Function's ordinal) with these raw arguments. */
    static native long callReal(
            int fn, long a0, long a1, long a2, long a3, long a4, long a5, long a6);

    /**
     * Copies up to {@code length} bytes of this process's memory at {@code address} to {@code
     * destination}, through the kernel (process_vm_readv on itself), so that an address the program
     * passed that is not readable is refused instead of faulting.
     *
     * @return the bytes copied, fewer where the readable memory ends; -errno when none could be
     */
    static native long copyIn(long address, long destination, long length);

    /** The errno the last callReal of this thread left. */
    static native int lastErrno();
}
