package io.rawsys.trace.decode;

import io.rawsys.Arch;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * ioctl, for the terminal and generic file requests a shell and {@code ls} make (termios, window
 * size, process group, FIONREAD, FIONBIO, FIOCLEX …); any other request is printed as strace prints
 * one it cannot name, {@code _IOC(_IOC_READ, 0x78, 0x3, 0x4)}, with its argument in hex.
 */
final class TtyIoctlDecoders {
    private TtyIoctlDecoders() {}

    static void register(Decoders d) {
        d.add("ioctl", new Ioctl());
    }

    /**
     * The requests named here, by the names strace prints; where two share a number (the sound
     * timer's requests and TCSETS* on x86) strace prints both, joined by {@code or}.
     */
    private static final List<String> REQUESTS =
            List.of(
                    "TCGETS",
                    "TCSETS",
                    "TCSETSW",
                    "TCSETSF",
                    "TCGETA",
                    "TCSETA",
                    "TCSETAW",
                    "TCSETAF",
                    "TCSBRK",
                    "TCXONC",
                    "TCFLSH",
                    "TIOCEXCL",
                    "TIOCNXCL",
                    "TIOCSCTTY",
                    "TIOCGPGRP",
                    "TIOCSPGRP",
                    "TIOCOUTQ",
                    "TIOCSTI",
                    "TIOCGWINSZ",
                    "TIOCSWINSZ",
                    "TIOCMGET",
                    "TIOCMBIS",
                    "TIOCMBIC",
                    "TIOCMSET",
                    "TIOCGSOFTCAR",
                    "TIOCSSOFTCAR",
                    "FIONREAD",
                    "TIOCLINUX",
                    "TIOCCONS",
                    "TIOCGSERIAL",
                    "TIOCSSERIAL",
                    "TIOCPKT",
                    "FIONBIO",
                    "TIOCNOTTY",
                    "TIOCSETD",
                    "TIOCGETD",
                    "TCSBRKP",
                    "TIOCSBRK",
                    "TIOCCBRK",
                    "TIOCGSID",
                    "TIOCGRS485",
                    "TIOCSRS485",
                    "TCGETX",
                    "TCSETX",
                    "TCSETXF",
                    "TCSETXW",
                    "TIOCVHANGUP",
                    "TIOCGPTPEER",
                    "FIONCLEX",
                    "FIOCLEX",
                    "FIOASYNC",
                    "TIOCSERCONFIG",
                    "TIOCSERGWILD",
                    "TIOCSERSWILD",
                    "TIOCGLCKTRMIOS",
                    "TIOCSLCKTRMIOS",
                    "TIOCSERGSTRUCT",
                    "TIOCSERGETLSR",
                    "TIOCSERGETMULTI",
                    "TIOCSERSETMULTI",
                    "TIOCMIWAIT",
                    "TIOCGICOUNT",
                    "FIOQSIZE",
                    "TIOCGPTN",
                    "TIOCSPTLCK",
                    "TIOCGDEV",
                    "TCGETS2",
                    "TCSETS2",
                    "TCSETSW2",
                    "TCSETSF2",
                    "TIOCSIG",
                    "TIOCGPKT",
                    "TIOCGPTLCK",
                    "TIOCGEXCL",
                    "TIOCGISO7816",
                    "TIOCSISO7816",
                    "SNDCTL_TMR_START",
                    "SNDCTL_TMR_STOP",
                    "SNDCTL_TMR_CONTINUE");

    private static final Map<Arch, Map<Long, List<String>>> BY_NUMBER = new ConcurrentHashMap<>();

    /** The names of {@code request} on {@code arch}, in strace's (alphabetical) order. */
    private static List<String> names(Arch arch, long request) {
        return BY_NUMBER
                .computeIfAbsent(
                        arch,
                        a -> {
                            Map<Long, TreeSet<String>> sets = new java.util.HashMap<>();
                            for (String name : REQUESTS) {
                                a.constants()
                                        .find(name)
                                        .ifPresent(
                                                v ->
                                                        sets.computeIfAbsent(
                                                                        v & 0xffff_ffffL,
                                                                        k -> new TreeSet<>())
                                                                .add(name));
                            }
                            Map<Long, List<String>> lists = new java.util.HashMap<>();
                            sets.forEach((k, v) -> lists.put(k, List.copyOf(v)));
                            return lists;
                        })
                .getOrDefault(request, List.of());
    }

