/*
 * rawsys system-call stubs for 32-bit ARM, EABI.
 *
 *   instruction   svc #0
 *   number        r7
 *   arguments     r0  r1  r2  r3  r4  r5  (r6: a seventh, which no call here needs)
 *   result        r0    (-4095..-1 is -errno; anything else is the value)
 *   clobbered     nothing but r0
 *
 * Each rawsys_syscallN(nr, a1..aN) is an AAPCS function: nr in r0, a1..a3 in r1..r3, a4..a6 on
 * the stack. r4 to r7 are callee-saved, and r7 is also the frame pointer of Thumb code, so every
 * stub saves r4-r7, shifts the register arguments down, loads the stacked ones, traps, and
 * restores them. A 64-bit argument goes in an even/odd register pair (r2:r3 or r4:r5), low word
 * first; the caller inserts the padding word (see SyscallArguments).
 *
 * Unwinding: the stubs carry DWARF CFI (.eh_frame), which gdb and perf follow; they have no
 * .ARM.exidx entries, since those would import the EHABI personality routine from libgcc, and this
 * library imports nothing.
 *
 * References: arch/arm/kernel/entry-common.S (vector_swi: "scno .req r7", "tbl .req r8") and the
 * AAPCS; syscall(2) "Architecture calling conventions".
 */

    .syntax unified
    .arm
    /* The library is built for armhf: without this tag ld marks it soft-float, and the hard-float
       dynamic loader refuses to load it. The stubs pass no floating-point values either way. */
    .eabi_attribute Tag_ABI_VFP_args, 1

/* After push {r4-r7}, the stacked arguments a4, a5, a6 are at [sp, #16], #20, #24. */
.macro stub name
    .text
    .globl \name
    .type \name, %function
    .p2align 2
\name:
    .cfi_startproc
    push    {r4, r5, r6, r7}
    .cfi_adjust_cfa_offset 16
    .cfi_rel_offset r4, 0
    .cfi_rel_offset r5, 4
    .cfi_rel_offset r6, 8
    .cfi_rel_offset r7, 12
    mov     r7, r0
.endm

.macro endstub name
    svc     #0
    pop     {r4, r5, r6, r7}
    .cfi_adjust_cfa_offset -16
    .cfi_restore r4
    .cfi_restore r5
    .cfi_restore r6
    .cfi_restore r7
    bx      lr
    .cfi_endproc
    .size \name, . - \name
.endm

stub rawsys_syscall0
endstub rawsys_syscall0

stub rawsys_syscall1
    mov     r0, r1
endstub rawsys_syscall1

stub rawsys_syscall2
    mov     r0, r1
    mov     r1, r2
endstub rawsys_syscall2

stub rawsys_syscall3
    mov     r0, r1
    mov     r1, r2
    mov     r2, r3
endstub rawsys_syscall3

stub rawsys_syscall4
    mov     r0, r1
    mov     r1, r2
    mov     r2, r3
    ldr     r3, [sp, #16]
endstub rawsys_syscall4

stub rawsys_syscall5
    mov     r0, r1
    mov     r1, r2
    mov     r2, r3
    ldr     r3, [sp, #16]
    ldr     r4, [sp, #20]
endstub rawsys_syscall5

stub rawsys_syscall6
    mov     r0, r1
    mov     r1, r2
    mov     r2, r3
    ldr     r3, [sp, #16]
    ldr     r4, [sp, #20]
    ldr     r5, [sp, #24]
endstub rawsys_syscall6

.section .note.GNU-stack, "", %progbits
