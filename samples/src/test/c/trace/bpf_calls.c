/*
 * bpf for rawsys trace's comparison with strace: each command strace 6.1 decodes, its attr laid
 * out byte by byte (the offsets of <linux/bpf.h>'s union bpf_attr, which are the same on every
 * architecture), as it works and as the kernel refuses it: short attrs (the size below a member),
 * attrs with bytes past the kernel's struct, sizes of 0 and over a page, NULL and bad pointers,
 * unknown commands.
 *
 * Nothing here changes the machine. The objects that may be made (where the kernel lets this
 * process use bpf at all) are an array map and a socket filter program of this process, which the
 * kernel frees when they are closed at exit, and the map's own elements. Every call that would
 * attach, pin, link or open something outside the process is made so that the kernel refuses it:
 * a descriptor of -1 (EBADF), a path that does not exist (ENOENT), an id no object has (ENOENT),
 * BTF data without BTF's magic (EINVAL). BPF_ENABLE_STATS, which changes a global setting, is never
 * made. The ids the kernel hands out differ from run to run; the test replaces them.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "trace_test.h"

/* union bpf_attr as bytes: room for a page and a little more */
static union {
    uint8_t b[4096 + 64];
    uint64_t align;
} a;

static void clear(void) {
    memset(&a, 0, sizeof a);
}

static void set32(unsigned off, uint32_t v) {
    memcpy(a.b + off, &v, 4);
}

static void set64(unsigned off, uint64_t v) {
    memcpy(a.b + off, &v, 8);
}

static void ptr(unsigned off, const void *p) {
    set64(off, (uint64_t)(uintptr_t)p);
}

static long bpf(unsigned cmd, unsigned size) {
    return syscall(SYS_bpf, cmd, &a, size);
}

enum {
    MAP_CREATE,
    MAP_LOOKUP_ELEM,
    MAP_UPDATE_ELEM,
    MAP_DELETE_ELEM,
    MAP_GET_NEXT_KEY,
    PROG_LOAD,
    OBJ_PIN,
    OBJ_GET,
    PROG_ATTACH,
    PROG_DETACH,
    PROG_TEST_RUN,
    PROG_GET_NEXT_ID,
    MAP_GET_NEXT_ID,
    PROG_GET_FD_BY_ID,
    MAP_GET_FD_BY_ID,
    OBJ_GET_INFO_BY_FD,
    PROG_QUERY,
    RAW_TRACEPOINT_OPEN,
    BTF_LOAD,
    BTF_GET_FD_BY_ID,
    TASK_FD_QUERY,
    MAP_LOOKUP_AND_DELETE_ELEM,
    MAP_FREEZE,
    BTF_GET_NEXT_ID,
    MAP_LOOKUP_BATCH,
    MAP_LOOKUP_AND_DELETE_BATCH,
    MAP_UPDATE_BATCH,
    MAP_DELETE_BATCH,
    LINK_CREATE,
    LINK_UPDATE,
    LINK_GET_FD_BY_ID,
    LINK_GET_NEXT_ID,
};

