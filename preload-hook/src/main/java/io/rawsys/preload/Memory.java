package io.rawsys.preload;

/**
 * How a call view reads the program's memory: in the program itself ({@link #SELF}, under {@code
 * rawsys preload}), or in another process ({@code rawsys preload --seccomp}, where the supervisor
 * reads the program's memory with process_vm_readv).
 */
interface Memory {
    /**
     * Copies up to {@code length} bytes at the program's {@code address} to this process's {@code
     * destination}; returns the bytes copied (fewer where readable memory ends) or -errno.
     */
    long copyIn(long address, long destination, long length);

    /** Whether the program's addresses are this process's (views then read them in place). */
    boolean local();

    /** The /proc directory of the program's process: /proc/self, or /proc/PID. */
    String proc();

    /** This process: the program, under rawsys preload (through the preload library's side). */
    Memory SELF =
            new Memory() {
                @Override
                public long copyIn(long address, long destination, long length) {
                    return Native.copyIn(address, destination, length);
                }

                @Override
                public boolean local() {
                    return true;
                }

                @Override
                public String proc() {
                    return "/proc/self";
                }
            };
}
