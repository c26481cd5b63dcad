package io.rawsys.trace.decode;

/** The argument kinds most signatures are made of. */
public final class Args {
    private Args() {}

    /** strace reads paths up to PATH_MAX, whatever -s says. */
    static final int PATH_MAX = 4096;

    public static final Arg INT = (c, at) -> Integer.toString(c.sint(at));
    public static final Arg UINT = (c, at) -> Long.toString(c.uint(at));
    public static final Arg LONG = (c, at) -> Long.toString(c.slong(at));
    public static final Arg ULONG = (c, at) -> Long.toUnsignedString(c.ulong(at));
    public static final Arg HEX = (c, at) -> Text.hex(c.ulong(at));

    /** An unsigned int in hex: strace's PRINT_VAL_X of an {@code unsigned int} argument. */
    public static final Arg HEX32 = (c, at) -> Text.hex(c.uint(at));

    public static final Arg PTR = (c, at) -> Text.pointer(c.ulong(at));
    public static final Arg MODE = (c, at) -> Text.octal(c.uint(at));
    public static final Arg FD = (c, at) -> fdText(c, c.sint(at));

    /**
     * A directory descriptor of the *at calls: AT_FDCWD by name, with -y followed by the tracee's
     * working directory ({@code AT_FDCWD</home>}), as strace prints it.
     */
    public static final Arg DIRFD =
            (c, at) -> {
                if (c.sint(at) != (int) c.arch().constants().value("AT_FDCWD")) {
                    return fdText(c, c.sint(at));
                }
                String cwd = Xlat.styled(Integer.toString(c.sint(at)), "AT_FDCWD");
                if (!c.settings().fdPaths() || !c.settings().paths().showsPaths()) {
                    return cwd;
                }
                try {
                    return cwd
                            + "<"
                            + bracketed(
                                    c,
                                    io.rawsys.calls.FileCalls.readlinkat(
                                            io.rawsys.linux.Fcntl.AT_FDCWD,
                                            "/proc/" + c.pid() + "/cwd"))
                            + ">";
                } catch (io.rawsys.ErrnoException gone) {
                    return cwd;
                }
            };

    /** A path: a C string read up to PATH_MAX. */
    public static final Arg PATH =
            (c, at) -> {
                c.usePath(c.ulong(at));
                return cString(c, c.ulong(at), PATH_MAX);
            };

    /** Any other C string, cut at -s. */
    public static final Arg STRING = (c, at) -> cString(c, c.ulong(at), c.settings().stringLimit());

    /**
     * A 64-bit signed value (a file offset, a length): one word on a 64-bit ABI, a pair of words on
     * a 32-bit one, in the order and alignment that ABI passes pairs.
     */
    public static final Arg WIDE =
            new Arg() {
                @Override
                public String print(Call c, int at) {
                    return Long.toString(wide(c, at));
                }

                @Override
                public int words(Call c, int at) {
                    return switch (c.arch().abi().pairs()) {
                        case NONE -> 1;
                        case CONSECUTIVE -> 2;
                        case EVEN_REGISTER -> at % 2 == 0 ? 2 : 3;
                    };
                }
            };

    /** The 64-bit value starting at word {@code at}, as {@link #WIDE} reads it. */
    public static long wide(Call c, int at) {
        return switch (c.arch().abi().pairs()) {
            case NONE -> c.word(at);
            case CONSECUTIVE -> join(c, at);
            case EVEN_REGISTER -> join(c, at % 2 == 0 ? at : at + 1);
        };
    }

    private static long join(Call c, int first) {
        long a = c.word(first) & 0xffff_ffffL;
        long b = c.word(first + 1) & 0xffff_ffffL;
        return c.arch().byteOrder() == java.nio.ByteOrder.LITTLE_ENDIAN ? a | b << 32 : b | a << 32;
    }

    /** Flags of {@code table}, joined by {@code |}. */
    public static Arg flags(Xlat table) {
        return (c, at) -> table.flags(c.arch(), c.uint(at));
    }

    /** One value of {@code table}. */
    public static Arg xlat(Xlat table) {
        return (c, at) -> table.value(c.arch(), c.sint(at));
    }

