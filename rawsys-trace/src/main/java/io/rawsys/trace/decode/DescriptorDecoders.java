package io.rawsys.trace.decode;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Descriptors that stand for other things, and namespaces, and waiting with select, as strace 6.1's
 * pidfd_getfd.c, signalfd.c, clone.c and desc.c print them: pidfd_getfd (with -y the target's
 * descriptor as the target process has it), signalfd, signalfd4, setns, unshare, select (i386's old
 * select with its five arguments in memory, and _newselect), pselect6 and pselect6_time64 (the sets
 * at entry; after the result the descriptors found ready and the time left).
 */
final class DescriptorDecoders {
    private DescriptorDecoders() {}

    static final Xlat SFD_FLAGS = Xlat.load("sfd_flags");
    static final Xlat SETNS_TYPES = Xlat.load("setns_types");
    static final Xlat UNSHARE_FLAGS = Xlat.load("unshare_flags");

    private static final String[] SET_NAMES = {"in", "out", "except"};

    static void register(Decoders d) {
        d.add(
                "pidfd_getfd",
                Coded.atEntry(
                        c -> {
                            c.print(Args.fdText(c, c.sint(0)));
                            c.print(targetFd(c, c.sint(0), c.sint(1)));
                            c.print(Text.hex(c.uint(2)));
                        },
                        Results.FD));
        d.add("signalfd", Coded.atEntry(c -> signalfd(c, false), Results.FD));
        d.add("signalfd4", Coded.atEntry(c -> signalfd(c, true), Results.FD));
        d.add("setns", new Signature(Args.FD, FileArgs.flags(SETNS_TYPES, "CLONE_NEW???")));
        d.add(
                "unshare",
                new Signature(
                        (c, at) -> FileArgs.flags(c, UNSHARE_FLAGS, c.ulong(at), "CLONE_???")));
        // i386's "select" is the old one, its five arguments in memory; elsewhere select is
        // _newselect's
        d.add(
                "select",
                new Coded(
                        c -> {
                            if (old(c)) {
                                long[] args = oldArgs(c);
                                if (args == null) {
                                    c.print(Text.pointer(c.ulong(0)));
                                    return;
                                }
                                selectEntry(c, args, "timeval");
                            } else {
                                selectEntry(c, words(c), "timeval");
                            }
                        },
                        c -> false,
                        c -> {
                            long[] args = old(c) ? oldArgs(c) : words(c);
                            if (args != null) {
                                selectExit(c, args, "timeval");
                            }
                        }));
        d.add("_newselect", select("timeval", false));
        d.add("pselect6", select("timespec", true));
        d.add("pselect6_time64", select("kernel_timespec", true));
    }

    private static boolean old(Call c) {
        return c.arch().name().equals("i386");
    }

    /** The six argument words, as unsigned longs of the tracee. */
    private static long[] words(Call c) {
        long[] w = new long[6];
        for (int i = 0; i < 6; i++) {
            w[i] = c.ulong(i);
        }
        return w;
    }

    /** i386's old select: its five arguments, words at the address it was given; null if not. */
    private static long[] oldArgs(Call c) {
        int word = c.arch().wordSize();
        MemorySegment s = Peek.peek(c, c.ulong(0), 5L * word);
        if (s == null) {
            return null;
        }
        long[] w = new long[6];
        for (int i = 0; i < 5; i++) {
            w[i] = UapiStructs.word(c, s, (long) i * word);
        }
        return w;
    }

    private static Decoder select(String time, boolean mask) {
        return new Coded(
                c -> {
                    selectEntry(c, words(c), time);
                    if (mask) {
                        c.print(UapiStructs.kernelSigset(c, c.ulong(5)));
                    }
                },
                c -> false,
                c -> selectExit(c, words(c), time));
    }

    /** strace's fdsize: the bytes of a set of {@code nfds} descriptors, in whole words. */
    private static int setBytes(Call c, int nfds) {
        int word = c.arch().wordSize();
        return ((nfds + 7) / 8 + word - 1) & -word;
    }

    /** The descriptor count strace reads sets for: the int, no less than 0, no more than 2^20. */
    private static int clamped(long first) {
        int nfds = (int) first;
        return Math.min(Math.max(nfds, 0), 1024 * 1024);
    }

    /** strace's decode_select at entry: the count, the three sets, the timeout. */
    private static void selectEntry(Call c, long[] args, String time) {
        c.print(Integer.toString((int) args[0]));
        int nfds = clamped(args[0]);
        int size = setBytes(c, nfds);
        for (int i = 0; i < 3; i++) {
            long address = args[i + 1];
            if (size == 0) {
                c.print(Text.pointer(address));
                continue;
            }
            MemorySegment set = address == 0 ? null : Peek.peek(c, address, size);
            if (set == null) {
                c.print(Text.pointer(address));
                continue;
            }
            StringBuilder b = new StringBuilder("[");
            boolean first = true;
            for (int fd = 0; fd < nfds; fd++) {
                if (bit(set, fd)) {
                    b.append(first ? "" : " ").append(Args.fdText(c, fd));
                    first = false;
                }
            }
            c.print(b.append(']').toString());
        }
        c.print(
                UapiStructs.read(
                        c, args[4], Peek.size(c, time), s -> UapiStructs.time(c, time, s)));
    }

