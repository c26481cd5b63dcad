package io.rawsys.bindgen;

import java.util.List;
import java.util.Map;

/**
 * What the generator extracts: which macros and enumerators become constants, and which structs
 * become layouts. Only names and headers are written here; every value, size and offset comes from
 * each target's compiler.
 *
 * <p>Constants come from kernel (uapi) headers wherever the kernel defines them, because rawsys
 * talks to the kernel: glibc sometimes differs (its {@code O_LARGEFILE} is 0 on 64-bit targets, the
 * kernel's is not). glibc headers are read only for names the kernel does not define. Each source
 * is compiled on its own, so kernel and glibc headers that clash never meet.
 */
final class Spec {
    private Spec() {}

    /**
     * A set of headers compiled together, and the pattern a name must match to be taken from them.
     *
     * @param headers included in this order
     * @param pattern a regular expression matched against whole macro and enumerator names
     * @param prelude one line of C after the includes: the kernel's own definition of a constant it
     *     reports but keeps out of its uapi headers, or empty
     * @param arches the architectures whose headers have these, or empty for every architecture
     */
    record Source(List<String> headers, String pattern, String prelude, List<String> arches) {
        boolean appliesTo(String arch) {
            return arches.isEmpty() || arches.contains(arch);
        }
    }

    /**
     * One generated constants class: {@code io.rawsys.linux.<javaClass>}, filled from its sources
     * in order (the first source that defines a name wins).
     */
    record ConstantGroup(String javaClass, String doc, List<Source> sources) {}

    /**
     * Names matching {@code pattern} from {@code headers}; the call sites say whether they are
     * kernel or glibc's.
     */
    private static Source from(String pattern, String... headers) {
        return new Source(List.of(headers), pattern, "", List.of());
    }

    /** As {@link #from}, for headers only the x86 architectures have. */
    private static Source fromX86(String pattern, String... headers) {
        return new Source(List.of(headers), pattern, "", List.of("x86_64", "x32", "i386"));
    }

    /**
     * Names matching {@code pattern} that the kernel defines only in its internal headers, spelled
     * out in one line of {@code prelude} (as the struct preludes below spell out kernel structs),
     * read after {@code headers}.
     */
    private static Source kernelInternal(String pattern, String prelude, String... headers) {
        return new Source(List.of(headers), pattern, prelude, List.of());
    }

