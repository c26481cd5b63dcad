/*
 * System administration calls, for AdminDecodersIT: sethostname, setdomainname, getgroups,
 * setgroups, acct, reboot, swapon, swapoff, syslog, init_module, finit_module, delete_module,
 * kexec_load, kexec_file_load, quotactl, quotactl_fd, ustat, _sysctl, lookup_dcookie, iopl, ioperm
 * and modify_ldt (x86 only), and the mknod, mknodat, utimes and futimesat edge cases.
 *
 * None of them changes the machine. The host names are set only in a UTS namespace of the
 * program's own (unshare(CLONE_NEWUTS), in a user namespace too when it is not root). Every other
 * call that could change the host is made so that the kernel refuses it, as each comment says:
 * the capability it needs is dropped first (CAP_SYS_BOOT for reboot and kexec, CAP_SETGID for
 * setgroups, CAP_SYS_RAWIO for iopl and ioperm), or its path does not exist, its magic, flags or
 * image are bad, its module is not loaded. Nothing reads the kernel log destructively. It exits
 * with 2 when it cannot have a UTS namespace (the test then skips).
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/time.h>
#include <unistd.h>

#include "trace_test.h"

#define REBOOT_MAGIC1   0xfee1deadUL
#define REBOOT_MAGIC2   672274793UL
#define CMD_RESTART2    0xa1b2c3d4UL
#define CMD_POWER_OFF   0x4321fedcUL
#define QCMD(cmd, type) (((cmd) << 8) | ((type)&0xff))
#define Q_GETQUOTA      0x800007
#define Q_SETQUOTA      0x800008
#define Q_QUOTAON       0x800002
#define Q_GETINFO       0x800005
#define Q_SETINFO       0x800006
#define Q_GETFMT        0x800004
#define Q_SYNC          0x800001
#define Q_XQUOTAON      0x5801
#define Q_XQUOTARM      0x5806
#define Q_XSETQLIM      0x5804
#define Q_GETNEXTQUOTA  0x800009

int main(int argc, char **argv) {
    if (enter_work_dir(argc, argv) != 0) {
        return 1;
    }
    /* host names only in a UTS namespace of our own */
    if (unshare(CLONE_NEWUTS) != 0 && unshare(CLONE_NEWUSER | CLONE_NEWUTS) != 0) {
        perror("unshare");
        return 2;
    }
    /* CAP_SYS_BOOT goes first: reboot and kexec are refused with EPERM whatever else they carry */
    if (drop_capability(CAP_SYS_BOOT) != 0) {
        return 1;
    }
    sys(SYS_sethostname, (long)"rawsys-test", 11, 0, 0, 0);
    sys(SYS_sethostname, (long)"rawsys-test-host-name-longer-than-s", 35, 0, 0, 0);
    sys(SYS_sethostname, (long)"x", 65, 0, 0, 0);
    sys(SYS_sethostname, (long)bad, 4, 0, 0, 0);
    sys(SYS_sethostname, (long)"", 0, 0, 0, 0);
    sys(SYS_setdomainname, (long)"rawsys.test", 11, 0, 0, 0);
    sys(SYS_setdomainname, (long)"x", -1L, 0, 0, 0);

    /* getgroups and setgroups: sizes, bad pointers; setgroups refused once CAP_SETGID is gone */
#ifdef SYS_getgroups32
    long getgroups_nr = SYS_getgroups32, setgroups_nr = SYS_setgroups32;
#else
    long getgroups_nr = SYS_getgroups, setgroups_nr = SYS_setgroups;
#endif
    /* prefilled, as are the buffers below: what a test that injects success shows */
    uint32_t groups[4] = {5, 0xffffffff, 7, 8};
    sys(getgroups_nr, 0, 0, 0, 0, 0);
    sys(getgroups_nr, 4, (long)groups, 0, 0, 0);
    sys(getgroups_nr, -1, 0, 0, 0, 0);
    sys(getgroups_nr, 4, (long)bad, 0, 0, 0);
#ifdef SYS_getgroups32
    uint16_t groups16[4] = {5, 0xffff, 7, 8};
    sys(SYS_getgroups, 4, (long)groups16, 0, 0, 0);
    sys(SYS_getgroups, -1, 0, 0, 0, 0);
