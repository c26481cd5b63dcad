package io.rawsys.trace;

import java.nio.file.Path;
import java.util.List;

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
 * @param fdPaths -y: print descriptors with their paths
 * @param seccomp --seccomp-bpf: stop only at the traced calls
 * @param json --json: one JSON object per event
 * @param injections -e inject= and -e fault=
 * @param column -a: the column the results are aligned at
 * @param hexStrings -x, -xx, --strings-in-hex=: which strings print in hex escapes
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
        boolean fdPaths,
        boolean seccomp,
        boolean json,
        Injections injections,
        int column,
        io.rawsys.trace.decode.Text.Hex hexStrings) {

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
}
