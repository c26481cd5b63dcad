package io.rawsys.cli.exercise;

import io.rawsys.ErrnoException;
import io.rawsys.calls.FileCalls;
import io.rawsys.calls.IoctlCalls;
import io.rawsys.linux.Errno;
import io.rawsys.linux.Fcntl;
import io.rawsys.linux.Ioctl;
import io.rawsys.tool.Failure;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "attrs",
        mixinStandardHelpOptions = true,
        description = {
            "A file's inode flags, as lsattr prints them: ioctl(fd, FS_IOC_GETFLAGS, int *). --set changes them as"
                    + " chattr does, with FS_IOC_SETFLAGS. (The request is declared with a long argument, but the"
                    + " kernel reads and writes an int: the size in the number is a historical mistake.)",
        },
        footer = {
            "",
            "Examples:",
            "  rawsys ioctl attrs /etc/hostname",
            "  rawsys ioctl attrs --set +A-d notes.txt && lsattr notes.txt"
        })
final class IoctlAttrsCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Files or directories.")
    List<String> files;

    @Option(
            names = "--set",
            paramLabel = "MODE",
            description =
                    "chattr's syntax: +LETTERS adds, -LETTERS removes, =LETTERS sets exactly.")
    String mode;

    @Option(
            names = {"-l", "--names"},
            description = "Also print the flags by their FS_*_FL names.")
    boolean names;

    /** lsattr's letters (e2fsprogs 1.47, lib/e2p/pf.c), in the order it prints them. */
    record Letter(char letter, String name, int flag) {}

    static final List<Letter> LETTERS =
            List.of(
                    new Letter('s', "FS_SECRM_FL", Ioctl.FS_SECRM_FL),
                    new Letter('u', "FS_UNRM_FL", Ioctl.FS_UNRM_FL),
                    new Letter('S', "FS_SYNC_FL", Ioctl.FS_SYNC_FL),
                    new Letter('D', "FS_DIRSYNC_FL", Ioctl.FS_DIRSYNC_FL),
                    new Letter('i', "FS_IMMUTABLE_FL", Ioctl.FS_IMMUTABLE_FL),
                    new Letter('a', "FS_APPEND_FL", Ioctl.FS_APPEND_FL),
                    new Letter('d', "FS_NODUMP_FL", Ioctl.FS_NODUMP_FL),
                    new Letter('A', "FS_NOATIME_FL", Ioctl.FS_NOATIME_FL),
                    new Letter('c', "FS_COMPR_FL", Ioctl.FS_COMPR_FL),
                    new Letter('E', "FS_ENCRYPT_FL", Ioctl.FS_ENCRYPT_FL),
                    new Letter('j', "FS_JOURNAL_DATA_FL", Ioctl.FS_JOURNAL_DATA_FL),
                    new Letter('I', "FS_INDEX_FL", Ioctl.FS_INDEX_FL),
                    new Letter('t', "FS_NOTAIL_FL", Ioctl.FS_NOTAIL_FL),
                    new Letter('T', "FS_TOPDIR_FL", Ioctl.FS_TOPDIR_FL),
                    new Letter('e', "FS_EXTENT_FL", Ioctl.FS_EXTENT_FL),
                    new Letter('C', "FS_NOCOW_FL", Ioctl.FS_NOCOW_FL),
                    new Letter('x', "FS_DAX_FL", Ioctl.FS_DAX_FL),
                    new Letter('F', "FS_CASEFOLD_FL", Ioctl.FS_CASEFOLD_FL),
                    new Letter('N', "FS_INLINE_DATA_FL", Ioctl.FS_INLINE_DATA_FL),
                    new Letter('P', "FS_PROJINHERIT_FL", Ioctl.FS_PROJINHERIT_FL),
                    new Letter('V', "FS_VERITY_FL", Ioctl.FS_VERITY_FL),
                    new Letter('m', "FS_NOCOMP_FL", Ioctl.FS_NOCOMP_FL));

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        int status = 0;
        for (String file : files) {
            int fd;
            try {
                fd =
                        FileCalls.openat(
                                Fcntl.AT_FDCWD,
                                file,
                                Fcntl.O_RDONLY
                                        | Fcntl.O_NONBLOCK
                                        | Fcntl.O_NOFOLLOW
                                        | Fcntl.O_CLOEXEC);
            } catch (ErrnoException e) {
                spec.commandLine()
                        .getErr()
                        .println("rawsys ioctl attrs: " + file + ": " + Failure.describe(e));
                status = Failure.KERNEL;
                continue;
            }
            try {
                int flags = IoctlCalls.fileFlags(fd);
                if (mode != null) {
                    flags = apply(mode, flags);
                    IoctlCalls.setFileFlags(fd, flags);
                }
                out.println(letters(flags) + " " + file);
                if (names) {
                    out.println("    " + names(flags));
                }
            } catch (ErrnoException e) {
                String why =
                        e.errno() == Errno.ENOTTY || e.errno() == Errno.EOPNOTSUPP
                                ? ": its file system keeps no inode flags"
                                : "";
                spec.commandLine()
                        .getErr()
                        .println("rawsys ioctl attrs: " + file + ": " + Failure.describe(e) + why);
                status = Failure.KERNEL;
            } finally {
                FileCalls.close(fd);
            }
        }
        return status;
    }

    /** The flags as lsattr's letters: one position per known flag, '-' where it is clear. */
    static String letters(int flags) {
        StringBuilder s = new StringBuilder(LETTERS.size());
        for (Letter l : LETTERS) {
            s.append((flags & l.flag()) != 0 ? l.letter() : '-');
        }
        return s.toString();
    }

    /** The flags by name, with any the table lacks as a hex remainder. */
    static String names(int flags) {
        List<String> set = new ArrayList<>();
        int rest = flags;
        for (Letter l : LETTERS) {
            if ((flags & l.flag()) != 0) {
                set.add(l.name());
                rest &= ~l.flag();
            }
        }
        if (rest != 0) {
            set.add(String.format("0x%x", rest));
        }
        return set.isEmpty() ? "0" : String.join("|", set);
    }

    /** chattr's mode: a sequence of +LETTERS, -LETTERS and =LETTERS. */
    int apply(String mode, int flags) {
        if (mode.isEmpty() || "+-=".indexOf(mode.charAt(0)) < 0) {
            throw Failure.usage(
                    "--set wants chattr's syntax, e.g. +A, -d or =e; not '" + mode + "'");
        }
        char op = '+';
        for (char c : mode.toCharArray()) {
            if ("+-=".indexOf(c) >= 0) {
                op = c;
                if (c == '=') {
                    flags = 0;
                }
                continue;
            }
            Letter letter =
                    LETTERS.stream()
                            .filter(l -> l.letter() == c)
                            .findFirst()
                            .orElseThrow(
                                    () ->
                                            Failure.usage(
                                                    "'"
                                                            + c
                                                            + "' is no lsattr letter; they are "
                                                            + letters(-1)));
            flags = op == '-' ? flags & ~letter.flag() : flags | letter.flag();
        }
        return flags;
    }
}
