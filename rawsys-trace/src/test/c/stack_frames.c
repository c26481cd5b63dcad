/*
 * Stacks for the unwinder's tests (io.rawsys.trace.stack.UnwinderTest), built at test time with
 * and without frame pointers and CFI. Every write goes to /dev/null; nothing here changes the
 * machine.
 *
 *   1. main -> a -> b -> c -> write: the four names in order, under libc's __write.
 *   2. main -> v -> clock_gettime(CLOCK_PROCESS_CPUTIME_ID): the vDSO has no fast path for that
 *      clock, so the system call is made from inside the vDSO.
 *   3. main -> d -> raise(SIGUSR1) -> handler -> write: a stack through the signal trampoline.
 *   4. main -> deep(300) -> ... -> deep(0) -> write: more frames than strace prints (256).
 *   5. a thread: start_thread -> t -> write, the stack of a thread that is not the leader.
 *   6. main -> code in anonymous memory that makes the write itself (as JIT-compiled code would):
 *      strace's "unexpected_backtracing_error" at once (x86_64 only).
 */
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

static volatile int sink;
static int out = -1;

/* noinline and work after each call: no inlining and no tail calls, so each function has a frame */
__attribute__((noinline)) void c(void) {
    sink += (int)write(out, "c\n", 2);
}
__attribute__((noinline)) void b(void) {
    c();
    sink++;
}
__attribute__((noinline)) void a(void) {
    b();
    sink++;
}

__attribute__((noinline)) void v(void) {
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    sink += (int)ts.tv_nsec;
}

__attribute__((noinline)) void handler(int sig) {
    sink += (int)write(out, "h\n", 2) + sig;
}

__attribute__((noinline)) void d(void) {
    raise(SIGUSR1);
    sink++;
}

__attribute__((noinline)) void deep(int n) {
    if (n > 0)
        deep(n - 1);
    else
        sink += (int)write(out, "deep\n", 5);
    sink++;
}

__attribute__((noinline)) void *t(void *arg) {
    sink += (int)write(out, "t\n", 2);
    return arg;
}

int main(void) {
    out = open("/dev/null", O_WRONLY);
    if (out < 0)
        return 1;
    signal(SIGUSR1, handler);
    a();
    v();
    d();
    deep(300);
    pthread_t thread;
    if (pthread_create(&thread, NULL, t, NULL) != 0 || pthread_join(thread, NULL) != 0)
        return 2;
#if defined(__x86_64__)
    /* mov $1, %eax (write); syscall; ret: the arguments are the caller's, in rdi, rsi, rdx */
    static const unsigned char code[] = {0xb8, 0x01, 0x00, 0x00, 0x00, 0x0f, 0x05, 0xc3};
    void *page = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (page == MAP_FAILED)
        return 3;
    memcpy(page, code, sizeof(code));
    if (mprotect(page, 4096, PROT_READ | PROT_EXEC) != 0)
        return 4;
    long (*anonymous)(long, const char *, long) = (long (*)(long, const char *, long))page;
    sink += (int)anonymous(out, "j\n", 2);
#endif
    return sink == 123456789;
}
