package io.rawsys.trace;

import io.rawsys.trace.decode.Text;
import io.rawsys.trace.decode.Xlat;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * What a trace was asked for: strace's options, parsed and checked.
 *
 * @param command the program and its arguments to start, or empty with {@code attach}
 * @param attach processes to attach to (-p)
 * @param follow -f: also trace the children and threads the tracees create
 * @param output -o FILE, or null for stderr
 * @param filter -e trace= and -e status=
 * @param stringLimit -s: how many bytes of a string to print
 * @param summary -c: count instead of printing calls
 * @param syscallTimes -T: time spent in each call
 * @param timestamps -t, -tt, -ttt, -r
 * @param decodeFds -y, -yy, -e decode-fds=: what descriptors print with
 * @param seccomp --seccomp-bpf: stop only at the traced calls
 * @param json --json: one JSON object per event
 * @param injections -e inject= and -e fault=
 * @param column -a: the column the results are aligned at
 * @param hexStrings -x, -xx, --strings-in-hex=: which strings print in hex escapes
 * @param xlat -X: constants as names, numbers, or both
 * @param abbrev -e abbrev=, -v: the calls whose structures print abbreviated
 * @param verbose -e verbose=: the calls whose structures are read (the others print addresses)
 * @param raw -e raw=: the calls printed undecoded, every argument in hex
 * @param signals -e signal=: the signals whose deliveries are shown
 * @param quiet -q, -qq, -qqq, -e quiet=: the messages left out
 * @param decodePids -Y, -e decode-pids=comm: pids print with their command names
 * @param syscallNumbers -n: each call's number before its name
 * @param alwaysShowPid --always-show-pid: every line starts with its pid
 * @param syscallLimit --syscall-limit: detach after this many calls were shown; -1 for none
 * @param paths -P: only the calls that use these paths (or descriptors of them)
 * @param stackTrace -k: each call's stack, as the tracee was when it made it
 * @param detached -D's tracer: the process that becomes the command, seized instead of started;
 *     null otherwise
 */
record TraceOptions(
        List<String> command,
        List<Integer> attach,
        boolean follow,
        Path output,
        Filter filter,
        int stringLimit,
        boolean summary,
        boolean syscallTimes,
        Timestamps timestamps,
        Set<FdDecoding> decodeFds,
        boolean seccomp,
        boolean json,
        Injections injections,
        int column,
        Text.Hex hexStrings,
        Xlat.Style xlat,
        SyscallSet abbrev,
        SyscallSet verbose,
        SyscallSet raw,
        IntPredicate signals,
        Set<Quiet> quiet,
        boolean decodePids,
        boolean syscallNumbers,
        boolean alwaysShowPid,
        long syscallLimit,
        List<String> paths,
        boolean stackTrace,
        Detached.Target detached) {

    /** strace's -t, -tt, -ttt and -r. */
    enum Timestamps {
        NONE,
        /** -t: wall-clock time of day, seconds. */
        SECONDS,
        /** -tt: time of day with microseconds. */
        MICROS,
        /** -ttt: seconds since the epoch with microseconds. */
        EPOCH,
        /** -r: the time since the previous line. */
        RELATIVE
    }

    /** What -e decode-fds= adds to a descriptor: strace's path, socket, dev and pidfd. */
    enum FdDecoding {
        /** {@code 3</etc/passwd>} (-y). */
        PATH,
        /** {@code 3<UNIX-STREAM:[1234->1235]>}: a socket's protocol and addresses. */
        SOCKET,
        /** {@code 3</dev/null<char 1:3>>}: a device file's type and numbers. */
        DEV,
        /** {@code 3<pid:1234>}: the process a pidfd refers to. */
        PIDFD
    }

    /** The messages -e quiet= leaves out. */
    enum Quiet {
        /** "Process N attached", "detached". */
        ATTACH,
        /** "+++ exited with N +++", "+++ killed by SIG +++". */
        EXIT,
        /** -P's "Requested path … resolved into …". */
        PATH_RESOLUTION,
        /** "[ Process PID=N runs in 32 bit mode. ]". */
        PERSONALITY,
        /** "+++ superseded by execve in pid N +++". */
        THREAD_EXECVE
    }

    /** -y: descriptors print with their paths. */
    boolean fdPaths() {
        return decodeFds.contains(FdDecoding.PATH);
    }

    boolean quiet(Quiet what) {
        return quiet.contains(what);
    }
}
