/*
 * The entry points of librawsys.so: one per argument count, each a plain C function implemented in
 * src/main/asm/<arch>.S. They return what the kernel returned, untouched: -4095..-1 is -errno, and
 * errno is never written (the stubs do not use libc at all).
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

#endif