    /**
     * A buffer the kernel reads, {@code length} bytes long, its length in word {@code lengthWord}.
     */
    public static Arg inBuffer(int lengthWord) {
        return (c, at) -> buffer(c, c.ulong(at), c.ulong(lengthWord), false);
    }

    /**
     * A buffer the kernel fills, printed at exit: as many bytes as the call returned, or its
     * address if the call failed.
     */
    public static final Arg OUT_BUFFER =
            Arg.atExit(
                    (c, at) ->
                            c.failed()
                                    ? Text.pointer(c.ulong(at))
                                    : buffer(c, c.ulong(at), c.result(), false));

    /** A process or thread id: {@code 1234}, or {@code 1234<cat>} with -Y. */
    public static final Arg PID = (c, at) -> pidText(c, c.sint(at));

    /** {@code pid} as strace prints it: with -Y, followed by its command name if it has one. */
    public static String pidText(Call c, long pid) {
        String text = Long.toString(pid);
        if (!c.settings().pidComm() || pid <= 0) {
            return text;
        }
        String comm = comm(pid);
        return comm == null ? text : text + "<" + comm + ">";
    }

    /** The command name of process {@code pid} (/proc/PID/comm), or null if it is gone. */
    public static String comm(long pid) {
        try {
            byte[] bytes =
                    java.nio.file.Files.readAllBytes(
                            java.nio.file.Path.of("/proc/" + pid + "/comm"));
            int n =
                    bytes.length > 0 && bytes[bytes.length - 1] == '\n'
                            ? bytes.length - 1
                            : bytes.length;
            return new String(bytes, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1);
        } catch (java.io.IOException | java.nio.file.InvalidPathException e) {
            return null;
        }
    }

    /** {@code fd} as strace prints it: {@code 3}, or {@code 3</etc/passwd>} with -y. */
    public static String fdText(Call c, int fd) {
        c.useDescriptor(fd);
        return fdTextOf(c, c.pid(), fd);
    }

    /**
     * A path inside -y's angle brackets: quoted as a string without its quotes, {@code <} and
     * {@code >} in octal, as strace prints it ({@code 3</tmp/a\74b\76>}).
     */
    static String bracketed(Call c, String path) {
        byte[] bytes = path.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Text.Hex style = c.settings().hex();
        String quoted = Text.quote(bytes, bytes.length, style);
        quoted = quoted.substring(1, quoted.length() - 1);
        StringBuilder s = new StringBuilder(quoted.length());
        for (int i = 0; i < quoted.length(); i++) {
            char ch = quoted.charAt(i);
            if (ch != '<' && ch != '>') {
                s.append(ch);
                continue;
            }
            boolean digitNext =
                    i + 1 < quoted.length()
                            && quoted.charAt(i + 1) >= '0'
                            && quoted.charAt(i + 1) <= '7';
            if (style == Text.Hex.NON_ASCII_CHARS) {
                s.append("\\x").append(Integer.toHexString(ch)); // as strace's other escapes then
            } else {
                s.append(digitNext ? "\\0" : "\\").append(Integer.toOctalString(ch));
            }
        }
        return s.toString();
    }

    /** A C string at {@code address}: quoted, cut with {@code ...} past {@code limit}. */
    public static String cString(Call c, long address, int limit) {
        if (address == 0) {
            return "NULL";
        }
        Memory.CString s = c.memory().string(address, limit);
        if (s == null) {
            return Text.pointer(address);
        }
        String quoted = Text.quote(s.bytes(), s.bytes().length, c.settings().hex());
        return s.truncated() ? quoted + "..." : quoted;
    }

    /**
     * A NUL-terminated string the kernel reads at most {@code max} bytes of (fsconfig's key and
     * value, reboot's argument), as strace's printstr_ex with that length: cut at -s like any
     * string, and when -s allows all {@code max} bytes and no NUL is among them, those bytes and
     * {@code ...}.
     */
    public static String boundedString(Call c, long address, int max) {
        int limit = c.settings().stringLimit();
        if (limit < max || address == 0 || max <= 0) {
            return cString(c, address, Math.min(limit, Math.max(max, 0)));
        }
        Memory.CString s = c.memory().string(address, max - 1);
        if (s == null || !s.truncated()) {
            return cString(c, address, max - 1);
        }
        byte[] all = c.memory().bytes(address, max);
        if (all == null) {
            return Text.pointer(address);
        }
        return Text.quote(all, all.length, c.settings().hex()) + "...";
    }

