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

/*
 * Built with -mbranch-protection=standard (see the Makefile): each stub starts with a BTI landing
 * pad, and the GNU property note below tells the loader the library is BTI- and PAC-compatible, so
 * a process that enforces BTI keeps doing so. The stubs are leaves that never spill the link
 * register, so there is no return address to sign.
 */
#if defined(__ARM_FEATURE_BTI_DEFAULT) && __ARM_FEATURE_BTI_DEFAULT
#define LANDING_PAD bti c
#define FEATURE_BTI 1
#else
#define LANDING_PAD
#define FEATURE_BTI 0
#endif
#if defined(__ARM_FEATURE_PAC_DEFAULT) && __ARM_FEATURE_PAC_DEFAULT
#define FEATURE_PAC 2
#else
#define FEATURE_PAC 0
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

#if FEATURE_BTI || FEATURE_PAC
/* NT_GNU_PROPERTY_TYPE_0 (5), owner "GNU", one GNU_PROPERTY_AARCH64_FEATURE_1_AND (0xc0000000). */
    .pushsection .note.gnu.property, "a"
    .balign 8
    .long   4
    .long   16
    .long   5
    .asciz  "GNU"
    .long   0xc0000000
    .long   4
    .long   FEATURE_BTI | FEATURE_PAC
    .long   0
    .popsection
#endif
