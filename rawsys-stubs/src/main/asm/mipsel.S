/*
 * rawsys system-call stubs for mipsel, the o32 ABI.
 *
 *   instruction   syscall
 *   number        v0 ($2)       (o32 numbers start at 4000)
 *   arguments     a0  a1  a2  a3 ($4-$7), then 16($sp) 20($sp) 24($sp): the kernel reads
 *                 arguments five to seven from the caller's stack
 *   result        v0; a3 ($7) is 0 on success, and non-zero when v0 holds the *positive* errno
 *   clobbered     at v1 a3 t0-t9 hi lo ($1 $3 $7-$15 $24 $25), all caller-saved in o32
 *
 * Each rawsys_syscallN(nr, a1..aN) is an o32 function: nr in a0, a1..a3 in a1..a3, a4 and up on
 * the stack at 16($sp), 20($sp) ... (above the 16-byte home area of the four register
 * arguments). The kernel wants its fifth argument where the caller's fifth is, so each stub
 * builds a frame of its own whose 16($sp) onwards hold a5, a6, a7, loads a4 into a3, and traps.
 * The number waits in v1 and goes to v0 as the last instruction before the trap (old kernels
 * restarted an interrupted call one instruction early, expecting v0 to be reloaded there).
 * A 64-bit argument goes in an even/odd pair (a2:a3, or two stack words), low word first; the
 * caller inserts the padding word (see SyscallArguments). fadvise64 on o32 needs seven words,
 * hence rawsys_syscall7 on this ABI alone.
 *
 * References: arch/mips/kernel/scall32-o32.S ("load 5th..8th argument from user stack at 16, 20,
 * 24, 28") and the o32 ABI; syscall(2).
 */

    .set reorder

.macro stub name
    .text
    .globl \name
    .type \name, @function
    .ent \name
    .p2align 2
\name:
    .cfi_startproc
.endm

/* v1 = nr, a0..a2 = a1..a3; a3 = a4 is loaded from the caller's stack by the stubs that need it. */
.macro shift_registers
    move    $3, $4
    move    $4, $5
    move    $5, $6
    move    $6, $7
.endm

.macro trap_and_fold
    move    $2, $3          /* v0 = nr, right before the trap */
    syscall
    beqz    $7, 1f          /* a3 clear: v0 is the value */
    subu    $2, $0, $2      /* set: v0 is errno; return -errno */
1:
.endm

.macro endstub name
    jr      $31
    .cfi_endproc
    .end \name
    .size \name, . - \name
.endm

/* A 32-byte frame: 16($sp)..28($sp) are the kernel's arguments five to eight. */
.macro frame
    addiu   $sp, $sp, -32
    .cfi_adjust_cfa_offset 32
.endm

.macro unframe
    addiu   $sp, $sp, 32
    .cfi_adjust_cfa_offset -32
.endm

stub rawsys_syscall0
    move    $3, $4
    trap_and_fold
endstub rawsys_syscall0

stub rawsys_syscall1
    move    $3, $4
    move    $4, $5
    trap_and_fold
endstub rawsys_syscall1

stub rawsys_syscall2
    move    $3, $4
    move    $4, $5
    move    $5, $6
    trap_and_fold
endstub rawsys_syscall2

stub rawsys_syscall3
    shift_registers
    trap_and_fold
endstub rawsys_syscall3

stub rawsys_syscall4
    shift_registers
    lw      $7, 16($sp)
    trap_and_fold
endstub rawsys_syscall4

stub rawsys_syscall5
    frame
    lw      $8, 32+20($sp)  /* a5 */
    sw      $8, 16($sp)
    shift_registers
    lw      $7, 32+16($sp)  /* a4 */
    trap_and_fold
    unframe
endstub rawsys_syscall5

stub rawsys_syscall6
    frame
    lw      $8, 32+20($sp)  /* a5 */
    lw      $9, 32+24($sp)  /* a6 */
    sw      $8, 16($sp)
    sw      $9, 20($sp)
    shift_registers
    lw      $7, 32+16($sp)  /* a4 */
    trap_and_fold
    unframe
endstub rawsys_syscall6

stub rawsys_syscall7
    frame
    lw      $8, 32+20($sp)  /* a5 */
    lw      $9, 32+24($sp)  /* a6 */
    lw      $10, 32+28($sp) /* a7 */
    sw      $8, 16($sp)
    sw      $9, 20($sp)
    sw      $10, 24($sp)
    shift_registers
    lw      $7, 32+16($sp)  /* a4 */
    trap_and_fold
    unframe
endstub rawsys_syscall7

.section .note.GNU-stack, "", @progbits
