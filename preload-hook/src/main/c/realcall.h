/* Java's proceed(): any hooked function run as the program asked, without asking Java. */
#ifndef RAWSYS_PRELOAD_REALCALL_H
#define RAWSYS_PRELOAD_REALCALL_H
#include "state.h"

/* Runs function FN with arguments A (as longs, hooks.def's order); errno as the function set it. */
long rp_call_real(int fn, const long *a);

#endif
