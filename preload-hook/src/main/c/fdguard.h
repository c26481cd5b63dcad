/* close, close_range, closefrom as the host may run them: never on the JVM's descriptors. The
 * exported functions, which ask Java first, are in custom.c. */
#ifndef RAWSYS_PRELOAD_FDGUARD_H
#define RAWSYS_PRELOAD_FDGUARD_H
#include "state.h"

int rp_guarded_close(int fd);
int rp_guarded_close_range(unsigned lo, unsigned hi, int flags);
void rp_guarded_closefrom(int lo);

#endif