    /** How a request's argument is printed. */
    private enum Shape {
        /** No argument. */
        NONE,
        /** The argument in hex: a request strace names but does not decode, or cannot name. */
        RAW,
        /** A signed int, the argument itself. */
        INT,
        /** A value of a table. */
        TABLE,
        /** Read by the kernel, printed at entry. */
        IN,
        /** Written by the kernel, printed at exit. */
        OUT
    }

    private static final class Ioctl implements Decoder {
        private static String name(Call c) {
            List<String> names = names(c.arch(), c.uint(1));
            return names.isEmpty() ? "" : names.getLast();
        }

        private static Shape shape(Call c) {
            return switch (name(c)) {
                case "TCGETS",
                        "TIOCGLCKTRMIOS",
                        "TCGETA",
                        "TIOCGWINSZ",
                        "TIOCMGET",
                        "TIOCGPGRP",
                        "TIOCGSID",
                        "TIOCGETD",
                        "TIOCGSOFTCAR",
                        "TIOCGPTN",
                        "FIONREAD",
                        "TIOCOUTQ",
                        "TIOCGEXCL",
                        "TIOCGDEV" ->
                        Shape.OUT;
                case "TCSETS",
                        "TCSETSW",
                        "TCSETSF",
                        "TIOCSLCKTRMIOS",
                        "TCSETA",
                        "TCSETAW",
                        "TCSETAF",
                        "TIOCSWINSZ",
                        "TIOCMBIS",
                        "TIOCMBIC",
                        "TIOCMSET",
                        "TIOCSPGRP",
                        "TIOCSETD",
                        "FIONBIO",
                        "FIOASYNC",
                        "TIOCPKT",
                        "TIOCSSOFTCAR",
                        "TIOCSPTLCK",
                        "TIOCSTI" ->
                        Shape.IN;
                case "TCXONC", "TCFLSH" -> Shape.TABLE;
                case "TCSBRK", "TCSBRKP", "TIOCSCTTY" -> Shape.INT;
                case "TIOCSBRK",
                        "TIOCCBRK",
                        "TIOCCONS",
                        "TIOCNOTTY",
                        "TIOCEXCL",
                        "TIOCNXCL",
                        "FIOCLEX",
                        "FIONCLEX",
                        "TIOCVHANGUP",
                        "TIOCSSERIAL" ->
                        Shape.NONE;
                default -> Shape.RAW;
            };
        }

        @Override
        public void enter(Call c) {
            c.print(Args.FD.print(c, 0));
            long request = c.uint(1);
            List<String> names = names(c.arch(), request);
            c.print(names.isEmpty() ? ioc(c, request) : String.join(" or ", names));
            switch (shape(c)) {
                case RAW -> c.print(Text.hex(c.ulong(2)));
                case INT -> c.print(Integer.toString(c.sint(2)));
                case TABLE -> c.print(table(c));
                case IN -> c.print(argument(c));
                default -> {}
            }
        }

        @Override
        public boolean moreAtExit(Call c) {
            return shape(c) == Shape.OUT;
        }

        @Override
        public void exit(Call c) {
            if (shape(c) == Shape.OUT) {
                c.print(argument(c));
            }
        }

        @Override
        public String result(Call c) {
            return Long.toString(c.result());
        }

        private static String table(Call c) {
            long v = c.ulong(2);
            return name(c).equals("TCXONC")
                    ? FileArgs.xval(c, TerminalTables.XONC, v, "TC???")
                    : FileArgs.xval(c, TerminalTables.FLUSH, v, "TC???");
        }

