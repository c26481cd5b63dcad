/*
 * Linux AIO for IoDecodersIT: io_setup, io_submit with every kind of iocb strace tells apart (a
 * buffer, a vector, poll events, none, an unknown opcode; flags, a result eventfd, a priority, a
 * key and rw flags), io_getevents, io_pgetevents, io_cancel and io_destroy, each as it works and
 * as the kernel refuses it (NULL, bad pointers, negative counts, a bogus context). Everything is
 * done on a file in the work directory and on a pipe; the AIO context is this process's own and
 * goes with it. Built for x86_64 and for i386 (4-byte iocb pointers, a 32-bit timespec).
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/aio_abi.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#include "trace_test.h"

#ifndef IOCB_FLAG_IOPRIO
#define IOCB_FLAG_IOPRIO (1 << 1)
#endif

static void fill(struct iocb *cb, uint64_t data, int op, int fd, void *buf, uint64_t nbytes,
                 int64_t offset) {
    memset(cb, 0, sizeof(*cb));
    cb->aio_data = data;
    cb->aio_lio_opcode = op;
    cb->aio_fildes = fd;
    cb->aio_buf = (uintptr_t)buf;
    cb->aio_nbytes = nbytes;
    cb->aio_offset = offset;
}

int main(int argc, char **argv) {
    if (enter_work_dir(argc, argv) != 0) {
        return 1;
    }
    int fd = open("aio", O_CREAT | O_RDWR | O_TRUNC, 0600);
    int pipes[2];
    int efd = eventfd(0, 0);
    if (fd < 0 || pipe(pipes) != 0 || efd < 0 || write(pipes[1], "p", 1) != 1) {
        return 1;
    }
    /* a page whose last iocb pointer and io_event sit just before an unreadable one */
    char *pages = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (pages == MAP_FAILED || mprotect(pages + 4096, 4096, PROT_NONE) != 0) {
        return 1;
    }

    /* io_setup: NULL, a bad pointer, then a context */
    aio_context_t ctx = 0;
    sys(__NR_io_setup, 8, 0, 0, 0, 0, 0);
    sys(__NR_io_setup, 8, (long)bad, 0, 0, 0, 0);
    sys(__NR_io_setup, 0xdeadbeef, (long)&ctx, 0, 0, 0, 0);
    if (sys(__NR_io_setup, 8, (long)&ctx, 0, 0, 0, 0) != 0) {
        return 1;
    }

    /* io_submit: a pwrite, a pwritev, a preadv and a pread, on the file */
    static char text[] = "hello, aio";
    static char back[16];
    static char v1[] = "vec";
    static char v2[] = "tor";
    struct iovec wv[2] = {{v1, 3}, {v2, 3}};
    struct iovec rv[2] = {{back, 2}, {back + 2, 4}};
    static struct iocb cbs[8];
    struct iocb *list[8];
    for (int i = 0; i < 8; i++) {
        list[i] = &cbs[i];
    }
    fill(&cbs[0], 0x1111, IOCB_CMD_PWRITE, fd, text, sizeof(text) - 1, 0);
    fill(&cbs[1], 0x2222, IOCB_CMD_PWRITEV, fd, wv, 2, 16);
    fill(&cbs[2], 0x3333, IOCB_CMD_PREADV, fd, rv, 2, 0);
    fill(&cbs[3], 0x4444, IOCB_CMD_PREAD, fd, back, 5, 16);
    sys(__NR_io_submit, (long)ctx, 4, (long)list, 0, 0, 0);
    struct io_event events[16];
    struct timespec ts = {1, 0};
    sys(__NR_io_getevents, (long)ctx, 4, 8, (long)events, (long)&ts, 0);

    /* flags: a result eventfd, a priority, a key, rw flags; an fdsync; poll on the pipe */
    fill(&cbs[0], 0x5555, IOCB_CMD_PWRITE, fd, text, 5, 0);
    cbs[0].aio_flags = IOCB_FLAG_RESFD | IOCB_FLAG_IOPRIO;
    cbs[0].aio_resfd = efd;
    cbs[0].aio_reqprio = (2 << 13) | 4;
    cbs[0].aio_rw_flags = RWF_DSYNC;
    fill(&cbs[1], 0x7777, IOCB_CMD_POLL, pipes[0], (void *)(uintptr_t)(POLLIN | POLLRDNORM), 0, 0);
    sys(__NR_io_submit, (long)ctx, 2, (long)list, 0, 0, 0);
    sigset_t mask;
    sigemptyset(&mask);
    sigaddset(&mask, SIGUSR1);
    struct {
        sigset_t *mask;
        size_t size;
    } sig = {&mask, 8};
    sys(__NR_io_pgetevents, (long)ctx, 2, 8, (long)events, (long)&ts, (long)&sig);
    /* an fdsync completes on a worker, alone so that the order of completions is known */
    fill(&cbs[0], 0x6666, IOCB_CMD_FDSYNC, fd, NULL, 0, 0);
    sys(__NR_io_submit, (long)ctx, 1, (long)list, 0, 0, 0);
    sys(__NR_io_getevents, (long)ctx, 1, 1, (long)events, (long)&ts, 0);

    /* refused iocbs: an unknown opcode with odd members, a key, a PREAD of a huge length, a
     * vector with a negative length, unknown flags and a resfd without IOCB_FLAG_RESFD */
    fill(&cbs[0], 0x8888, 0xf00d, 0x7eadbeef, NULL, 0, 0);
    cbs[0].aio_key = 0xdefaced0;
    cbs[0].aio_reqprio = -3;
    sys(__NR_io_submit, (long)ctx, 1, (long)list, 0, 0, 0);
    fill(&cbs[0], 0, IOCB_CMD_PWRITE, -1, (void *)0xbadc0ffe, (uint64_t)-16, -1);
    cbs[0].aio_flags = 0xfacef150;
    cbs[0].aio_resfd = 0xded1ca7e;
    cbs[0].aio_reqprio = -2;
    fill(&cbs[1], 0, IOCB_CMD_PWRITEV, fd, bad, (uint64_t)-2, 0);
    fill(&cbs[2], 0, IOCB_CMD_PWRITE, fd, bad, 4, 0);
    fill(&cbs[3], 0, IOCB_CMD_NOOP, fd, NULL, 0, 0);
    cbs[3].aio_flags = IOCB_FLAG_IOPRIO;
    cbs[3].aio_reqprio = -1;
    list[4] = (struct iocb *)bad;
    for (int i = 0; i < 5; i++) {
        sys(__NR_io_submit, (long)ctx, 1, (long)&list[i], 0, 0, 0);
    }
    list[4] = &cbs[4];
    fill(&cbs[4], 0, IOCB_CMD_PREAD, fd, back, 1, 0);

    /* io_submit: a negative count, NULL, a bogus context, a list running into an unmapped page,
     * a count whose size overflows, a count past -s */
    sys(__NR_io_submit, (long)ctx, -1, (long)list, 0, 0, 0);
    sys(__NR_io_submit, (long)ctx, 1, 0, 0, 0, 0);
    sys(__NR_io_submit, 0xbad, 1, (long)list, 0, 0, 0);
    struct iocb **edge = (struct iocb **)(pages + 4096) - 1;
    *edge = &cbs[4];
    sys(__NR_io_submit, (long)ctx, 2, (long)edge, 0, 0, 0);
