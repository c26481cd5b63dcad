/*
 * Landlock, for AdminDecodersIT: landlock_create_ruleset, landlock_add_rule and
 * landlock_restrict_self, each as it works and as the kernel refuses it (bad flags, sizes, rule
 * types, descriptors and pointers). Only a forked child restricts itself, so the program's own
 * process (and anything after it) is never sandboxed. It exits with 2 when the kernel has no
 * Landlock (the test then skips).
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "trace_test.h"

#ifndef SYS_landlock_create_ruleset
#define SYS_landlock_create_ruleset 444
#define SYS_landlock_add_rule       445
#define SYS_landlock_restrict_self  446
#endif

int main(int argc, char **argv) {
    if (enter_work_dir(argc, argv) != 0) {
        return 1;
    }
    /* the ABI version: fails with EOPNOTSUPP or ENOSYS without Landlock */
    if (sys(SYS_landlock_create_ruleset, 0, 0, 1 /* LANDLOCK_CREATE_RULESET_VERSION */, 0) < 0) {
        perror("landlock_create_ruleset");
        return 2;
    }
    struct {
        uint64_t fs;
        uint64_t net;
        uint64_t scoped;
    } attr = {0x3 | 0x2000 /* EXECUTE, WRITE_FILE, REFER */, 0, 0};
    int ruleset = (int)sys(SYS_landlock_create_ruleset, (long)&attr, 8, 0, 0);
    sys(SYS_landlock_create_ruleset, (long)&attr, 16, 0, 0);
    sys(SYS_landlock_create_ruleset, (long)&attr, 4, 0, 0);
    sys(SYS_landlock_create_ruleset, (long)&attr, 8, 0xfe, 0);
    sys(SYS_landlock_create_ruleset, (long)bad, 8, 0, 0);
    sys(SYS_landlock_create_ruleset, 0, 0, 0, 0);
    attr.fs = 0xffff | (1ULL << 62);
    sys(SYS_landlock_create_ruleset, (long)&attr, 8, 0, 0);
    attr.fs = 0;
    sys(SYS_landlock_create_ruleset, (long)&attr, 8, 0, 0);
    sys(SYS_landlock_create_ruleset, (long)&attr, 8, 3, 0);

    /* landlock_add_rule: a path beneath the work directory, then refusals */
    int dir = open(".", O_PATH | O_DIRECTORY);
    struct __attribute__((packed)) {
        uint64_t allowed;
        int32_t parent;
    } beneath = {0x1 | 0x2000, dir};
    sys(SYS_landlock_add_rule, ruleset, 1 /* LANDLOCK_RULE_PATH_BENEATH */, (long)&beneath, 0);
    sys(SYS_landlock_add_rule, ruleset, 1, (long)&beneath, 0x10);
    beneath.allowed = 0x4;
    sys(SYS_landlock_add_rule, ruleset, 1, (long)&beneath, 0);
    beneath.allowed = 0x1;
    beneath.parent = -1;
    sys(SYS_landlock_add_rule, ruleset, 1, (long)&beneath, 0);
    sys(SYS_landlock_add_rule, ruleset, 1, (long)bad, 0);
    sys(SYS_landlock_add_rule, ruleset, 1, 0, 0);
    struct {
        uint64_t allowed;
        uint64_t port;
    } port = {1, 80};
    sys(SYS_landlock_add_rule, ruleset, 2 /* LANDLOCK_RULE_NET_PORT (6.7) */, (long)&port, 0);
    sys(SYS_landlock_add_rule, ruleset, 0x77, (long)&port, 0);
    sys(SYS_landlock_add_rule, -1, 1, (long)&beneath, 0);

    /* landlock_restrict_self: refused in this process, made only in a child */
    sys(SYS_landlock_restrict_self, -1, 0, 0, 0);
    sys(SYS_landlock_restrict_self, ruleset, 0x80000000, 0, 0);
    sys(SYS_landlock_restrict_self, dir, 0, 0, 0);
    pid_t child = fork();
    if (child == 0) {
        if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) {
            _exit(1);
        }
        _exit(sys(SYS_landlock_restrict_self, ruleset, 0, 0, 0) == 0 ? 0 : 1);
    }
    int status;
    if (child < 0 || waitpid(child, &status, 0) != child || !WIFEXITED(status) ||
        WEXITSTATUS(status) != 0) {
        return 1;
    }
    return 0;
}
