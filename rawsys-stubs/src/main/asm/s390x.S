/*
 * rawsys system-call stubs for s390x (z/Architecture, 64-bit).
 *
 *   instruction   svc 0   (the number in r1: svc's own 8-bit operand cannot hold every number)
 *   number        r1
 *   arguments     r2  r3  r4  r5  r6  r7
 *   result        r2    (-4095..-1 is -errno; anything else is the value)
 *   clobbered     nothing but r2
 *
 * Each rawsys_syscallN(nr, a1..aN) is an s390x ELF ABI function: nr in r2, a1..a4 in r3..r6, a5
 * and a6 on the caller's stack at 160(%r15) and 168(%r15). r6 and r7 are callee-saved, so the
 * stubs that write them first store them in the register save area the caller provides (r6 at
 * 48(%r15), r7 at 56(%r15)) and reload them after the call.
 *
 * References: arch/s390/kernel/syscall.c (__do_syscall: gprs[1] number, orig_gpr2 and gprs[3..7])
 * and the s390x ELF ABI supplement; syscall(2).
 */

.macro stub name
    .text
    .globl \name
    .type \name, @function
    .p2align 3
\name:
    .cfi_startproc
    lgr     %r1, %r2
.endm

.macro endstub name
    svc     0
    br      %r14
    .cfi_endproc
    .size \name, . - \name
.endm

/* For the stubs that overwrite r6 and r7: save, trap, restore. */
.macro endstub_saved name
    svc     0
    lmg     %r6, %r7, 48(%r15)
    .cfi_restore %r6
    .cfi_restore %r7
    br      %r14
    .cfi_endproc
    .size \name, . - \name
.endm

.macro save_r6_r7
    stmg    %r6, %r7, 48(%r15)
    .cfi_offset %r6, 48 - 160
    .cfi_offset %r7, 56 - 160
.endm

stub rawsys_syscall0
endstub rawsys_syscall0

stub rawsys_syscall1
    lgr     %r2, %r3
endstub rawsys_syscall1

stub rawsys_syscall2
    lgr     %r2, %r3
    lgr     %r3, %r4
endstub rawsys_syscall2

stub rawsys_syscall3
    lgr     %r2, %r3
    lgr     %r3, %r4
    lgr     %r4, %r5
endstub rawsys_syscall3

stub rawsys_syscall4
    lgr     %r2, %r3
    lgr     %r3, %r4
    lgr     %r4, %r5
    lgr     %r5, %r6
endstub rawsys_syscall4

stub rawsys_syscall5
    save_r6_r7
    lgr     %r2, %r3
    lgr     %r3, %r4
    lgr     %r4, %r5
    lgr     %r5, %r6
    lg      %r6, 160(%r15)
endstub_saved rawsys_syscall5

stub rawsys_syscall6
    save_r6_r7
    lgr     %r2, %r3
    lgr     %r3, %r4
    lgr     %r4, %r5
    lgr     %r5, %r6
    lg      %r6, 160(%r15)
    lg      %r7, 168(%r15)
endstub_saved rawsys_syscall6

.section .note.GNU-stack, "", @progbits
