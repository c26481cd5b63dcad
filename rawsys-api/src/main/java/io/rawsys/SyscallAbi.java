package io.rawsys;

import java.util.List;

/**
 * How an architecture makes a system call: the instruction, the registers, how an error comes back,
 * and how a 64-bit argument travels on a 32-bit ABI. These are the facts the kernel documents
 * (syscall(2), "Architecture calling conventions") and each stub in {@code
 * rawsys-stubs/src/main/asm} implements; {@link Arch#abi()} gives them.
 *
 * @param instruction the trap instruction, such as {@code syscall} or {@code svc #0}
 * @param numberRegister the register holding the call number
 * @param argumentRegisters where arguments one to six go (o32 passes five and six on the stack)
 * @param resultRegister the register holding the result
 * @param errors how the kernel signals an error
 * @param pairs how a 64-bit argument is split on this ABI
 * @param stub whether librawsys.so has a stub for this ABI
 */
public record SyscallAbi(
        String instruction,
        String numberRegister,
        List<String> argumentRegisters,
        String resultRegister,
        Errors errors,
        Pairs pairs,
        boolean stub) {

    /** How the kernel tells an error from a result. The stubs turn the last two into the first. */
    public enum Errors {
        /** The result register holds -errno (-4095..-1). */
        NEGATED_RESULT,
        /** PowerPC: cr0's summary-overflow bit is set and r3 holds the positive errno. */
        SUMMARY_OVERFLOW_FLAG,
        /** MIPS: register a3 is non-zero and v0 holds the positive errno. */
        A3_FLAG
    }

    /** How a 64-bit argument (a file offset, a length) is passed. */
    public enum Pairs {
        /** Registers are 64 bits wide: one register. */
        NONE,
        /** Two consecutive registers, low word first (i386). */
        CONSECUTIVE,
        /**
         * Two registers starting at an even-numbered one, in memory order; a skipped register is
         * padding (ARM EABI, MIPS o32).
         */
        EVEN_REGISTER
    }
}
