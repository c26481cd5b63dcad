/*
 * Stacks for the unwinder's tests (io.rawsys.trace.stack.UnwinderTest), built at test time with
 * and without frame pointers and CFI. Every write goes to /dev/null; nothing here changes the
 * machine.
 *
 *   1. main -> a -> b -> c -> write: the four names in order, under libc's __write.
 *   2. main -> v -> clock_gettime(CLOCK_PROCESS_CPUTIME_ID): the vDSO has no fast path for that
 *      clock, so the system call is made from inside the vDSO.
 *   3. main -> d -> raise(SIGUSR1) -> handler -> write: a stack through the signal trampoline.
 */
#include <fcntl.h>
#include <signal.h>
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

int main(void) {
    out = open("/dev/null", O_WRONLY);
    if (out < 0)
        return 1;
    signal(SIGUSR1, handler);
    a();
    v();
    d();
    return sink == 123456789;
}
