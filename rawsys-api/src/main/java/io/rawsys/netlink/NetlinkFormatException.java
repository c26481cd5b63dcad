package io.rawsys.netlink;

/**
 * Netlink bytes are malformed: a message or attribute claims more bytes than there are, fewer than
 * its own header, or a value is shorter than its type. The message says what and where. Unchecked,
 * like {@link io.rawsys.vdso.ElfFormatException}: the kernel writes these bytes, so a bad one is a
 * bug or a hostile sender, and nothing past the bytes is ever read.
 */
public final class NetlinkFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Malformed netlink bytes.
     *
     * @param message what is wrong, and where
     */
    public NetlinkFormatException(String message) {
        super(message);
    }
}