static int maps(void) {
    /* an array map of this process: 4-byte keys and values, 2 entries */
    clear();
    set32(0, 2); /* BPF_MAP_TYPE_ARRAY */
    set32(4, 4);
    set32(8, 4);
    set32(12, 2);
    memcpy(a.b + 28, "rawsys_map", 10);
    int map = (int)bpf(MAP_CREATE, 72);
    /* every member: flags with NUMA_NODE, a name without its NUL, map_extra at its largest */
    clear();
    set32(0, 1); /* BPF_MAP_TYPE_HASH */
    set32(4, 8);
    set32(8, 16);
    set32(12, 0xffffffff);
    set32(16, 1 | 4 | 0x80000); /* NO_PREALLOC, NUMA_NODE, unknown */
    set32(20, (uint32_t)-1);
    set32(24, (uint32_t)-1);
    memcpy(a.b + 28, "0123456789abcdef", 16);
    set32(44, 0);
    set32(48, (uint32_t)-1);
    set32(52, 5);
    set32(56, 6);
    set32(60, 7);
    set64(64, ~0ULL);
    bpf(MAP_CREATE, 72);
    set32(0, 0x77); /* unknown type, numa node 3 */
    set32(24, 3);
    set64(64, 42);
    bpf(MAP_CREATE, 72);
    /* short attrs: each version's size, and ones that cut a member */
    static const unsigned sizes[] = {16, 20, 24, 28, 30, 44, 48, 60, 64};
    for (unsigned i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        bpf(MAP_CREATE, sizes[i]);
    }
    /* bytes past the struct: zero (ignored), then not */
    bpf(MAP_CREATE, 80);
    a.b[79] = 1;
    bpf(MAP_CREATE, 80);
    bpf(MAP_CREATE, 4096);
    bpf(MAP_CREATE, 4097); /* over a page: the address */
    bpf(MAP_CREATE, 0);

    /* the map's elements */
    uint32_t key = 1, value = 42, next = 0;
    clear();
    set32(0, (uint32_t)map);
    ptr(8, &key);
    ptr(16, &value);
    set64(24, 0); /* BPF_ANY */
    bpf(MAP_UPDATE_ELEM, 32);
    set64(24, 2); /* BPF_EXIST */
    bpf(MAP_UPDATE_ELEM, 32);
    set64(24, 0x10);
    bpf(MAP_UPDATE_ELEM, 32);
    set64(24, 0);
    bpf(MAP_LOOKUP_ELEM, 32);
    set64(24, 4); /* BPF_F_LOCK */
    bpf(MAP_LOOKUP_ELEM, 32);
    set64(24, 0x104);
    bpf(MAP_LOOKUP_ELEM, 32);
    bpf(MAP_LOOKUP_ELEM, 24);
    bpf(MAP_LOOKUP_AND_DELETE_ELEM, 32);
    ptr(16, &next);
    bpf(MAP_GET_NEXT_KEY, 24);
    ptr(8, null);
    bpf(MAP_GET_NEXT_KEY, 24);
    ptr(8, bad);
    bpf(MAP_DELETE_ELEM, 16);
    ptr(8, &key);
    bpf(MAP_DELETE_ELEM, 16);
    bpf(MAP_DELETE_ELEM, 8);

    /* batches: the count the kernel writes back */
    uint32_t keys[2], values[2], batch_out = 0;
    clear();
    ptr(0, null);
    ptr(8, &batch_out);
    ptr(16, keys);
    ptr(24, values);
    set32(32, 2);
    set32(36, (uint32_t)map);
    bpf(MAP_LOOKUP_BATCH, 56);
    set32(32, 2);
    set64(40, 4);
    set64(48, 0x10);
    set32(36, (uint32_t)-1);
    bpf(MAP_LOOKUP_AND_DELETE_BATCH, 56);
    keys[0] = 0;
    keys[1] = 1;
    values[0] = values[1] = 7;
    clear();
    ptr(16, keys);
    ptr(24, values);
    set32(32, 2);
    set32(36, (uint32_t)map);
    bpf(MAP_UPDATE_BATCH, 56);
    set32(36, (uint32_t)-1);
    bpf(MAP_DELETE_BATCH, 56);
    return map;
}

