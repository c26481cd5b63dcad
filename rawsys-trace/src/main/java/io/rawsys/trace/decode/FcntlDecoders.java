package io.rawsys.trace.decode;

import java.lang.foreign.MemorySegment;

/**
 * fcntl and fcntl64: the third argument as each command reads it (flags, a lock, an owner, a
 * signal), the structs the kernel fills printed at exit, and the results strace explains, such as
 * {@code 0x8002 (flags O_RDWR|O_LARGEFILE)}.
 */
final class FcntlDecoders {
    private FcntlDecoders() {}

    static void register(Decoders d) {
        d.add("fcntl", new Fcntl(false));
        d.add("fcntl64", new Fcntl(true));
    }

    /** How a command's argument is printed, and when. */
    private enum Shape {
        /** No argument printed. */
        NONE,
        /** Printed at entry. */
        ENTRY,
        /** Printed at exit: the kernel writes it. */
        EXIT
    }

    private record Fcntl(boolean large) implements Decoder {
        private String command(Call c) {
            String name = FileTables.FCNTL_COMMANDS.name(c.arch(), c.uint(1));
            return name == null ? "" : name;
        }

        private Shape shape(Call c) {
            return switch (command(c)) {
                case "F_GETFD",
                        "F_GETFL",
                        "F_GETOWN",
                        "F_GETSIG",
                        "F_GETLEASE",
                        "F_GETPIPE_SZ",
                        "F_GET_SEALS" ->
                        Shape.NONE;
                case "F_GETLK", "F_OFD_GETLK", "F_GETOWN_EX" -> Shape.EXIT;
                case "F_GETLK64" -> large ? Shape.EXIT : Shape.ENTRY;
                default -> Shape.ENTRY;
            };
        }

        @Override
        public void enter(Call c) {
            c.print(Args.FD.print(c, 0));
            c.print(FileArgs.xval(c, FileTables.FCNTL_COMMANDS, c.uint(1), "F_???"));
            if (shape(c) == Shape.ENTRY) {
                c.print(argument(c));
            }
        }

        @Override
        public boolean moreAtExit(Call c) {
            return shape(c) == Shape.EXIT;
        }

        @Override
        public void exit(Call c) {
            if (shape(c) == Shape.EXIT) {
                c.print(argument(c));
            }
            if (c.failed()) {
                return;
            }
            long r = c.result();
            switch (command(c)) {
                case "F_GETFD" -> {
                    if (r != 0) {
                        c.resultNote("(flags " + FileTables.FD_FLAGS.flags(c.arch(), r) + ")");
                    }
                }
                case "F_GETFL" -> c.resultNote("(flags " + FileArgs.openFlags(c, r) + ")");
                case "F_GETLEASE" -> {
                    String name = FileTables.LOCK_TYPES.name(c.arch(), r);
                    if (name != null) {
                        c.resultNote("(" + name + ")");
                    }
                }
                case "F_GET_SEALS" -> {
                    if (r != 0) {
                        c.resultNote("(seals " + FileTables.SEALS.flags(c.arch(), r) + ")");
                    }
                }
                case "F_GETSIG" -> {
                    if (r != 0) {
                        c.resultNote("(" + Signals.name(c.arch(), r) + ")");
                    }
                }
                default -> {}
            }
        }

        @Override
        public String result(Call c) {
            return switch (command(c)) {
                case "F_DUPFD", "F_DUPFD_CLOEXEC" -> Results.FD.apply(c);
                case "F_GETFL", "F_GETLEASE" -> Text.hex(c.result());
                case "F_GETFD", "F_GET_SEALS" -> c.result() == 0 ? "0" : Text.hex(c.result());
                default -> Long.toString(c.result());
            };
        }

        /** The third argument as the command reads or the kernel writes it. */
        private String argument(Call c) {
            long arg = c.ulong(2);
            return switch (command(c)) {
                case "F_SETFD" -> FileArgs.flags(c, FileTables.FD_FLAGS, c.uint(2), "FD_???");
                case "F_SETOWN", "F_SETPIPE_SZ", "F_DUPFD", "F_DUPFD_CLOEXEC" ->
                        Integer.toString(c.sint(2));
                case "F_SETFL" -> FileArgs.openFlags(c, c.uint(2));
                case "F_SETLK", "F_SETLKW" -> lock(c, "flock", arg, false);
                case "F_GETLK" -> lock(c, "flock", arg, true);
                case "F_OFD_SETLK", "F_OFD_SETLKW" -> lock(c, "flock64", arg, false);
                case "F_OFD_GETLK" -> lock(c, "flock64", arg, true);
                // the 64-bit lock commands are fcntl64's; fcntl prints their argument raw
                case "F_SETLK64", "F_SETLKW64" ->
                        large ? lock(c, "flock64", arg, false) : Text.hex(arg);
                case "F_GETLK64" -> large ? lock(c, "flock64", arg, true) : Text.hex(arg);
                case "F_SETOWN_EX", "F_GETOWN_EX" -> owner(c, arg);
                case "F_NOTIFY" -> FileArgs.flags(c, FileTables.NOTIFY, arg, "DN_???");
                case "F_SETLEASE" -> FileArgs.xval(c, FileTables.LOCK_TYPES, arg, "F_???");
                case "F_ADD_SEALS" -> FileArgs.flags(c, FileTables.SEALS, arg, "F_SEAL_???");
                case "F_SETSIG" -> Signals.styled(c.arch(), arg);
                default -> Text.hex(arg);
            };
        }

        /**
         * {@code {l_type=F_WRLCK, l_whence=SEEK_SET, l_start=0, l_len=10}}, l_pid when read back.
         */
        private static String lock(Call c, String struct, long address, boolean withPid) {
            MemorySegment l = withPid && c.failed() ? null : Structs.read(c, struct, address);
            if (l == null) {
                return Text.pointer(address);
            }
            String s =
                    "{l_type="
                            + FileArgs.xval(
                                    c,
                                    FileTables.LOCK_TYPES,
                                    Structs.get(c, l, struct, "l_type") & 0xffff,
                                    "F_???")
                            + ", l_whence="
                            + FileArgs.xval(
                                    c,
                                    FileTables.WHENCE,
                                    Structs.get(c, l, struct, "l_whence") & 0xffff,
                                    "SEEK_???")
                            + ", l_start="
                            + Structs.get(c, l, struct, "l_start")
                            + ", l_len="
                            + Structs.get(c, l, struct, "l_len");
            if (withPid) {
                s += ", l_pid=" + Structs.get(c, l, struct, "l_pid");
            }
            return s + "}";
        }

        /** {@code {type=F_OWNER_PID, pid=0}}. */
        private static String owner(Call c, long address) {
            MemorySegment o =
                    c.hasExited() && c.failed() ? null : Structs.read(c, "f_owner_ex", address);
            if (o == null) {
                return Text.pointer(address);
            }
            return "{type="
                    + FileArgs.xval(
                            c,
                            FileTables.OWNER_TYPES,
                            Structs.get(c, o, "f_owner_ex", "type"),
                            "F_OWNER_???")
                    + ", pid="
                    + Structs.get(c, o, "f_owner_ex", "pid")
                    + "}";
        }
    }
}