    private static boolean bit(MemorySegment set, int fd) {
        return (set.get(ValueLayout.JAVA_BYTE, fd / 8) >>> (fd % 8) & 1) != 0;
    }

    /** strace's 1024-byte text after a select's result, less room for one more set and fd. */
    private static final int ROOM = 1024 - (11 + 12 + 2);

    /**
     * strace's decode_select at exit: {@code (Timeout)}, or the descriptors found ready in each set
     * and the time left: {@code (in [3], out [4], left {tv_sec=0, tv_usec=5})}.
     */
    private static void selectExit(Call c, long[] args, String time) {
        if (c.failed()) {
            return;
        }
        long ready = c.result();
        if (ready == 0) {
            c.resultNote("(Timeout)");
            return;
        }
        int nfds = clamped(args[0]);
        int size = setBytes(c, nfds);
        StringBuilder s = new StringBuilder();
        String sep = "";
        for (int i = 0; i < 3 && ready > 0; i++) {
            long address = args[i + 1];
            MemorySegment set = address == 0 || size == 0 ? null : Peek.peek(c, address, size);
            if (set == null) {
                continue;
            }
            boolean first = true;
            for (int fd = 0; fd < nfds; fd++) {
                if (!bit(set, fd)) {
                    continue;
                }
                if (s.length() < ROOM) {
                    if (first) {
                        s.append(sep).append(SET_NAMES[i]).append(" [").append(fd);
                        first = false;
                        sep = ", ";
                    } else {
                        s.append(' ').append(fd);
                    }
                }
                if (--ready == 0) {
                    break;
                }
            }
            if (!s.isEmpty()) {
                s.append(']'); // as strace: after every set once one printed anything
            }
        }
        if (args[4] != 0) {
            String left = timeLeft(c, args[4], time);
            if (s.length() + 6 + sep.length() + left.length() < 1024) {
                s.append(sep).append("left ").append(left);
            }
        }
        c.resultNote("(" + s + ")");
    }

    /** strace's sprint_timeval/sprint_timespec: the time, or the address it cannot read. */
    private static String timeLeft(Call c, long address, String time) {
        MemorySegment s = Peek.peek(c, address, Peek.size(c, time));
        return s == null ? Text.hex(address) : UapiStructs.time(c, time, s);
    }

    /** signalfd and signalfd4: the descriptor, the mask and its size, and signalfd4's flags. */
    private static void signalfd(Call c, boolean flags) {
        c.print(Args.fdText(c, c.sint(0)));
        c.print(SigSets.at(c, c.ulong(1), c.ulong(2)));
        c.print(Long.toUnsignedString(c.ulong(2)));
        if (flags) {
            c.print(FileArgs.flags(c, SFD_FLAGS, c.uint(3), "SFD_???"));
        }
    }

    /**
     * pidfd_getfd's target descriptor: with -y, the path it has in the process the pidfd stands for
     * (its pid from the pidfd's fdinfo), as strace's printfd_pid prints it.
     */
    private static String targetFd(Call c, int pidfd, int fd) {
        if (!c.settings().fdPaths() || fd < 0) {
            return Integer.toString(fd);
        }
        int target = pidfdPid(c.pid(), pidfd);
        if (target <= 0) {
            return Integer.toString(fd);
        }
        String path = c.settings().paths().path(target, fd);
        if (path == null) {
            return Integer.toString(fd);
        }
        String deleted = " (deleted)";
        return path.endsWith(deleted)
                ? fd
                        + "<"
                        + Args.bracketed(c, path.substring(0, path.length() - deleted.length()))
                        + ">(deleted)"
                : fd + "<" + Args.bracketed(c, path) + ">";
    }

    /** The pid a tracee's pidfd stands for: the {@code Pid:} line of its fdinfo; -1 if none. */
    private static int pidfdPid(int pid, int pidfd) {
        if (pidfd < 0) {
            return -1;
        }
        try {
            for (String line :
                    java.nio.file.Files.readAllLines(
                            java.nio.file.Path.of("/proc/" + pid + "/fdinfo/" + pidfd))) {
                if (line.startsWith("Pid:")) {
                    return Integer.parseInt(line.substring(4).strip());
                }
            }
        } catch (java.io.IOException | RuntimeException gone) {
            return -1;
        }
        return -1;
    }
}
