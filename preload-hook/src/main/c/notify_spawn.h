/*
 * librawsys-notify.so: the C half of `rawsys preload --seccomp` (see notify_spawn.c). The
 * supervisor (Java, io.rawsys.preload.SeccompSupervisor) binds it with FFM.
 */
#ifndef RAWSYS_NOTIFY_SPAWN_H
#define RAWSYS_NOTIFY_SPAWN_H

#include <linux/filter.h>

/* The exit status of a child that could not exec (as a shell's 127 for "not found"). */
#define RAWSYS_NOTIFY_SPAWN_FAILED 127

/*
 * Starts path (no PATH search) with argv and envp, in a child that installs filter (a seccomp
 * program whose SECCOMP_RET_USER_NOTIF calls go to the listener) just before it execs. Returns the
 * child's pid and stores the listener's descriptor (close-on-exec) in *listener; or -errno, with
 * no child left behind. The filter must not notify sendmsg, exit or exit_group: the child hands
 * the listener over with sendmsg before anyone listens.
 */
__attribute__((visibility("default"))) long
rawsys_notify_spawn(const char *path, char *const argv[], char *const envp[],
                    const struct sock_fprog *filter, int *listener);

#endif