#endif
    /* refused as they are: an invalid size, a bad pointer (the kernel copies before it changes) */
    sys(setgroups_nr, -1, (long)groups, 0, 0, 0);
    sys(setgroups_nr, 70000, (long)groups, 0, 0, 0);
    sys(setgroups_nr, 2, (long)bad, 0, 0, 0);
    if (drop_capability(CAP_SETGID) != 0) {
        return 1;
    }
    uint32_t wanted[3] = {0, 1, 0xffffffff};
    sys(setgroups_nr, 3, (long)wanted, 0, 0, 0); /* EPERM: CAP_SETGID is gone */
    sys(setgroups_nr, 0, 0, 0, 0, 0);            /* EPERM */
#ifdef SYS_getgroups32
    uint16_t wanted16[2] = {1, 0xffff};
    sys(SYS_setgroups, 2, (long)wanted16, 0, 0, 0); /* EPERM */
#endif

    /* acct: a path that does not exist, a bad pointer (never NULL, which turns accounting off) */
    sys(SYS_acct, (long)"/nonexistent/rawsys/acct", 0, 0, 0, 0);
    sys(SYS_acct, (long)bad, 0, 0, 0, 0);

    /* reboot: EPERM without CAP_SYS_BOOT, and never both magic numbers right besides */
    sys(SYS_reboot, REBOOT_MAGIC1, 1, CMD_POWER_OFF, 0, 0);
    sys(SYS_reboot, 0, REBOOT_MAGIC2, CMD_RESTART2, (long)"rawsys", 0);
    sys(SYS_reboot, REBOOT_MAGIC1, 0x12345678, CMD_RESTART2, (long)bad, 0);
    sys(SYS_reboot, 0x11, 0x22, 0x33, 0, 0);

    /* swapon and swapoff: paths that do not exist */
    sys(SYS_swapon, (long)"/nonexistent/rawsys/swap", 0x8000 | 0x10000 | 7, 0, 0, 0);
    sys(SYS_swapon, (long)"/nonexistent/rawsys/swap", 0, 0, 0, 0);
    sys(SYS_swapon, (long)bad, 0x80000000 | 0xffff, 0, 0, 0);
    sys(SYS_swapoff, (long)"/nonexistent/rawsys/swap", 0, 0, 0, 0);

    /* syslog: the buffer's size, a read of nothing, a bad level, bad types; nothing is consumed */
    sys(SYS_syslog, 10 /* SYSLOG_ACTION_SIZE_BUFFER */, 0, 0, 0, 0);
    char log[16] = "<6>kernel log\n";
    sys(SYS_syslog, 3 /* SYSLOG_ACTION_READ_ALL */, (long)log, 0, 0, 0);
    sys(SYS_syslog, 3, 0, 16, 0, 0);
    sys(SYS_syslog, 8 /* SYSLOG_ACTION_CONSOLE_LEVEL */, 0, 0, 0, 0); /* EINVAL: level 0 */
    sys(SYS_syslog, 8, (long)bad, 100, 0, 0);                         /* EINVAL */
    sys(SYS_syslog, 100, (long)bad, 5, 0, 0);
    sys(SYS_syslog, -1, 0, -1, 0, 0);

    /* modules: an image that is no ELF, a descriptor that is none, a name that is not loaded */
    static const char image[] = "not a module";
    sys(SYS_init_module, (long)image, sizeof image, (long)"debug=1", 0, 0);
    sys(SYS_init_module, 0, 0, (long)bad, 0, 0);
    sys(SYS_finit_module, -1, (long)"", 0, 0, 0);
    int file = open("image", O_CREAT | O_RDWR | O_TRUNC, 0600);
    if (file < 0 || write(file, image, sizeof image) != (ssize_t)sizeof image) {
        return 1;
    }
    sys(SYS_finit_module, file, (long)"p=1", 1 | 2, 0, 0);
    sys(SYS_finit_module, file, (long)bad, 0xf0, 0, 0);
    sys(SYS_delete_module, (long)"rawsys_no_such_module", O_NONBLOCK | O_TRUNC, 0, 0, 0);
    sys(SYS_delete_module, (long)"rawsys_no_such_module", 0x1, 0, 0, 0);
    sys(SYS_delete_module, (long)bad, 0, 0, 0, 0);

    /* kexec: EPERM without CAP_SYS_BOOT, and flags or an architecture the kernel refuses */
    unsigned long segments[2][4] = {{(unsigned long)image, sizeof image, 0x100000, 4096},
                                    {0, 0, 0x200000, 8192}};
    sys(SYS_kexec_load, 0x100000, 2, (long)segments, (40UL << 16) | 1 | 0x100, 0);
    sys(SYS_kexec_load, 0, 1, (long)bad, 0, 0);
    sys(SYS_kexec_load, 0, 17, (long)segments, 0xabcd0000UL, 0);
