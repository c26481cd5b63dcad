/*
 * rawsys system-call stubs for ppc64le (64-bit PowerPC, little-endian, ELFv2).
 *
 *   instruction   sc
 *   number        r0
 *   arguments     r3  r4  r5  r6  r7  r8
 *   result        r3; on error cr0.SO is set and r3 holds the *positive* errno
 *   clobbered     r0 r4-r12 ctr xer cr0, all volatile in ELFv2
 *
 * Each rawsys_syscallN(nr, a1..aN) is an ELFv2 function: nr in r3, a1..a6 in r4..r9. The stub
 * moves the number to r0, shifts the arguments down one register and traps. Unlike every other
 * ABI here the kernel reports an error in cr0's summary-overflow bit, so the stub returns at once
 * when it is clear and negates r3 when it is set: Java always sees -4095..-1 for an error.
 *
 * The stubs use no TOC, so their global and local entry points are the same.
 *
 * References: Documentation/arch/powerpc/syscall64-abi.rst ("sc" and "cr0.SO") and the ELFv2 ABI.
 */

    .abiversion 2

.macro stub name
    .text
    .globl \name
    .type \name, @function
    .p2align 4
\name:
    .cfi_startproc
    mr      0, 3            /* r0 = nr */
.endm

.macro endstub name
    sc
    bnslr+                  /* cr0.SO clear: r3 is the value */
    neg     3, 3            /* set: r3 is errno; return -errno */
    blr
    .cfi_endproc
    .size \name, . - \name
.endm

stub rawsys_syscall0
endstub rawsys_syscall0

stub rawsys_syscall1
    mr      3, 4
endstub rawsys_syscall1

stub rawsys_syscall2
    mr      3, 4
    mr      4, 5
endstub rawsys_syscall2

stub rawsys_syscall3
    mr      3, 4
    mr      4, 5
    mr      5, 6
endstub rawsys_syscall3

stub rawsys_syscall4
    mr      3, 4
    mr      4, 5
    mr      5, 6
    mr      6, 7
endstub rawsys_syscall4

stub rawsys_syscall5
    mr      3, 4
    mr      4, 5
    mr      5, 6
    mr      6, 7
    mr      7, 8
endstub rawsys_syscall5

stub rawsys_syscall6
    mr      3, 4
    mr      4, 5
    mr      5, 6
    mr      6, 7
    mr      7, 8
    mr      8, 9
endstub rawsys_syscall6

.section .note.GNU-stack, "", @progbits
