package io.rawsys.cli.kernel;

import io.rawsys.Arch;
import io.rawsys.ErrnoException;
import io.rawsys.Syscalls;
import io.rawsys.tool.Failure;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.OptionalLong;

/**
 * A typed wrapper of the exercise's system call, as {@code io.rawsys.calls} wraps the kernel's own:
 * a String in, a String out, ErrnoException for an error. The number is the generated table's
 * (rawsys built from the patched tree knows the name), never typed by hand.
 *
 * <p>C: {@code long rawsys_greet(const char __user *name, char __user *buf, size_t size)}
 */
final class Greeting {
    private Greeting() {}

    /** Room for any greeting the call can write: a 63-byte name and the words around it. */
    static final int SIZE = 128;

    /** The number of rawsys_greet in this rawsys's tables. */
    static long number() {
        OptionalLong nr = Arch.current().syscalls().find("rawsys_greet");
        if (nr.isEmpty()) {
            throw new Failure(
                    "this rawsys's tables have no rawsys_greet: run it inside the VM that 'rawsys"
                            + " kernel boot' starts, whose rawsys was built from the patched kernel tree",
                    Failure.USAGE);
        }
        return nr.getAsLong();
    }

    /** "Hello, NAME, from the kernel". */
    static String greet(String name) {
        return greet(name, SIZE);
    }

    /**
     * The greeting, in a buffer of {@code size} bytes.
     *
     * @throws ErrnoException ERANGE when {@code size} cannot hold it, EINVAL for an empty name,
     *     ENAMETOOLONG for a name of 64 bytes or more
     */
    static String greet(String name, int size) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment n = arena.allocateFrom(name);
            MemorySegment buf = arena.allocate(Math.max(size, 1));
            long length = Syscalls.invoke(number(), n.address(), buf.address(), size);
            return buf.getString(0).substring(0, (int) length);
        }
    }
}
