package io.rawsys.trace.decode;

/**
 * fanotify_init and fanotify_mark, as strace 6.1's fanotify.c prints them: the notification class
 * then the other flags, the events' open flags; the mark's flags, its 64-bit event mask (a pair of
 * words on a 32-bit ABI), the directory (FAN_NOFD by name) and the path.
 */
final class FanotifyDecoders {
    private FanotifyDecoders() {}

    private static final Xlat CLASSES = Xlat.load("fan_classes");
    private static final Xlat INIT_FLAGS = Xlat.load("fan_init_flags");
    private static final Xlat MARK_FLAGS = Xlat.load("fan_mark_flags");
    private static final Xlat EVENTS = Xlat.load("fan_event_flags");
    private static final Xlat NOFD = Xlat.load("fan_nofd");

    /** FAN_CLASS_NOTIF, FAN_CLASS_CONTENT and FAN_CLASS_PRE_CONTENT's bits. */
    private static final long CLASS_BITS = 0xc;

    static void register(Decoders d) {
        d.add(
                "fanotify_init",
                new Signature(FanotifyDecoders::initFlags, FileArgs.OPEN_FLAGS)
                        .returning(Results.FD));
        d.add("fanotify_mark", Coded.atEntry(FanotifyDecoders::mark));
    }

    /** The class, then {@code |} and the other flags if any are set, each by its own table. */
    private static String initFlags(Call c, int at) {
        long flags = c.uint(at);
        String text = CLASSES.value(c.arch(), flags & CLASS_BITS);
        long rest = flags & ~CLASS_BITS;
        return rest == 0 ? text : text + "|" + INIT_FLAGS.flags(c.arch(), rest);
    }

    private static void mark(Call c) {
        c.print(Args.FD.print(c, 0));
        c.print(MARK_FLAGS.flags(c.arch(), c.uint(1)));
        c.print(EVENTS.flags(c.arch(), Args.wide(c, 2)));
        int dirfd = 2 + Args.WIDE.words(c, 2);
        c.print(c.sint(dirfd) == -1 ? NOFD.decimal(c.arch(), -1) : Args.DIRFD.print(c, dirfd));
        c.print(Args.PATH.print(c, dirfd + 1));
    }
}
