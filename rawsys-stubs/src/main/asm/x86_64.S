/*
 * rawsys system-call stubs for x86_64 (the 64-bit ABI; not x32).
 *
 *   instruction   syscall
 *   number        rax
 *   arguments     rdi  rsi  rdx  r10  r8  r9
 *   result        rax   (-4095..-1 is -errno; anything else is the value)
 *   clobbered     rcx (return rip), r11 (saved rflags) by the instruction; nothing else
 *
 * Each rawsys_syscallN(nr, a1..aN) is a SysV function: nr in rdi, a1..a5 in rsi rdx rcx r8 r9,
 * a6 on the stack at 8(%rsp). The stub moves them into the kernel's registers (a4 leaves rcx for
 * r10, because the instruction itself overwrites rcx), traps, and returns rax untouched: the
 * Java side, not the stub, turns -errno into an exception. rcx and r11 are caller-saved in the
 * SysV ABI, so the kernel's clobbers need no saving here, and no stack frame is needed at all.
 *
 * References: the kernel's arch/x86/entry/entry_64.S ("Registers on entry") and the x86-64
 * psABI, appendix A.2 "AMD64 Linux Kernel Conventions".
 */

#ifdef __CET__
#include <cet.h>
#else
#define _CET_ENDBR
#endif

/* Opens a global function; the CFI needs no more than the default since rsp never moves. */
.macro stub name
    .text
    .globl \name
    .type \name, @function
    .p2align 4
\name:
    .cfi_startproc
    _CET_ENDBR
.endm

.macro endstub name
    .cfi_endproc
    .size \name, . - \name
.endm

stub rawsys_syscall0
    movq    %rdi, %rax
    syscall
    ret
endstub rawsys_syscall0

stub rawsys_syscall1
    movq    %rdi, %rax
    movq    %rsi, %rdi
    syscall
    ret
endstub rawsys_syscall1

stub rawsys_syscall2
    movq    %rdi, %rax
    movq    %rsi, %rdi
    movq    %rdx, %rsi
    syscall
    ret
endstub rawsys_syscall2

stub rawsys_syscall3
    movq    %rdi, %rax
    movq    %rsi, %rdi
    movq    %rdx, %rsi
    movq    %rcx, %rdx
    syscall
    ret
endstub rawsys_syscall3

stub rawsys_syscall4
    movq    %rdi, %rax
    movq    %rsi, %rdi
    movq    %rdx, %rsi
    movq    %rcx, %rdx
    movq    %r8, %r10
    syscall
    ret
endstub rawsys_syscall4

stub rawsys_syscall5
    movq    %rdi, %rax
    movq    %rsi, %rdi
    movq    %rdx, %rsi
    movq    %rcx, %rdx
    movq    %r8, %r10
    movq    %r9, %r8
    syscall
    ret
endstub rawsys_syscall5

stub rawsys_syscall6
    movq    %rdi, %rax
    movq    %rsi, %rdi
    movq    %rdx, %rsi
    movq    %rcx, %rdx
    movq    %r8, %r10
    movq    %r9, %r8
    movq    8(%rsp), %r9
    syscall
    ret
endstub rawsys_syscall6

/* No executable stack for whoever links or loads this. */
.section .note.GNU-stack, "", @progbits
