package io.rawsys.trace.decode;

import java.util.Map;

/**
 * prctl, by option (the arguments each option takes, the values it writes back, the notes on its
 * result), and x86's arch_prctl.
 */
final class PrctlDecoders {
    private PrctlDecoders() {}

    static final Xlat OPTIONS =
            Xlat.of(
                    "PR_",
                    "PR_SET_PDEATHSIG",
                    "PR_GET_PDEATHSIG",
                    "PR_GET_DUMPABLE",
                    "PR_SET_DUMPABLE",
                    "PR_GET_UNALIGN",
                    "PR_SET_UNALIGN",
                    "PR_GET_KEEPCAPS",
                    "PR_SET_KEEPCAPS",
                    "PR_GET_FPEMU",
                    "PR_SET_FPEMU",
                    "PR_GET_FPEXC",
                    "PR_SET_FPEXC",
                    "PR_GET_TIMING",
                    "PR_SET_TIMING",
                    "PR_SET_NAME",
                    "PR_GET_NAME",
                    "PR_GET_ENDIAN",
                    "PR_SET_ENDIAN",
                    "PR_GET_SECCOMP",
                    "PR_SET_SECCOMP",
                    "PR_CAPBSET_READ",
                    "PR_CAPBSET_DROP",
                    "PR_GET_TSC",
                    "PR_SET_TSC",
                    "PR_GET_SECUREBITS",
                    "PR_SET_SECUREBITS",
                    "PR_SET_TIMERSLACK",
                    "PR_GET_TIMERSLACK",
                    "PR_TASK_PERF_EVENTS_DISABLE",
                    "PR_TASK_PERF_EVENTS_ENABLE",
                    "PR_MCE_KILL",
                    "PR_MCE_KILL_GET",
                    "PR_SET_MM",
                    "PR_SET_CHILD_SUBREAPER",
                    "PR_GET_CHILD_SUBREAPER",
                    "PR_SET_NO_NEW_PRIVS",
                    "PR_GET_NO_NEW_PRIVS",
                    "PR_GET_TID_ADDRESS",
                    "PR_SET_THP_DISABLE",
                    "PR_GET_THP_DISABLE",
                    "PR_MPX_ENABLE_MANAGEMENT",
                    "PR_MPX_DISABLE_MANAGEMENT",
                    "PR_SET_FP_MODE",
                    "PR_GET_FP_MODE",
                    "PR_CAP_AMBIENT",
                    "PR_SVE_SET_VL",
                    "PR_SVE_GET_VL",
                    "PR_GET_SPECULATION_CTRL",
                    "PR_SET_SPECULATION_CTRL",
                    "PR_PAC_RESET_KEYS",
                    "PR_SET_TAGGED_ADDR_CTRL",
                    "PR_GET_TAGGED_ADDR_CTRL",
                    "PR_SET_IO_FLUSHER",
                    "PR_GET_IO_FLUSHER",
                    "PR_SET_SYSCALL_USER_DISPATCH",
                    "PR_PAC_SET_ENABLED_KEYS",
                    "PR_PAC_GET_ENABLED_KEYS",
                    "PR_SCHED_CORE",
                    "PR_SME_SET_VL",
                    "PR_SME_GET_VL",
                    "PR_SET_VMA",
                    "PR_SET_PTRACER");

    static final Xlat CAPABILITIES =
            Xlat.of(
                    "CAP_",
                    "CAP_CHOWN",
                    "CAP_DAC_OVERRIDE",
                    "CAP_DAC_READ_SEARCH",
                    "CAP_FOWNER",
                    "CAP_FSETID",
                    "CAP_KILL",
                    "CAP_SETGID",
                    "CAP_SETUID",
                    "CAP_SETPCAP",
                    "CAP_LINUX_IMMUTABLE",
                    "CAP_NET_BIND_SERVICE",
                    "CAP_NET_BROADCAST",
                    "CAP_NET_ADMIN",
                    "CAP_NET_RAW",
                    "CAP_IPC_LOCK",
                    "CAP_IPC_OWNER",
                    "CAP_SYS_MODULE",
                    "CAP_SYS_RAWIO",
                    "CAP_SYS_CHROOT",
                    "CAP_SYS_PTRACE",
                    "CAP_SYS_PACCT",
                    "CAP_SYS_ADMIN",
                    "CAP_SYS_BOOT",
                    "CAP_SYS_NICE",
                    "CAP_SYS_RESOURCE",
                    "CAP_SYS_TIME",
                    "CAP_SYS_TTY_CONFIG",
                    "CAP_MKNOD",
                    "CAP_LEASE",
                    "CAP_AUDIT_WRITE",
                    "CAP_AUDIT_CONTROL",
                    "CAP_SETFCAP",
                    "CAP_MAC_OVERRIDE",
                    "CAP_MAC_ADMIN",
                    "CAP_SYSLOG",
                    "CAP_WAKE_ALARM",
                    "CAP_BLOCK_SUSPEND",
                    "CAP_AUDIT_READ",
                    "CAP_PERFMON",
                    "CAP_BPF",
                    "CAP_CHECKPOINT_RESTORE");

