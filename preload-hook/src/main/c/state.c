/* The shared state (state.h), defined once. */
#define _GNU_SOURCE
#include "state.h"

__thread int t_busy IE;
__thread int t_vfork IE;

volatile int g_forked;
volatile int g_inited;
volatile unsigned char *g_parent_mark;

const char *const rp_fn_name[FN_COUNT] = {
#define RP_X(n, name, ...) #name,
#include "hooks.def"
#undef RP_X
};
void *rp_real[FN_COUNT];
volatile unsigned char g_want[FN_COUNT];

struct rp_shared g_sh = {.log_fd = -1, .fd_base = 900};

char *cfg_hook, *cfg_cp, *cfg_home, *cfg_log, *cfg_opts, *cfg_runtime, *cfg_functions;
char g_shim_path[PATH_MAX];
int g_inherit = 1;
char *g_keep_env[RP_ENV_EXTRA];
int g_nkeep;

JavaVM *g_vm;
rp_dispatch_fn g_dispatch;
void (*g_ns_ctype_init)(void);
