/*
 * perf_event_open for rawsys trace's comparison with strace: struct perf_event_attr of every type
 * strace decodes (hardware, software, tracepoint, cache, raw, breakpoint), its bit-fields, the
 * members -v adds, sizes below, at and above the versions (E2BIG, whose size the kernel writes
 * back), attrs cut by an unmapped page, bad pointers, and the other arguments' odd values.
 *
 * Nothing here changes the machine: the events that may open are software counters of this
 * process alone (pid 0, any cpu), closed at once; every other attr is one the kernel refuses
 * (a bad pid, cpu, group or flag, reserved bits, an unknown type, a breakpoint of an invalid type),
 * whatever perf_event_paranoid allows.
 */
#define _GNU_SOURCE
#include <linux/hw_breakpoint.h>
#include <linux/perf_event.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "trace_test.h"

static long peo(void *attr, long pid, long cpu, long group, unsigned long flags) {
    return syscall(SYS_perf_event_open, attr, pid, cpu, group, flags);
}

/* An attr of 256 bytes: the kernel's own struct and room past it. */
union big_attr {
    struct perf_event_attr attr;
    uint64_t words[32];
};

static void opened(long fd) {
    if (fd >= 0) {
        close((int)fd);
    }
}

int main(void) {
    union big_attr u;

    /* a software counter of this process, as it works (where perf_event_paranoid allows it) */
    memset(&u, 0, sizeof u);
    u.attr.type = PERF_TYPE_SOFTWARE;
    u.attr.size = PERF_ATTR_SIZE_VER5;
    u.attr.config = PERF_COUNT_SW_TASK_CLOCK;
    u.attr.disabled = 1;
    u.attr.exclude_kernel = 1;
    u.attr.exclude_hv = 1;
    opened(peo(&u, 0, -1, -1, PERF_FLAG_FD_CLOEXEC));
    u.attr.size = 0; /* read as version 0 */
    u.attr.config = PERF_COUNT_SW_DUMMY;
    opened(peo(&u, 0, -1, -1, 0));

    /* refused: a pid that cannot exist, with every field and bit set in turn */
    memset(&u, 0, sizeof u);
    u.attr.type = PERF_TYPE_HARDWARE;
    u.attr.size = PERF_ATTR_SIZE_VER7;
    u.attr.config = PERF_COUNT_HW_INSTRUCTIONS | 0x700000000ULL;
    u.attr.sample_period = 12345;
    u.attr.sample_type =
        PERF_SAMPLE_IP | PERF_SAMPLE_BRANCH_STACK | PERF_SAMPLE_STACK_USER | (1ULL << 40);
    u.attr.read_format = PERF_FORMAT_GROUP | PERF_FORMAT_ID | 0x100;
    u.attr.inherit = 1;
    u.attr.pinned = 1;
    u.attr.watermark = 1;
    u.attr.precise_ip = 2;
    u.attr.mmap2 = 1;
    u.attr.use_clockid = 1;
    u.attr.sigtrap = 1;
    u.attr.wakeup_watermark = 4096;
    u.attr.config1 = 0xdeadbeef;
    u.attr.config2 = 0xfeedface;
    u.attr.branch_sample_type = PERF_SAMPLE_BRANCH_ANY | PERF_SAMPLE_BRANCH_USER | (1ULL << 30);
    u.attr.sample_regs_user = 0xff;
    u.attr.sample_stack_user = 8192;
    u.attr.clockid = CLOCK_MONOTONIC;
    u.attr.sample_regs_intr = 0x3;
    u.attr.aux_watermark = 77;
    u.attr.sample_max_stack = 127;
    u.attr.aux_sample_size = 4096;
    u.attr.sig_data = 0x1234567890abcdefULL;
    peo(&u, -2, -1, -1, 0);
    u.attr.freq = 1;
    u.attr.precise_ip = 3;
    u.attr.clockid = 99;
    u.words[5] |= 0xfc00000000000000ULL; /* reserved bit-fields */
    u.attr.__reserved_2 = 0xbeef;
    u.attr.__reserved_3 = 0xcafe;
    peo(&u, -2, -1, -1, 0);
    u.words[5] = ~0ULL; /* every bit-field */
    peo(&u, -2, -1, -1, 0);
    u.words[5] = 0;
    u.attr.config = 0xffffffff;
    peo(&u, -2, -1, -1, 0);

    /* cache events: each part of config */
    u.attr.type = PERF_TYPE_HW_CACHE;
    u.attr.config = PERF_COUNT_HW_CACHE_LL | PERF_COUNT_HW_CACHE_OP_PREFETCH << 8 |
                    PERF_COUNT_HW_CACHE_RESULT_MISS << 16;
    peo(&u, -2, -1, -1, 0);
    u.attr.config = 0x300000000ULL | 0x42000000 | 0x77 << 16 | 0x55 << 8 | 0x66;
    peo(&u, -2, -1, -1, 0);

    /* the other types, and none */
    u.attr.type = PERF_TYPE_TRACEPOINT;
    u.attr.config = 0xffffffffffffffffULL;
    peo(&u, -2, -1, -1, 0);
    u.attr.type = PERF_TYPE_RAW;
    u.attr.config = 0x1c2;
    peo(&u, -2, -1, -1, 0);
    u.attr.type = PERF_TYPE_SOFTWARE;
    u.attr.config = 0x123;
    peo(&u, -2, -1, -1, 0);
    u.attr.type = 0x77;
    u.attr.config = 0;
    peo(&u, -2, -1, -1, 0);
    /* breakpoints of invalid types: refused before anything is set */
    memset(&u, 0, sizeof u);
    u.attr.type = PERF_TYPE_BREAKPOINT;
    u.attr.size = PERF_ATTR_SIZE_VER1;
    u.attr.bp_type = HW_BREAKPOINT_X | HW_BREAKPOINT_R;
    u.attr.bp_addr = 0x1000;
    u.attr.bp_len = HW_BREAKPOINT_LEN_8;
    peo(&u, -2, -1, -1, 0);
    u.attr.bp_type = 0x10;
    peo(&u, -2, -1, -1, 0);
    u.attr.bp_type = HW_BREAKPOINT_W;
    u.attr.size = PERF_ATTR_SIZE_VER2;
    peo(&u, -2, -1, -1, 0);

    /* sizes: each version's, one between, one below the first, one too big (E2BIG) */
    static const unsigned sizes[] = {72, 80, 96, 104, 112, 120, 100, 60, 1};
    memset(&u, 0, sizeof u);
    u.attr.type = PERF_TYPE_SOFTWARE;
    u.attr.config = PERF_COUNT_SW_CPU_CLOCK;
    u.attr.sample_type = PERF_SAMPLE_BRANCH_STACK | PERF_SAMPLE_STACK_USER;
    u.attr.use_clockid = 1;
    u.attr.clockid = CLOCK_BOOTTIME;
    u.words[31] = 0;
    for (unsigned i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        u.attr.size = sizes[i];
        peo(&u, -2, -1, -1, 0);
    }
    u.attr.size = 256;
    u.words[31] = 1; /* a byte past the kernel's struct: E2BIG, the size written back */
    peo(&u, 0, -1, -1, 0);
    u.attr.size = 4096 + 8; /* larger than a page: E2BIG too */
    peo(&u, 0, -1, -1, 0);

    /* attrs cut by an unmapped page, bad pointers */
    char *page = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (page == MAP_FAILED || munmap(page + 4096, 4096) != 0) {
        return 1;
    }
    struct perf_event_attr *cut = (struct perf_event_attr *)(page + 4096 - 64);
    memset(cut, 0, 64);
    cut->type = PERF_TYPE_SOFTWARE;
    cut->size = PERF_ATTR_SIZE_VER7; /* 64 bytes readable of 128 */
    cut->config = PERF_COUNT_SW_PAGE_FAULTS;
    peo(cut, -2, -1, -1, 0);
    struct perf_event_attr *cut48 = (struct perf_event_attr *)(page + 4096 - 40);
    peo(cut48, -2, -1, -1, 0);                  /* the size readable, the first 48 bytes not */
    peo((char *)page + 4096 - 6, 0, -1, -1, 0); /* the size itself cut */
    peo(null, 0, -1, -1, 0);
    peo(bad, 0, -1, -1, 0);

    /* the other arguments */
    memset(&u, 0, sizeof u);
    u.attr.type = PERF_TYPE_SOFTWARE;
    u.attr.size = PERF_ATTR_SIZE_VER0;
    peo(&u, -1, -1, -1, 0);
    peo(&u, 0, 100000, -1, 0);
    peo(&u, 0, -1, 1000, PERF_FLAG_FD_NO_GROUP | PERF_FLAG_FD_OUTPUT);
    peo(&u, 0x7fffffff, 0x7fffffff, 0x7fffffff, ~0UL);
    peo(&u, 0, -1, -1, PERF_FLAG_PID_CGROUP | 0x100);
    return 0;
}
