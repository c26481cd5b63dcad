/* The library's log (RAWSYS_LOG): its own lines, written with system calls. */
#ifndef RAWSYS_PRELOAD_LOG_H
#define RAWSYS_PRELOAD_LOG_H
#include "state.h"

/* The log's descriptor, opened on first use (moved to >= fd_base, close-on-exec, hidden from the
 * host's close); -1 when RAWSYS_LOG is unset or cannot be opened. */
int rp_log_fd(void);
/* One line, "rawsys-preload[PID]: ...". */
void rp_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
