package io.rawsys.trace.decode;

/**
 * prctl, by option (the arguments each option takes, the values it writes back, the notes on its
 * result), and x86's arch_prctl.
 */
final class PrctlDecoders {
    private PrctlDecoders() {}

    static final Xlat OPTIONS = Xlat.load("prctl_options");

    static final Xlat ARCH_CODES = Xlat.load("archvals");

    static final Xlat SECCOMP_MODES = Xlat.load("seccomp_mode");
    static final Xlat AMBIENT = Xlat.load("pr_cap_ambient");

    private static final Xlat DUMPABLE = Xlat.load("suid_dump");

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
                                // the base address the kernel wrote: a pointer, [NULL] for none
                                c.print(ProcessStructs.pointerAt(c, c.ulong(1)));
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
        return ProcessStructs.CAPABILITIES.value(c.arch(), value);
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
                c.print(DUMPABLE.value(c.arch(), arg2));
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
                                    : Signals.styled(c.arch(), arg2));
            case "PR_SET_PTRACER" ->
                    c.print((int) arg2 == -1 ? "PR_SET_PTRACER_ANY" : Integer.toString((int) arg2));
            case "PR_SET_SECCOMP" -> {
                c.print(SECCOMP_MODES.value(c.arch(), arg2));
                String mode = SECCOMP_MODES.name(c.arch(), arg2);
                if ("SECCOMP_MODE_FILTER".equals(mode)) {
                    c.print(BpfPrograms.fprog(c, c.ulong(2), true)); // as seccomp(2) prints it
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
                    c.print(
                            ProcessStructs.intAt(
                                    c, arg2, signo -> Signals.styled(c.arch(), signo)));
            case "PR_GET_TID_ADDRESS" -> c.print(ProcessStructs.wordAt(c, arg2, true));
            default -> {}
        }
    }

    private static String result(Call c) {
        String text = Long.toString(c.result());
        if (option(c).equals("PR_GET_DUMPABLE")) {
            String name = DUMPABLE.name(c.arch(), c.result());
            return name != null ? text + " (" + name + ")" : text;
        }
        return text;
    }
}