static int programs(int map) {
    /* a socket filter: r0 = 0; exit */
    static const uint64_t insns[2] = {0x00000000000000b7ULL, 0x0000000000000095ULL};
    char log[64];
    clear();
    set32(0, 1); /* BPF_PROG_TYPE_SOCKET_FILTER */
    set32(4, 2);
    ptr(8, insns);
    ptr(16, "GPL");
    memcpy(a.b + 48, "rawsys_prog", 11);
    int prog = (int)bpf(PROG_LOAD, 128);
    /* every member, refused (an unknown type) */
    static const uint64_t odd[5] = {
        0x0000000100000018ULL, /* BPF_LD|BPF_IMM|BPF_DW */
        0x00000000000000bfULL, /* BPF_ALU64|BPF_X|BPF_MOV */
        0xfffffffffff0ff07ULL, /* BPF_ALU64|BPF_K|BPF_ADD, odd registers and offset */
        0xdeadbeef00f1ffd6ULL, /* BPF_JMP32|0xd0 */
        0x00000000000000ffULL,
    };
    clear();
    set32(0, 0x99);
    set32(4, 5);
    ptr(8, odd);
    ptr(16, bad);
    set32(24, 1);
    set32(28, sizeof log);
    ptr(32, log);
    set32(40, 0x050a03);
    set32(44, 1 | 0x100);
    memcpy(a.b + 48, "name_of_16_bytes", 16);
    set32(64, 0);
    set32(68, 28);
    set32(72, (uint32_t)-1);
    set32(76, 8);
    ptr(80, bad);
    set32(88, 1);
    set32(92, 16);
    set32(104, 2);
    set32(108, 77);
    set32(112, (uint32_t)-1);
    ptr(120, null);
    bpf(PROG_LOAD, 128);
    set32(68, 0x99);
    set32(24, 0);
    set32(28, 0);
    bpf(PROG_LOAD, 128);
    static const unsigned sizes[] = {24, 40, 44, 48, 56, 64, 68, 72, 108, 112, 120};
    for (unsigned i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        bpf(PROG_LOAD, sizes[i]);
    }
    a.b[130] = 9;
    bpf(PROG_LOAD, 136);
    /* insns and license that cannot be read, a NULL license */
    clear();
    set32(0, 1);
    set32(4, 2);
    ptr(8, bad);
    ptr(16, null);
    bpf(PROG_LOAD, 48);

    /* running it; the kernel writes retval and duration, which strace does not print */
    static const uint8_t packet[64];
    clear();
    set32(0, (uint32_t)prog);
    set32(8, sizeof packet);
    ptr(16, packet);
    set32(32, 1);
    bpf(PROG_TEST_RUN, 40);
    set32(36, 0); /* the duration the kernel wrote, which varies */
    set32(40, 0);
    ptr(48, null);
    set32(64, 1);
    set32(68, 0);
    bpf(PROG_TEST_RUN, 72);
    set32(72, 5);
    set32(64, 0x80);
    set32(0, (uint32_t)-1);
    bpf(PROG_TEST_RUN, 80);

    /* attaching, detaching, querying, linking: to no descriptor, so refused (EBADF) */
    clear();
    set32(0, (uint32_t)-1);
    set32(4, (uint32_t)prog);
    set32(8, 2); /* BPF_CGROUP_INET_SOCK_CREATE */
    set32(12, 2 | 4);
    set32(16, (uint32_t)map);
    bpf(PROG_ATTACH, 20);
    bpf(PROG_ATTACH, 16);
    set32(8, 99);
    bpf(PROG_DETACH, 12);
    uint32_t ids[4] = {0};
    clear();
    set32(0, (uint32_t)-1);
    set32(4, 0);
    set32(8, 1);
    set32(12, 2);
    ptr(16, ids);
    set32(24, 4);
    bpf(PROG_QUERY, 28);
    ptr(16, null);
    set32(8, 0x10);
    bpf(PROG_QUERY, 28);

    clear();
    set32(0, (uint32_t)prog);
    set32(4, (uint32_t)-1);
    set32(8, 0);
    bpf(LINK_CREATE, 20);
    set32(16, 12);
    bpf(LINK_CREATE, 48);
    set32(8, 28); /* BPF_TRACE_ITER */
    uint32_t iter[2] = {(uint32_t)map, 1};
    ptr(16, iter);
    set32(24, 2);
    bpf(LINK_CREATE, 48);
    set32(8, 41); /* BPF_PERF_EVENT */
    set64(16, 0xc0ffee);
    bpf(LINK_CREATE, 48);
    set32(8, 42); /* BPF_TRACE_KPROBE_MULTI */
    static const char *const syms[2] = {"sym_one", "sym_two"};
    static const uint64_t addrs[2] = {0xffffffff81000000ULL, 0};
    set32(16, 1);
    set32(20, 2);
    ptr(24, syms);
    ptr(32, addrs);
    ptr(40, bad);
    bpf(LINK_CREATE, 48);
    set32(8, 77);
    set32(12, 0x100);
    bpf(LINK_CREATE, 16);
    a.b[47] = 1;
    bpf(LINK_CREATE, 48);
    clear();
    set32(0, (uint32_t)-1);
    set32(4, (uint32_t)prog);
    set32(8, 4); /* BPF_F_REPLACE */
    set32(12, (uint32_t)-1);
    bpf(LINK_UPDATE, 16);
    set32(8, 0x21);
    bpf(LINK_UPDATE, 16);

    clear();
    ptr(0, "sys_enter");
    set32(8, (uint32_t)-1);
    bpf(RAW_TRACEPOINT_OPEN, 12);
    ptr(0, null);
    bpf(RAW_TRACEPOINT_OPEN, 16);
    return prog;
}

