/* fork, vfork and syscall(). A fork child never calls Java (the JVM's threads did not come
 * along); a vfork child shares our memory and TLS, so our own vfork marks it in t_vfork.
 * Java may deny a fork in the parent, but never runs the fork itself (proceed() would return
 * into Java in a child without a JVM). */
#define _GNU_SOURCE
#include "preload.h"

#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <unistd.h>

pid_t _Fork(void);

static void mark_child(void) {
    g_forked = 1;
}

EXPORT pid_t fork(void) {
    if (UNLIKELY(g_want[FN_fork])) {
        long a[7] = {0}, r;
        if (rp_hook(FN_fork, a, &r))
            return (pid_t)r;
    }
    pid_t p = REAL(fork)();
    if (p == 0)
        g_forked = 1;
    return p;
}
long rp_real_call_fork(const long *a) {
    (void)a;
    errno = EPERM;
    return -1;
}

/* glibc 2.34+: fork without atfork handlers. */
EXPORT pid_t _Fork(void) {
    static pid_t (*real)(void);
    if (!real)
        real = (pid_t(*)(void))rp_resolve_symbol("_Fork");
    pid_t p = real();
    if (p == 0)
        g_forked = 1;
    return p;
}

/* Called by vfork before the system call: INT64_MIN to go on, else what vfork returns. */
__attribute__((used)) static long rp_vfork_ask(void) {
    if (LIKELY(!g_want[FN_vfork]))
        return INT64_MIN;
    long a[7] = {0}, r;
    return rp_hook(FN_vfork, a, &r) ? r : INT64_MIN;
}
__attribute__((used)) static pid_t rp_vfork_error(int e) {
    errno = e;
    return -1;
}
long rp_real_call_vfork(const long *a) {
    (void)a;
    errno = EPERM;
    return -1;
}

/* The child shares our stack: the return address is kept in a register across the system
 * call, never in a stack slot the child could overwrite. */
__asm__(".text\n"
        ".globl vfork\n"
        ".type vfork,@function\n"
        "vfork:\n"
        "  subq $8, %rsp\n"
        "  call rp_vfork_ask\n"
        "  addq $8, %rsp\n"
        "  movabsq $0x8000000000000000, %rcx\n"
        "  cmpq %rcx, %rax\n"
        "  je 1f\n"
        "  ret\n"
        "1:popq %rdi\n"
        "  movl $58, %eax\n" /* SYS_vfork */
        "  syscall\n"
        "  pushq %rdi\n"
        "  movq t_vfork@gottpoff(%rip), %rcx\n"
        "  testl %eax, %eax\n"
        "  jnz 2f\n"
        "  movl $1, %fs:(%rcx)\n" /* the child: never Java */
        "  ret\n"
        "2:movl $0, %fs:(%rcx)\n" /* the parent resumes once the child exec'd or exited */
        "  cmpl $-4095, %eax\n"
        "  jae 3f\n"
        "  ret\n"
        "3:negl %eax\n"
        "  movl %eax, %edi\n"
        "  jmp rp_vfork_error\n"
        ".size vfork, .-vfork\n");

EXPORT long syscall(long number, ...) {
    long x[6];
    va_list ap;
    va_start(ap, number);
    for (int i = 0; i < 6; i++)
        x[i] = va_arg(ap, long);
    va_end(ap);
    if (UNLIKELY(g_want[FN_syscall])) {
        long a[7] = {number, x[0], x[1], x[2], x[3], x[4], x[5]}, r;
        if (rp_hook(FN_syscall, a, &r))
            return r;
    }
    return REAL(syscall)(number, x[0], x[1], x[2], x[3], x[4], x[5]);
}
long rp_real_call_syscall(const long *a) {
    return REAL(syscall)(a[0], a[1], a[2], a[3], a[4], a[5], a[6]);
}

void rp_process_init(void) {
    pthread_atfork(NULL, NULL, mark_child);
}