    static final List<ConstantGroup> CONSTANTS =
            List.of(
                    new ConstantGroup(
                            "Fcntl",
                            "Files: open flags, *at flags, fcntl commands, mode bits, statx masks, seek, fallocate, fadvise, renameat2, close_range, access modes.",
                            List.of(
                                    from(
                                            "O_\\w+|__O_\\w+|FASYNC|AT_\\w+|F_\\w+|FD_CLOEXEC|RENAME_\\w+|SEEK_\\w+|FALLOC_FL_\\w+|RESOLVE_\\w+|STATX_\\w+|S_I[A-Z]+|POSIX_FADV_\\w+|LOCK_\\w+|DN_\\w+|CLOSE_RANGE_\\w+|RWF_\\w+|SYNC_FILE_RANGE_\\w+",
                                            "linux/fcntl.h",
                                            "linux/stat.h",
                                            "linux/openat2.h",
                                            "linux/fs.h",
                                            "linux/falloc.h",
                                            "linux/fadvise.h",
                                            "linux/close_range.h"),
                                    from("[RWXF]_OK|UTIME_\\w+", "unistd.h", "sys/stat.h"),
                                    from("XATTR_CREATE|XATTR_REPLACE", "linux/xattr.h"),
                                    from("SPLICE_F_\\w+", "fcntl.h"))),
                    new ConstantGroup(
                            "Statfs",
                            "statfs: file system magic numbers (f_type) and mount flags (f_flags).",
                            List.of(
                                    from("\\w+_MAGIC\\w*|\\w+_CIGAM", "linux/magic.h"),
                                    from("ST_[A-Z]+", "sys/statvfs.h"),
                                    // statfs sets it in every f_flags it reports
                                    kernelInternal(
                                            "ST_VALID",
                                            "#define ST_VALID 0x0020 /* include/linux/statfs.h */",
                                            "sys/statvfs.h"))),
                    new ConstantGroup(
                            "Termios",
                            "Terminals: the kernel's termios flags, baud rates, control character indexes and line disciplines.",
                            List.of(
                                    from(
                                            "IGNBRK|BRKINT|IGNPAR|PARMRK|INPCK|ISTRIP|INLCR|IGNCR|ICRNL|IUCLC|IXON|IXANY|IXOFF|IMAXBEL|IUTF8|OPOST|OLCUC|ONLCR|OCRNL|ONOCR|ONLRET|OFILL|OFDEL|(NL|CR|TAB|BS|VT|FF)([0-3]|DLY)|XTABS|B[0-9]+|CBAUD|CBAUDEX|CIBAUD|IBSHIFT|BOTHER|CS[5-8]|CSIZE|CSTOPB|CREAD|PARENB|PARODD|HUPCL|CLOCAL|CMSPAR|CRTSCTS|ADDRB|ISIG|ICANON|XCASE|ECHO[A-Z]*|NOFLSH|TOSTOP|FLUSHO|PENDIN|IEXTEN|EXTPROC|V(INTR|QUIT|ERASE|KILL|EOF|TIME|MIN|SWTC|START|STOP|SUSP|EOL|REPRINT|DISCARD|WERASE|LNEXT|EOL2)|NCCS|N_[A-Z0-9]+|TC(OOFF|OON|IOFF|ION|IFLUSH|OFLUSH|IOFLUSH)|TIOCM_\\w+",
                                            "linux/termios.h"))),
                    new ConstantGroup(
                            "Dirent",
                            "Directory entry types, as getdents64 reports them in d_type.",
                            List.of(
                                    from(
                                            "DT_(UNKNOWN|FIFO|CHR|DIR|BLK|REG|LNK|SOCK|WHT)",
                                            "dirent.h"))),
                    new ConstantGroup(
                            "Mman",
                            "Memory: mmap protections and flags, madvise advice, mremap, msync, mlock, memfd_create, map_shadow_stack (x86).",
                            List.of(
                                    from(
                                            "PROT_\\w+|MAP_\\w+|MADV_\\w+|MREMAP_\\w+|MS_\\w+|MCL_\\w+|MFD_\\w+|MLOCK_\\w+|PKEY_\\w+|SHADOW_STACK_\\w+",
                                            "linux/mman.h",
                                            "linux/memfd.h"))),
                    new ConstantGroup(
                            "Signal",
                            "Signals: numbers, sigaction flags, sigprocmask hows, sigaltstack flags, si_code values.",
                            List.of(
                                    from(
                                            "SIG[A-Z0-9]+|SIG_[A-Z]+|SA_\\w+|SS_\\w+|_NSIG|MINSIGSTKSZ|SI_\\w+|ILL_\\w+|FPE_\\w+|SEGV_\\w+|BUS_\\w+|TRAP_\\w+|CLD_\\w+|POLL_\\w+|SYS_SECCOMP|SYS_USER_DISPATCH|SIGEV_\\w+",
                                            "linux/signal.h"))),
                    new ConstantGroup(
                            "Sched",
                            "Processes: clone and clone3 flags, scheduling policies and flags.",
                            List.of(from("CLONE_\\w+|SCHED_\\w+|CSIGNAL", "linux/sched.h"))),
                    new ConstantGroup(
                            "Wait",
                            "wait4 and waitid options and id types.",
                            List.of(from("W[A-Z]+|__W[A-Z]+|P_[A-Z]+", "linux/wait.h"))),
                    new ConstantGroup(
                            "Ptrace",
                            "ptrace requests, options, events and PTRACE_GET_SYSCALL_INFO operations.",
                            List.of(from("PTRACE_\\w+", "linux/ptrace.h"))),
                    new ConstantGroup(
                            "Seccomp",
                            "seccomp operations, flags and return actions, classic BPF opcodes, and audit architecture numbers.",
                            List.of(
                                    from(
                                            "SECCOMP_\\w+|BPF_\\w+|AUDIT_ARCH_\\w+",
                                            // SECCOMP_IOCTL_NOTIF_* use _IOW without including it
                                            "linux/ioctl.h",
                                            "linux/seccomp.h",
                                            "linux/filter.h",
                                            "linux/audit.h"))),
                    new ConstantGroup(
                            "Socket",
                            "Sockets: address families, types, levels and options, message flags, shutdown hows, IP, TCP and UDP, ethernet protocols, packet socket options, socketcall's calls, iptables' socket options.",
                            List.of(
                                    from(
                                            "AF_\\w+|PF_\\w+|SOCK_\\w+|SOL_\\w+|SO_\\w+|MSG_\\w+|SCM_\\w+|SHUT_\\w+|IPPROTO_\\w+|INADDR_\\w+|IP_\\w+|IPV6_\\w+|MCAST_\\w+|TCP_\\w+|UDP_\\w+|SOMAXCONN|INET6?_ADDRSTRLEN",
                                            "sys/socket.h",
                                            "netinet/in.h",
                                            "netinet/tcp.h",
                                            "netinet/udp.h",
                                            "sys/un.h"),
                                    from(
                                            "ETH_P_\\w+|PACKET_\\w+|ICMP_FILTER|SYS_[A-Z]+[0-9]?|IPT_SO_\\w+|ARPT_SO_\\w+|IP6T_SO_\\w+",
                                            "linux/if_ether.h",
                                            "linux/if_packet.h",
                                            "linux/icmp.h",
                                            "linux/net.h",
                                            "linux/netfilter_ipv4/ip_tables.h",
                                            "linux/netfilter_arp/arp_tables.h",
                                            "linux/netfilter_ipv6/ip6_tables.h"),
                                    from(
                                            "IPV6_FLOWINFO|IPV6_FLOWLABEL_MGR|IPV6_FLOWINFO_SEND|IPV6_USE_MIN_MTU",
                                            "linux/in6.h"),
                                    from("IPPROTO_L2TP", "linux/in.h"),
                                    // levels and a flag strace names
                                    kernelInternal(
                                            "SOL_SCTP",
                                            "#define SOL_SCTP 132 /* include/linux/socket.h */",
                                            "sys/socket.h"),
                                    kernelInternal(
                                            "SOL_UDPLITE",
                                            "#define SOL_UDPLITE 136 /* include/linux/socket.h */",
                                            "sys/socket.h"),
                                    kernelInternal(
                                            "MSG_PROBE",
                                            "#define MSG_PROBE 0x10 /* include/linux/socket.h */",
                                            "sys/socket.h"),
                                    kernelInternal(
                                            "MSG_SENDPAGE_NOTLAST",
                                            "#define MSG_SENDPAGE_NOTLAST 0x20000 /* include/linux/socket.h */",
                                            "sys/socket.h"),
                                    kernelInternal(
                                            "MSG_NO_SHARED_FRAGS",
                                            "#define MSG_NO_SHARED_FRAGS 0x80000 /* include/linux/socket.h */",
                                            "sys/socket.h"),
                                    // in linux/in6.h, but inside #if 0 ("not yet"); strace names it
                                    kernelInternal(
                                            "IPV6_USE_MIN_MTU",
                                            "#define IPV6_USE_MIN_MTU 63 /* linux/in6.h */",
                                            "sys/socket.h"),
                                    kernelInternal(
                                            "MSG_CMSG_COMPAT",
                                            "#define MSG_CMSG_COMPAT 0x80000000 /* include/linux/socket.h */",
                                            "sys/socket.h"),
                                    from("SCTP_\\w+", "stdint.h", "sys/socket.h", "linux/sctp.h"),
                                    from("LLC_OPT_\\w+", "linux/llc.h"),
                                    from("DCCP_SOCKOPT_\\w+", "linux/dccp.h"),
                                    from("RXRPC_\\w+", "linux/rxrpc.h"),
                                    from("PPPOL2TP_SO_\\w+", "linux/if_pppol2tp.h"),
                                    from(
                                            "PNPIPE_\\w+|PN_PROTO_\\w+",
                                            "sys/socket.h",
                                            "linux/phonet.h"),
                                    from("RDS_\\w+|SO_RDS_\\w+", "linux/rds.h"),
                                    from("ALG_\\w+", "linux/if_alg.h"),
                                    from("NFC_LLCP_\\w+|NFC_SOCKPROTO_\\w+", "linux/nfc.h"),
                                    from("KCM_RECV_DISABLE|KCMPROTO_\\w+", "linux/kcm.h"),
                                    from("TLS_TX|TLS_RX", "linux/tls.h"),
                                    from("XDP_\\w+", "linux/if_xdp.h"),
                                    from(
                                            "SO_VM_SOCKETS_\\w+",
                                            "sys/socket.h",
                                            "linux/vm_sockets.h"),
                                    from("CAN_\\w+|SOL_CAN_\\w+", "linux/can.h", "linux/can/raw.h"),
                                    from("CAIFPROTO_\\w+|CAIFSO_\\w+", "linux/caif/caif_socket.h"),
                                    from("TIPC_\\w+", "linux/tipc.h"),
                                    from(
                                            "SOL_IPX|IPX_TYPE|SOL_AX25|AX25_\\w+|SOL_NETROM|SOL_ROSE|SOL_ATALK",
                                            "netipx/ipx.h",
                                            "netax25/ax25.h",
                                            "netrom/netrom.h",
                                            "netrose/rose.h",
                                            "netatalk/at.h"))),
                    new ConstantGroup(
                            "Netlink",
                            "Netlink and rtnetlink: protocols, message flags and types, attribute types, multicast groups, interface flags.",
                            List.of(
                                    from(
                                            "NETLINK_\\w+|NLM_F_\\w+|NLMSG_\\w+|NLA_\\w+|NLMSGERR_ATTR_\\w+|RTM_\\w+|RTMGRP_\\w+|RTNLGRP_\\w+|RTA_\\w+|RTN_\\w+|RTPROT_\\w+|RT_SCOPE_\\w+|RT_TABLE_\\w+|RTNH_\\w+|RTAX_\\w+|IFLA_\\w+|IFA_\\w+|IFF_\\w+|ARPHRD_\\w+|NDA_\\w+|NUD_\\w+|IF_OPER_\\w+|IF_LINK_MODE_\\w+|ICMPV6_ROUTER_PREF_\\w+",
                                            "linux/netlink.h",
                                            "linux/rtnetlink.h",
                                            "linux/if_link.h",
                                            "linux/if_addr.h",
                                            "linux/neighbour.h",
                                            "linux/if_arp.h",
                                            "linux/if.h",
                                            "linux/icmpv6.h"))),
                    new ConstantGroup(
                            "Ioctl",
                            "ioctl requests, each computed with the architecture's own _IOC layout: terminals, files and block devices, sockets.",
                            List.of(
                                    from("TC[A-Z]+\\w*|TIOC\\w+|FIO\\w+|N_TTY", "sys/ioctl.h"),
                                    from(
                                            "FS_IOC\\w*|FS_\\w+_FL|BLK\\w+|SIOC\\w+|FICLONE\\w*|FIDEDUPERANGE|_IOC_\\w+|RNDGETENTCNT|RNDADDTOENTCNT",
                                            "linux/fs.h",
                                            "linux/sockios.h",
                                            "linux/random.h"),
                                    // The kernel's own view of what glibc's headers leave out:
                                    // requests
                                    // whose number holds the size of a type those headers do not
                                    // declare (PowerPC's TCGETS takes the kernel's struct termios,
                                    // not glibc's; MIPS's SIOCGPGRP a pid_t, TIOCGRS485 a struct
                                    // serial_rs485). A 32-bit ABI's SIOCGSTAMP takes a struct
                                    // timeval: glibc's default one, as a program built without
                                    // _TIME_BITS=64 passes (SIOCGSTAMP_OLD).
                                    from(
                                            "TC[A-Z]+\\w*|TIOC\\w+|FIO\\w+|SIOC\\w+|BLKTRACE[A-Z]+|FS_IOC\\w*",
                                            "sys/types.h",
                                            "sys/time.h",
                                            "asm/termios.h",
                                            "linux/serial.h",
                                            "linux/sockios.h",
                                            "linux/fs.h",
                                            "linux/fiemap.h",
                                            "linux/blktrace_api.h"),
                                    // sound timer requests: TCSETS*'s numbers on x86
                                    from("SNDCTL_TMR_(START|STOP|CONTINUE)", "linux/soundcard.h"))),
                    new ConstantGroup(
                            "Time",
                            "Clocks, timers and timerfd flags; the restart codes an interrupted sleep ends with.",
                            List.of(
                                    from("CLOCK_\\w+|TIMER_ABSTIME|ITIMER_\\w+", "linux/time.h"),
                                    from("TFD_\\w+", "sys/timerfd.h"),
                                    // a sleep's time left is written only when it ends with one
                                    kernelInternal(
                                            "ERESTARTSYS",
                                            "#define ERESTARTSYS 512 /* include/linux/errno.h */",
                                            "errno.h"),
                                    kernelInternal(
                                            "ERESTARTNOINTR",
                                            "#define ERESTARTNOINTR 513 /* include/linux/errno.h */",
                                            "errno.h"),
                                    kernelInternal(
                                            "ERESTARTNOHAND",
                                            "#define ERESTARTNOHAND 514 /* include/linux/errno.h */",
                                            "errno.h"),
                                    kernelInternal(
                                            "ERESTART_RESTARTBLOCK",
                                            "#define ERESTART_RESTARTBLOCK 516 /* include/linux/errno.h */",
                                            "errno.h"))),
                    new ConstantGroup(
                            "Poll",
                            "Readiness and notification: poll and epoll events and flags, eventfd, signalfd and inotify flags.",
                            List.of(
                                    from(
                                            "POLL[A-Z]+|POLL_BUSY_LOOP|EPOLL\\w+",
                                            "linux/eventpoll.h",
                                            "linux/poll.h"),
                                    from(
                                            "EFD_\\w+|SFD_\\w+|IN_\\w+",
                                            "sys/eventfd.h",
                                            "sys/signalfd.h",
                                            "sys/inotify.h"))),
                    new ConstantGroup(
                            "Resource",
                            "Resource limits, priorities and usage selectors.",
                            List.of(
                                    from(
                                            "RLIMIT_\\w+|RLIM_INFINITY|RLIM64_INFINITY|PRIO_\\w+|RUSAGE_\\w+",
                                            "linux/resource.h"))),
                    new ConstantGroup(
                            "Prctl",
                            "prctl options and their arguments, and x86's arch_prctl codes.",
                            List.of(
                                    from("PR_\\w+", "linux/prctl.h"),
                                    fromX86("ARCH_\\w+", "asm/prctl.h"))),
                    new ConstantGroup(
                            "Personality",
                            "Execution domains and the flags personality() combines with them.",
                            List.of(
                                    from(
                                            "PER_\\w+|ADDR_\\w+|UNAME26|FDPIC_FUNCPTRS|MMAP_PAGE_ZERO|READ_IMPLIES_EXEC|SHORT_INODE|WHOLE_SECONDS|STICKY_TIMEOUTS",
                                            "linux/personality.h"))),
                    new ConstantGroup(
                            "Capability",
                            "Capabilities by number, and capget/capset's header versions.",
                            List.of(from("CAP_\\w+|_LINUX_CAPABILITY_\\w+", "linux/capability.h"))),
                    new ConstantGroup(
                            "Futex",
                            "futex operations and flags; futex2's (futex_wait, futex_wake, futex_requeue, futex_waitv) size and flags.",
                            List.of(from("FUTEX_\\w+|FUTEX2_\\w+", "linux/futex.h"))),
                    new ConstantGroup(
                            "Lsm",
                            "Linux security modules: lsm_get_self_attr/lsm_set_self_attr attributes, module ids, flags.",
                            List.of(from("LSM_\\w+", "linux/lsm.h"))),
                    new ConstantGroup(
                            "Random",
                            "getrandom flags.",
                            List.of(from("GRND_\\w+", "linux/random.h"))),
                    new ConstantGroup(
                            "Mount",
                            "mount flags, umount2 flags, and the new mount API's attributes.",
                            List.of(
                                    from(
                                            "MS_\\w+|MNT_\\w+|MOUNT_ATTR_\\w+|MOVE_MOUNT_\\w+|FSOPEN_\\w+|FSMOUNT_\\w+|OPEN_TREE_\\w+|FSPICK_\\w+|FSCONFIG_\\w+|STATMOUNT_\\w+|LISTMOUNT_\\w+|LSMT_\\w+|MNT_ID_REQ_\\w+",
                                            // OPEN_TREE_CLOEXEC is O_CLOEXEC, which mount.h does
                                            // not
                                            // include
                                            "linux/fcntl.h",
                                            "linux/mount.h"))),
                    new ConstantGroup(
                            "Elf",
                            "ELF: identification, types, machines, segments, sections, symbols, dynamic tags, versions, notes, and auxiliary vector types.",
                            List.of(
                                    from(
                                            "ELF[A-Z0-9]+\\w*|EI_\\w+|ET_\\w+|EM_\\w+|EV_\\w+|PT_\\w+|PF_\\w+|SHT_\\w+|SHF_\\w+|SHN_\\w+|STB_\\w+|STT_\\w+|STV_\\w+|STN_UNDEF|DT_\\w+|NT_\\w+|VER_\\w+|AT_\\w+",
                                            "elf.h"))));

