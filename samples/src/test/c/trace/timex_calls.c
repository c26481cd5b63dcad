/*
 * adjtimex and clock_adjtime for rawsys trace's comparison with strace: struct timex read back
 * (modes 0: the kernel only reports the clock's state), and calls the kernel refuses.
 *
 * Nothing here changes the clock. The only calls that succeed have modes 0, which reads. Every
 * call with other modes is made after CAP_SYS_TIME was dropped for good, and only once capget has
 * shown that it is gone (else the program stops there, exit status 2): without it the kernel
 * refuses any modes but ADJ_OFFSET_SS_READ's with EPERM before it looks at them. Each such call
 * also carries a value the kernel rejects (EINVAL) before it would apply anything, so that it
 * fails even where the capability could not be dropped: a tick of 0 with ADJ_TICK, a negative
 * time with ADJ_SETOFFSET. The ADJ_ADJTIME modes (adjtime's, 0x8000) are never used. The
 * struct's fields the clock changes from run to run are normalized by the test.
 */
#define _GNU_SOURCE
#include <linux/capability.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/timex.h>
#include <time.h>
#include <unistd.h>

#include "trace_test.h"

#ifndef ADJ_SETOFFSET
#define ADJ_SETOFFSET 0x0100
#endif

/* Whether CAP_SYS_TIME is out of the effective and permitted sets. */
static int cannot_set_time(void) {
    struct __user_cap_header_struct header = {_LINUX_CAPABILITY_VERSION_3, 0};
    struct __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3];
    if (syscall(SYS_capget, &header, data) != 0) {
        return 0;
    }
    unsigned bit = 1u << (CAP_SYS_TIME % 32);
    return !(data[CAP_SYS_TIME / 32].effective & bit) && !(data[CAP_SYS_TIME / 32].permitted & bit);
}

int main(void) {
    /* reads: modes 0 */
    struct timex tx;
    memset(&tx, 0, sizeof tx);
    syscall(SYS_adjtimex, &tx);
    memset(&tx, 0, sizeof tx);
    syscall(SYS_clock_adjtime, CLOCK_REALTIME, &tx);
    memset(&tx, 0, sizeof tx);
    syscall(SYS_clock_adjtime, CLOCK_MONOTONIC, &tx);
    syscall(SYS_clock_adjtime, 99, &tx);
    syscall(SYS_clock_adjtime, -1, null);

    /* bad pointers */
    syscall(SYS_adjtimex, null);
    syscall(SYS_adjtimex, bad);
    syscall(SYS_clock_adjtime, CLOCK_REALTIME, bad);
    char *page = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (page == MAP_FAILED || munmap(page + 4096, 4096) != 0) {
        return 1;
    }
    syscall(SYS_adjtimex, page + 4096 - 16); /* the struct runs into an unmapped page */

#ifdef __i386__
    /* the time64 call: the 64-bit struct (struct __kernel_timex), read with modes 0 */
    static int64_t tx64[26];
    syscall(SYS_clock_adjtime64, CLOCK_REALTIME, tx64);
    syscall(SYS_clock_adjtime64, CLOCK_TAI, bad);
#endif

    /* settings, refused: first make sure the kernel must refuse them */
    if (drop_capability(CAP_SYS_TIME) != 0 || !cannot_set_time()) {
        return 2;
    }
    memset(&tx, 0, sizeof tx);
    tx.modes = ADJ_OFFSET | ADJ_TICK | 0x40 | 0x10000; /* and a tick of 0: EINVAL if allowed */
    tx.offset = 1;
    syscall(SYS_adjtimex, &tx);
    syscall(SYS_clock_adjtime, CLOCK_REALTIME, &tx);
    memset(&tx, 0, sizeof tx);
    tx.modes = ADJ_SETOFFSET | ADJ_NANO; /* and a negative time: EINVAL if allowed */
    tx.time.tv_sec = -1;
    tx.time.tv_usec = -1;
    syscall(SYS_adjtimex, &tx);
    return 0;
}