    static final Xlat ARCH_CODES =
            Xlat.of(
                    "ARCH_",
                    "ARCH_SET_GS",
                    "ARCH_SET_FS",
                    "ARCH_GET_FS",
                    "ARCH_GET_GS",
                    "ARCH_GET_CPUID",
                    "ARCH_SET_CPUID",
                    "ARCH_GET_XCOMP_SUPP",
                    "ARCH_GET_XCOMP_PERM",
                    "ARCH_REQ_XCOMP_PERM",
                    "ARCH_GET_XCOMP_GUEST_PERM",
                    "ARCH_REQ_XCOMP_GUEST_PERM",
                    "ARCH_MAP_VDSO_X32",
                    "ARCH_MAP_VDSO_32",
                    "ARCH_MAP_VDSO_64");

    static final Xlat SECCOMP_MODES =
            Xlat.of(
                    "SECCOMP_MODE_",
                    "SECCOMP_MODE_DISABLED",
                    "SECCOMP_MODE_STRICT",
                    "SECCOMP_MODE_FILTER");
    static final Xlat AMBIENT =
            Xlat.of(
                    "PR_CAP_AMBIENT_",
                    "PR_CAP_AMBIENT_IS_SET",
                    "PR_CAP_AMBIENT_RAISE",
                    "PR_CAP_AMBIENT_LOWER",
                    "PR_CAP_AMBIENT_CLEAR_ALL");

    /**
     * The dumpable modes: no uapi header names them (the kernel's are in
     * include/linux/sched/coredump.h), so they are written out here as strace does.
     */
    private static final Map<Long, String> DUMPABLE =
            Map.of(0L, "SUID_DUMP_DISABLE", 1L, "SUID_DUMP_USER", 2L, "SUID_DUMP_ROOT");

    /** prctl takes five arguments: strace prints those an option does not use in hex. */
    private static final int ARGUMENTS = 5;

    static void register(Decoders d) {
        d.add(
                "prctl",
                new Coded(PrctlDecoders::enter, PrctlDecoders::writes, PrctlDecoders::exit)
                        .returning(PrctlDecoders::result));
        d.add(
                "arch_prctl",
                new Coded(
                        c -> {
                            c.print(ARCH_CODES.value(c.arch(), c.uint(0)));
                            if (!archGet(c) && !"ARCH_GET_CPUID".equals(archName(c))) {
                                c.print(Text.hex(c.ulong(1)));
                            }
                        },
                        PrctlDecoders::archGet,
                        c -> {
                            if (archGet(c)) {
                                c.print(ProcessStructs.wordAt(c, c.ulong(1), true));
                            }
                        }));
    }

    private static String archName(Call c) {
        return ARCH_CODES.name(c.arch(), c.uint(0));
    }

    private static boolean archGet(Call c) {
        String name = archName(c);
        return "ARCH_GET_FS".equals(name) || "ARCH_GET_GS".equals(name);
    }

    private static String option(Call c) {
        String name = OPTIONS.name(c.arch(), c.uint(0));
        return name != null ? name : "";
    }

    /** Options whose second argument the kernel writes. */
    private static boolean writes(Call c) {
        return switch (option(c)) {
            case "PR_GET_CHILD_SUBREAPER",
                    "PR_GET_ENDIAN",
                    "PR_GET_FPEMU",
                    "PR_GET_FPEXC",
                    "PR_GET_NAME",
                    "PR_GET_PDEATHSIG",
                    "PR_GET_TID_ADDRESS" ->
                    true;
            default -> false;
        };
    }

    /** The arguments from {@code first} on, in hex. */
    private static void rest(Call c, int first) {
        for (int i = first; i < ARGUMENTS; i++) {
            c.print(Text.hex(c.ulong(i)));
        }
    }

    private static String capability(Call c, long value) {
        return CAPABILITIES.value(c.arch(), value);
    }

