package io.rawsys.preload;

import java.util.ArrayList;
import java.util.List;

/** A call of the EXEC family: every exec and spawn variant, and system. */
public final class ExecCall extends Call {
    ExecCall(Function f, long[] a, Memory m) {
        super(f, a, m);
    }

    /**
     * The program (a file name looked up in PATH for the *p variants); null for fexecve, system.
     */
    public String path() {
        return stringArg(Kind.PATH, 0);
    }

    /** fexecve's descriptor, or -1. */
    public int fd() {
        return intArg(Kind.FD, 0, -1);
    }

    /** The argument vector (execl's list, gathered); empty for system. */
    public List<String> argv() {
        int i = index(Kind.ARGV, 0);
        return i < 0 ? List.of() : strings(args[i]);
    }

    /** The environment the program passed, or the process's environment when it passed none. */
    public List<String> env() {
        int i = index(Kind.ENVP, 0);
        if (i >= 0) return strings(args[i]);
        List<String> out = new ArrayList<>();
        System.getenv().forEach((k, v) -> out.add(k + "=" + v));
        return out;
    }

    /** system()'s command, or null. */
    public String command() {
        return stringArg(Kind.STR, 0);
    }
}
