/* The JVM's lazy boot, in its own link namespace, on a thread of its own. */
#ifndef RAWSYS_PRELOAD_BOOT_H
#define RAWSYS_PRELOAD_BOOT_H
#include "state.h"

/* Boots the JVM on the first call and waits for it (10 s at most, once): 1 when it is up
 * (g_vm and g_dispatch are set), 0 when calls must pass through. */
int rp_boot_wait(void);

#endif