    private static void enter(Call c) {
        c.print(OPTIONS.value(c.arch(), c.uint(0)));
        long arg2 = c.ulong(1);
        switch (option(c)) {
            case "PR_GET_KEEPCAPS",
                    "PR_GET_SECCOMP",
                    "PR_GET_TIMERSLACK",
                    "PR_GET_TIMING",
                    "PR_GET_DUMPABLE",
                    "PR_TASK_PERF_EVENTS_DISABLE",
                    "PR_TASK_PERF_EVENTS_ENABLE" -> {}
            case "PR_GET_CHILD_SUBREAPER",
                    "PR_GET_ENDIAN",
                    "PR_GET_FPEMU",
                    "PR_GET_FPEXC",
                    "PR_GET_NAME",
                    "PR_GET_PDEATHSIG",
                    "PR_GET_TID_ADDRESS" -> {}
            case "PR_SET_CHILD_SUBREAPER",
                    "PR_SET_ENDIAN",
                    "PR_SET_FPEMU",
                    "PR_SET_FPEXC",
                    "PR_SET_KEEPCAPS",
                    "PR_SET_TIMING" ->
                    c.print(Long.toUnsignedString(arg2));
            case "PR_SET_DUMPABLE" -> {
                String name = DUMPABLE.get(arg2);
                c.print(name != null ? name : Text.hex(arg2) + " /* SUID_DUMP_??? */");
            }
            case "PR_CAPBSET_DROP", "PR_CAPBSET_READ" -> c.print(capability(c, arg2));
            case "PR_CAP_AMBIENT" -> {
                c.print(AMBIENT.value(c.arch(), arg2));
                String sub = AMBIENT.name(c.arch(), arg2);
                if ("PR_CAP_AMBIENT_RAISE".equals(sub)
                        || "PR_CAP_AMBIENT_LOWER".equals(sub)
                        || "PR_CAP_AMBIENT_IS_SET".equals(sub)) {
                    c.print(capability(c, c.ulong(2)));
                    rest(c, 3);
                } else {
                    rest(c, 2);
                }
            }
            case "PR_SET_NAME" ->
                    c.print(Args.cString(c, arg2, Math.min(15, c.settings().stringLimit())));
            case "PR_SET_PDEATHSIG" ->
                    c.print(
                            Long.compareUnsigned(arg2, 128) > 0
                                    ? Long.toUnsignedString(arg2)
                                    : Signals.name(c.arch(), arg2));
            case "PR_SET_PTRACER" ->
                    c.print((int) arg2 == -1 ? "PR_SET_PTRACER_ANY" : Integer.toString((int) arg2));
            case "PR_SET_SECCOMP" -> {
                c.print(SECCOMP_MODES.value(c.arch(), arg2));
                String mode = SECCOMP_MODES.name(c.arch(), arg2);
                if ("SECCOMP_MODE_FILTER".equals(mode)) {
                    c.print(Text.pointer(c.ulong(2)));
                } else if (!"SECCOMP_MODE_STRICT".equals(mode)) {
                    rest(c, 2);
                }
            }
            case "PR_SET_TIMERSLACK" -> c.print(Long.toString(c.slong(1)));
            case "PR_SET_NO_NEW_PRIVS", "PR_SET_THP_DISABLE", "PR_SET_IO_FLUSHER" -> {
                c.print(Long.toUnsignedString(arg2));
                rest(c, 2);
            }
            default -> rest(c, 1);
        }
    }

    private static void exit(Call c) {
        long arg2 = c.ulong(1);
        switch (option(c)) {
            case "PR_GET_CHILD_SUBREAPER", "PR_GET_ENDIAN", "PR_GET_FPEMU", "PR_GET_FPEXC" ->
                    c.print(ProcessStructs.intAt(c, arg2, Integer::toUnsignedString));
            case "PR_GET_NAME" ->
                    c.print(
                            c.failed()
                                    ? Text.pointer(arg2)
                                    : Args.cString(
                                            c, arg2, Math.min(16, c.settings().stringLimit())));
            case "PR_GET_PDEATHSIG" ->
                    c.print(ProcessStructs.intAt(c, arg2, signo -> Signals.name(c.arch(), signo)));
            case "PR_GET_TID_ADDRESS" -> c.print(ProcessStructs.wordAt(c, arg2, true));
            default -> {}
        }
    }

    private static String result(Call c) {
        String text = Long.toString(c.result());
        if (option(c).equals("PR_GET_DUMPABLE")) {
            String name = DUMPABLE.get(c.result());
            return name != null ? text + " (" + name + ")" : text;
        }
        return text;
    }
}
