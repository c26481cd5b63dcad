package io.rawsys.trace.decode;

/**
 * The termios flag tables, in strace's order, and how strace prints the four flag words: the output
 * delays and the baud rate and character size as single values, the rest as flags.
 */
final class TerminalTables {
    private TerminalTables() {}

    static final Xlat INPUT =
            Xlat.of(
                    "", "IGNBRK", "BRKINT", "IGNPAR", "PARMRK", "INPCK", "ISTRIP", "INLCR", "IGNCR",
                    "ICRNL", "IUCLC", "IXON", "IXANY", "IXOFF", "IMAXBEL", "IUTF8");

    static final Xlat OUTPUT =
            Xlat.of("", "OPOST", "OLCUC", "ONLCR", "OCRNL", "ONOCR", "ONLRET", "OFILL", "OFDEL");

    static final Xlat CONTROL =
            Xlat.of(
                    "", "CSTOPB", "CREAD", "PARENB", "PARODD", "HUPCL", "CLOCAL", "CMSPAR",
                    "CRTSCTS");

    static final Xlat LOCAL =
            Xlat.of(
                    "", "ISIG", "ICANON", "XCASE", "ECHO", "ECHOE", "ECHOK", "ECHONL", "NOFLSH",
                    "IEXTEN", "ECHOCTL", "ECHOPRT", "ECHOKE", "FLUSHO", "PENDIN", "TOSTOP",
                    "EXTPROC");

    static final Xlat BAUD =
            Xlat.of(
                    "B",
                    "B0",
                    "B50",
                    "B75",
                    "B110",
                    "B134",
                    "B150",
                    "B200",
                    "B300",
                    "B600",
                    "B1200",
                    "B1800",
                    "B2400",
                    "B4800",
                    "B9600",
                    "B19200",
                    "B38400",
                    "B57600",
                    "B76800",
                    "B115200",
                    "B153600",
                    "B230400",
                    "B307200",
                    "B460800",
                    "B500000",
                    "B576000",
                    "B614400",
                    "B921600",
                    "B1000000",
                    "B1152000",
                    "B1500000",
                    "B2000000",
                    "B2500000",
                    "B3000000",
                    "B3500000",
                    "B4000000",
                    "BOTHER");

    static final Xlat SIZE = Xlat.of("CS", "CS5", "CS6", "CS7", "CS8");

    /** Each output delay: its mask, its values (XTABS before TAB3, whose value it shares). */
    private static final String[][] DELAYS = {
        {"NLDLY", "NL?", "NL0", "NL1"},
        {"CRDLY", "CR?", "CR0", "CR1", "CR2", "CR3"},
        {"TABDLY", "TAB?", "XTABS", "TAB0", "TAB1", "TAB2", "TAB3"},
        {"BSDLY", "BS?", "BS0", "BS1"},
        {"VTDLY", "VT?", "VT0", "VT1"},
        {"FFDLY", "FF?", "FF0", "FF1"},
    };

    private static final Xlat[] DELAY_TABLES = new Xlat[DELAYS.length];

    static {
        for (int i = 0; i < DELAYS.length; i++) {
            String[] names = new String[DELAYS[i].length - 2];
            System.arraycopy(DELAYS[i], 2, names, 0, names.length);
            DELAY_TABLES[i] = Xlat.of(DELAYS[i][1], names);
        }
    }

    static final Xlat MODEM =
            Xlat.of(
                    "TIOCM_",
                    "TIOCM_LE",
                    "TIOCM_DTR",
                    "TIOCM_RTS",
                    "TIOCM_ST",
                    "TIOCM_SR",
                    "TIOCM_CTS",
                    "TIOCM_CAR",
                    "TIOCM_RNG",
                    "TIOCM_DSR",
                    "TIOCM_OUT1",
                    "TIOCM_OUT2",
                    "TIOCM_LOOP");

    static final Xlat XONC = Xlat.of("TC", "TCOOFF", "TCOON", "TCIOFF", "TCION");
    static final Xlat FLUSH = Xlat.of("TC", "TCIFLUSH", "TCOFLUSH", "TCIOFLUSH");

    /** {@code c_iflag=ICRNL|IXON, c_oflag=NL0|CR0|…|OPOST, c_cflag=B38400|CS8|CREAD, c_lflag=…}. */
    static String flags(Call c, long input, long output, long control, long local) {
        var k = c.arch().constants();
        StringBuilder s = new StringBuilder("c_iflag=").append(INPUT.flags(c.arch(), input));
        s.append(", c_oflag=");
        long rest = output;
        for (int i = 0; i < DELAYS.length; i++) {
            long mask = k.value(DELAYS[i][0]);
            s.append(FileArgs.xval(c, DELAY_TABLES[i], rest & mask, DELAYS[i][1])).append('|');
            rest &= ~mask;
        }
        s.append(OUTPUT.flags(c.arch(), rest));
        s.append(", c_cflag=");
        long baud = k.value("CBAUD");
        long inputBaud = k.value("CIBAUD");
        long shift = k.value("IBSHIFT");
        long size = k.value("CSIZE");
        s.append(FileArgs.xval(c, BAUD, control & baud, "B???")).append('|');
        if ((control & inputBaud) != 0) {
            s.append(FileArgs.xval(c, BAUD, (control & inputBaud) >>> shift, "B???"))
                    .append("<<IBSHIFT|");
        }
        s.append(FileArgs.xval(c, SIZE, control & size, "CS?")).append('|');
        s.append(CONTROL.flags(c.arch(), control & ~(baud | inputBaud | size)));
        s.append(", c_lflag=").append(LOCAL.flags(c.arch(), local));
        return s.toString();
    }
}
