/* Signals around the embedded JVM: the JVM keeps the handlers it needs (crash handling, with
 * -Xrs no more), the host keeps its own view of them, and SIGPIPE/SIGXFSZ stay the host's. The
 * host's sigaction() and signal() are defined in signals.c. */
#ifndef RAWSYS_PRELOAD_SIGNALS_H
#define RAWSYS_PRELOAD_SIGNALS_H
#include "state.h"

#include <signal.h>

/* Before the JVM starts: remembers every disposition. */
void rp_signals_before_boot(void);
/* After: gives SIGPIPE and SIGXFSZ back to the host, and virtualises the signals the JVM took. */
void rp_signals_after_boot(void);
/* The JVM did not start: every disposition goes back to what it was before the boot. */
void rp_signals_restore(void);
/* The handler the JVM chains to for a host SIG_DFL: restores SIG_DFL, so the fault re-raises. */
void rp_reraise_default(int sig, siginfo_t *si, void *uc);

#endif
