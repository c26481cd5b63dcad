/* What the decoder test programs share. */
#ifndef TRACE_TEST_H
#define TRACE_TEST_H
#include <unistd.h>

/* Addresses the compiler cannot see through: the kernel must be the one to refuse them. */
__attribute__((unused)) static void *volatile bad = (void *)8;
__attribute__((unused)) static void *volatile null;

/* Moves into the directory to work in, the program's argument when it has one: 0, or -1. */
static inline int enter_work_dir(int argc, char **argv) {
    return argc > 1 ? chdir(argv[1]) : 0;
}

#endif
