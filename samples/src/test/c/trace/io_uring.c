/*
 * io_uring for AsyncIoDecodersIT: io_uring_setup, io_uring_enter and io_uring_register with each
 * opcode strace 6.1 decodes, as they work and as the kernel refuses them (NULL, bad pointers,
 * unknown flags and opcodes, reserved members set, sizes too small, arrays that run into an
 * unmapped page). Everything registered belongs to this process's own ring (its buffers, its
 * files, its eventfd, its personality) and goes with it. Exits with 77 when the kernel refuses
 * io_uring altogether (ENOSYS, or EPERM with kernel.io_uring_disabled).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/io_uring.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include "trace_test.h"

static long reg(int fd, unsigned opcode, void *arg, unsigned nargs) {
    return sys(__NR_io_uring_register, fd, opcode, (long)arg, nargs, 0, 0);
}

int main(int argc, char **argv) {
    if (enter_work_dir(argc, argv) != 0) {
        return 1;
    }
    int file = open("ring", O_CREAT | O_RDWR | O_TRUNC, 0600);
    int efd = eventfd(0, 0);
    char *pages = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (file < 0 || efd < 0 || pages == MAP_FAILED ||
        mprotect(pages + 2 * 4096, 4096, PROT_NONE) != 0) {
        return 1;
    }
    char *edge = pages + 2 * 4096; /* the first byte that cannot be read */

    /* io_uring_setup: NULL, a bad pointer, unknown flags, reserved members, a queue to attach
     * to that is no ring, then a ring */
    struct io_uring_params p;
    if (sys(__NR_io_uring_setup, 1, 0, 0, 0, 0, 0) < 0 && (errno == ENOSYS || errno == EPERM)) {
        return 77;
    }
    sys(__NR_io_uring_setup, 1, (long)bad, 0, 0, 0, 0);
    memset(&p, 0, sizeof(p));
    p.flags = 0xfffff000;
    p.sq_thread_cpu = 0xbad;
    p.sq_thread_idle = 42;
    sys(__NR_io_uring_setup, 1, (long)&p, 0, 0, 0, 0);
    memset(&p, 0, sizeof(p));
    p.resv[1] = 0xdeadbeef;
    sys(__NR_io_uring_setup, 1, (long)&p, 0, 0, 0, 0);
    memset(&p, 0, sizeof(p));
    p.flags = IORING_SETUP_ATTACH_WQ | IORING_SETUP_CLAMP;
    p.wq_fd = file;
    sys(__NR_io_uring_setup, 1, (long)&p, 0, 0, 0, 0);
    memset(&p, 0, sizeof(p));
    int ring = (int)sys(__NR_io_uring_setup, 4, (long)&p, 0, 0, 0, 0);
    if (ring < 0) {
        return 1;
    }

    /* io_uring_enter: nothing to do, with a signal mask, unknown flags, a bad descriptor */
    sigset_t mask;
    sigemptyset(&mask);
    sigaddset(&mask, SIGUSR2);
    sys(__NR_io_uring_enter, ring, 0, 0, 0, 0, 0);
    sys(__NR_io_uring_enter, ring, 0, 0, IORING_ENTER_GETEVENTS, (long)&mask, 8);
    sys(__NR_io_uring_enter, ring, 1, 2, 0xffffffe0, (long)bad, 8);
    sys(__NR_io_uring_enter, -1, 0, 0, IORING_ENTER_SQ_WAKEUP, (long)&mask, 3);

    /* buffers: one registered and unregistered, a bad vector */
    struct iovec iov[2] = {{pages, 4096}, {pages + 4096, 4096}};
    reg(ring, IORING_REGISTER_BUFFERS, iov, 2);
    reg(ring, IORING_UNREGISTER_BUFFERS, NULL, 0);
    reg(ring, IORING_REGISTER_BUFFERS, bad, 1);

    /* files: a table with a hole, updated, skipped, unregistered */
    int fds[3] = {file, -1, efd};
    reg(ring, IORING_REGISTER_FILES, fds, 3);
    int update[3] = {efd, IORING_REGISTER_FILES_SKIP, -5};
    struct io_uring_files_update fu = {.offset = 1, .resv = 0, .fds = (uintptr_t)update};
    reg(ring, IORING_REGISTER_FILES_UPDATE, &fu, 2);
    fu.resv = 7;
    reg(ring, IORING_REGISTER_FILES_UPDATE, &fu, 3);
    reg(ring, IORING_REGISTER_FILES_UPDATE, bad, 1);
    reg(ring, IORING_UNREGISTER_FILES, NULL, 0);
    int *last = (int *)edge - 1;
    *last = file;
    reg(ring, IORING_REGISTER_FILES, last, 2);

    /* eventfds */
    reg(ring, IORING_REGISTER_EVENTFD, &efd, 1);
    reg(ring, IORING_UNREGISTER_EVENTFD, NULL, 0);
    reg(ring, IORING_REGISTER_EVENTFD_ASYNC, &efd, 1);
    reg(ring, IORING_UNREGISTER_EVENTFD, NULL, 0);
    reg(ring, IORING_REGISTER_EVENTFD, NULL, 1);

    /* probe: zeroed (the kernel fills it), not zeroed (refused), too many ops, unreadable */
    static char probe_buf[sizeof(struct io_uring_probe) + 64 * sizeof(struct io_uring_probe_op)];
    struct io_uring_probe *probe = (struct io_uring_probe *)probe_buf;
    reg(ring, IORING_REGISTER_PROBE, probe, 4);
    memset(probe_buf, 0, sizeof(probe_buf));
    reg(ring, IORING_REGISTER_PROBE, probe, 64);
    probe->last_op = 1;
    probe->resv = 2;
    probe->ops[1].op = 200;
    probe->ops[1].flags = 0x8001;
    reg(ring, IORING_REGISTER_PROBE, probe, 2);
    reg(ring, IORING_REGISTER_PROBE, probe, 300);
    reg(ring, IORING_REGISTER_PROBE, bad, 1);

    /* restrictions: every kind and an unknown one (refused: the ring is enabled) */
    struct io_uring_restriction r[5];
    memset(r, 0, sizeof(r));
    r[0].opcode = IORING_RESTRICTION_REGISTER_OP;
    r[0].register_op = IORING_REGISTER_PROBE;
    r[1].opcode = IORING_RESTRICTION_SQE_OP;
    r[1].sqe_op = IORING_OP_READV;
    r[2].opcode = IORING_RESTRICTION_SQE_FLAGS_ALLOWED;
    r[2].sqe_flags = IOSQE_FIXED_FILE | IOSQE_ASYNC | 0x80;
    r[3].opcode = IORING_RESTRICTION_SQE_FLAGS_REQUIRED;
    r[3].sqe_flags = IOSQE_IO_LINK;
    r[3].resv = 1;
    r[3].resv2[2] = 3;
    r[4].opcode = 9;
    r[4].register_op = 0x17;
    reg(ring, IORING_REGISTER_RESTRICTIONS, r, 5);
    reg(ring, IORING_REGISTER_RESTRICTIONS, NULL, 0);
    reg(ring, IORING_REGISTER_ENABLE_RINGS, NULL, 0);

    /* resources with tags: files and buffers registered, updated; sizes too small; a struct
     * larger than the kernel's, with its tail set */
    uint64_t tags[2] = {0x1234, 0};
    int files2[2] = {file, efd};
    struct io_uring_rsrc_register rr;
    memset(&rr, 0, sizeof(rr));
    rr.nr = 2;
    rr.data = (uintptr_t)files2;
    rr.tags = (uintptr_t)tags;
    reg(ring, IORING_REGISTER_FILES2, &rr, sizeof(rr));
    struct io_uring_rsrc_update2 ru;
    memset(&ru, 0, sizeof(ru));
    int files3[1] = {IORING_REGISTER_FILES_SKIP};
    ru.offset = 1;
    ru.data = (uintptr_t)files3;
    ru.tags = (uintptr_t)tags;
    ru.nr = 1;
    reg(ring, IORING_REGISTER_FILES_UPDATE2, &ru, sizeof(ru));
    reg(ring, IORING_UNREGISTER_FILES, NULL, 0);
    rr.nr = 1;
    rr.data = (uintptr_t)iov;
    rr.flags = 0;
    reg(ring, IORING_REGISTER_BUFFERS2, &rr, sizeof(rr));
    ru.offset = 0;
    ru.data = (uintptr_t)&iov[1];
    ru.resv = 5;
    ru.resv2 = 6;
    reg(ring, IORING_REGISTER_BUFFERS_UPDATE, &ru, sizeof(ru));
    reg(ring, IORING_UNREGISTER_BUFFERS, NULL, 0);
    reg(ring, IORING_REGISTER_FILES2, &rr, 16);
    reg(ring, IORING_REGISTER_BUFFERS_UPDATE, &ru, 31);
    struct {
        struct io_uring_rsrc_register rr;
        uint64_t tail[2];
    } big;
    memset(&big, 0, sizeof(big));
    big.rr.nr = 1;
    big.rr.flags = IORING_RSRC_REGISTER_SPARSE | 0x10;
    big.rr.resv2 = 9;
    big.tail[1] = 0xff;
    reg(ring, IORING_REGISTER_FILES2, &big, sizeof(big));
    reg(ring, IORING_REGISTER_FILES2, bad, sizeof(rr));

    /* io-wq: an affinity (this ring's own workers), its removal; the worker limits, asked
     * (zeros change nothing), refused */
    unsigned long cpus = 1;
    reg(ring, IORING_REGISTER_IOWQ_AFF, &cpus, sizeof(cpus));
    reg(ring, IORING_UNREGISTER_IOWQ_AFF, NULL, 0);
    reg(ring, IORING_REGISTER_IOWQ_AFF, NULL, 0);
    unsigned workers[3] = {0, 0, 0};
    reg(ring, IORING_REGISTER_IOWQ_MAX_WORKERS, workers, 2);
    reg(ring, IORING_REGISTER_IOWQ_MAX_WORKERS, workers, 3);
    reg(ring, IORING_REGISTER_IOWQ_MAX_WORKERS, (unsigned *)edge - 1, 2);
    reg(ring, IORING_REGISTER_IOWQ_MAX_WORKERS, workers, 0);

    /* registered ring descriptors: one in, then out */
    struct io_uring_rsrc_update up[2];
    memset(up, 0, sizeof(up));
    up[0].offset = -1U;
    up[0].data = ring;
    reg(ring, IORING_REGISTER_RING_FDS, up, 1);
    up[0].data = 0;
    reg(ring, IORING_UNREGISTER_RING_FDS, up, 1);
    up[1].offset = 3;
    up[1].resv = 1;
    up[1].data = 0xfeed;
    reg(ring, IORING_UNREGISTER_RING_FDS, up, 2);

    /* a provided-buffer ring: registered and unregistered, then refused */
    struct io_uring_buf_reg br;
    memset(&br, 0, sizeof(br));
    br.ring_addr = (uintptr_t)pages;
    br.ring_entries = 2;
    br.bgid = 7;
    reg(ring, IORING_REGISTER_PBUF_RING, &br, 1);
    reg(ring, IORING_UNREGISTER_PBUF_RING, &br, 1);
    br.pad = 1;
    br.resv[1] = 2;
    reg(ring, IORING_REGISTER_PBUF_RING, &br, 1);
    reg(ring, IORING_UNREGISTER_PBUF_RING, NULL, 1);

    /* a personality (this process's credentials, for its own ring), unknown opcodes */
    long id = reg(ring, IORING_REGISTER_PERSONALITY, NULL, 0);
    reg(ring, IORING_UNREGISTER_PERSONALITY, NULL, (unsigned)id);
    reg(ring, 0xff, bad, 1);
    reg(ring, 0x80000002, bad, 1);
    reg(-1, IORING_UNREGISTER_FILES, NULL, 0);
    close(ring);
    return 0;
}
