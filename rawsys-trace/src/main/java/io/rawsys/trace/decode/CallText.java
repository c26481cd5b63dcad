package io.rawsys.trace.decode;

import io.rawsys.Arch;
import java.util.List;

/**
 * What strace prints of a call, worked out on the decode side, once, from the call and its decoder:
 * the outputs only copy these texts, so they cannot disagree, and nothing outside the decoders asks
 * a decoder how it prints.
 */
public final class CallText {
    private CallText() {}

    /** How many of the call's printed arguments were printed at entry. */
    private static int atEntry(Call c) {
        return c.printedAtEntry() < 0 ? c.printed().size() : c.printedAtEntry();
    }

    /** {@code name(args printed at entry}, and {@code ", "} when more follow at exit. */
    public static String entry(Call c, Decoder d) {
        int entry = atEntry(c);
        String args = String.join(", ", c.printed().subList(0, entry));
        boolean more = d.moreAtExit(c) && entry > 0;
        return c.name() + "(" + args + (more ? ", " : "");
    }

    /**
     * The arguments printed at exit and the closing parenthesis, joined to the entry part as the
     * decoder says (strace's clone ends its entry line after the flags, and prints the separator
     * with the exit part).
     */
    public static String exit(Call c, Decoder d) {
        int entry = atEntry(c);
        List<String> atExit = c.printed().subList(entry, c.printed().size());
        String separator = entry > 0 && !atExit.isEmpty() ? d.exitSeparator(c) : "";
        return separator + String.join(", ", atExit) + ")";
    }

    /** What follows {@code =} for a call that returned: the decoder's result, or the error. */
    public static String result(Call c, Decoder d) {
        if (c.failed()) {
            return error(c.arch(), -c.result());
        }
        String note = c.resultNote();
        return d.result(c) + (note.isEmpty() ? "" : " " + note);
    }

    /** {@code -1 ENOENT (No such file or directory)}, or strace's {@code ?} for a restart. */
    public static String error(Arch arch, long errno) {
        String restart =
                switch ((int) errno) {
                    case 512 -> "ERESTARTSYS (To be restarted if SA_RESTART is set)";
                    case 513 -> "ERESTARTNOINTR (To be restarted)";
                    case 514 -> "ERESTARTNOHAND (To be restarted if no handler)";
                    case 515 -> "ENOIOCTLCMD (No ioctl command)";
                    case 516 -> "ERESTART_RESTARTBLOCK (Interrupted by signal)";
                    default -> null;
                };
        if (restart != null) {
            return "? " + restart;
        }
        String name =
                arch.errnos()
                        .name((int) errno)
                        .orElseGet(
                                () ->
                                        errno >= 517 && errno < 517 + KERNEL_INTERNAL.size()
                                                ? KERNEL_INTERNAL.get((int) errno - 517)
                                                : Long.toString(errno));
        return "-1 " + name + " (" + arch.errnos().message((int) errno) + ")";
    }

    /**
     * The kernel's own error numbers from 517 on (include/linux/errno.h, which user space never
     * includes, so no generated table has them), named as strace 6.1's errnoent names them; their
     * text is libc's "Unknown error N". A number strace has no name for prints as itself.
     */
    private static final List<String> KERNEL_INTERNAL =
            java.util.Arrays.asList(
                    "EPROBE_DEFER", // 517
                    "EOPENSTALE",
                    "519", // ENOPARAM, newer than strace 6.1's table
                    "520", // unused
                    "EBADHANDLE",
                    "ENOTSYNC",
                    "EBADCOOKIE",
                    "ENOTSUPP",
                    "ETOOSMALL",
                    "ESERVERFAULT",
                    "EBADTYPE",
                    "EJUKEBOX",
                    "EIOCBQUEUED",
                    "ERECALLCONFLICT"); // 530
}
