/*
 * rawsys system-call stubs for i386.
 *
 *   instruction   int $0x80
 *   number        eax
 *   arguments     ebx  ecx  edx  esi  edi  ebp
 *   result        eax   (-4095..-1 is -errno; anything else is the value)
 *   clobbered     nothing but eax
 *
 * Each rawsys_syscallN(nr, a1..aN) is a cdecl function: every argument is on the stack, nr at
 * 4(%esp), a1 at 8(%esp) and so on. Four of the six argument registers (ebx, esi, edi, ebp) are
 * callee-saved in the i386 ABI, so every stub saves those four, loads its registers from the
 * stack, traps, and restores them. A 64-bit argument is two consecutive words, low first; the
 * caller splits it (see SyscallArguments).
 *
 * int $0x80 rather than the vDSO's __kernel_vsyscall: it works in every process, even one with
 * no vDSO, and is what the kernel documents as the i386 entry.
 *
 * References: arch/x86/entry/entry_32.S ("Arguments: ... %ebx %ecx %edx %esi %edi %ebp") and the
 * System V i386 psABI.
 */

/* After the four pushes, the caller's return address is at 16(%esp): nr at 20, a1 at 24 ... */
#define NR 20(%esp)
#define A1 24(%esp)
#define A2 28(%esp)
#define A3 32(%esp)
#define A4 36(%esp)
#define A5 40(%esp)
#define A6 44(%esp)

.macro save reg
    pushl   \reg
    .cfi_adjust_cfa_offset 4
    .cfi_rel_offset \reg, 0
.endm

.macro restore reg
    popl    \reg
    .cfi_adjust_cfa_offset -4
    .cfi_restore \reg
.endm

.macro stub name
    .text
    .globl \name
    .type \name, @function
    .p2align 4
\name:
    .cfi_startproc
    save    %ebp
    save    %edi
    save    %esi
    save    %ebx
    movl    NR, %eax
.endm

.macro endstub name
    int     $0x80
    restore %ebx
    restore %esi
    restore %edi
    restore %ebp
    ret
    .cfi_endproc
    .size \name, . - \name
.endm

stub rawsys_syscall0
endstub rawsys_syscall0

stub rawsys_syscall1
    movl    A1, %ebx
endstub rawsys_syscall1

stub rawsys_syscall2
    movl    A1, %ebx
    movl    A2, %ecx
endstub rawsys_syscall2

stub rawsys_syscall3
    movl    A1, %ebx
    movl    A2, %ecx
    movl    A3, %edx
endstub rawsys_syscall3

stub rawsys_syscall4
    movl    A1, %ebx
    movl    A2, %ecx
    movl    A3, %edx
    movl    A4, %esi
endstub rawsys_syscall4

stub rawsys_syscall5
    movl    A1, %ebx
    movl    A2, %ecx
    movl    A3, %edx
    movl    A4, %esi
    movl    A5, %edi
endstub rawsys_syscall5

stub rawsys_syscall6
    movl    A1, %ebx
    movl    A2, %ecx
    movl    A3, %edx
    movl    A4, %esi
    movl    A5, %edi
    movl    A6, %ebp
endstub rawsys_syscall6

.section .note.GNU-stack, "", @progbits