    /**
     * One struct to lay out.
     *
     * @param name the name rawsys gives it, which is also the Java facade's C name
     * @param cType the C type to lay out; {@link #perArch} overrides it where an architecture names
     *     it otherwise
     * @param headers the headers that define it
     * @param prelude C source after the includes (for a struct rawsys must spell out itself)
     * @param fields the member designators to lay out, or empty to take every member the headers
     *     declare
     * @param perArch architecture to {@code "C type|header,header"}, where it differs
     * @param derived macros the prelude uses, each evaluated first by the compiler from other
     *     headers
     */
    record StructSpec(
            String name,
            String cType,
            List<String> headers,
            String prelude,
            List<String> fields,
            Map<String, String> perArch,
            List<Derived> derived) {
        StructSpec(String name, String cType, String... headers) {
            this(name, cType, List.of(headers), "", List.of(), Map.of(), List.of());
        }
    }

    /**
     * A macro for a struct's prelude: {@code expression} as the compiler evaluates it with {@code
     * headers}.
     */
    record Derived(String macro, List<String> headers, String expression) {}

    /**
     * The kernel's {@code struct sigaction} as rt_sigaction reads it
     * (include/linux/signal_types.h): handler and flags (MIPS: flags first), a restorer where the
     * architecture has SA_RESTORER, then a sigset of _NSIG bits. No uapi header declares it for
     * every architecture, so rawsys spells out the kernel's definition here; the compiler still
     * lays it out. x86, ARM and s390 keep their _NSIG out of uapi headers, so the signal count
     * comes from glibc's (one more than the kernel's, which the division rounds away). i386's
     * header #defines sa_handler for its own struct, so the names are freed first.
     */
    private static final String KERNEL_SIGACTION =
            """
            #undef sa_handler
            #undef sa_restorer
            struct rawsys_kernel_sigaction {
            #ifdef __mips__
                unsigned int sa_flags;
                void *sa_handler;
            #else
                void *sa_handler;
                unsigned long sa_flags;
            #endif
            #ifdef SA_RESTORER
                void *sa_restorer;
            #endif
                unsigned long sa_mask[RAWSYS_NSIG / (8 * sizeof(unsigned long))];
            };
            """;

