/*
 * The old calls that x86_64 has too, for OldCallDecodersIT: uselib (printed as chdir) and vhangup
 * (printed as printargs). vhangup is made after dropping CAP_SYS_TTY_CONFIG, so that the kernel
 * refuses it (EPERM) and the terminal is not hung up.
 */
#define _GNU_SOURCE
#include <linux/capability.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "trace_test.h"

int main(void) {
    /* a library that does not exist, none, an unreadable name: the kernel loads nothing */
    syscall(SYS_uselib, "/nonexistent/lib.so");
    syscall(SYS_uselib, null);
    syscall(SYS_uselib, bad);
    /* unprivileged first: EPERM, no terminal hung up */
    if (drop_capability(CAP_SYS_TTY_CONFIG) != 0) {
        return 1;
    }
    syscall(SYS_vhangup);
    return 0;
}
