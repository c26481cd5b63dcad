/*
 * rawsys system-call stubs for aarch64 (AArch64, LP64).
 *
 *   instruction   svc #0
 *   number        x8
 *   arguments     x0  x1  x2  x3  x4  x5
 *   result        x0    (-4095..-1 is -errno; anything else is the value)
 *   clobbered     nothing but x0
 *
 * Each rawsys_syscallN(nr, a1..aN) is an AAPCS64 function: nr in x0, a1..a6 in x1..x6. The stub
 * shifts them down one register, puts the number in x8, traps and returns x0 as it is. No frame:
 * x8 is the indirect-result register, free in a function that returns a scalar.
 *
 * References: arch/arm64/kernel/syscall.c (invoke_syscall: regs[0..5] and regs[8]) and the
 * AAPCS64.
 */

/* A BTI landing pad where the toolchain builds with branch protection; a NOP otherwise. */
#if defined(__ARM_FEATURE_BTI_DEFAULT) && __ARM_FEATURE_BTI_DEFAULT
#define LANDING_PAD bti c
#else
#define LANDING_PAD
#endif

.macro stub name
    .text
    .globl \name
    .type \name, %function
    .p2align 4
\name:
    .cfi_startproc
    LANDING_PAD
    mov     x8, x0
.endm

.macro endstub name
    svc     #0
    ret
    .cfi_endproc
    .size \name, . - \name
.endm

stub rawsys_syscall0
endstub rawsys_syscall0

stub rawsys_syscall1
    mov     x0, x1
endstub rawsys_syscall1

stub rawsys_syscall2
    mov     x0, x1
    mov     x1, x2
endstub rawsys_syscall2

stub rawsys_syscall3
    mov     x0, x1
    mov     x1, x2
    mov     x2, x3
endstub rawsys_syscall3

stub rawsys_syscall4
    mov     x0, x1
    mov     x1, x2
    mov     x2, x3
    mov     x3, x4
endstub rawsys_syscall4

stub rawsys_syscall5
    mov     x0, x1
    mov     x1, x2
    mov     x2, x3
    mov     x3, x4
    mov     x4, x5
endstub rawsys_syscall5

stub rawsys_syscall6
    mov     x0, x1
    mov     x1, x2
    mov     x2, x3
    mov     x3, x4
    mov     x4, x5
    mov     x5, x6
endstub rawsys_syscall6

.section .note.GNU-stack, "", %progbits
