package io.rawsys.trace.decode;

import java.util.List;

/**
 * The termios flag tables, in strace's order, and how strace prints the four flag words: the output
 * delays and the baud rate and character size as single values, the rest as flags.
 */
final class TerminalTables {
    private TerminalTables() {}

    static final Xlat INPUT = Xlat.load("term_iflags");

    static final Xlat OUTPUT = Xlat.load("term_oflags");

    static final Xlat CONTROL = Xlat.load("term_cflags");

    static final Xlat LOCAL = Xlat.load("term_lflags");

    static final Xlat BAUD = Xlat.load("baud_options");

    static final Xlat SIZE = Xlat.load("term_cflags_csize");

    /**
     * An output delay: the mask of its bits and its values (XTABS before TAB3, whose value it
     * shares).
     */
    private record Delay(String mask, Xlat values) {}

    private static final List<Delay> DELAYS =
            List.of(
                    new Delay("NLDLY", Xlat.load("term_oflags_nldly")),
                    new Delay("CRDLY", Xlat.load("term_oflags_crdly")),
                    new Delay("TABDLY", Xlat.load("term_oflags_tabdly")),
                    new Delay("BSDLY", Xlat.load("term_oflags_bsdly")),
                    new Delay("VTDLY", Xlat.load("term_oflags_vtdly")),
                    new Delay("FFDLY", Xlat.load("term_oflags_ffdly")));

    static final Xlat MODEM = Xlat.load("modem_flags");

    static final Xlat XONC = Xlat.load("tcxonc_options");
    static final Xlat FLUSH = Xlat.load("tcflsh_options");

    /** {@code c_iflag=ICRNL|IXON, c_oflag=NL0|CR0|…|OPOST, c_cflag=B38400|CS8|CREAD, c_lflag=…}. */
    static String flags(Call c, long input, long output, long control, long local) {
        var k = c.arch().constants();
        StringBuilder s = new StringBuilder("c_iflag=").append(INPUT.flags(c.arch(), input));
        s.append(", c_oflag=");
        long rest = output;
        for (Delay delay : DELAYS) {
            long mask = k.value(delay.mask());
            s.append(delay.values().value(c.arch(), rest & mask)).append('|');
            rest &= ~mask;
        }
        s.append(OUTPUT.flags(c.arch(), rest));
        s.append(", c_cflag=");
        long baud = k.value("CBAUD");
        long inputBaud = k.value("CIBAUD");
        long shift = k.value("IBSHIFT");
        long size = k.value("CSIZE");
        s.append(BAUD.value(c.arch(), control & baud)).append('|');
        if ((control & inputBaud) != 0) {
            s.append(BAUD.value(c.arch(), (control & inputBaud) >>> shift)).append("<<IBSHIFT|");
        }
        s.append(SIZE.value(c.arch(), control & size)).append('|');
        s.append(CONTROL.flags(c.arch(), control & ~(baud | inputBaud | size)));
        s.append(", c_lflag=").append(LOCAL.flags(c.arch(), local));
        return s.toString();
    }
}
