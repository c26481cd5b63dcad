package io.rawsys.trace.decode;

/**
 * execve and execveat: the path, argv as an array of strings (at most -s of them, each cut at -s),
 * and envp abbreviated to its address and a count, {@code 0x7ffd… /* 35 vars *}{@code /}.
 */
final class ExecDecoders {
    private ExecDecoders() {}

    /** strace's execveat_flags: the *at flags. */
    static final Xlat FLAGS = FileTables.AT_FLAGS;

    static void register(Decoders d) {
        d.add("execve", Coded.atEntry(c -> exec(c, 0)));
        d.add(
                "execveat",
                Coded.atEntry(
                        c -> {
                            c.print(Args.DIRFD.print(c, 0));
                            exec(c, 1);
                            c.print(FLAGS.flags(c.arch(), c.uint(4)));
                        }));
    }

    private static void exec(Call c, int first) {
        c.print(Args.PATH.print(c, first));
        c.print(strings(c, c.ulong(first + 1)));
        long envp = c.ulong(first + 2);
        c.print(c.settings().verbose() ? strings(c, envp) : count(c, envp));
    }

    /** {@code ["a", "b", ...]}: the strings of a NULL-terminated array, at most -s of them. */
    static String strings(Call c, long address) {
        if (address == 0) {
            return "NULL";
        }
        int word = c.arch().wordSize();
        StringBuilder s = new StringBuilder();
        for (int n = 0; ; n++) {
            long at = address + (long) n * word;
            var bytes = Structs.bytes(c, at, word);
            if (bytes == null || Long.compareUnsigned(at, address) < 0) {
                if (n == 0) {
                    return Text.pointer(address);
                }
                return s.append(", ... /* ").append(Text.pointer(at)).append(" */]").toString();
            }
            long pointer = ProcessStructs.word(c, bytes);
            if (n == 0) {
                s.append('[');
            }
            if (pointer == 0) {
                break;
            }
            if (n != 0) {
                s.append(", ");
            }
            if (n + 1 > c.settings().stringLimit()) {
                s.append("...");
                break;
            }
            s.append(Args.cString(c, pointer, c.settings().stringLimit()));
        }
        return s.append(']').toString();
    }

    /** {@code 0x7ffd… /* 2 vars *}{@code /}: the array's address and how many strings it has. */
    private static String count(Call c, long address) {
        String text = Text.pointer(address);
        if (address == 0) {
            return text;
        }
        int word = c.arch().wordSize();
        long n = 0;
        long at = address;
        boolean unterminated = false;
        while (true) {
            var bytes = Structs.bytes(c, at, word);
            if (bytes == null) {
                if (n == 0) {
                    return text;
                }
                break;
            }
            if (ProcessStructs.word(c, bytes) == 0) {
                break;
            }
            n++;
            long next = at + word;
            if (Long.compareUnsigned(next, at) < 0) {
                unterminated = true;
                break;
            }
            at = next;
        }
        return text
                + " /* "
                + n
                + (n == 1 ? " var" : " vars")
                + (unterminated ? ", unterminated" : "")
                + " */";
    }
}