#ifdef SYS_kexec_file_load
    sys(SYS_kexec_file_load, file, -1, 7, (long)"console", 1 | 4 | 0x100);
    sys(SYS_kexec_file_load, -1, -1, 0, 0, 0);
#endif

    /* quotas: on a path that does not exist, and on this descriptor, which is no quota file */
    struct {
        uint64_t limits[8];
        uint32_t valid;
        uint32_t id;
    } dq = {{1, 2, 3, 4, 5, 6, 7, 8}, 0x3f, 9};
    struct {
        uint64_t bgrace, igrace;
        uint32_t flags, valid;
    } info = {60, 120, 1, 7};
    uint32_t xflags = 0x3;
    const char *missing = "/nonexistent/rawsys/dev";
    sys(SYS_quotactl, QCMD(Q_GETQUOTA, 0), (long)missing, 1000, (long)&dq, 0);
    sys(SYS_quotactl, QCMD(Q_SETQUOTA, 1), (long)missing, -1, (long)&dq, 0);
    sys(SYS_quotactl, QCMD(Q_QUOTAON, 0), (long)missing, 2, (long)"aquota.user", 0);
    sys(SYS_quotactl, QCMD(Q_GETINFO, 2), (long)missing, 0, (long)&info, 0);
    sys(SYS_quotactl, QCMD(Q_SETINFO, 0), (long)missing, 0, (long)&info, 0);
    sys(SYS_quotactl, QCMD(Q_GETFMT, 0), (long)missing, 0, (long)&xflags, 0);
    sys(SYS_quotactl, QCMD(Q_SYNC, 0), (long)missing, 0, 0, 0);
    sys(SYS_quotactl, QCMD(Q_XQUOTAON, 0), (long)missing, 0, (long)&xflags, 0);
    sys(SYS_quotactl, QCMD(Q_XQUOTARM, 0), (long)missing, 0, (long)&xflags, 0);
    sys(SYS_quotactl, QCMD(Q_GETNEXTQUOTA, 0), (long)missing, 0, (long)&dq, 0);
    /* what the kernel would write, prefilled: shown when a test injects success */
    static unsigned char filled[160];
    for (size_t i = 0; i < sizeof filled; i++) {
        filled[i] = (unsigned char)(0x81 + 3 * i);
    }
    sys(SYS_quotactl, QCMD(0x5805 /* Q_XGETQSTAT */, 0), (long)missing, 0, (long)filled, 0);
    sys(SYS_quotactl, QCMD(0x5808 /* Q_XGETQSTATV */, 1), (long)missing, 0, (long)filled, 0);
    sys(SYS_quotactl, QCMD(0x5803 /* Q_XGETQUOTA */, 2), (long)missing, 7, (long)filled, 0);
    sys(SYS_quotactl, QCMD(Q_XSETQLIM, 0), (long)missing, 7, (long)filled, 0);
    sys(SYS_quotactl, QCMD(Q_GETINFO, 0), (long)missing, 0, (long)filled, 0);
    sys(SYS_quotactl, QCMD(Q_GETNEXTQUOTA, 1), (long)missing, 3, (long)filled, 0);
    sys(SYS_quotactl, QCMD(0x1234, 7), (long)missing, 5, (long)bad, 0);
    sys(SYS_quotactl, QCMD(Q_SETQUOTA, 0), (long)bad, 0, (long)bad, 0);
#ifdef SYS_quotactl_fd
    sys(SYS_quotactl_fd, file, QCMD(Q_GETQUOTA, 0), 0, (long)&dq, 0);
    sys(SYS_quotactl_fd, -1, QCMD(Q_SETINFO, 1), 0, (long)&info, 0);
