package io.rawsys.trace.decode;

/**
 * The files and file descriptors family: reading and writing, opening and closing, fcntl, the stat
 * family, names and attributes, extended attributes, directory entries, the terminal ioctls, and
 * mounts by id.
 */
public final class FileDecoders {
    private FileDecoders() {}

    /** Adds every decoder of the family. */
    public static void register(Decoders decoders) {
        ReadWriteDecoders.register(decoders);
        OpenDecoders.register(decoders);
        FcntlDecoders.register(decoders);
        StatDecoders.register(decoders);
        PathDecoders.register(decoders);
        FileTimesDecoders.register(decoders);
        XattrDecoders.register(decoders);
        DirentDecoders.register(decoders);
        TtyIoctlDecoders.register(decoders);
        MountDecoders.register(decoders);
    }
}
