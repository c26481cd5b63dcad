/*
 * The entry points of librawsys.so: one per argument count, each a plain C function implemented in
 * src/main/asm/<arch>.S. They return what the kernel returned, -errno included, on every ABI: the
 * PowerPC and MIPS stubs fold their error flags into that convention. errno is never written (the
 * stubs do not use libc at all).
 */
#ifndef RAWSYS_SYSCALL_H
#define RAWSYS_SYSCALL_H

long rawsys_syscall0(long nr);
long rawsys_syscall1(long nr, long a1);
long rawsys_syscall2(long nr, long a1, long a2);
long rawsys_syscall3(long nr, long a1, long a2, long a3);
long rawsys_syscall4(long nr, long a1, long a2, long a3, long a4);
long rawsys_syscall5(long nr, long a1, long a2, long a3, long a4, long a5);
long rawsys_syscall6(long nr, long a1, long a2, long a3, long a4, long a5, long a6);

#if defined(__mips__) && _MIPS_SIM == _ABIO32
/* o32 alone needs a seventh word: fadvise64's two 64-bit pairs are aligned. */
#define RAWSYS_HAS_SYSCALL7 1
long rawsys_syscall7(long nr, long a1, long a2, long a3, long a4, long a5, long a6, long a7);
#endif

#endif
