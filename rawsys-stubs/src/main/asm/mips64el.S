/*
 * rawsys system-call stubs for mips64el, the n64 ABI.
 *
 *   instruction   syscall
 *   number        v0 ($2)       (n64 numbers start at 5000)
 *   arguments     a0  a1  a2  a3  a4  a5   ($4-$9)
 *   result        v0; a3 ($7) is 0 on success, and non-zero when v0 holds the *positive* errno
 *   clobbered     at v1 a3-a7 t0-t3 t8 t9 hi lo ($1 $3 $7-$15 $24 $25), all caller-saved in n64
 *
 * Each rawsys_syscallN(nr, a1..aN) is an n64 function: nr in a0, a1..a6 in a1..a6 ($5-$10). The
 * stub parks the number in v1, shifts the arguments down one register, loads v0 as the very last
 * instruction before the trap (old kernels restarted an interrupted call one instruction early,
 * expecting v0 to be reloaded there), and traps. It then folds MIPS's error flag into the result:
 * if a3 is set it negates v0, so Java always sees -4095..-1 for an error. The assembler fills the
 * branch delay slots (.set reorder).
 *
 * References: arch/mips/kernel/scall64-n64.S (v0 number, a3 error flag) and the n64 ABI;
 * syscall(2).
 */

    .set reorder

.macro stub name
    .text
    .globl \name
    .type \name, @function
    .ent \name
    .p2align 3
\name:
    .cfi_startproc
    move    $3, $4          /* v1 = nr, for now */
.endm

.macro endstub name
    move    $2, $3          /* v0 = nr, right before the trap */
    syscall
    beqz    $7, 1f          /* a3 clear: v0 is the value */
    dsubu   $2, $0, $2      /* set: v0 is errno; return -errno */
1:  jr      $31
    .cfi_endproc
    .end \name
    .size \name, . - \name
.endm

stub rawsys_syscall0
endstub rawsys_syscall0

stub rawsys_syscall1
    move    $4, $5
endstub rawsys_syscall1

stub rawsys_syscall2
    move    $4, $5
    move    $5, $6
endstub rawsys_syscall2

stub rawsys_syscall3
    move    $4, $5
    move    $5, $6
    move    $6, $7
endstub rawsys_syscall3

stub rawsys_syscall4
    move    $4, $5
    move    $5, $6
    move    $6, $7
    move    $7, $8
endstub rawsys_syscall4

stub rawsys_syscall5
    move    $4, $5
    move    $5, $6
    move    $6, $7
    move    $7, $8
    move    $8, $9
endstub rawsys_syscall5

stub rawsys_syscall6
    move    $4, $5
    move    $5, $6
    move    $6, $7
    move    $7, $8
    move    $8, $9
    move    $9, $10
endstub rawsys_syscall6

.section .note.GNU-stack, "", @progbits