    /**
     * strace's printstrn: {@code length} bytes at {@code address} (an unsigned length, however
     * large), quoted, at most -s of them and {@code ...} when there are more; the address when the
     * bytes strace reads (one more than -s shows, or all if fewer) cannot be read.
     */
    public static String stringOfLength(Call c, long address, long length) {
        if (address == 0) {
            return "NULL";
        }
        int limit = c.settings().stringLimit();
        long size = Long.compareUnsigned(length, limit + 1L) < 0 ? length : limit + 1L;
        byte[] data = size > 0 ? c.memory().bytes(address, (int) size) : new byte[0];
        if (data == null) {
            return Text.pointer(address);
        }
        int shown = (int) Math.min(size, limit);
        String quoted = Text.quote(data, shown, c.settings().hex());
        return Long.compareUnsigned(length, limit) > 0 ? quoted + "..." : quoted;
    }

    /**
     * {@code length} bytes at {@code address}, quoted, at most -s of them, then {@code ...} if the
     * buffer is longer; the address if it cannot be read.
     */
    public static String buffer(Call c, long address, long length, boolean hex) {
        if (address == 0) {
            return "NULL";
        }
        int limit = c.settings().stringLimit();
        // the length is the kernel's size_t: 2^63 and more are lengths too, not negatives
        boolean cut = Long.compareUnsigned(length, limit) > 0;
        int shown = cut ? limit : (int) length;
        byte[] data = shown > 0 ? c.memory().bytes(address, shown) : new byte[0];
        if (data == null) {
            return Text.pointer(address);
        }
        String quoted = Text.quote(data, shown, hex ? Text.Hex.ALL : c.settings().hex());
        return cut ? quoted + "..." : quoted;
    }

    /**
     * The size of the tracee's {@code __kernel_long_t} (the kernel's long, in which many structs
     * and syscall arguments are given): its {@code __syscall_slong_t}, the width of a timespec's
     * tv_nsec; 8 on x32, whose words are 4.
     */
    public static int kernelLong(Call c) {
        return c.arch()
                .member("timespec", "tv_nsec")
                .map(m -> m.size())
                .orElse(c.arch().wordSize());
    }

    /** Argument word {@code i} as strace's {@code kernel_ulong_t}: all 64 bits on x32. */
    public static long kulong(Call c, int i) {
        return kernelLong(c) == 8 ? c.word(i) : c.uint(i);
    }

    /**
     * Descriptor {@code fd} of process {@code pid} (not necessarily the tracee's own: kcmp's), as
     * strace's printfd_pid prints it: {@code 3}, or with -y {@code 3</etc/passwd>} when {@code pid}
     * is positive and the descriptor has a path.
     */
    public static String fdTextOf(Call c, int pid, int fd) {
        if (!c.settings().fdPaths() || fd < 0 || pid <= 0) {
            return Integer.toString(fd);
        }
        Call.FdPaths paths = c.settings().paths();
        String path = paths.path(pid, fd);
        if (path == null) {
            return Integer.toString(fd);
        }
        String replacement = paths.replacement(pid, fd, path);
        if (replacement != null) {
            return fd + "<" + replacement + ">";
        }
        String device = paths.device(pid, fd, path);
        if (device != null) {
            return fd + "<" + bracketed(c, path) + "<" + device + ">>";
        }
        if (!paths.showsPaths()) {
            return Integer.toString(fd);
        }
        // strace takes the kernel's " (deleted)" out of the brackets: 5</tmp/#123>(deleted)
        String deleted = " (deleted)";
        return path.endsWith(deleted) && paths.deleted(pid, fd, path)
                ? fd
                        + "<"
                        + bracketed(c, path.substring(0, path.length() - deleted.length()))
                        + ">(deleted)"
                : fd + "<" + bracketed(c, path) + ">";
    }
}