#else
    sys(443, file, QCMD(Q_GETQUOTA, 0), 0, (long)&dq, 0);
    sys(443, -1, QCMD(Q_SETINFO, 1), 0, (long)&info, 0);
#endif

    /* ustat of devices with no filesystem; _sysctl and lookup_dcookie, which kernels dropped */
    struct {
        long tfree;
        unsigned long tinode;
        char fname[6], fpack[6];
    } ust = {-2, 0xfedcba9876543210UL & (unsigned long)-1, "fname", "fpack"};
    sys(SYS_ustat, makedev(0x12, 0x345), (long)&ust, 0, 0, 0);
    sys(SYS_ustat, -1, (long)bad, 0, 0, 0);
    struct {
        int *name;
        int nlen;
        void *oldval;
        size_t *oldlenp;
        void *newval;
        size_t newlen;
        unsigned long unused[4];
    } args = {(int *)bad, 2, NULL, NULL, (void *)bad, 4, {0}};
    sys(SYS__sysctl, (long)&args, 0, 0, 0, 0);
    sys(SYS__sysctl, (long)bad, 0, 0, 0, 0);
#ifdef SYS_lookup_dcookie
    char path[16] = "/dcookie\tpath";
#if defined(__i386__)
    sys(SYS_lookup_dcookie, 0x12345678, 0x9abc, (long)path, sizeof path, 0);
#else
    sys(SYS_lookup_dcookie, 0x123456789abcUL, (long)path, sizeof path, 0, 0);
#endif
#endif

    /* iopl and ioperm: a level and a range the kernel refuses, and EPERM without CAP_SYS_RAWIO */
    sys(SYS_iopl, 4, 0, 0, 0, 0);
    sys(SYS_ioperm, 0x10000, 8, 1, 0, 0);
    if (drop_capability(CAP_SYS_RAWIO) != 0) {
        return 1;
    }
    sys(SYS_iopl, 3, 0, 0, 0, 0);
    sys(SYS_ioperm, 0x3f8, 8, 1, 0, 0);
    sys(SYS_ioperm, -1L, -1L, -1, 0, 0);

    /* modify_ldt: read only (func 0) */
    struct {
        unsigned int entry_number, base_addr, limit, flags;
    } desc = {1, 0x1000, 0xfff, 0x51};
    sys(SYS_modify_ldt, 0, (long)&desc, sizeof desc, 0, 0);
    sys(SYS_modify_ldt, 0, (long)bad, sizeof desc, 0, 0);
    sys(SYS_modify_ldt, 0, 0, 0, 0, 0);
    sys(SYS_modify_ldt, 0, (long)&desc, 7, 0, 0);
    sys(SYS_modify_ldt, 99, (long)&desc, sizeof desc, 0, 0);

    /* mknod and mknodat: bits above a mode's 16, and above a dev_t's 32 */
#ifdef SYS_mknod
    sys(SYS_mknod, (long)"fifo", 0xffff0000UL | S_IFIFO | 0644, 0, 0, 0);
    sys(SYS_mknod, (long)"chr", S_IFCHR | 0600, (long)(0xffffffff00000000UL | makedev(1, 3)), 0, 0);
    sys(SYS_mknod, (long)"odd", 0170777, 0, 0, 0);
#endif
    sys(SYS_mknodat, AT_FDCWD, (long)"blk", 0x12340000UL | S_IFBLK | 0600,
        (long)makedev(0xfff, 0xfffff), 0);
    sys(SYS_mknodat, -1, (long)bad, S_IFREG | S_ISUID | S_ISGID | S_ISVTX | 0777, -1L, 0);

    /* utimes and futimesat: microseconds out of range, negative times */
    struct timeval tv[2] = {{1, 2000000}, {-1, -1}};
#ifdef SYS_utimes
    sys(SYS_utimes, (long)"image", (long)tv, 0, 0, 0);
#endif
    struct timeval edge[2] = {{0x7fffffff, 999999}, {-2, 5}};
    sys(SYS_futimesat, AT_FDCWD, (long)"image", (long)edge, 0, 0);
    sys(SYS_futimesat, -1, (long)"image", (long)tv, 0, 0);
    struct timeval epoch[2] = {{0, 0}, {0, 1}}; /* no date for the epoch itself */
    sys(SYS_futimesat, AT_FDCWD, (long)"image", (long)epoch, 0, 0);
    return 0;
}