static void objects(int map, int prog) {
    /* ids: the first there is (it varies: the test replaces it), none after the last */
    clear();
    bpf(PROG_GET_NEXT_ID, 12);
    clear();
    set32(0, 0xffffffff);
    set32(8, 8);
    bpf(MAP_GET_NEXT_ID, 12);
    bpf(BTF_GET_NEXT_ID, 8);
    bpf(LINK_GET_NEXT_ID, 12);
    clear();
    set32(0, 0xfffffffe);
    set32(4, 1);
    set32(8, 0x18);
    bpf(PROG_GET_FD_BY_ID, 12);
    bpf(MAP_GET_FD_BY_ID, 8);
    bpf(BTF_GET_FD_BY_ID, 4);
    bpf(LINK_GET_FD_BY_ID, 4);

    /* the map's info: the kernel writes back how much it wrote */
    uint8_t info[256];
    memset(info, 0, sizeof info);
    clear();
    set32(0, (uint32_t)map);
    set32(4, sizeof info);
    ptr(8, info);
    bpf(OBJ_GET_INFO_BY_FD, 16);
    /* the program's: its translated instructions, room for two map ids where it has none */
    uint64_t xlated[2];
    uint32_t map_ids[2];
    uint32_t two = 2, sixteen = sizeof xlated;
    uint64_t xlated_at = (uintptr_t)xlated, ids = (uintptr_t)map_ids;
    memset(info, 0, sizeof info);
    memcpy(info + 20, &sixteen, 4);
    memcpy(info + 32, &xlated_at, 8);
    memcpy(info + 52, &two, 4);
    memcpy(info + 56, &ids, 8);
    clear();
    set32(0, (uint32_t)prog);
    set32(4, sizeof info);
    ptr(8, info);
    bpf(OBJ_GET_INFO_BY_FD, 16);
    set32(0, (uint32_t)-1);
    set32(4, 16);
    bpf(OBJ_GET_INFO_BY_FD, 16);

    /* pinning and getting: paths that do not exist */
    clear();
    ptr(0, "/sys/fs/bpf/rawsys-no-such-dir/pinned");
    set32(8, (uint32_t)map);
    bpf(OBJ_PIN, 16);
    set32(12, 8 | 0x40);
    bpf(OBJ_GET, 16);
    bpf(OBJ_GET, 12);
    ptr(0, bad);
    bpf(OBJ_GET, 16);

    /* BTF without its magic */
    static const char btf[8] = "notbtf!";
    char log[32];
    clear();
    ptr(0, btf);
    ptr(8, log);
    set32(16, sizeof btf);
    set32(20, sizeof log);
    set32(24, 1);
    bpf(BTF_LOAD, 28);
    ptr(0, bad);
    bpf(BTF_LOAD, 28);

    /* a task's descriptor: none */
    char buf[16] = "unchanged";
    clear();
    set32(0, 0x7fffffff); /* no such process */
    set32(4, (uint32_t)-1);
    set32(12, sizeof buf);
    ptr(16, buf);
    bpf(TASK_FD_QUERY, 48);

    clear();
    set32(0, (uint32_t)map);
    bpf(MAP_FREEZE, 4);
}

int main(void) {
    int map = maps();
    int prog = programs(map);
    objects(map, prog);
    /* unknown commands and attrs that cannot be read */
    syscall(SYS_bpf, 100, &a, 8);
    syscall(SYS_bpf, 0xffffffff, null, 0);
    syscall(SYS_bpf, MAP_CREATE, null, 72);
    syscall(SYS_bpf, MAP_CREATE, bad, 72);
    char *page = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (page == MAP_FAILED || munmap(page + 4096, 4096) != 0) {
        return 1;
    }
    syscall(SYS_bpf, MAP_CREATE, page + 4096 - 16, 72); /* cut by an unmapped page */
    syscall(SYS_bpf, MAP_FREEZE, page + 4096 - 4, 4);
    return 0;
}
