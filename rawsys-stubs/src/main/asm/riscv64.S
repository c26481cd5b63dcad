/*
 * rawsys system-call stubs for riscv64 (RV64, LP64D).
 *
 *   instruction   ecall
 *   number        a7
 *   arguments     a0  a1  a2  a3  a4  a5
 *   result        a0    (-4095..-1 is -errno; anything else is the value)
 *   clobbered     nothing but a0
 *
 * Each rawsys_syscallN(nr, a1..aN) is a RISC-V calling-convention function: nr in a0, a1..a6 in
 * a1..a6. The stub moves the number to a7, shifts the arguments down one register, traps and
 * returns a0. a7 is a caller-saved argument register, so no frame is needed.
 *
 * References: arch/riscv/kernel/traps.c (do_trap_ecall_u: regs->a7, a0..a5) and the RISC-V
 * psABI; syscall(2).
 */

.macro stub name
    .text
    .globl \name
    .type \name, @function
    .p2align 2
\name:
    .cfi_startproc
    mv      a7, a0
.endm

.macro endstub name
    ecall
    ret
    .cfi_endproc
    .size \name, . - \name
.endm

stub rawsys_syscall0
endstub rawsys_syscall0

stub rawsys_syscall1
    mv      a0, a1
endstub rawsys_syscall1

stub rawsys_syscall2
    mv      a0, a1
    mv      a1, a2
endstub rawsys_syscall2

stub rawsys_syscall3
    mv      a0, a1
    mv      a1, a2
    mv      a2, a3
endstub rawsys_syscall3

stub rawsys_syscall4
    mv      a0, a1
    mv      a1, a2
    mv      a2, a3
    mv      a3, a4
endstub rawsys_syscall4

stub rawsys_syscall5
    mv      a0, a1
    mv      a1, a2
    mv      a2, a3
    mv      a3, a4
    mv      a4, a5
endstub rawsys_syscall5

stub rawsys_syscall6
    mv      a0, a1
    mv      a1, a2
    mv      a2, a3
    mv      a3, a4
    mv      a4, a5
    mv      a5, a6
endstub rawsys_syscall6

.section .note.GNU-stack, "", @progbits