    /**
     * The record getdents64 writes (include/linux/dirent.h; glibc's dirent64 is a different,
     * fixed-size struct): a flexible name, so records of any length can be read.
     */
    private static final String LINUX_DIRENT64 =
            """
            struct rawsys_linux_dirent64 {
                __u64 d_ino;
                __s64 d_off;
                unsigned short d_reclen;
                unsigned char d_type;
                char d_name[];
            };
            """;

    /**
     * The record the old getdents writes (fs/readdir.c, in no uapi header): longs for the inode and
     * offset, then the name; the type is the record's last byte.
     */
    private static final String LINUX_DIRENT =
            """
            struct rawsys_linux_dirent {
                unsigned long d_ino;
                unsigned long d_off;
                unsigned short d_reclen;
                char d_name[];
            };
            """;

    static final List<StructSpec> STRUCTS =
            List.of(
                    new StructSpec("timespec", "struct timespec", "time.h"),
                    new StructSpec("timeval", "struct timeval", "sys/time.h"),
                    new StructSpec("itimerspec", "struct itimerspec", "time.h"),
                    new StructSpec("itimerval", "struct itimerval", "sys/time.h"),
                    new StructSpec("timezone", "struct timezone", "sys/time.h"),
                    new StructSpec(
                            "kernel_timespec", "struct __kernel_timespec", "linux/time_types.h"),
                    new StructSpec(
                            "kernel_sock_timeval",
                            "struct __kernel_sock_timeval",
                            "linux/time_types.h"),
                    new StructSpec(
                            "kernel_itimerspec",
                            "struct __kernel_itimerspec",
                            "linux/time_types.h"),
                    new StructSpec(
                            "sigevent",
                            "struct sigevent",
                            List.of("signal.h"),
                            "",
                            List.of(
                                    "sigev_value.sival_int",
                                    "sigev_value.sival_ptr",
                                    "sigev_signo",
                                    "sigev_notify",
                                    "_sigev_un._tid",
                                    "_sigev_un._sigev_thread._function",
                                    "_sigev_un._sigev_thread._attribute"),
                            Map.of(),
                            List.of()),
                    new StructSpec("stat", "struct stat", "asm/stat.h"),
                    new StructSpec("stat64", "struct stat64", "asm/stat.h"),
                    new StructSpec("statx_timestamp", "struct statx_timestamp", "linux/stat.h"),
                    new StructSpec("statx", "struct statx", "linux/stat.h"),
                    new StructSpec(
                            "linux_dirent64",
                            "struct rawsys_linux_dirent64",
                            List.of("linux/types.h"),
                            LINUX_DIRENT64,
                            List.of(),
                            Map.of(),
                            List.of()),
                    new StructSpec("open_how", "struct open_how", "linux/openat2.h"),
                    new StructSpec("statfs", "struct statfs", "asm/statfs.h"),
                    new StructSpec("statfs64", "struct statfs64", "asm/statfs.h"),
                    new StructSpec("flock", "struct flock", "linux/fcntl.h"),
                    new StructSpec("flock64", "struct flock64", "linux/fcntl.h"),
                    new StructSpec("f_owner_ex", "struct f_owner_ex", "linux/fcntl.h"),
                    new StructSpec("termios", "struct termios", "linux/termios.h"),
                    new StructSpec(
                            "linux_dirent",
                            "struct rawsys_linux_dirent",
                            List.of("linux/types.h"),
                            LINUX_DIRENT,
                            List.of(),
                            Map.of(),
                            List.of()),
                    new StructSpec("iovec", "struct iovec", "sys/uio.h"),
                    new StructSpec("utsname", "struct utsname", "sys/utsname.h"),
                    new StructSpec("winsize", "struct winsize", "sys/ioctl.h"),
                    new StructSpec("ifreq", "struct ifreq", "net/if.h"),
                    new StructSpec("pollfd", "struct pollfd", "poll.h"),
                    new StructSpec("epoll_event", "struct epoll_event", "sys/epoll.h"),
                    new StructSpec("rlimit", "struct rlimit", "sys/resource.h"),
                    new StructSpec("rlimit64", "struct rlimit64", "sys/resource.h"),
                    new StructSpec("rusage", "struct rusage", "sys/resource.h"),
                    new StructSpec("sysinfo", "struct sysinfo", "sys/sysinfo.h"),
                    new StructSpec("sockaddr", "struct sockaddr", "sys/socket.h"),
                    new StructSpec("in_addr", "struct in_addr", "netinet/in.h"),
                    new StructSpec("sockaddr_in", "struct sockaddr_in", "netinet/in.h"),
                    new StructSpec("in6_addr", "struct in6_addr", "netinet/in.h"),
                    new StructSpec("sockaddr_in6", "struct sockaddr_in6", "netinet/in.h"),
                    new StructSpec("sockaddr_un", "struct sockaddr_un", "sys/un.h"),
                    new StructSpec("sockaddr_storage", "struct sockaddr_storage", "sys/socket.h"),
                    new StructSpec("sockaddr_ll", "struct sockaddr_ll", "linux/if_packet.h"),
                    new StructSpec("ip_mreq", "struct ip_mreq", "netinet/in.h"),
                    new StructSpec("ipv6_mreq", "struct ipv6_mreq", "netinet/in.h"),
                    new StructSpec("in_pktinfo", "struct in_pktinfo", "netinet/in.h"),
                    new StructSpec(
                            "sock_extended_err",
                            "struct sock_extended_err",
                            "time.h",
                            "linux/errqueue.h"),
                    new StructSpec(
                            "sockaddr_nl", "struct sockaddr_nl", "sys/socket.h", "linux/netlink.h"),
                    new StructSpec("msghdr", "struct msghdr", "sys/socket.h"),
                    new StructSpec("cmsghdr", "struct cmsghdr", "sys/socket.h"),
                    new StructSpec("mmsghdr", "struct mmsghdr", "sys/socket.h"),
                    new StructSpec("linger", "struct linger", "sys/socket.h"),
                    new StructSpec("ucred", "struct ucred", "sys/socket.h"),
                    new StructSpec("nlmsghdr", "struct nlmsghdr", "linux/netlink.h"),
                    new StructSpec("nlmsgerr", "struct nlmsgerr", "linux/netlink.h"),
                    new StructSpec("nlattr", "struct nlattr", "linux/netlink.h"),
                    new StructSpec("ifinfomsg", "struct ifinfomsg", "linux/rtnetlink.h"),
                    new StructSpec("ifaddrmsg", "struct ifaddrmsg", "linux/if_addr.h"),
                    new StructSpec("ifa_cacheinfo", "struct ifa_cacheinfo", "linux/if_addr.h"),
                    new StructSpec("rtmsg", "struct rtmsg", "linux/rtnetlink.h"),
                    new StructSpec("rtattr", "struct rtattr", "linux/rtnetlink.h"),
                    new StructSpec("rtnexthop", "struct rtnexthop", "linux/rtnetlink.h"),
                    new StructSpec("rta_cacheinfo", "struct rta_cacheinfo", "linux/rtnetlink.h"),
                    new StructSpec(
                            "user_regs_struct",
                            "struct user_regs_struct",
                            List.of("sys/user.h"),
                            "",
                            List.of(),
                            Map.of(
                                    "arm", "struct user_regs|sys/user.h",
                                    "riscv64", "struct user_regs_struct|asm/ptrace.h",
                                    "ppc64le", "struct pt_regs|asm/ptrace.h",
                                    "s390x", "s390_regs|asm/ptrace.h",
                                    "mips64el", "struct pt_regs|asm/ptrace.h",
                                    "mipsel", "struct pt_regs|asm/ptrace.h"),
                            List.of()),
                    new StructSpec(
                            "ptrace_syscall_info", "struct ptrace_syscall_info", "linux/ptrace.h"),
                    new StructSpec(
                            "siginfo",
                            "siginfo_t",
                            List.of("signal.h"),
                            "",
                            List.of(
                                    "si_signo",
                                    "si_errno",
                                    "si_code",
                                    "si_pid",
                                    "si_uid",
                                    "si_status",
                                    "si_utime",
                                    "si_stime",
                                    "si_int",
                                    "si_ptr",
                                    "si_addr",
                                    "si_addr_lsb",
                                    "si_lower",
                                    "si_upper",
                                    "si_pkey",
                                    "si_band",
                                    "si_fd",
                                    "si_timerid",
                                    "si_overrun",
                                    "si_call_addr",
                                    "si_syscall",
                                    "si_arch"),
                            Map.of(),
                            List.of()),
                    new StructSpec(
                            "kernel_sigaction",
                            "struct rawsys_kernel_sigaction",
                            List.of("linux/signal.h"),
                            KERNEL_SIGACTION,
                            List.of(),
                            Map.of(),
                            List.of(new Derived("RAWSYS_NSIG", List.of("signal.h"), "_NSIG"))),
                    // what the vDSO's getrandom reports about the per-thread state it wants
                    new StructSpec(
                            "vgetrandom_opaque_params",
                            "struct vgetrandom_opaque_params",
                            "linux/random.h"),
                    new StructSpec("mnt_id_req", "struct mnt_id_req", "linux/mount.h"),
                    new StructSpec("statmount", "struct statmount", "linux/mount.h"),
                    new StructSpec("cachestat_range", "struct cachestat_range", "linux/mman.h"),
                    new StructSpec("cachestat", "struct cachestat", "linux/mman.h"),
                    new StructSpec("lsm_ctx", "struct lsm_ctx", "linux/lsm.h"),
                    new StructSpec("futex_waitv", "struct futex_waitv", "linux/futex.h"),
                    new StructSpec("sock_filter", "struct sock_filter", "linux/filter.h"),
                    new StructSpec("sock_fprog", "struct sock_fprog", "linux/filter.h"),
                    // seccomp's filter input and its user notification (a supervisor's side)
                    new StructSpec("seccomp_data", "struct seccomp_data", "linux/seccomp.h"),
                    new StructSpec("seccomp_notif", "struct seccomp_notif", "linux/seccomp.h"),
                    new StructSpec(
                            "seccomp_notif_resp", "struct seccomp_notif_resp", "linux/seccomp.h"),
                    new StructSpec(
                            "seccomp_notif_addfd", "struct seccomp_notif_addfd", "linux/seccomp.h"),
                    new StructSpec(
                            "seccomp_notif_sizes", "struct seccomp_notif_sizes", "linux/seccomp.h"),
                    new StructSpec("clone_args", "struct clone_args", "linux/sched.h"),
                    new StructSpec("stack_t", "stack_t", "signal.h"),
                    new StructSpec("tms", "struct tms", "sys/times.h"),
                    new StructSpec(
                            "user_cap_header",
                            "struct __user_cap_header_struct",
                            "linux/capability.h"),
                    new StructSpec(
                            "user_cap_data",
                            "struct __user_cap_data_struct",
                            "linux/capability.h"));
}