        /** The argument behind the pointer, as the request lays it out. */
        private static String argument(Call c) {
            long address = c.ulong(2);
            if (address == 0) {
                return "NULL";
            }
            if (c.hasExited() && c.failed()) {
                return Text.pointer(address);
            }
            return switch (name(c)) {
                case "TCGETS", "TCSETS", "TCSETSW", "TCSETSF", "TIOCGLCKTRMIOS", "TIOCSLCKTRMIOS" ->
                        termios(c, address);
                case "TCGETA", "TCSETA", "TCSETAW", "TCSETAF" -> termio(c, address);
                case "TIOCGWINSZ", "TIOCSWINSZ" -> winsize(c, address);
                case "TIOCMGET", "TIOCMBIS", "TIOCMBIC", "TIOCMSET" -> modem(c, address);
                case "TIOCSTI" -> Args.buffer(c, address, 1, false);
                default -> FileArgs.intAt(c, address, false);
            };
        }
    }

    /** strace's {@code _IOC(dir, type, nr, size)} for a request it has no name for. */
    static String ioc(Call c, long request) {
        var k = c.arch().constants();
        long dir = (request >>> k.value("_IOC_DIRSHIFT")) & k.value("_IOC_DIRMASK");
        long type = (request >>> k.value("_IOC_TYPESHIFT")) & k.value("_IOC_TYPEMASK");
        long nr = (request >>> k.value("_IOC_NRSHIFT")) & k.value("_IOC_NRMASK");
        long size = (request >>> k.value("_IOC_SIZESHIFT")) & k.value("_IOC_SIZEMASK");
        return "_IOC("
                + FileArgs.flags(c, IOC_DIRECTIONS, dir, "_IOC_???")
                + ", "
                + Text.hex(type)
                + ", "
                + Text.hex(nr)
                + ", "
                + Text.hex(size)
                + ")";
    }

    private static final Xlat IOC_DIRECTIONS = Xlat.load("ioctl_dirs");

    private static String winsize(Call c, long address) {
        MemorySegment w = Structs.read(c, "winsize", address);
        if (w == null) {
            return Text.pointer(address);
        }
        return "{ws_row="
                + Structs.get(c, w, "winsize", "ws_row")
                + ", ws_col="
                + Structs.get(c, w, "winsize", "ws_col")
                + ", ws_xpixel="
                + Structs.get(c, w, "winsize", "ws_xpixel")
                + ", ws_ypixel="
                + Structs.get(c, w, "winsize", "ws_ypixel")
                + "}";
    }

    private static String modem(Call c, long address) {
        MemorySegment m = Structs.bytes(c, address, 4);
        if (m == null) {
            return Text.pointer(address);
        }
        long flags =
                m.get(
                                java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED.withOrder(
                                        c.arch().byteOrder()),
                                0)
                        & 0xffff_ffffL;
        return "[" + FileArgs.flags(c, TerminalTables.MODEM, flags, "TIOCM_???") + "]";
    }

    /** {@code {c_iflag=…, c_oflag=…, c_cflag=…, c_lflag=…, ...}}: the kernel's termios. */
    private static String termios(Call c, long address) {
        MemorySegment t = Structs.read(c, "termios", address);
        if (t == null) {
            return Text.pointer(address);
        }
        return "{"
                + TerminalTables.flags(
                        c,
                        Structs.get(c, t, "termios", "c_iflag"),
                        Structs.get(c, t, "termios", "c_oflag"),
                        Structs.get(c, t, "termios", "c_cflag"),
                        Structs.get(c, t, "termios", "c_lflag"))
                + ", ...}";
    }

    /** The old termio: the same flags in 16-bit members (c_iflag … c_lflag, then the rest). */
    private static String termio(Call c, long address) {
        MemorySegment t = Structs.bytes(c, address, 8);
        if (t == null) {
            return Text.pointer(address);
        }
        var shorts =
                java.lang.foreign.ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(c.arch().byteOrder());
        return "{"
                + TerminalTables.flags(
                        c,
                        Short.toUnsignedLong(t.get(shorts, 0)),
                        Short.toUnsignedLong(t.get(shorts, 2)),
                        Short.toUnsignedLong(t.get(shorts, 4)),
                        Short.toUnsignedLong(t.get(shorts, 6)))
                + ", ...}";
    }
}