#ifdef __LP64__
    /* strace sizes arrays in 64 bits: only a 64-bit tracee's count can overflow them */
    sys(__NR_io_submit, (long)ctx, (long)(~0UL / 2), (long)list, 0, 0, 0);
#endif
    for (int i = 0; i < 8; i++) {
        /* buffered reads complete in io_submit, in order */
        fill(&cbs[i], i, IOCB_CMD_PREAD, fd, back + i, 1, i);
    }
    sys(__NR_io_submit, (long)ctx, 8, (long)list, 0, 0, 0);
    sys(__NR_io_getevents, (long)ctx, 10, 16, (long)events, 0, 0);

    /* io_getevents and io_pgetevents refused: a bogus context, NULL events, bad timeouts and
     * masks, a negative count; then nothing to wait for, with a zero timeout */
    struct timespec zero = {0, 0};
    sys(__NR_io_getevents, 0xbad, 1, 1, 0, (long)&zero, 0);
    sys(__NR_io_getevents, (long)ctx, 1, 1, (long)events, (long)bad, 0);
    sys(__NR_io_getevents, (long)ctx, -1, 1, (long)events, 0, 0);
    sys(__NR_io_getevents, (long)ctx, 0, 1, (long)events, (long)&zero, 0);
    sys(__NR_io_pgetevents, (long)ctx, 0, 1, (long)events, (long)&zero, 0);
    sys(__NR_io_pgetevents, (long)ctx, 0, 1, (long)events, (long)&zero, (long)bad);
    sig.size = 3;
    sys(__NR_io_pgetevents, (long)ctx, 0, 1, (long)events, (long)&zero, (long)&sig);
    sig.mask = (sigset_t *)bad;
    sig.size = 8;
    sys(__NR_io_pgetevents, (long)ctx, 0, 1, (long)events, (long)&zero, (long)&sig);
    struct io_event *last = (struct io_event *)(pages + 4096) - 1;
    sys(__NR_io_pgetevents, (long)ctx, 0, 1, (long)last, (long)&zero, (long)bad);

    /* io_cancel: nothing to cancel, a bad iocb, a bogus context */
    fill(&cbs[0], 0x9999, IOCB_CMD_PREAD, pipes[0], back, 1, 0);
    sys(__NR_io_cancel, (long)ctx, (long)&cbs[0], (long)events, 0, 0, 0);
    sys(__NR_io_cancel, (long)ctx, (long)bad, (long)events, 0, 0, 0);
    sys(__NR_io_cancel, 0xbad, 0, 0, 0, 0, 0);

    /* io_destroy: a bogus context, then the real one */
    sys(__NR_io_destroy, 0xbad, 0, 0, 0, 0, 0);
    sys(__NR_io_destroy, (long)ctx, 0, 0, 0, 0, 0);
    return 0;
}
