/*
 * The Linux security module calls of Linux 6.8 (lsm_list_modules, lsm_get_self_attr,
 * lsm_set_self_attr), for AdminDecodersIT: each as it works and as the kernel refuses it. Built
 * with the Linux 6.12 uapi headers the bindings come from. lsm_set_self_attr is always made with
 * flags the kernel refuses (it takes none), so no attribute of even this process changes. What the
 * expected lines cannot know in advance (addresses, this kernel's modules and sizes, the errors its
 * modules give) is printed on stdout as KEY=VALUE lines; it exits with 2 when the kernel has no
 * such calls (the test then skips).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/lsm.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "trace_test.h"

#ifndef __NR_lsm_get_self_attr
#define __NR_lsm_get_self_attr 459
#define __NR_lsm_set_self_attr 460
#define __NR_lsm_list_modules  461
#endif

/* The names strace 6.12 gives the module ids (its xlat/lsm_ids.in), from <linux/lsm.h>. */
static const char *id_name(uint64_t id) {
    static const struct {
        uint64_t id;
        const char *name;
    } names[] = {
        {LSM_ID_UNDEF, "LSM_ID_UNDEF"},
        {LSM_ID_CAPABILITY, "LSM_ID_CAPABILITY"},
        {LSM_ID_SELINUX, "LSM_ID_SELINUX"},
        {LSM_ID_SMACK, "LSM_ID_SMACK"},
        {LSM_ID_TOMOYO, "LSM_ID_TOMOYO"},
        {LSM_ID_APPARMOR, "LSM_ID_APPARMOR"},
        {LSM_ID_YAMA, "LSM_ID_YAMA"},
        {LSM_ID_LOADPIN, "LSM_ID_LOADPIN"},
        {LSM_ID_SAFESETID, "LSM_ID_SAFESETID"},
        {LSM_ID_LOCKDOWN, "LSM_ID_LOCKDOWN"},
        {LSM_ID_BPF, "LSM_ID_BPF"},
        {LSM_ID_LANDLOCK, "LSM_ID_LANDLOCK"},
        {LSM_ID_IMA, "LSM_ID_IMA"},
        {LSM_ID_EVM, "LSM_ID_EVM"},
        {LSM_ID_IPE, "LSM_ID_IPE"},
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (names[i].id == id) {
            return names[i].name;
        }
    }
    return NULL;
}

/* The result as strace prints it: the number, or -1 and the error's name (and text). */
static void result(const char *key, long rc) {
    if (rc >= 0) {
        printf("%s=%ld\n", key, rc);
    } else {
        printf("%s=-1 %s (%s)\n", key, strerrorname_np(errno), strerror(errno));
    }
}

int main(void) {
    uint64_t ids[32];
    uint32_t size = 8;
    /* too small a size: E2BIG, and the kernel says how much it needs */
    long rc = sys(__NR_lsm_list_modules, (long)ids, (long)&size, 0, 0);
    if (rc < 0 && errno == ENOSYS) {
        return 2;
    }
    printf("IDS=%p\nNEED=%u\n", (void *)ids, size);
    result("RC0", rc);
    size = sizeof ids;
    rc = sys(__NR_lsm_list_modules, (long)ids, (long)&size, 0, 0);
    result("RC1", rc);
    printf("LIST=[");
    for (long i = 0; i < rc; i++) {
        const char *name = id_name(ids[i]);
        if (name) {
            printf("%s%s", i ? ", " : "", name);
        } else {
            printf("%s%#llx /* LSM_ID_??? */", i ? ", " : "", (unsigned long long)ids[i]);
        }
    }
    printf("]\nSIZE1=%u\n", size);
    sys(__NR_lsm_list_modules, 0, 0, 0, 0);
    size = sizeof ids;
    sys(__NR_lsm_list_modules, (long)ids, (long)&size, 1, 0);

    /*
     * The current attribute, with no room: refused whatever modules this kernel has (EOPNOTSUPP
     * without one that has the attribute, else E2BIG and the size it needs, printed "[0 => N]")
     */
    struct {
        struct lsm_ctx ctx;
        char bytes[232];
    } buf;
    memset(&buf, 0, sizeof buf);
    size = 0;
    rc = sys(__NR_lsm_get_self_attr, LSM_ATTR_CURRENT, (long)&buf, (long)&size, 0);
    printf("BUF=%p\nSIZES2=0", (void *)&buf);
    printf(size ? " => %u\n" : "\n", size);
    result("RC2", rc);
    sys(__NR_lsm_get_self_attr, 0xff, 0, 0, 0);
    buf.ctx.id = LSM_ID_LANDLOCK;
    size = 0;
    rc = sys(__NR_lsm_get_self_attr, LSM_ATTR_EXEC, (long)&buf, (long)&size, LSM_FLAG_SINGLE);
    printf("SIZES3=0");
    printf(size ? " => %u\n" : "\n", size);
    result("RC3", rc);
    size = 4;
    sys(__NR_lsm_get_self_attr, LSM_ATTR_PREV, (long)bad, (long)&size, 0x2);

    /* lsm_set_self_attr: refused, for the flags it does not take */
    buf.ctx.id = LSM_ID_APPARMOR;
    buf.ctx.flags = 0;
    buf.ctx.len = sizeof buf.ctx + 8;
    buf.ctx.ctx_len = 8;
    memcpy(buf.ctx.ctx, "rawsys\0", 8);
    sys(__NR_lsm_set_self_attr, LSM_ATTR_CURRENT, (long)&buf, sizeof buf.ctx + 8, 1);
    sys(__NR_lsm_set_self_attr, 0xfacefeed, (long)bad, 3, 0x10);
    return 0;
}
