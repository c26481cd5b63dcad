/* The one way from a shim into Java. */
#ifndef RAWSYS_PRELOAD_DISPATCH_H
#define RAWSYS_PRELOAD_DISPATCH_H
#include "state.h"

/* Asks Java about call FN with arguments A. Returns 1 when Java decided: *out is what the shim
 * returns, errno is set. Returns 0 when the real function should run (errno as on entry). Boots
 * the JVM on the first call (boot.c). */
int rp_hook(int fn, const long *a, long *out);
/* For the constructor: threads that attached to the JVM detach at their exit. */
void rp_dispatch_init(void);

#endif
