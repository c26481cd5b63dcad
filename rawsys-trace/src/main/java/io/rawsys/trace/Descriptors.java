package io.rawsys.trace;

import io.rawsys.ErrnoException;
import io.rawsys.calls.FileCalls;
import io.rawsys.linux.Fcntl;
import io.rawsys.trace.decode.Call;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * What a tracee's descriptors refer to, as -y and -yy print them: the path /proc/PID/fd/FD links
 * to; with -e decode-fds=dev a device file's type and numbers, with pidfd the process a pidfd
 * refers to, with socket a socket's protocol and addresses (strace's formats).
 */
final class Descriptors implements Call.FdPaths {
    private final Set<TraceOptions.FdDecoding> decoding;
    private final io.rawsys.trace.decode.Text.Hex hex;

    /**
     * @param decoding what -y, -yy or -e decode-fds= asked for
     * @param hex -x, -xx: how a UNIX socket's path is quoted
     */
    Descriptors(Set<TraceOptions.FdDecoding> decoding, io.rawsys.trace.decode.Text.Hex hex) {
        this.decoding = decoding;
        this.hex = hex;
    }

    @Override
    public String path(int pid, int fd) {
        return linked(pid, fd);
    }

    /** The path descriptor {@code fd} of {@code pid} links to, or null if it has none. */
    static String linked(int pid, int fd) {
        try {
            return FileCalls.readlinkat(Fcntl.AT_FDCWD, "/proc/" + pid + "/fd/" + fd);
        } catch (ErrnoException e) {
            return null;
        }
    }

    private static final int SOCKET_SLOTS = 1024;
    private final long[] socketInodes = new long[SOCKET_SLOTS];
    private final String[] socketTexts = new String[SOCKET_SLOTS];

    @Override
    public boolean showsPaths() {
        return decoding.contains(TraceOptions.FdDecoding.PATH);
    }

    @Override
    public String replacement(int pid, int fd, String path) {
        if (decoding.contains(TraceOptions.FdDecoding.PIDFD) && path.equals("anon_inode:[pidfd]")) {
            String target = fdinfo(pid, fd, "Pid:");
            return target == null ? null : "pid:" + target;
        }
        if (decoding.contains(TraceOptions.FdDecoding.SOCKET)
                && path.startsWith("socket:[")
                && path.endsWith("]")) {
            try {
                long inode = Long.parseLong(path.substring(8, path.length() - 1));
                // as strace: what was found for a socket is kept for the trace (its 1024 slots by
                // inode), so a socket whose peer closed still shows the pair it was
                int slot = (int) (inode & (SOCKET_SLOTS - 1));
                if (socketInodes[slot] == inode && socketTexts[slot] != null) {
                    return socketTexts[slot];
                }
                String text = SocketDescriptions.describe(pid, fd, inode, hex);
                if (text != null && !text.endsWith(":[" + inode + "]")) {
                    socketInodes[slot] = inode;
                    socketTexts[slot] = text;
                }
                return text;
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    @Override
    public boolean deleted(int pid, int fd, String path) {
        try {
            Object open = Files.getAttribute(Path.of("/proc/" + pid + "/fd/" + fd), "unix:ino");
            Object named =
                    Files.getAttribute(
                            Path.of(path), "unix:ino", java.nio.file.LinkOption.NOFOLLOW_LINKS);
            Object openDev = Files.getAttribute(Path.of("/proc/" + pid + "/fd/" + fd), "unix:dev");
            Object namedDev =
                    Files.getAttribute(
                            Path.of(path), "unix:dev", java.nio.file.LinkOption.NOFOLLOW_LINKS);
            return !open.equals(named) || !openDev.equals(namedDev);
        } catch (IOException | RuntimeException e) {
            return true; // no file by that name: the descriptor's is gone
        }
    }

    @Override
    public String device(int pid, int fd, String path) {
        if (!decoding.contains(TraceOptions.FdDecoding.DEV) || !path.startsWith("/")) {
            return null;
        }
        try {
            Path link = Path.of("/proc/" + pid + "/fd/" + fd);
            int mode = (Integer) Files.getAttribute(link, "unix:mode");
            int type = mode & 0170000;
            if (type != 0020000 && type != 0060000) {
                return null;
            }
            long rdev = (Long) Files.getAttribute(link, "unix:rdev");
            long major = ((rdev >>> 8) & 0xfff) | ((rdev >>> 32) & ~0xfffL);
            long minor = (rdev & 0xff) | ((rdev >>> 12) & ~0xffL);
            return (type == 0020000 ? "char " : "block ") + major + ":" + minor;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The value of {@code field} in /proc/PID/fdinfo/FD, or null. */
    private static String fdinfo(int pid, int fd, String field) {
        try {
            for (String line :
                    Files.readAllLines(
                            Path.of("/proc/" + pid + "/fdinfo/" + fd),
                            StandardCharsets.ISO_8859_1)) {
                if (line.startsWith(field)) {
                    return line.substring(field.length()).strip();
                }
            }
        } catch (IOException e) {
            // gone
        }
        return null;
    }
}
