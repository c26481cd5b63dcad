package io.rawsys.vdso;

/**
 * An ELF image is malformed: a header, table or string lies outside the image, a count is
 * impossible, a chain loops. The message says what and where. Unchecked: a vDSO is written by the
 * kernel, so a bad one is a bug, not a condition to handle.
 */
public final class ElfFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * A malformed image.
     *
     * @param message what is wrong, and where in the image
     */
    public ElfFormatException(String message) {
        super(message);
    }
}
