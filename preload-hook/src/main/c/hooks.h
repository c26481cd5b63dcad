/* Internal to librawsys-preload.so: what C makes of hooks.def (the FN_ indices, how each
 * function fails, its C type, the hand-written real calls) and the system headers it needs. A
 * header of no unit: every unit includes it, first. */
#ifndef RAWSYS_PRELOAD_HOOKS_H
#define RAWSYS_PRELOAD_HOOKS_H
/* The types hooks.def names. glibc declares the socket calls with transparent unions
 * (__SOCKADDR_ARG); hooks.def speaks plain struct sockaddr pointers, so those declarations are
 * renamed out of the way. Include this header before any other. */
#define connect  rp_header_connect
#define bind     rp_header_bind
#define accept   rp_header_accept
#define accept4  rp_header_accept4
#define sendto   rp_header_sendto
#define recvfrom rp_header_recvfrom
#include <sys/socket.h>
#undef connect
#undef bind
#undef accept
#undef accept4
#undef sendto
#undef recvfrom
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#include "hookdecl.h"
#include "shared.h"

#define EXPORT      __attribute__((visibility("default")))
#define LIKELY(x)   __builtin_expect(!!(x), 1)
#define UNLIKELY(x) __builtin_expect(!!(x), 0)
#define IE          __attribute__((tls_model("initial-exec")))

/* FN_<name>: the index of each hooked function, in hooks.def's order (= Function.ordinal()). */
enum {
#define RP_X(n, name, ...) FN_##name,
#include "hooks.def"
#undef RP_X
    FN_COUNT
};

/* How a function reports failure (hooks.def's FAIL column). */
enum { FAIL_MINUS1, FAIL_NULLPTR, FAIL_ERRNO, FAIL_NONE };

/* rp_type_<name>: the C type of each function, for calling the real one. A variadic open's
 * type keeps its "..." (the mode is passed through it); syscall()'s is (long, ...). */
#define RP_X(n, name, family, fail, shim, ret, ...)                                                \
    typedef ret rp_type_##name(RP_CAT(RP_TYPE_, shim)(n, __VA_ARGS__));
#define RP_TYPE_GEN(n, ...)    RP_TYPES(n, __VA_ARGS__)
#define RP_TYPE_CUSTOM(n, ...) RP_TYPES(n, __VA_ARGS__)
#define RP_TYPE_OPENV(n, ...)  RP_CAT(RP_TYPES_, RP_CAT(RP_DEC_, n))(__VA_ARGS__), ...
#define RP_DEC_3               2
#define RP_DEC_4               3
#include "hooks.def"
#undef RP_X

/* Custom shims (hooks.def's CUSTOM) provide how Java's proceed() runs the real function:
 * rp_real_call_NAME, in fdguard.c, exec.c and process.c, called by realcall.c. */
#define RP_X(n, name, family, fail, shim, ret, ...) RP_CAT(RP_REAL_CALL_, shim)(name)
#define RP_REAL_CALL_GEN(name)
#define RP_REAL_CALL_OPENV(name)
#define RP_REAL_CALL_CUSTOM(name) long rp_real_call_##name(const long *a);
#include "hooks.def"
#undef RP_X

#endif
